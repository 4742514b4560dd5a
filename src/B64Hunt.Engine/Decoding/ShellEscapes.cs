using System.IO;
using System.Text;

namespace B64Hunt.Decoding
{
    /// <summary>
    /// The backslash escapes printf and echo -e apply (\n \t \r \\ \a \b \f \v \e, \NNN and \0NNN octal, \xHH),
    /// and runs made only of octal escapes (printf '\143\165\162\154' | sh).
    /// </summary>
    internal static class ShellEscapes
    {
        public static bool IsOctal(char c) => c >= '0' && c <= '7';

        /// <summary>The text with printf's escapes applied, as bytes (octal and \x escapes may form UTF-8 or binary).</summary>
        public static byte[] Apply(string text)
        {
            var output = new MemoryStream(text.Length);
            var utf8 = new byte[4];
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c != '\\' || i + 1 >= text.Length)
                {
                    int n = Encoding.UTF8.GetBytes(text, i, char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1, utf8, 0);
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length) i++;
                    output.Write(utf8, 0, n);
                    continue;
                }
                char e = text[++i];
                switch (e)
                {
                    case 'n': output.WriteByte(10); break;
                    case 't': output.WriteByte(9); break;
                    case 'r': output.WriteByte(13); break;
                    case 'a': output.WriteByte(7); break;
                    case 'b': output.WriteByte(8); break;
                    case 'f': output.WriteByte(12); break;
                    case 'v': output.WriteByte(11); break;
                    case 'e': output.WriteByte(27); break;
                    case '\\': output.WriteByte((byte)'\\'); break;
                    case 'x':
                        int value = 0, digits = 0;
                        while (digits < 2 && i + 1 < text.Length && HexCodec.IsHexDigit(text[i + 1])) { value = value * 16 + HexValue(text[++i]); digits++; }
                        if (digits == 0) { output.WriteByte((byte)'\\'); output.WriteByte((byte)'x'); }
                        else output.WriteByte((byte)value);
                        break;
                    default:
                        if (IsOctal(e))
                        {
                            // \NNN (printf) or \0NNN (echo -e): up to three octal digits after an optional leading 0.
                            int v = e - '0', count = 1, max = e == '0' ? 4 : 3;
                            while (count < max && i + 1 < text.Length && IsOctal(text[i + 1])) { v = v * 8 + (text[++i] - '0'); count++; }
                            output.WriteByte((byte)(v & 0xff));
                        }
                        else
                        {
                            output.WriteByte((byte)'\\');
                            int n = Encoding.UTF8.GetBytes(text, i, 1, utf8, 0);
                            output.Write(utf8, 0, n);
                        }
                        break;
                }
            }
            return output.ToArray();
        }

        /// <summary>Length of the octal escape (\N to \NNN, or \0NNN) at i, or 0.</summary>
        public static int OctalEscapeAt(string t, int i)
        {
            if (i + 1 >= t.Length || t[i] != '\\' || !IsOctal(t[i + 1])) return 0;
            int max = t[i + 1] == '0' ? 4 : 3, j = i + 1;
            while (j < t.Length && j - i - 1 < max && IsOctal(t[j])) j++;
            return j - i;
        }

        /// <summary>Number of octal escapes in a row at i (stops at anything else).</summary>
        public static int CountOctalRun(string t, int i, out int end)
        {
            int count = 0, len;
            while ((len = OctalEscapeAt(t, i)) > 0) { i += len; count++; }
            end = i;
            return count;
        }

        private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }
}

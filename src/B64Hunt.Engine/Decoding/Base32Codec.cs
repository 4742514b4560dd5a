using System.IO;

namespace B64Hunt.Decoding
{
    /// <summary>RFC 4648 base32 (A-Z, 2-7, '=' padding), as `base32 -d`, `basenc --base32 -d` and b32decode read it.</summary>
    internal static class Base32Codec
    {
        public static bool IsSymbol(char c) => (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7');

        /// <summary>True when the text is base32 symbols, then at most six '=', with a symbol count a real encoder produces.</summary>
        public static bool IsBase32(string s)
        {
            int symbols = 0, padding = 0;
            foreach (char c in s)
            {
                if (c == '\n' || c == '\r') continue;
                if (c == '=') { padding++; continue; }
                if (padding > 0 || !IsSymbol(c)) return false;
                symbols++;
            }
            int tail = symbols % 8;
            return symbols >= 2 && padding <= 6 && tail != 1 && tail != 3 && tail != 6;
        }

        /// <summary>Decodes at most maxBytes; null when the text is not base32.</summary>
        public static byte[]? Decode(string s, int maxBytes, out bool truncated)
        {
            truncated = false;
            if (!IsBase32(s)) return null;
            var output = new MemoryStream(s.Length * 5 / 8 + 1);
            int buffer = 0, bits = 0;
            foreach (char c in s)
            {
                if (!IsSymbol(c)) continue;
                int value = c >= 'A' ? c - 'A' : c - '2' + 26;
                buffer = (buffer << 5) | value;
                bits += 5;
                if (bits >= 8)
                {
                    bits -= 8;
                    if (output.Length >= maxBytes) { truncated = true; break; }
                    output.WriteByte((byte)(buffer >> bits));
                    buffer &= (1 << bits) - 1;
                }
            }
            return output.ToArray();
        }
    }
}

using System;
using System.Collections.Generic;
using System.Text;

namespace B64Hunt.Decoding
{
    /// <summary>
    /// Undoes XOR with a key written in the same command line: the python or perl one-liner that XORs the decoded
    /// bytes with a literal ('k3y', b"secret", 0x5a, 42). Tried only on binary that decoded from a payload, only when
    /// the line has a '^' operator, with at most MaxKeys candidate keys near it; a key counts only when the result
    /// reads like a command.
    /// </summary>
    internal static class XorKeys
    {
        private const int MaxKeys = 16;
        private const int MaxKeyLength = 64;

        /// <summary>
        /// The first key that turns data into text that reads like a command (and, when the data already was text,
        /// reads clearly more like one: more letters and blanks); null when none does.
        /// </summary>
        public static byte[]? TryUndo(List<byte[]> keys, byte[] data, string? asText)
        {
            double bar = asText == null ? 0 : WordShare(asText) + 0.1;
            foreach (byte[] key in keys)
            {
                var output = new byte[data.Length];
                for (int i = 0; i < data.Length; i++) output[i] = (byte)(data[i] ^ key[i % key.Length]);
                if (TextClassifier.TryGetText(output, out string decoded) && TextClassifier.LooksLikeCommand(decoded) && WordShare(decoded) >= bar)
                    return output;
            }
            return null;
        }

        /// <summary>
        /// The share of letters, digits, blanks and the punctuation commands and URLs are made of (/ . : - _ | =):
        /// commands are mostly those, XOR noise spreads over every printable character.
        /// </summary>
        private static double WordShare(string text)
        {
            if (text.Length == 0) return 0;
            int words = 0;
            foreach (char c in text)
                if (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9') || " /.:-_|=\n".IndexOf(c) >= 0) words++;
            return (double)words / text.Length;
        }

        /// <summary>
        /// Candidate keys: quoted literals (no blanks, not an encoding name) and byte-sized integers within
        /// <see cref="Window"/> characters of a '^' operator. None when the text has no '^'.
        /// </summary>
        public static List<byte[]> Candidates(string text)
        {
            var keys = new List<byte[]>();
            for (int x = text.IndexOf('^'); x >= 0 && keys.Count < MaxKeys; x = text.IndexOf('^', x + 1))
            {
                if (Number(text, x + 1) is byte after) AddKey(keys, new[] { after });
                int j = x - 1;
                while (j >= 0 && text[j] == ' ') j--;
                int k = j;
                while (k >= 0 && char.IsLetterOrDigit(text[k])) k--;
                if (k < j && Number(text, k + 1) is byte before) AddKey(keys, new[] { before });
                int from = Math.Max(0, x - Window), to = Math.Min(text.Length, x + Window);
                for (int i = from; i < to && keys.Count < MaxKeys; i++)
                {
                    char q = text[i];
                    if (q != '\'' && q != '"') continue;
                    int close = text.IndexOf(q, i + 1, Math.Min(MaxKeyLength + 1, text.Length - i - 1));
                    if (close < 0) continue;
                    string literal = text.Substring(i + 1, close - i - 1);
                    if (literal.Length > 0 && literal.IndexOf(' ') < 0 && !IsCodeWord(literal)) AddKey(keys, Encoding.UTF8.GetBytes(literal));
                    i = close;
                }
                if (x - Window > text.Length) break;
            }
            return keys;
        }

        private const int Window = 200;

        private static void AddKey(List<byte[]> keys, byte[] key)
        {
            foreach (var k in keys)
                if (k.Length == key.Length && System.Linq.Enumerable.SequenceEqual(k, key)) return;
            keys.Add(key);
        }

        private static bool IsCodeWord(string literal) =>
            literal == "base64" || literal == "utf-8" || literal == "utf8" || literal == "ascii" || literal == "m" || literal == "u";

        private static byte? Number(string text, int i)
        {
            while (i < text.Length && text[i] == ' ') i++;
            int value = 0, digits = 0;
            if (i + 2 < text.Length && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X'))
            {
                for (i += 2; i < text.Length && HexCodec.IsHexDigit(text[i]) && digits < 3; i++, digits++) value = value * 16 + HexCodec.Value(text[i]);
            }
            else
            {
                for (; i < text.Length && text[i] >= '0' && text[i] <= '9' && digits < 4; i++, digits++) value = value * 10 + text[i] - '0';
            }
            if (digits == 0 || value < 1 || value > 255 || (i < text.Length && char.IsLetterOrDigit(text[i]))) return null;
            return (byte)value;
        }
    }
}

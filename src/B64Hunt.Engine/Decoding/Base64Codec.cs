using System;

namespace B64Hunt.Decoding
{
    /// <summary>
    /// Tolerant base64 decoding written by hand: Convert.TryFromBase64Chars and Base64.DecodeFromUtf8 take one
    /// alphabet and whole padded quanta, so the forms attackers use would need a cleaned copy first (a second pass
    /// and an allocation for every candidate). Accepted here: both alphabets at once (+/ and -_), missing padding,
    /// whitespace anywhere, decoding stops at the first '='. Output is bounded.
    /// </summary>
    internal static class Base64Codec
    {
        // Value of each ASCII char in the merged standard + url-safe alphabet; -1 = not base64.
        private static readonly sbyte[] Values = BuildValues();

        private static sbyte[] BuildValues()
        {
            var v = new sbyte[128];
            for (int i = 0; i < v.Length; i++) v[i] = -1;
            for (int i = 0; i < 26; i++) { v['A' + i] = (sbyte)i; v['a' + i] = (sbyte)(26 + i); }
            for (int i = 0; i < 10; i++) v['0' + i] = (sbyte)(52 + i);
            v['+'] = 62; v['-'] = 62; v['/'] = 63; v['_'] = 63;
            return v;
        }

        /// <summary>The 6-bit value of a symbol, -1 for anything else.</summary>
        public static int ValueOf(char c) => c < 128 ? Values[c] : -1;

        /// <summary>True for the 64 symbols of either alphabet (not '=').</summary>
        public static bool IsAlphabet(char c) => c < 128 && Values[c] >= 0;

        /// <summary>True for the 64 symbols of either alphabet, on a UTF-8 byte (any non-ASCII byte is not).</summary>
        public static bool IsAlphabet(byte b) => b < 128 && Values[b] >= 0;

        /// <summary>
        /// Decodes <paramref name="text"/>; whitespace is skipped, decoding stops at '='. Returns null when a
        /// character is outside both alphabets or nothing decodes. A dangling single trailing symbol (an
        /// impossible length, usually a truncated log field) is dropped. At most <paramref name="maxBytes"/>
        /// bytes are produced; <paramref name="truncated"/> says whether more would have followed.
        /// </summary>
        public static byte[]? Decode(string text, int maxBytes, out bool truncated)
        {
            truncated = false;
            int symbols = 0;
            foreach (char c in text)
            {
                if (c == '=') break;
                if (c < 128 && Values[c] >= 0) symbols++;
                else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return null;
            }
            long full = (long)symbols * 3 / 4;
            if (full == 0) return null;
            int size = (int)Math.Min(full, maxBytes);
            truncated = full > size;
            var output = new byte[size];
            int acc = 0, bits = 0, o = 0;
            foreach (char c in text)
            {
                if (o >= size || c == '=') break;
                if (c >= 128) continue;
                int v = Values[c];
                if (v < 0) continue;
                acc = (acc << 6) | v;
                bits += 6;
                if (bits >= 8)
                {
                    bits -= 8;
                    output[o++] = (byte)(acc >> bits);
                    acc &= (1 << bits) - 1;
                }
            }
            return output;
        }

        /// <summary>"base64url" when the payload uses only the url-safe extra symbols, else "base64".</summary>
        public static string AlphabetName(string text)
        {
            bool urlSafe = false;
            foreach (char c in text)
            {
                if (c == '+' || c == '/') return "base64";
                if (c == '-' || c == '_') urlSafe = true;
            }
            return urlSafe ? "base64url" : "base64";
        }
    }
}

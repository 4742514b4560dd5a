namespace B64Hunt.Decoding
{
    /// <summary>Hex layers: plain digit pairs (xxd -r -p, bytes.fromhex) and \xNN escapes (echo -e, printf).</summary>
    internal static class HexCodec
    {
        public static int Value(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            c = (char)(c | 0x20);
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            return -1;
        }

        public static bool IsHexDigit(char c) => Value(c) >= 0;

        /// <summary>A hex digit as a UTF-8 byte (a non-ASCII byte never is).</summary>
        public static bool IsHexDigit(byte b) => Value((char)b) >= 0;

        /// <summary>Decodes digit pairs, skipping whitespace and ':' separators; null on any other char or an odd count.</summary>
        public static byte[]? DecodeDigits(string text, int maxBytes, out bool truncated)
        {
            truncated = false;
            int digits = 0;
            foreach (char c in text)
            {
                if (Value(c) >= 0) digits++;
                else if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ':') return null;
            }
            if (digits == 0 || (digits & 1) != 0) return null;
            int size = digits / 2;
            if (size > maxBytes) { size = maxBytes; truncated = true; }
            var output = new byte[size];
            int o = 0, high = -1;
            foreach (char c in text)
            {
                if (o >= size) break;
                int v = Value(c);
                if (v < 0) continue;
                if (high < 0) high = v;
                else { output[o++] = (byte)((high << 4) | v); high = -1; }
            }
            return output;
        }

        /// <summary>Decodes a text made of \xNN escapes; chars between escapes are kept as their (ASCII) bytes.</summary>
        public static byte[]? DecodeEscapes(string text, int maxBytes, out bool truncated)
        {
            truncated = false;
            var output = new byte[System.Math.Min(text.Length, maxBytes)];
            int o = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (o >= output.Length) { truncated = true; break; }
                char c = text[i];
                if (c == '\\' && i + 3 < text.Length && (text[i + 1] == 'x' || text[i + 1] == 'X')
                    && Value(text[i + 2]) >= 0 && Value(text[i + 3]) >= 0)
                {
                    output[o++] = (byte)((Value(text[i + 2]) << 4) | Value(text[i + 3]));
                    i += 3;
                }
                else if (c < 128) output[o++] = (byte)c;
                else return null;
            }
            if (o == output.Length) return output;
            var exact = new byte[o];
            System.Array.Copy(output, exact, o);
            return exact;
        }

        /// <summary>Counts the \xNN escapes in text (used to tell an escaped layer from text that merely has one).</summary>
        public static int CountEscapes(string text)
        {
            int n = 0;
            for (int i = 0; i + 3 < text.Length; i++)
            {
                if (text[i] == '\\' && (text[i + 1] == 'x' || text[i + 1] == 'X') && Value(text[i + 2]) >= 0 && Value(text[i + 3]) >= 0)
                {
                    n++;
                    i += 3;
                }
            }
            return n;
        }
    }
}

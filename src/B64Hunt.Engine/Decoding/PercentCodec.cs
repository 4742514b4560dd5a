namespace B64Hunt.Decoding
{
    /// <summary>Percent-encoding (%XX) as carried in request strings; '+' is left alone because it is a base64 symbol.</summary>
    internal static class PercentCodec
    {
        /// <summary>Counts well-formed %XX escapes.</summary>
        public static int CountEscapes(string text)
        {
            int n = 0;
            for (int i = 0; i + 2 < text.Length; i++)
            {
                if (text[i] == '%' && HexCodec.IsHexDigit(text[i + 1]) && HexCodec.IsHexDigit(text[i + 2]))
                {
                    n++;
                    i += 2;
                }
            }
            return n;
        }

        /// <summary>Decodes %XX escapes to bytes; other chars must be ASCII (null otherwise).</summary>
        public static byte[]? Decode(string text, int maxBytes, out bool truncated)
        {
            truncated = false;
            var output = new byte[System.Math.Min(text.Length, maxBytes)];
            int o = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (o >= output.Length) { truncated = true; break; }
                char c = text[i];
                if (c == '%' && i + 2 < text.Length && HexCodec.IsHexDigit(text[i + 1]) && HexCodec.IsHexDigit(text[i + 2]))
                {
                    output[o++] = (byte)((HexCodec.Value(text[i + 1]) << 4) | HexCodec.Value(text[i + 2]));
                    i += 2;
                }
                else if (c < 128) output[o++] = (byte)c;
                else return null;
            }
            var exact = new byte[o];
            System.Array.Copy(output, exact, o);
            return exact;
        }

        /// <summary>The base64 symbol a percent escape stands for ('+', '/', '='), or '\0'.</summary>
        public static char Base64SymbolAt(string text, int i)
        {
            if (i + 2 >= text.Length || text[i] != '%') return '\0';
            char a = text[i + 1], b = (char)(text[i + 2] | 0x20);
            if (a == '2' && b == 'b') return '+';
            if (a == '2' && b == 'f') return '/';
            if (a == '3' && b == 'd') return '=';
            return '\0';
        }

        /// <summary><see cref="Base64SymbolAt(string, int)"/> over UTF-8 bytes.</summary>
        public static char Base64SymbolAt(System.ReadOnlySpan<byte> text, int i)
        {
            if (i + 2 >= text.Length || text[i] != (byte)'%') return '\0';
            byte a = text[i + 1], b = (byte)(text[i + 2] | 0x20);
            if (a == (byte)'2' && b == (byte)'b') return '+';
            if (a == (byte)'2' && b == (byte)'f') return '/';
            if (a == (byte)'3' && b == (byte)'d') return '=';
            return '\0';
        }
    }
}

using System;
using System.Runtime.CompilerServices;

namespace B64Hunt.Decoding
{
    /// <summary>
    /// The cheap test run on every log line. It must be a superset of what <see cref="PayloadDecoder"/> can
    /// emit, so it mirrors the decoder's entry conditions:
    ///  * a symbol run of 16+ with both upper and lower case (the bare-token tier needs exactly that);
    ///  * a run of 3+ symbols ended by '=' padding, or a %2B/%2F/%3D escape (the marked tier);
    ///  * a \xNN escape (hex escape candidates), an octal escape of three digits, two %XX escapes in a row;
    ///  * a decoder keyword (the context tier, including hex digits for xxd and friends).
    /// Quote pairs, line breaks and backslash continuations do not end a run here (the decoder may bridge them).
    /// The byte version runs on every log line before any string exists; it gives the same answer as the string
    /// version on the UTF-8 decoding of the bytes (invalid sequences decoded to U+FFFD), because every test here
    /// is on ASCII characters: an ASCII byte decodes to itself, and a run of non-ASCII bytes decodes to a run of
    /// one or more non-ASCII characters, each of which resets the state exactly as one does.
    /// </summary>
    internal static class PayloadPrefilter
    {
        private const byte Symbol = 1, Upper = 2, Lower = 4;
        private static readonly byte[] Classes = BuildClasses();

        private static byte[] BuildClasses()
        {
            var table = new byte[128];
            for (char c = 'A'; c <= 'Z'; c++) table[c] = Symbol | Upper;
            for (char c = 'a'; c <= 'z'; c++) table[c] = Symbol | Lower;
            for (char c = '0'; c <= '9'; c++) table[c] = Symbol;
            table['+'] = table['/'] = table['-'] = table['_'] = Symbol;
            return table;
        }

        private static bool IsOctal(char c) => c >= '0' && c <= '7';

        private static bool IsOctal(byte b) => b >= (byte)'0' && b <= (byte)'7';

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static bool MayContainPayload(string? line)
        {
            if (line == null || line.Length < 4) return false;
            int n = line.Length, run = 0, cases = 0;
            bool afterBreak = false;
            for (int i = 0; i < n; i++)
            {
                char c = line[i];
                int cls = c < 128 ? Classes[c] : 0;
                if (cls != 0)
                {
                    run++;
                    cases |= cls;
                    afterBreak = false;
                    if (run >= 16 && (cases & (Upper | Lower)) == (Upper | Lower)) return true;
                    // Any decoder keyword (ignoring the decoder's run-length rule, which only narrows).
                    if (i > 0 && DecoderKeywords.IsBigram(line[i - 1], c) && DecoderKeywords.MatchAt(line, i - 1) != DecoderContext.None) return true;
                    continue;
                }
                switch (c)
                {
                    case '=':
                        if (run >= 3 && (i + 1 >= n || line[i + 1] >= 128 || Classes[line[i + 1]] == 0)) return true;
                        break;
                    case '%':
                        if (PercentCodec.Base64SymbolAt(line, i) != '\0') return true;
                        // Two escapes in a row: a request string percent-encoded whole.
                        if (i + 5 < n && line[i + 3] == '%' && HexCodec.IsHexDigit(line[i + 1]) && HexCodec.IsHexDigit(line[i + 2])
                            && HexCodec.IsHexDigit(line[i + 4]) && HexCodec.IsHexDigit(line[i + 5])) return true;
                        break;
                    case '\\':
                        if (i + 3 < n && (line[i + 1] == 'x' || line[i + 1] == 'X') && HexCodec.IsHexDigit(line[i + 2]) && HexCodec.IsHexDigit(line[i + 3])) return true;
                        // An octal escape that can be a letter (\101 and up; \0NNN for echo -e).
                        if (i + 3 < n && IsOctal(line[i + 1]) && IsOctal(line[i + 2]) && IsOctal(line[i + 3])) return true;
                        if (i + 1 < n && (line[i + 1] == '\n' || line[i + 1] == '\r')) continue;
                        break;
                    case '\'':
                    case '"':
                        if (i + 1 < n && (line[i + 1] == '\'' || line[i + 1] == '"')) { i++; continue; }
                        break;
                    case '\n':
                    case '\r':
                        afterBreak = true;
                        continue;
                    case ' ':
                    case '\t':
                        // The decoder's wrap bridge skips the blanks that indent a continued line.
                        if (afterBreak) continue;
                        break;
                }
                run = 0;
                cases = 0;
                afterBreak = false;
            }
            return false;
        }

        /// <summary>
        /// <see cref="MayContainPayload(string)"/> over UTF-8 bytes, step for step; keep the two in step. The shortest
        /// line the string version accepts is 4 ASCII characters, so the length test agrees whatever the encoding.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static bool MayContainPayload(ReadOnlySpan<byte> line)
        {
            if (line.Length < 4) return false;
            byte[] classes = Classes;
            int n = line.Length, run = 0, cases = 0;
            bool afterBreak = false;
            for (int i = 0; i < n; i++)
            {
                byte c = line[i];
                int cls = c < 128 ? classes[c] : 0;
                if (cls != 0)
                {
                    run++;
                    cases |= cls;
                    afterBreak = false;
                    if (run >= 16 && (cases & (Upper | Lower)) == (Upper | Lower)) return true;
                    if (i > 0 && DecoderKeywords.IsBigram(line[i - 1], c) && DecoderKeywords.MatchAt(line, i - 1) != DecoderContext.None) return true;
                    continue;
                }
                switch (c)
                {
                    case (byte)'=':
                        if (run >= 3 && (i + 1 >= n || line[i + 1] >= 128 || classes[line[i + 1]] == 0)) return true;
                        break;
                    case (byte)'%':
                        if (PercentCodec.Base64SymbolAt(line, i) != '\0') return true;
                        if (i + 5 < n && line[i + 3] == (byte)'%' && HexCodec.IsHexDigit(line[i + 1]) && HexCodec.IsHexDigit(line[i + 2])
                            && HexCodec.IsHexDigit(line[i + 4]) && HexCodec.IsHexDigit(line[i + 5])) return true;
                        break;
                    case (byte)'\\':
                        if (i + 3 < n && (line[i + 1] == (byte)'x' || line[i + 1] == (byte)'X') && HexCodec.IsHexDigit(line[i + 2]) && HexCodec.IsHexDigit(line[i + 3])) return true;
                        if (i + 3 < n && IsOctal(line[i + 1]) && IsOctal(line[i + 2]) && IsOctal(line[i + 3])) return true;
                        if (i + 1 < n && (line[i + 1] == (byte)'\n' || line[i + 1] == (byte)'\r')) continue;
                        break;
                    case (byte)'\'':
                    case (byte)'"':
                        if (i + 1 < n && (line[i + 1] == (byte)'\'' || line[i + 1] == (byte)'"')) { i++; continue; }
                        break;
                    case (byte)'\n':
                    case (byte)'\r':
                        afterBreak = true;
                        continue;
                    case (byte)' ':
                    case (byte)'\t':
                        if (afterBreak) continue;
                        break;
                }
                run = 0;
                cases = 0;
                afterBreak = false;
            }
            return false;
        }
    }
}

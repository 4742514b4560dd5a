using System;
using System.Runtime.CompilerServices;
using B64Hunt.Sources;

namespace B64Hunt.Decoding
{
    /// <summary>
    /// Finds decoder keywords in one case-insensitive pass without allocation. A 16K-entry table of the
    /// keywords' first two letters keeps the per-character cost to one lookup; only a bigram hit compares
    /// the whole keyword.
    /// </summary>
    internal static class DecoderKeywords
    {
        /// <summary>
        /// Keywords count only inside a symbol run of at most 24 characters ("b64decode", "decode_base64",
        /// "/usr/bin/base64"): a long run is itself a payload candidate, and random base64 spells "hex" or "e64"
        /// often enough that it must not vouch for itself.
        /// </summary>
        private const int MaxKeywordRun = 24;

        private static readonly string[] Bigrams = { "b6", "e6", "ba", "op", "at", "pa", "de", "xx", "fr", "un", "he" };
        private static readonly bool[] BigramTable = BuildBigramTable();

        private static bool[] BuildBigramTable()
        {
            var table = new bool[128 * 128];
            foreach (string b in Bigrams) table[b[0] * 128 + b[1]] = true;
            return table;
        }

        /// <summary>True when the two chars (case-insensitive) may begin a keyword.</summary>
        public static bool IsBigram(char first, char second) => BigramTable[((first | 0x20) & 0x7f) * 128 + ((second | 0x20) & 0x7f)];

        /// <summary><see cref="IsBigram(char, char)"/> over UTF-8 bytes.</summary>
        public static bool IsBigram(byte first, byte second) => BigramTable[((first | 0x20) & 0x7f) * 128 + ((second | 0x20) & 0x7f)];

        public static DecoderContext Find(string text)
        {
            var found = DecoderContext.None;
            var pending = DecoderContext.None;
            int n = text.Length, runStart = 0;
            for (int i = 0; i <= n; i++)
            {
                char c = i < n ? text[i] : ' ';
                if (!Base64Codec.IsAlphabet(c))
                {
                    if (pending != DecoderContext.None && i - runStart <= MaxKeywordRun)
                    {
                        found |= pending;
                        if (found == (DecoderContext.Decoder | DecoderContext.Hex)) break;
                    }
                    pending = DecoderContext.None;
                    runStart = i + 1;
                    continue;
                }
                if (i > runStart && IsBigram(text[i - 1], c)) pending |= MatchAt(text, i - 1);
            }
            return found;
        }

        /// <summary>The keyword starting at position s (whose first two chars passed <see cref="IsBigram"/>).</summary>
        [MethodImpl(HotPath.AggressiveOptimization)]
        public static DecoderContext MatchAt(string text, int s)
        {
            switch ((char)(text[s] | 0x20))
            {
                case 'b':
                    // "b64" and "e64" cover base64, b64decode, decode64 and friends but not x86_64.
                    if (At(text, s, "b64")) return DecoderContext.Decoder;
                    if (At(text, s, "basenc") || At(text, s, "base16")) return DecoderContext.Decoder | DecoderContext.Hex;
                    break;
                case 'e':
                    if (At(text, s, "e64")) return DecoderContext.Decoder;
                    break;
                case 'o':
                    if (At(text, s, "openssl")) return DecoderContext.Decoder;
                    break;
                case 'a':
                    if (At(text, s, "atob")) return DecoderContext.Decoder;
                    break;
                case 'p':
                    if (At(text, s, "pack")) return DecoderContext.Decoder | DecoderContext.Hex;
                    break;
                case 'd':
                    if (At(text, s, "decode")) return DecoderContext.Decoder;
                    break;
                case 'x':
                    if (At(text, s, "xxd")) return DecoderContext.Decoder | DecoderContext.Hex;
                    break;
                case 'f':
                    if (At(text, s, "fromhex")) return DecoderContext.Decoder | DecoderContext.Hex;
                    break;
                case 'u':
                    if (At(text, s, "unhexlify")) return DecoderContext.Decoder | DecoderContext.Hex;
                    break;
                case 'h':
                    // hex2bin (php), or the bare word hex (codecs.decode(x,'hex'), -hex): not hex.txt or hexdump.
                    if (At(text, s, "hex2bin")) return DecoderContext.Decoder | DecoderContext.Hex;
                    if (At(text, s, "hex") && (s == 0 || !Base64Codec.IsAlphabet(text[s - 1]))
                        && (s + 3 >= text.Length || !Base64Codec.IsAlphabet(text[s + 3])))
                        return DecoderContext.Decoder | DecoderContext.Hex;
                    break;
            }
            return DecoderContext.None;
        }

        /// <summary>
        /// <see cref="MatchAt(string, int)"/> over UTF-8 bytes; keep the two in step. Keywords are ASCII and a
        /// non-ASCII byte never matches one, so the result equals that of the decoded string at the same character.
        /// </summary>
        [MethodImpl(HotPath.AggressiveOptimization)]
        public static DecoderContext MatchAt(ReadOnlySpan<byte> text, int s)
        {
            switch ((char)(text[s] | 0x20))
            {
                case 'b':
                    if (At(text, s, "b64")) return DecoderContext.Decoder;
                    if (At(text, s, "basenc") || At(text, s, "base16")) return DecoderContext.Decoder | DecoderContext.Hex;
                    break;
                case 'e':
                    if (At(text, s, "e64")) return DecoderContext.Decoder;
                    break;
                case 'o':
                    if (At(text, s, "openssl")) return DecoderContext.Decoder;
                    break;
                case 'a':
                    if (At(text, s, "atob")) return DecoderContext.Decoder;
                    break;
                case 'p':
                    if (At(text, s, "pack")) return DecoderContext.Decoder | DecoderContext.Hex;
                    break;
                case 'd':
                    if (At(text, s, "decode")) return DecoderContext.Decoder;
                    break;
                case 'x':
                    if (At(text, s, "xxd")) return DecoderContext.Decoder | DecoderContext.Hex;
                    break;
                case 'f':
                    if (At(text, s, "fromhex")) return DecoderContext.Decoder | DecoderContext.Hex;
                    break;
                case 'u':
                    if (At(text, s, "unhexlify")) return DecoderContext.Decoder | DecoderContext.Hex;
                    break;
                case 'h':
                    if (At(text, s, "hex2bin")) return DecoderContext.Decoder | DecoderContext.Hex;
                    if (At(text, s, "hex") && (s == 0 || !Base64Codec.IsAlphabet(text[s - 1]))
                        && (s + 3 >= text.Length || !Base64Codec.IsAlphabet(text[s + 3])))
                        return DecoderContext.Decoder | DecoderContext.Hex;
                    break;
            }
            return DecoderContext.None;
        }

        [MethodImpl(HotPath.AggressiveOptimization)]
        private static bool At(ReadOnlySpan<byte> text, int i, string keyword)
        {
            if (i + keyword.Length > text.Length) return false;
            for (int k = 0; k < keyword.Length; k++)
            {
                if ((char)(text[i + k] | 0x20) != keyword[k]) return false;
            }
            return true;
        }

        /// <summary>Case-insensitive match of a lower-case ASCII keyword at position i.</summary>
        [MethodImpl(HotPath.AggressiveOptimization)]
        private static bool At(string text, int i, string keyword)
        {
            if (i + keyword.Length > text.Length) return false;
            for (int k = 0; k < keyword.Length; k++)
            {
                if ((char)(text[i + k] | 0x20) != keyword[k]) return false;
            }
            return true;
        }
    }
}

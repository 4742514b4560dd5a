using System;
using System.Runtime.CompilerServices;

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

        /// <summary>One decoder keyword: lower-case ASCII, what it says about the line, and whether it must stand as a whole word.</summary>
        private readonly struct Keyword
        {
            public Keyword(string text, DecoderContext context, bool wholeWord = false)
            {
                Text = text;
                Context = context;
                WholeWord = wholeWord;
            }

            public string Text { get; }
            public DecoderContext Context { get; }
            public bool WholeWord { get; }
        }

        /// <summary>
        /// The keywords, in match order where two share a start. "b64" and "e64" cover base64, b64decode, decode64
        /// and friends but not x86_64; the bare word "hex" (codecs.decode(x,'hex'), -hex) counts, hex.txt and
        /// hexdump do not.
        /// </summary>
        private static readonly Keyword[] Keywords =
        {
            new Keyword("b64", DecoderContext.Decoder),
            new Keyword("b32", DecoderContext.Decoder | DecoderContext.Base32),
            new Keyword("base32", DecoderContext.Decoder | DecoderContext.Base32),
            new Keyword("basenc", DecoderContext.Decoder | DecoderContext.Hex | DecoderContext.Base32),
            new Keyword("base16", DecoderContext.Decoder | DecoderContext.Hex),
            new Keyword("e64", DecoderContext.Decoder),
            new Keyword("openssl", DecoderContext.Decoder),
            new Keyword("atob", DecoderContext.Decoder),
            new Keyword("pack", DecoderContext.Decoder | DecoderContext.Hex),
            new Keyword("decode", DecoderContext.Decoder),
            new Keyword("xxd", DecoderContext.Decoder | DecoderContext.Hex),
            new Keyword("fromhex", DecoderContext.Decoder | DecoderContext.Hex),
            new Keyword("unhexlify", DecoderContext.Decoder | DecoderContext.Hex),
            new Keyword("hex2bin", DecoderContext.Decoder | DecoderContext.Hex),
            new Keyword("hex", DecoderContext.Decoder | DecoderContext.Hex, wholeWord: true),
        };

        /// <summary>
        /// The keyword table as (text, whole word) pairs, for the service-side KQL filter (LogAnalytics/DecoderKql), so
        /// the filter can never miss a keyword the decoder uses.
        /// </summary>
        internal static System.Collections.Generic.IEnumerable<(string Text, bool WholeWord)> Table
        {
            get
            {
                foreach (Keyword k in Keywords) yield return (k.Text, k.WholeWord);
            }
        }

        /// <summary>The keywords by first letter (a to z), so a match compares only the few that can start there.</summary>
        private static readonly Keyword[][] KeywordsByLetter = BuildKeywordsByLetter();

        private static readonly bool[] BigramTable = BuildBigramTable();

        private static Keyword[][] BuildKeywordsByLetter()
        {
            var byLetter = new Keyword[26][];
            for (int letter = 0; letter < 26; letter++)
            {
                byLetter[letter] = Array.FindAll(Keywords, k => k.Text[0] == 'a' + letter);
            }
            return byLetter;
        }

        // The first two letters of every keyword: derived, so the table can never miss a keyword.
        private static bool[] BuildBigramTable()
        {
            var table = new bool[128 * 128];
            foreach (Keyword k in Keywords) table[k.Text[0] * 128 + k.Text[1]] = true;
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
                        if (found == (DecoderContext.Decoder | DecoderContext.Hex | DecoderContext.Base32)) break;
                    }
                    pending = DecoderContext.None;
                    runStart = i + 1;
                    continue;
                }
                if (i - runStart > MaxKeywordRun)
                {
                    // Inside a run too long to vouch for a keyword (a payload): go to its end without the bigram tests.
                    pending = DecoderContext.None;
                    while (i + 1 < n && Base64Codec.IsAlphabet(text[i + 1])) i++;
                    continue;
                }
                if (i > runStart && IsBigram(text[i - 1], c)) pending |= MatchAt(text, i - 1);
            }
            return found;
        }

        /// <summary>The keyword starting at position s (whose first two chars passed <see cref="IsBigram(char, char)"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static DecoderContext MatchAt(string text, int s)
        {
            int letter = (text[s] | 0x20) - 'a';
            if ((uint)letter >= 26) return DecoderContext.None;
            foreach (Keyword keyword in KeywordsByLetter[letter])
            {
                int end = s + keyword.Text.Length;
                if (At(text, s, keyword.Text)
                    && (!keyword.WholeWord || ((s == 0 || !Base64Codec.IsAlphabet(text[s - 1])) && (end >= text.Length || !Base64Codec.IsAlphabet(text[end])))))
                {
                    return keyword.Context;
                }
            }
            return DecoderContext.None;
        }

        /// <summary>
        /// <see cref="MatchAt(string, int)"/> over UTF-8 bytes, from the same keyword table. Keywords are ASCII and a
        /// non-ASCII byte never matches one, so the result equals that of the decoded string at the same character.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static DecoderContext MatchAt(ReadOnlySpan<byte> text, int s)
        {
            int letter = (text[s] | 0x20) - 'a';
            if ((uint)letter >= 26) return DecoderContext.None;
            foreach (Keyword keyword in KeywordsByLetter[letter])
            {
                int end = s + keyword.Text.Length;
                if (At(text, s, keyword.Text)
                    && (!keyword.WholeWord || ((s == 0 || !Base64Codec.IsAlphabet(text[s - 1])) && (end >= text.Length || !Base64Codec.IsAlphabet(text[end])))))
                {
                    return keyword.Context;
                }
            }
            return DecoderContext.None;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

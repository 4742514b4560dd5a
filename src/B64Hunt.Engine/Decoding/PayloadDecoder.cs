using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using B64Hunt.Model;
using B64Hunt.Sources;

namespace B64Hunt.Decoding
{
    /// <summary>
    /// Finds and decodes base64 (and hex, percent, gzip, zlib layered) payloads in Linux command lines.
    /// Thread-safe and stateless after construction.
    ///
    /// Candidates come from <see cref="CandidateScanner"/> (runs of base64 symbols, bridged across adjacent
    /// quotes and wrapped lines, and \xNN escape runs). Whether a candidate is emitted depends on how much the
    /// text around it says "this is encoded" (the tier), and what it decodes to:
    ///  * Context tier: the line names a decoder (base64 -d/--decode/-D, b64decode, basenc, openssl, busybox
    ///    base64, MIME::Base64, decode_base64, Base64.decode64, unpack("m"), base64_decode, Buffer.from(x,'base64'),
    ///    atob, xxd -r -p, fromhex, ...) or a URL path says "Base64/". Runs of MinPayloadLength+ symbols are
    ///    emitted when they decode to plausible text or inflate; binary is emitted (flagged, escaped) when it has
    ///    a known file magic (ELF, gzip, ...) or the run is 64+ symbols (API keys and secrets are shorter) mixing upper case, lower case and digits
    ///    in one alphabet. Hex-digit-only runs are decoded as hex here, and only here.
    ///  * Marked tier: no decoder named, but the run is padded ('=' / %3D), percent-escaped, or made of \xNN
    ///    escapes: emitted when it decodes to plausible text or inflates.
    ///  * Bare tier: a run of 16+ symbols (or MinPayloadLength when larger) with both upper and lower case and
    ///    nothing around it: emitted only when it decodes to text that reads like a command (a space or shell
    ///    metacharacter, mostly letters) or inflates. This catches bash -c "$(echo ...)" variants and rejects
    ///    identifiers, paths and random tokens.
    /// Never emitted: runs starting with '-' or '_' (options, identifiers); for runs starting with '/' (paths,
    /// URLs) only the part after the last '/' (or after "Base64/") is considered; hex-only runs without a hex
    /// decoder in context (hashes, ids, numbers); SSH public keys, digests and UUIDs (<see cref="LookAlikes"/>).
    ///
    /// Limits: at most MaxDepth layers per payload and nesting down to Depth MaxDepth-1 (warning
    /// "DecodeDepthLimitExceeded"), MaxDecodedBytes per layer ("DecompressionLimitExceeded" for gzip/zlib,
    /// "PayloadSizeLimitExceeded" otherwise, "DecompressionFailed" for corrupt streams), at most 256 payloads
    /// per line ("PayloadLimitExceeded"). All scanning is linear; any unexpected failure becomes the warning
    /// "DecoderFailed" with the payloads found so far.
    /// </summary>
    public sealed class PayloadDecoder
    {
        internal const int MaxPayloadsPerLine = 256;
        private const int BareMinLength = 16;
        private const int StrongBinaryMinLength = 64;
        private const int MaxDepthCap = 32;
        private const int TargetPreviewChars = 200;

        private readonly int _maxDepth;
        private readonly int _maxBytes;
        private readonly int _minLength;

        public PayloadDecoder(DecoderOptions? options = null)
        {
            options ??= new DecoderOptions();
            _maxDepth = Math.Min(Math.Max(options.MaxDepth, 1), MaxDepthCap);
            _maxBytes = Math.Max(options.MaxDecodedBytes, 1024);
            _minLength = Math.Max(options.MinPayloadLength, 4);
        }

        /// <summary>
        /// Cheap test for every log line: false means <see cref="Decode"/> would return nothing. True for a
        /// 16+ run of base64 symbols in both cases, a padded run, %2B/%2F/%3D, a \xNN escape or a decoder keyword.
        /// </summary>
        [MethodImpl(HotPath.AggressiveOptimization)]
        public static bool MayContainPayload(string commandLine) => PayloadPrefilter.MayContainPayload(commandLine);

        /// <summary>
        /// <see cref="MayContainPayload(string)"/> on a command line's UTF-8 bytes, before any string is made: the same
        /// answer as on the decoded string (invalid UTF-8 read as U+FFFD). The log readers' byte prefilter.
        /// </summary>
        [MethodImpl(HotPath.AggressiveOptimization)]
        public static bool MayContainPayload(ReadOnlySpan<byte> commandLine) => PayloadPrefilter.MayContainPayload(commandLine);

        /// <summary>
        /// All payloads in the command line, outermost first, each followed by the payloads found inside it.
        /// Never throws on hostile input; limits and failures are added to <paramref name="problems"/> as warnings.
        /// </summary>
        public IReadOnlyList<DecodedPayload> Decode(string commandLine, IList<Problem>? problems = null)
        {
            if (commandLine == null || !PayloadPrefilter.MayContainPayload(commandLine)) return Array.Empty<DecodedPayload>();
            var results = new List<DecodedPayload>();
            try
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                Scan(commandLine, 0, null, results, seen, problems, probeOnly: false);
            }
            catch (Exception ex)
            {
                problems?.Add(new Problem("DecoderFailed", ProblemKind.Warning,
                    "Decoding stopped early: " + ex.Message, Preview(commandLine), ex));
            }
            return results.Count == 0 ? (IReadOnlyList<DecodedPayload>)Array.Empty<DecodedPayload>() : results;
        }

        /// <summary>Scans one text (the command line or a decoded payload); with probeOnly, stops at the first hit and emits nothing.</summary>
        private bool Scan(string text, int depth, string? parent, List<DecodedPayload> results, HashSet<string> seen,
            IList<Problem>? problems, bool probeOnly)
        {
            DecoderContext context = DecoderKeywords.Find(text);
            var scanner = new CandidateScanner(text);
            while (scanner.Next(_minLength, out PayloadCandidate candidate))
            {
                Accepted? accepted = Evaluate(text, candidate, context, probeOnly ? null : problems);
                if (accepted == null && candidate.LastLineBreak >= 0)
                    accepted = RetryWithoutLineBreaks(text, candidate, context, probeOnly ? null : problems, ref scanner);
                if (accepted == null) continue;
                if (probeOnly) return true;

                if (results.Count >= MaxPayloadsPerLine)
                {
                    problems?.Add(new Problem("PayloadLimitExceeded", ProblemKind.Warning,
                        $"More than {MaxPayloadsPerLine} payloads in one line; the rest were skipped.", Preview(text)));
                    return true;
                }
                if (!seen.Add(depth.ToString() + "\n" + accepted.EncodedText)) continue;
                var peeled = accepted.Peeled;
                string shown = peeled.Text != null ? TextClassifier.Sanitize(peeled.Text) : TextClassifier.EscapedPreview(peeled.Data);
                results.Add(new DecodedPayload(accepted.EncodedText, shown, accepted.Chain.AsReadOnly(), peeled.Text == null,
                    depth, parent, peeled.Truncated));

                if (peeled.Text != null && PayloadPrefilter.MayContainPayload(peeled.Text))
                {
                    if (depth + 1 < _maxDepth)
                    {
                        if (Scan(peeled.Text, depth + 1, accepted.EncodedText, results, seen, problems, false)
                            && results.Count >= MaxPayloadsPerLine) return true;
                    }
                    else if (Scan(peeled.Text, depth + 1, accepted.EncodedText, results, seen, null, probeOnly: true))
                    {
                        problems?.Add(new Problem("DecodeDepthLimitExceeded", ProblemKind.Warning,
                            $"Payload nested deeper than MaxDepth ({_maxDepth}); the inner payload was not decoded.", Preview(accepted.EncodedText)));
                    }
                }
            }
            return false;
        }

        /// <summary>
        /// A run bridged over line breaks did not decode: it may have run into what is not payload (a here-doc's
        /// EOF, the next command). Retry without its last line (a wrapped payload plus one more line), then with
        /// its first line alone (a one-line payload plus lines that merely look wrapped); the lines after the
        /// accepted part are then scanned again without line-break bridges. Each char is decoded at most three
        /// times, so hostile many-line runs stay linear.
        /// </summary>
        private Accepted? RetryWithoutLineBreaks(string text, PayloadCandidate candidate, DecoderContext context,
            IList<Problem>? problems, ref CandidateScanner scanner)
        {
            var withoutLast = Truncate(text, candidate, candidate.EndBeforeLastLineBreak);
            if (candidate.FirstLineBreak == candidate.LastLineBreak) withoutLast.FirstLineBreak = withoutLast.LastLineBreak = -1;
            Accepted? accepted = withoutLast.Joined.Length >= _minLength ? Evaluate(text, withoutLast, context, problems) : null;
            if (accepted != null)
            {
                scanner.Restart(candidate.LastLineBreak, candidate.End);
                return accepted;
            }
            if (candidate.FirstLineBreak != candidate.LastLineBreak)
            {
                var firstLine = Truncate(text, candidate, candidate.EndBeforeFirstLineBreak);
                firstLine.FirstLineBreak = firstLine.LastLineBreak = -1;
                if (firstLine.Joined.Length >= _minLength) accepted = Evaluate(text, firstLine, context, problems);
            }
            scanner.Restart(candidate.FirstLineBreak, candidate.End);
            return accepted;
        }

        private static PayloadCandidate Truncate(string text, PayloadCandidate candidate, int end)
        {
            var shorter = candidate;
            shorter.End = end;
            shorter.Joined = Join(text, candidate.Start, end);
            shorter.Padded = false;
            return shorter;
        }

        private sealed class Accepted
        {
            public Accepted(string encodedText, List<string> chain, PeeledPayload peeled)
            {
                EncodedText = encodedText;
                Chain = chain;
                Peeled = peeled;
            }

            public string EncodedText { get; }
            public List<string> Chain { get; }
            public PeeledPayload Peeled { get; }
        }

        private enum Tier { Bare, Marked, Context }

        /// <summary>Decides whether one candidate is a payload, and decodes it. Null = not a payload.</summary>
        private Accepted? Evaluate(string text, PayloadCandidate candidate, DecoderContext context, IList<Problem>? problems)
        {
            string payload = candidate.Joined;
            int start = candidate.Start, end = candidate.End;
            var chain = new List<string>(4);
            byte[]? data;
            bool truncated;
            Tier tier = (context & DecoderContext.Decoder) != 0 ? Tier.Context : Tier.Marked;
            bool hexDigits = false;

            if (candidate.Kind == CandidateKind.HexEscapes)
            {
                data = HexCodec.DecodeEscapes(payload, _maxBytes, out truncated);
                chain.Add("hex");
            }
            else
            {
                bool raw = payload.Length == end - start;
                int marker = payload.IndexOf("base64/", StringComparison.OrdinalIgnoreCase);
                if (marker >= 0 || payload[0] == '/')
                {
                    // A path or URL: only what follows "Base64/" (Log4Shell-style URLs) or its last segment can be a payload.
                    int cut = marker >= 0 ? marker + 7 : payload.LastIndexOf('/') + 1;
                    if (!raw || cut >= payload.Length) return null;
                    if (marker >= 0) tier = Tier.Context;
                    payload = payload.Substring(cut);
                    start += cut;
                }
                if (payload[0] == '-' || payload[0] == '_' || payload.Length < _minLength) return null;
                if (LookAlikes.IsRejected(text, start, end, payload)) return null;

                bool padded = candidate.Padded && !EndsOnQuadBoundary(payload);
                if (tier != Tier.Context && !padded && !candidate.PercentEncoded)
                {
                    tier = Tier.Bare;
                    if (payload.Length < Math.Max(BareMinLength, _minLength) || !HasBothCases(payload)) return null;
                }
                if (candidate.FirstLineBreak >= 0 && (!IsCanonicalTail(payload) || EndsWithHereDocTerminator(text, end)))
                    return null; // bridged into the next line; the caller retries with the first line alone
                if (payload.Length < BareMinLength)
                {
                    // Short runs are easily chance hits: they must be whole tokens and canonically encoded.
                    if (!padded && !IsDelimitedToken(text, start, end)) return null;
                    if (!LookAlikes.IsHexDigitsOnly(payload) && !IsCanonicalTail(payload)) return null;
                }

                if (candidate.PercentEncoded) chain.Add("percent");
                hexDigits = LookAlikes.IsHexDigitsOnly(payload);
                if (hexDigits)
                {
                    // Hashes, ids and numbers are hex digits too: hex is a payload only when a hex decoder is named.
                    if ((context & DecoderContext.Hex) == 0) return null;
                    data = HexCodec.DecodeDigits(payload, _maxBytes, out truncated);
                    chain.Add("hex");
                }
                else
                {
                    data = Base64Codec.Decode(payload, _maxBytes, out truncated);
                    if (data != null && LookAlikes.IsSshKeyBlob(data)) return null;
                    chain.Add(Base64Codec.AlphabetName(payload));
                }
            }
            if (data == null || data.Length == 0) return null;

            string encoded = text.Substring(start, end - start);
            // Cheap pre-check before inflating or peeling: a first layer of bytes that is neither text, nor
            // compressed, nor a known format can only be a payload in the context tier.
            bool firstIsText = TextClassifier.TryGetText(data, out _);
            if (!firstIsText && tier != Tier.Context && !Decompressor.IsGzip(data) && !Decompressor.IsZlib(data)
                && !(candidate.Kind == CandidateKind.HexEscapes && TextClassifier.HasKnownBinaryMagic(data))
                && TextClassifier.TryUtf16LeToUtf8(data) == null) return null;

            // Warnings are held back until the candidate is accepted: a rejected look-alike must not warn.
            var warnings = problems != null ? new List<Problem>(0) : null;
            var peeled = LayerPeeler.Peel(data, chain, _maxDepth, _maxBytes, Preview(encoded), warnings);
            if (truncated)
            {
                peeled.Truncated = true;
                warnings?.Add(new Problem("PayloadSizeLimitExceeded", ProblemKind.Warning,
                    $"Decoded payload exceeds {_maxBytes} bytes; kept the first {_maxBytes} bytes.", Preview(encoded)));
            }

            bool accept;
            bool bridged = candidate.FirstLineBreak >= 0;
            if (peeled.Text != null)
            {
                accept = peeled.Inflated || (tier == Tier.Bare ? TextClassifier.LooksLikeCommand(peeled.Text) : TextClassifier.IsPlausible(peeled.Text));
                // A run bridged into the next line that is not payload decodes to text with a garbage tail.
                if (bridged && !peeled.Inflated && !ReferenceEquals(TextClassifier.Sanitize(peeled.Text), peeled.Text)) accept = false;
            }
            else if (peeled.Inflated || TextClassifier.HasKnownBinaryMagic(peeled.Data))
            {
                accept = true;
            }
            else if (candidate.Kind == CandidateKind.HexEscapes)
            {
                accept = tier == Tier.Context || data.Length >= 16;
            }
            else
            {
                accept = tier == Tier.Context && !hexDigits && !bridged && payload.Length >= StrongBinaryMinLength && LooksRandom(payload)
                    && (candidate.Padded || IsDelimitedToken(text, start, end)) && IsCanonicalTail(payload);
            }
            if (!accept) return null;
            if (warnings != null)
                foreach (var warning in warnings) problems!.Add(warning);
            return new Accepted(encoded, chain, peeled);
        }

        /// <summary>The last line of a wrapped run is a here-doc terminator word (EOF, END, ...) named after "&lt;&lt;" in the text.</summary>
        private static bool EndsWithHereDocTerminator(string text, int end)
        {
            int begin = end;
            while (begin > 0 && Base64Codec.IsAlphabet(text[begin - 1])) begin--;
            int length = end - begin;
            if (length == 0 || length > 16) return false;
            string word = text.Substring(begin, length);
            int at = text.IndexOf("<<", StringComparison.Ordinal);
            for (int tries = 0; at >= 0 && at < begin && tries < 8; tries++)
            {
                int i = at + 2;
                while (i < text.Length && (text[i] == '-' || text[i] == ' ' || text[i] == '\'' || text[i] == '"')) i++;
                if (string.CompareOrdinal(text, i, word, 0, length) == 0) return true;
                at = text.IndexOf("<<", at + 2, StringComparison.Ordinal);
            }
            return false;
        }

        /// <summary>True when the symbols before the padding already fill whole quads, so '=' was not padding.</summary>
        private static bool EndsOnQuadBoundary(string payload)
        {
            int symbols = 0;
            foreach (char c in payload)
                if (Base64Codec.IsAlphabet(c)) symbols++;
            return (symbols & 3) == 0;
        }

        /// <summary>
        /// A real encoder leaves the unused low bits of the last symbol zero and never ends with a lone symbol
        /// of a quad; a random short word does both three times in four.
        /// </summary>
        private static bool IsCanonicalTail(string payload)
        {
            int symbols = 0;
            char last = '\0';
            foreach (char c in payload)
            {
                if (!Base64Codec.IsAlphabet(c)) continue;
                symbols++;
                last = c;
            }
            int value = Base64Codec.ValueOf(last);
            switch (symbols & 3)
            {
                case 1: return false;
                case 2: return (value & 0x0f) == 0;
                case 3: return (value & 0x03) == 0;
                default: return true;
            }
        }

        /// <summary>The run is a whole shell word or argument: delimited by blanks, quotes, brackets, pipes, '=' or ','.</summary>
        private static bool IsDelimitedToken(string text, int start, int end)
        {
            char before = start > 0 ? text[start - 1] : ' ';
            char after = end < text.Length ? text[end] : ' ';
            return " \t\n'\"({,=<>|;`:".IndexOf(before) >= 0 && " \t\r\n'\")},|;`&>".IndexOf(after) >= 0;
        }

        private static bool HasBothCases(string s)
        {
            bool upper = false, lower = false;
            foreach (char c in s)
            {
                if (c >= 'A' && c <= 'Z') upper = true;
                else if (c >= 'a' && c <= 'z') lower = true;
                if (upper && lower) return true;
            }
            return false;
        }

        /// <summary>Encoded binary mixes upper, lower and digits and keeps to one alphabet; words, paths and identifiers rarely do.</summary>
        private static bool LooksRandom(string s)
        {
            bool upper = false, lower = false, digit = false, standard = false, urlSafe = false;
            foreach (char c in s)
            {
                if (c >= 'A' && c <= 'Z') upper = true;
                else if (c >= 'a' && c <= 'z') lower = true;
                else if (c >= '0' && c <= '9') digit = true;
                else if (c == '+' || c == '/') standard = true;
                else if (c == '-' || c == '_') urlSafe = true;
            }
            return upper && lower && digit && !(standard && urlSafe);
        }

        private static string Join(string text, int start, int end)
        {
            var sb = new System.Text.StringBuilder(end - start);
            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (Base64Codec.IsAlphabet(c) || c == '=') sb.Append(c);
                else if (c == '%' && PercentCodec.Base64SymbolAt(text, i) is char s && s != '\0') { sb.Append(s); i += 2; }
            }
            return sb.ToString();
        }

        private static string Preview(string s) => s.Length <= TargetPreviewChars ? s : s.Substring(0, TargetPreviewChars) + "...";
    }
}

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using B64Hunt.Errors;
using B64Hunt.Model;

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
        private readonly long _maxLineBytes;
        private readonly long _maxRunBytes;
        private readonly int _previewBytes;
        private const int LargeTextBytes = 1024 * 1024;

        public PayloadDecoder(DecoderOptions? options = null)
        {
            options ??= new DecoderOptions();
            _maxDepth = Math.Min(Math.Max(options.MaxDepth, 1), MaxDepthCap);
            _maxBytes = Math.Max(options.MaxDecodedBytes, 1024);
            _minLength = Math.Max(options.MinPayloadLength, 4);
            _maxLineBytes = Math.Max(options.MaxDecodedBytesPerLine, 1024);
            _maxRunBytes = Math.Max(options.MaxDecodedBytesPerRun, 1024);
            _previewBytes = Math.Max(options.PreviewBytes, 1024);
        }

        /// <summary>
        /// Cheap test for every log line: false means <see cref="Decode(string, IList{Problem}, DecodeBudget)"/> would return nothing. True for a
        /// 16+ run of base64 symbols in both cases, a padded run, %2B/%2F/%3D, a \xNN escape or a decoder keyword.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static bool MayContainPayload(string commandLine) => PayloadPrefilter.MayContainPayload(commandLine);

        /// <summary>
        /// <see cref="MayContainPayload(string)"/> on a command line's UTF-8 bytes, before any string is made: the same
        /// answer as on the decoded string (invalid UTF-8 read as U+FFFD). The log readers' byte prefilter.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static bool MayContainPayload(ReadOnlySpan<byte> commandLine) => PayloadPrefilter.MayContainPayload(commandLine);

        /// <summary>
        /// All payloads in the command line, outermost first, each followed by the payloads found inside it.
        /// Never throws on hostile input; limits and failures are added to <paramref name="problems"/> as warnings.
        /// </summary>
        public IReadOnlyList<DecodedPayload> Decode(string commandLine, IList<Problem>? problems = null) => Decode(commandLine, problems, null);

        /// <summary>A budget for one run of decoding (<see cref="DecoderOptions.MaxDecodedBytesPerRun"/>), to pass to <see cref="Decode(string, IList{Problem}, DecodeBudget)"/>.</summary>
        public DecodeBudget NewRunBudget() => new DecodeBudget(_maxRunBytes);

        /// <summary>
        /// <see cref="Decode(string, IList{Problem})"/> within a run's budget of decoded bytes (null: the line's budget only).
        /// </summary>
        public IReadOnlyList<DecodedPayload> Decode(string commandLine, IList<Problem>? problems, DecodeBudget? runBudget)
        {
            if (commandLine == null || !PayloadPrefilter.MayContainPayload(commandLine)) return Array.Empty<DecodedPayload>();
            return DecodePrefiltered(commandLine, problems, runBudget);
        }

        /// <summary>
        /// <see cref="Decode(string, IList{Problem}, DecodeBudget)"/> for a line that already passed <see cref="MayContainPayload(ReadOnlySpan{byte})"/>
        /// (the log readers' byte prefilter): the same answer without testing the line again.
        /// </summary>
        internal IReadOnlyList<DecodedPayload> DecodePrefiltered(string commandLine, IList<Problem>? problems, DecodeBudget? runBudget)
        {
            var results = new List<DecodedPayload>();
            try
            {
                var budget = new LineBudget(_maxLineBytes, runBudget);
                Scan(commandLine, 0, null, results, problems, probeOnly: false, budget);
            }
            catch (Exception ex)
            {
                problems?.Add(new Problem(ErrorIds.DecoderFailed, ProblemKind.Warning,
                    "Decoding stopped early: " + ex.Message, Preview(commandLine), ex));
            }
            return results.Count == 0 ? (IReadOnlyList<DecodedPayload>)Array.Empty<DecodedPayload>() : results;
        }

        /// <summary>
        /// Scans one text (the command line or a decoded payload); with probeOnly, stops at the first hit and emits nothing.
        /// First the places where the text decodes a literal itself (<see cref="DecodeSites"/>, uuencoded blocks), request
        /// strings percent-encoded whole and base64 in DNS labels; then every other candidate run. Spans already taken
        /// by the first passes are not looked at again.
        /// </summary>
        private bool Scan(string text, int depth, string? parent, List<DecodedPayload> results,
            IList<Problem>? problems, bool probeOnly, LineBudget budget)
        {
            DecoderContext context = DecoderKeywords.Find(text);
            List<KeyValuePair<int, int>>? claimed = null;
            var facts = new TextFacts(text);
            IList<Problem>? quiet = probeOnly ? null : problems;

            // A payload found by the passes below claims its span, so the candidate scan does not take it again.
            bool Claim(Accepted? accepted, int start, int end)
            {
                if (accepted == null) return false;
                (claimed ??= new List<KeyValuePair<int, int>>(2)).Add(new KeyValuePair<int, int>(start, end));
                return probeOnly || Emit(text, accepted, depth, parent, results, problems, budget);
            }

            // Literals handed to a decoder: before the candidate scan when the text has escapes to apply first (printf
            // '...\n...'), otherwise after it, for what it left (short literals, base32, uuencode): most lines then pay
            // only for the scan.
            bool decodes = (context & DecoderContext.Decoder) != 0
                || (text.IndexOf("${", StringComparison.Ordinal) >= 0 && text.IndexOf("${base64:", StringComparison.OrdinalIgnoreCase) >= 0);
            bool sitesFirst = decodes && text.IndexOf('\\') >= 0;
            if (sitesFirst && ScanSites()) return true;

            if (PercentRuns.MayApply(text))
            {
                foreach (PercentRun run in PercentRuns.Find(text, budget.Limit(_maxBytes, _previewBytes)))
                    if (!IsClaimed(claimed, run.Start, run.End) && Claim(EvaluatePercentRun(text, run, depth, quiet, budget), run.Start, run.End)) return true;
            }
            if (DnsLabels.MayApply(text))
            {
                foreach (LabelRun run in DnsLabels.Find(text))
                    if (!IsClaimed(claimed, run.Start, run.End) && Claim(EvaluateLabels(text, run, quiet, budget, ref facts), run.Start, run.End)) return true;
            }

            var scanner = new CandidateScanner(text);
            while (scanner.Next(_minLength, out PayloadCandidate candidate))
            {
                if (claimed != null && IsClaimed(claimed, candidate.Start, candidate.End)) continue;
                int limit = budget.Limit(_maxBytes, _previewBytes);
                Accepted? accepted = Evaluate(text, candidate, context, quiet, limit, ref facts);
                if (accepted == null && candidate.LastLineBreak >= 0)
                    accepted = RetryWithoutLineBreaks(text, candidate, context, quiet, ref scanner, limit, ref facts);
                if (accepted == null) continue;
                if (Claim(accepted, candidate.Start, candidate.End)) return true;
            }
            return decodes && !sitesFirst && ScanSites();

            bool ScanSites()
            {
                foreach (DecodeSite site in DecodeSites.Find(text, claimed))
                    if (!IsClaimed(claimed, site.Start, site.End) && Claim(EvaluateSite(text, site, quiet, budget, ref facts), site.Start, site.End)) return true;
                int begin = text.IndexOf("uudecode", StringComparison.Ordinal) >= 0 ? UuCodec.FindBegin(text) : -1;
                if (begin >= 0 && !IsClaimed(claimed, begin, begin + 1))
                {
                    // The block ends at its "end" line: a real line break, or printf's \n escape.
                    int end = text.IndexOf("\nend", begin, StringComparison.Ordinal);
                    int escapedEnd = text.IndexOf("\\nend", begin, StringComparison.Ordinal);
                    end = end >= 0 && (escapedEnd < 0 || end < escapedEnd) ? end + 4 : escapedEnd >= 0 ? escapedEnd + 5 : text.Length;
                    var site = new DecodeSite { Start = begin, End = end, Literal = text.Substring(begin, end - begin), Codec = SiteCodec.Uu };
                    if (Claim(EvaluateSite(text, site, quiet, budget, ref facts), begin, end)) return true;
                }
                return false;
            }
        }

        /// <summary>
        /// Where "base64/" (any case) starts in a run, or -1: found from the run's slashes, as a case-blind search of
        /// every candidate for the word costs more than the rest of judging it.
        /// </summary>
        private static int Base64PathMarker(string run)
        {
            for (int slash = run.Length > 6 ? run.IndexOf('/', 6) : -1; slash >= 0; slash = run.IndexOf('/', slash + 1))
            {
                if (string.Compare(run, slash - 6, "base64", 0, 6, StringComparison.OrdinalIgnoreCase) == 0) return slash - 6;
            }
            return -1;
        }

        /// <summary>Whether [start, end) overlaps a span an earlier pass decoded (the decode sites ask it too).</summary>
        internal static bool IsClaimed(List<KeyValuePair<int, int>>? claimed, int start, int end)
        {
            if (claimed == null) return false;
            foreach (var span in claimed)
                if (start < span.Value && end > span.Key) return true;
            return false;
        }

        /// <summary>
        /// Adds one accepted payload (and, for an archive, its text members) to the results and scans its text for
        /// payloads inside it. True when the line's payload limit is reached and scanning must stop.
        /// </summary>
        private bool Emit(string text, Accepted accepted, int depth, string? parent, List<DecodedPayload> results,
            IList<Problem>? problems, LineBudget budget)
        {
            if (results.Count >= MaxPayloadsPerLine)
            {
                problems?.Add(new Problem(ErrorIds.PayloadLimitExceeded, ProblemKind.Warning,
                    $"More than {MaxPayloadsPerLine} payloads in one line; the rest were skipped.", Preview(text)));
                return true;
            }
            if (Emitted(results, depth, accepted.EncodedText)) return false;
            var peeled = accepted.Peeled;
            budget.Spend(peeled.Data.Length);
            WarnIfSpent(budget, accepted.EncodedText, problems);

            DecodedPayload payload;
            List<ArchiveEntry>? entries = null;
            if (peeled.Text != null)
            {
                bool large = peeled.Data.Length > LargeTextBytes;
                string shown = TextClassifier.Sanitize(large ? Prefix(peeled.Text, _previewBytes) : peeled.Text);
                payload = new DecodedPayload(accepted.EncodedText, shown, accepted.Chain.AsReadOnly(), false, depth, parent, peeled.Truncated || large);
                if (large) Describe(payload, peeled.Data, string.Empty);
            }
            else
            {
                string fileType = FileTypes.Describe(peeled.Data);
                if (FileTypes.IsArchive(fileType))
                {
                    entries = ArchiveReader.Read(fileType, peeled.Data, budget.Limit(_maxBytes, _previewBytes), Preview(accepted.EncodedText), problems);
                    accepted.Chain.Add(fileType);
                }
                var members = entries != null ? Members(entries) : null;
                string shown = members != null ? Listing(fileType, members) : TextClassifier.EscapedPreview(peeled.Data);
                payload = new DecodedPayload(accepted.EncodedText, shown, accepted.Chain.AsReadOnly(), true, depth, parent, peeled.Truncated);
                Describe(payload, peeled.Data, fileType);
                if (members != null) payload.Members = members;
            }
            results.Add(payload);

            if (peeled.Text != null && PayloadPrefilter.MayContainPayload(peeled.Text))
            {
                if (ScanInside(peeled.Text, depth, accepted.EncodedText, results, problems, budget)) return true;
            }
            if (entries != null)
            {
                for (int i = 0; i < entries.Count; i++)
                {
                    var entry = entries[i];
                    if (entry.Data == null || !TextClassifier.TryGetText(entry.Data, out string memberText)) continue;
                    if (results.Count >= MaxPayloadsPerLine)
                    {
                        problems?.Add(new Problem(ErrorIds.PayloadLimitExceeded, ProblemKind.Warning,
                            $"More than {MaxPayloadsPerLine} payloads in one line; the rest were skipped.", Preview(text)));
                        return true;
                    }
                    var chain = new List<string>(accepted.Chain);
                    var member = new DecodedPayload(accepted.EncodedText, TextClassifier.Sanitize(memberText), chain.AsReadOnly(), false,
                        depth + 1, accepted.EncodedText, entry.Truncated)
                    { MemberName = payload.Members[i].Name };
                    Describe(member, entry.Data, payload.Members[i].FileType);
                    results.Add(member);
                    if (PayloadPrefilter.MayContainPayload(memberText)
                        && ScanInside(memberText, depth + 1, accepted.EncodedText, results, problems, budget)) return true;
                }
            }
            return false;
        }

        /// <summary>
        /// Whether the same encoded text was emitted at this depth already (archive members excluded). A line holds at most
        /// MaxPayloadsPerLine results, so a look through them costs less than a set and its keys for every line.
        /// </summary>
        private static bool Emitted(List<DecodedPayload> results, int depth, string encodedText)
        {
            foreach (var earlier in results)
                if (earlier.Depth == depth && earlier.MemberName == null && string.Equals(earlier.EncodedText, encodedText, StringComparison.Ordinal)) return true;
            return false;
        }

        /// <summary>Looks for payloads inside a decoded text, one level deeper, within MaxDepth.</summary>
        private bool ScanInside(string inner, int depth, string encodedText, List<DecodedPayload> results,
            IList<Problem>? problems, LineBudget budget)
        {
            if (depth + 1 < _maxDepth)
            {
                return Scan(inner, depth + 1, encodedText, results, problems, false, budget) && results.Count >= MaxPayloadsPerLine;
            }
            if (Scan(inner, depth + 1, encodedText, results, null, probeOnly: true, budget))
            {
                problems?.Add(new Problem(ErrorIds.DecodeDepthLimitExceeded, ProblemKind.Warning,
                    $"Payload nested deeper than MaxDepth ({_maxDepth}); the inner payload was not decoded.", Preview(encodedText)));
            }
            return false;
        }

        private void WarnIfSpent(LineBudget budget, string encodedText, IList<Problem>? problems)
        {
            if (problems == null) return;
            if (budget.RunSpent && budget.Run!.FirstWarning())
            {
                problems.Add(new Problem(ErrorIds.DecodeBudgetExceeded, ProblemKind.Warning,
                    $"This run has decoded more than {_maxRunBytes} bytes; from here on each payload is decoded to its first {_previewBytes} bytes.", Preview(encodedText)));
            }
            else if (budget.LineSpent && !budget.LineWarned && !budget.RunSpent)
            {
                budget.LineWarned = true;
                problems.Add(new Problem(ErrorIds.DecodeBudgetExceeded, ProblemKind.Warning,
                    $"This line's payloads decode to more than {_maxLineBytes} bytes; the rest are decoded to their first {_previewBytes} bytes.", Preview(encodedText)));
            }
        }

        private static string Prefix(string text, int chars) =>
            text.Length <= chars ? text : text.Substring(0, char.IsHighSurrogate(text[chars - 1]) ? chars - 1 : chars);

        private static void Describe(DecodedPayload payload, byte[] data, string fileType)
        {
            var hashes = PayloadHashes.Of(data);
            payload.FileType = fileType;
            payload.Size = data.Length;
            payload.Md5 = hashes.Md5;
            payload.Sha1 = hashes.Sha1;
            payload.Sha256 = hashes.Sha256;
        }

        private static ArchiveMember[] Members(List<ArchiveEntry> entries)
        {
            var members = new ArchiveMember[entries.Count];
            for (int i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                bool whole = entry.Data != null && !entry.Truncated;
                var hashes = whole ? PayloadHashes.Of(entry.Data!) : null;
                members[i] = new ArchiveMember
                {
                    Name = TextClassifier.Sanitize(entry.Name),
                    Size = entry.DeclaredSize,
                    FileType = entry.Data != null && entry.Data.Length > 0 ? FileTypes.Describe(entry.Data) : (entry.DeclaredSize == 0 ? "empty" : FileTypes.Data),
                    Md5 = hashes?.Md5 ?? string.Empty,
                    Sha1 = hashes?.Sha1 ?? string.Empty,
                    Sha256 = hashes?.Sha256 ?? string.Empty,
                    IsText = entry.Data != null && TextClassifier.TryGetText(entry.Data, out _),
                    IsUnsafePath = ArchiveReader.IsUnsafePath(entry.Name),
                    IsTruncated = !whole,
                };
            }
            return members;
        }

        /// <summary>What an archive payload shows as DecodedCommand: its members, never its raw header bytes.</summary>
        private static string Listing(string fileType, ArchiveMember[] members)
        {
            var sb = new System.Text.StringBuilder();
            sb.Append(fileType).Append(" archive, ").Append(members.Length).Append(members.Length == 1 ? " member" : " members");
            foreach (var m in members)
            {
                sb.Append('\n').Append(m.Name).Append(" (").Append(m.FileType).Append(", ").Append(m.Size).Append(" bytes");
                if (m.IsUnsafePath) sb.Append(", unsafe path");
                sb.Append(')');
            }
            return sb.ToString();
        }

        /// <summary>
        /// A run bridged over line breaks did not decode: it may have run into what is not payload (a here-doc's
        /// EOF, the next command). Retry without its last line (a wrapped payload plus one more line), then with
        /// its first line alone (a one-line payload plus lines that merely look wrapped); the lines after the
        /// accepted part are then scanned again without line-break bridges. Each char is decoded at most three
        /// times, so hostile many-line runs stay linear.
        /// </summary>
        private Accepted? RetryWithoutLineBreaks(string text, PayloadCandidate candidate, DecoderContext context,
            IList<Problem>? problems, ref CandidateScanner scanner, int limit, ref TextFacts facts)
        {
            var withoutLast = Truncate(text, candidate, candidate.EndBeforeLastLineBreak);
            if (candidate.FirstLineBreak == candidate.LastLineBreak) withoutLast.FirstLineBreak = withoutLast.LastLineBreak = -1;
            Accepted? accepted = withoutLast.Joined.Length >= _minLength ? Evaluate(text, withoutLast, context, problems, limit, ref facts) : null;
            if (accepted != null)
            {
                scanner.Restart(candidate.LastLineBreak, candidate.End);
                return accepted;
            }
            if (candidate.FirstLineBreak != candidate.LastLineBreak)
            {
                var firstLine = Truncate(text, candidate, candidate.EndBeforeFirstLineBreak);
                firstLine.FirstLineBreak = firstLine.LastLineBreak = -1;
                if (firstLine.Joined.Length >= _minLength) accepted = Evaluate(text, firstLine, context, problems, limit, ref facts);
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
        private Accepted? Evaluate(string text, PayloadCandidate candidate, DecoderContext context, IList<Problem>? problems, int limit, ref TextFacts facts)
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
                data = HexCodec.DecodeEscapes(payload, limit, out truncated);
                chain.Add("hex");
            }
            else if (candidate.Kind == CandidateKind.OctalEscapes)
            {
                data = ShellEscapes.Apply(payload);
                truncated = false;
                if (data.Length > limit) { Array.Resize(ref data, limit); truncated = true; }
                chain.Add("octal");
            }
            else
            {
                bool raw = payload.Length == end - start;
                int marker = Base64PathMarker(payload);
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
                byte[]? base32 = null;
                bool base32Truncated = false;
                if ((context & DecoderContext.Base32) != 0 && Base32Codec.IsBase32(payload))
                    base32 = Base32Codec.Decode(payload, limit, out base32Truncated);
                if (base32 != null && base32.Length > 0)
                {
                    // base32 -d, basenc --base32, b32decode: an upper-case run is base32 before it is base64.
                    data = base32;
                    truncated = base32Truncated;
                    hexDigits = false;
                    chain.Add("base32");
                }
                else if (hexDigits)
                {
                    // Hashes, ids and numbers are hex digits too: hex is a payload only when a hex decoder is named.
                    if ((context & DecoderContext.Hex) == 0) return null;
                    data = HexCodec.DecodeDigits(payload, limit, out truncated);
                    chain.Add("hex");
                }
                else
                {
                    data = Base64Codec.Decode(payload, limit, out truncated);
                    if (data != null && LookAlikes.IsSshKeyBlob(data)) return null;
                    chain.Add(Base64Codec.AlphabetName(payload));
                }
            }
            if (data == null || data.Length == 0) return null;

            string encoded = text.Substring(start, end - start);
            // Cheap pre-check before inflating or peeling: a first layer of bytes that is neither text, nor
            // compressed, nor a known format can only be a payload in the context tier.
            bool firstIsText = TextClassifier.TryGetText(data, out _);
            if (!firstIsText && tier != Tier.Context && Decompressor.Identify(data) == null
                && !(candidate.Kind != CandidateKind.Base64 && TextClassifier.HasKnownBinaryMagic(data))
                && TextClassifier.TryUtf16LeToUtf8(data) == null) return null;

            // Warnings are held back until the candidate is accepted: a rejected look-alike must not warn.
            var warnings = problems != null ? new List<Problem>(0) : null;
            var peeled = LayerPeeler.Peel(data, chain, _maxDepth, limit, encoded, warnings);
            if (MayBeWrapped(peeled, ref facts))
                peeled = Unwrap(ref facts, encoded, peeled, chain, limit, warnings);
            if (truncated)
            {
                peeled.Truncated = true;
                warnings?.Add(new Problem(ErrorIds.PayloadSizeLimitExceeded, ProblemKind.Warning,
                    $"Decoded payload exceeds {limit} bytes; kept the first {limit} bytes.", Preview(encoded)));
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
            else if (candidate.Kind != CandidateKind.Base64)
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

        /// <summary>
        /// Binary that no layer explains may be raw deflate (the command names gzinflate, zlib.decompress(x, -15),
        /// inflateRaw, ...) or XOR with a key written in the command line; either, when it yields text or a known
        /// format, counts as strong evidence (like an inflated layer).
        /// </summary>
        private PeeledPayload Unwrap(ref TextFacts facts, string encoded, PeeledPayload peeled, List<string> chain, int limit, IList<Problem>? warnings)
        {
            // Short binary unwraps into short text by chance too often: real deflated or XORed payloads are longer.
            if (chain.Count >= _maxDepth || peeled.Data.Length < MinUnwrapBytes) return peeled;
            if (peeled.Text == null && facts.NamesRawDeflate && Decompressor.InflateRaw(peeled.Data, limit, out byte[] inflated) is var outcome
                && (outcome == InflateResult.Complete || outcome == InflateResult.LimitExceeded) && IsUnwrapped(inflated))
            {
                return Repeel("deflate", inflated, peeled, chain, limit, encoded, warnings, outcome == InflateResult.LimitExceeded);
            }
            if (facts.XorKeys.Count > 0 && XorKeys.TryUndo(facts.XorKeys, peeled.Data, peeled.Text) is byte[] plain)
                return Repeel("xor", plain, peeled, chain, limit, encoded, warnings, false);
            return peeled;
        }

        private const int MinUnwrapBytes = 12;

        /// <summary>
        /// Binary that no layer explains, or text that reads like no command while the line XORs with a key
        /// (XOR with a small key often keeps bytes printable).
        /// </summary>
        private static bool MayBeWrapped(PeeledPayload peeled, ref TextFacts facts) =>
            !peeled.Inflated && (peeled.Text == null ? !TextClassifier.HasKnownBinaryMagic(peeled.Data)
                : facts.MayXor);

        private static bool IsUnwrapped(byte[] data) =>
            data.Length > 0 && ((TextClassifier.TryGetText(data, out string text) && TextClassifier.LooksLikeCommand(text))
                                || TextClassifier.HasKnownBinaryMagic(data) || ArchiveReader.IsTar(data));

        private PeeledPayload Repeel(string layer, byte[] data, PeeledPayload peeled, List<string> chain, int limit, string encoded,
            IList<Problem>? warnings, bool cut)
        {
            var tail = new List<string> { layer };
            var deeper = LayerPeeler.Peel(data, tail, _maxDepth - chain.Count, limit, encoded, warnings);
            chain.AddRange(tail);
            deeper.Inflated = true;
            deeper.Truncated |= peeled.Truncated || cut;
            return deeper;
        }

        /// <summary>What a scanned text says about the layers it may apply after a decode; worked out once per text, when first needed. A struct passed by ref: most texts never ask.</summary>
        private struct TextFacts
        {
            private readonly string _text;
            private bool? _rawDeflate;
            private List<byte[]>? _xorKeys;

            public TextFacts(string text) { _text = text; }

            /// <summary>The text names a raw-deflate call: PHP gzinflate, zlib.decompress(x, -15), -zlib.MAX_WBITS, inflateRaw.</summary>
            public bool NamesRawDeflate => _rawDeflate ??=
                _text.IndexOf("gzinflate", StringComparison.OrdinalIgnoreCase) >= 0 || _text.IndexOf(", -15)", StringComparison.Ordinal) >= 0
                || _text.IndexOf(",-15)", StringComparison.Ordinal) >= 0 || _text.IndexOf("MAX_WBITS", StringComparison.Ordinal) >= 0
                || _text.IndexOf("inflateRaw", StringComparison.OrdinalIgnoreCase) >= 0 || _text.IndexOf("rawinflate", StringComparison.OrdinalIgnoreCase) >= 0;

            public List<byte[]> XorKeys => _xorKeys ??= Decoding.XorKeys.Candidates(_text);

            public bool MayXor => _text.IndexOf('^') >= 0 && XorKeys.Count > 0;
        }

        /// <summary>
        /// A literal the command hands to a decoder itself (<see cref="DecodeSites"/>): decoded whatever its length and
        /// content, as long as it is valid for that decoder (one alphabet, padding only at the end, a possible length).
        /// </summary>
        private Accepted? EvaluateSite(string text, DecodeSite site, IList<Problem>? problems, LineBudget budget, ref TextFacts facts)
        {
            int limit = budget.Limit(_maxBytes, _previewBytes);
            string literal = site.Literal;
            var chain = new List<string>(4);
            byte[]? data;
            bool truncated;
            switch (site.Codec)
            {
                case SiteCodec.Uu:
                    data = UuCodec.Decode(literal, limit, out truncated);
                    chain.Add("uuencode");
                    break;
                case SiteCodec.Base32:
                    data = Base32Codec.Decode(StripBlanks(literal), limit, out truncated);
                    chain.Add("base32");
                    break;
                default:
                    string payload = StripBlanks(literal);
                    if (!IsWholeBase64(payload) || LookAlikes.IsRejected(text, site.Start, site.End, payload)) return null;
                    data = Base64Codec.Decode(payload, limit, out truncated);
                    if (data != null && LookAlikes.IsSshKeyBlob(data)) return null;
                    chain.Add(Base64Codec.AlphabetName(payload));
                    break;
            }
            if (data == null || data.Length == 0) return null;
            string encoded = text.Substring(site.Start, site.End - site.Start);
            // Hex digits handed to base64 -d yield noise, not what ran: hex is a payload only under a hex decoder.
            string symbols = StripBlanks(literal);
            bool hexDigits = site.Codec == SiteCodec.Base64 && LookAlikes.IsHexDigitsOnly(symbols);
            var accepted = Finish(ref facts, encoded, data, truncated, chain, limit, problems, mustBeText: hexDigits);
            // Text of any length counts; binary only when it is a known format or long random-looking base64
            // (a short word that happens to be valid base64 decodes to a few bytes of noise).
            if (accepted != null && accepted.Peeled.Text == null && !accepted.Peeled.Inflated
                && FileTypes.Describe(accepted.Peeled.Data) == FileTypes.Data && !(symbols.Length >= 24 && LooksRandom(symbols))) return null;
            return accepted;
        }

        /// <summary>A percent-encoded run: a payload when it peels to more than percent, or its text carries a payload.</summary>
        private Accepted? EvaluatePercentRun(string text, PercentRun run, int depth, IList<Problem>? problems, LineBudget budget)
        {
            int limit = budget.Limit(_maxBytes, _previewBytes);
            var chain = new List<string> { "percent" };
            string encoded = text.Substring(run.Start, run.End - run.Start);
            var warnings = problems != null ? new List<Problem>(0) : null;
            var peeled = LayerPeeler.Peel(System.Text.Encoding.UTF8.GetBytes(run.Decoded), chain, _maxDepth, limit, encoded, warnings);
            bool accept = chain.Count > 1 ? peeled.Text == null ? peeled.Inflated || TextClassifier.HasKnownBinaryMagic(peeled.Data) : TextClassifier.IsPlausible(peeled.Text)
                : peeled.Text != null && Scan(peeled.Text, depth + 1, encoded, new List<DecodedPayload>(0), null, true, budget);
            if (!accept) return null;
            if (warnings != null) foreach (var w in warnings) problems!.Add(w);
            return new Accepted(encoded, chain, peeled);
        }

        /// <summary>Leading DNS labels of a looked-up host: base64 only when both cases appear and it decodes to plausible text.</summary>
        private Accepted? EvaluateLabels(string text, LabelRun run, IList<Problem>? problems, LineBudget budget, ref TextFacts facts)
        {
            string payload = run.Joined.TrimEnd('=');
            if (!HasBothCases(payload) || LookAlikes.IsHexDigitsOnly(payload) || !IsCanonicalTail(payload)) return null;
            int limit = budget.Limit(_maxBytes, _previewBytes);
            byte[]? data = Base64Codec.Decode(payload, limit, out bool truncated);
            if (data == null || !TextClassifier.TryGetText(data, out string decoded) || !TextClassifier.IsPlausible(decoded)) return null;
            var chain = new List<string> { "dns-label", Base64Codec.AlphabetName(payload) };
            return Finish(ref facts, text.Substring(run.Start, run.End - run.Start), data, truncated, chain, limit, problems, mustBeText: true);
        }

        /// <summary>Peels the layers under a first decoded layer and wraps the result; with mustBeText, binary is refused.</summary>
        private Accepted? Finish(ref TextFacts facts, string encoded, byte[] data, bool truncated, List<string> chain, int limit,
            IList<Problem>? problems, bool mustBeText)
        {
            var warnings = problems != null ? new List<Problem>(0) : null;
            var peeled = LayerPeeler.Peel(data, chain, _maxDepth, limit, encoded, warnings);
            if (MayBeWrapped(peeled, ref facts))
                peeled = Unwrap(ref facts, encoded, peeled, chain, limit, warnings);
            if (mustBeText && peeled.Text == null) return null;
            if (truncated)
            {
                peeled.Truncated = true;
                warnings?.Add(new Problem(ErrorIds.PayloadSizeLimitExceeded, ProblemKind.Warning,
                    $"Decoded payload exceeds {limit} bytes; kept the first {limit} bytes.", Preview(encoded)));
            }
            if (warnings != null) foreach (var w in warnings) problems!.Add(w);
            return new Accepted(encoded, chain, peeled);
        }

        private static string StripBlanks(string s)
        {
            var sb = new System.Text.StringBuilder(s.Length);
            foreach (char c in s)
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') sb.Append(c);
            return sb.ToString();
        }

        /// <summary>Base64 as a decoder accepts it: symbols of one alphabet, at most two '=' and only at the end, a possible length.</summary>
        private static bool IsWholeBase64(string s)
        {
            int symbols = 0, padding = 0;
            bool standard = false, urlSafe = false;
            foreach (char c in s)
            {
                if (c == '=') { padding++; continue; }
                if (padding > 0 || !Base64Codec.IsAlphabet(c)) return false;
                if (c == '+' || c == '/') standard = true;
                else if (c == '-' || c == '_') urlSafe = true;
                symbols++;
            }
            return symbols >= 2 && padding <= 2 && (symbols & 3) != 1 && !(standard && urlSafe);
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

        /// <summary>A problem's target text: the first 200 characters.</summary>
        internal static string Preview(string s) => s.Length <= TargetPreviewChars ? s : s.Substring(0, TargetPreviewChars) + "...";
    }
}

using System.Text;

namespace B64Hunt.Decoding
{
    /// <summary>
    /// Linear, hand-written scan for payload candidates (no regex, so no backtracking on hostile lines).
    /// A base64 candidate is a maximal run of base64 symbols (+/ and -_ alphabets). The run continues across:
    ///  * adjacent quotes, as shell joins them: 'abc''def', "abc"'def' (quote pair directly between symbols);
    ///  * a backslash line continuation;
    ///  * a line break when the line so far holds at least 16 symbols and a multiple of 4 (how base64 -w and
    ///    here-docs wrap); leading blanks of the next line are skipped;
    ///  * %2B %2F %3D escapes (base64 carried in a URL query).
    /// '=' ends the run as padding unless a symbol follows it, in which case it was an assignment (key=value)
    /// and a new run starts after it. A candidate of \xNN (or octal \NNN) escapes needs at least 4 escapes in a row.
    /// </summary>
    internal struct CandidateScanner
    {
        private const int MinWrappedLine = 16;
        private const int MinEscapes = 4;
        private readonly string _text;
        private int _pos;
        private int _noWrapUntil; // no line-break bridges before this index (lines already tried as one run)

        public CandidateScanner(string text, int start = 0)
        {
            _text = text;
            _pos = start;
            _noWrapUntil = 0;
        }

        /// <summary>
        /// Continue scanning from a raw index, bridging no line breaks before <paramref name="noWrapUntil"/>
        /// (used after a rejected line-break bridge: the lines are then scanned one by one, so each is scanned
        /// at most twice and the whole scan stays linear).
        /// </summary>
        public void Restart(int position, int noWrapUntil = 0)
        {
            _pos = position;
            if (noWrapUntil > _noWrapUntil) _noWrapUntil = noWrapUntil;
        }

        public bool Next(int minLength, out PayloadCandidate candidate)
        {
            string t = _text;
            int n = t.Length;
            while (_pos < n)
            {
                char c = t[_pos];
                if (c == '\\' && _pos + 3 < n && (t[_pos + 1] == 'x' || t[_pos + 1] == 'X')
                    && HexCodec.IsHexDigit(t[_pos + 2]) && HexCodec.IsHexDigit(t[_pos + 3]))
                {
                    int start = _pos, count = 0, i = _pos;
                    while (i + 3 < n && t[i] == '\\' && (t[i + 1] == 'x' || t[i + 1] == 'X')
                           && HexCodec.IsHexDigit(t[i + 2]) && HexCodec.IsHexDigit(t[i + 3]))
                    {
                        i += 4;
                        count++;
                    }
                    if (EscapeRun(start, i, count, CandidateKind.HexEscapes, out candidate)) return true;
                    continue;
                }
                if (c == '\\' && ShellEscapes.OctalEscapeAt(t, _pos) > 0)
                {
                    int start = _pos;
                    int count = ShellEscapes.CountOctalRun(t, _pos, out int i);
                    if (EscapeRun(start, i, count, CandidateKind.OctalEscapes, out candidate)) return true;
                    continue;
                }
                if (Base64Codec.IsAlphabet(c) || PercentCodec.Base64SymbolAt(t, _pos) is '+' or '/')
                {
                    if (ScanRun(minLength, out candidate)) return true;
                    continue;
                }
                _pos++;
            }
            candidate = default;
            return false;
        }

        /// <summary>A run of escapes ending at <paramref name="end"/>: a candidate when it has at least MinEscapes of them.</summary>
        private bool EscapeRun(int start, int end, int count, CandidateKind kind, out PayloadCandidate candidate)
        {
            _pos = end;
            if (count < MinEscapes)
            {
                candidate = default;
                return false;
            }
            candidate = new PayloadCandidate
            {
                Start = start, End = end, Joined = _text.Substring(start, end - start), Kind = kind,
                FirstLineBreak = -1, EndBeforeFirstLineBreak = -1, LastLineBreak = -1, EndBeforeLastLineBreak = -1,
            };
            return true;
        }

        private bool ScanRun(int minLength, out PayloadCandidate candidate)
        {
            string t = _text;
            int n = t.Length;
            int start = _pos, i = _pos, end = _pos;
            int symbols = 0, lineSymbols = 0;
            bool padded = false, percent = false;
            int firstBreak = -1, endBeforeFirstBreak = -1, lastBreak = -1, endBeforeLastBreak = -1;
            StringBuilder? joined = null; // only built when the run has bridges or escapes

            while (i < n)
            {
                char c = t[i];
                if (Base64Codec.IsAlphabet(c))
                {
                    joined?.Append(c);
                    symbols++;
                    lineSymbols++;
                    i++;
                    end = i;
                    continue;
                }
                char escaped = PercentCodec.Base64SymbolAt(t, i);
                if (escaped == '+' || escaped == '/')
                {
                    joined ??= Begin(start, end);
                    joined.Append(escaped);
                    percent = true;
                    symbols++;
                    lineSymbols++;
                    i += 3;
                    end = i;
                    continue;
                }
                if (c == '=' || escaped == '=')
                {
                    // Padding, or an assignment when a symbol follows.
                    int j = i, pad = 0;
                    while (j < n)
                    {
                        if (t[j] == '=') { j++; pad++; }
                        else if (PercentCodec.Base64SymbolAt(t, j) == '=') { j += 3; pad++; percent = true; }
                        else break;
                    }
                    if (j < n && (Base64Codec.IsAlphabet(t[j]) || PercentCodec.Base64SymbolAt(t, j) is '+' or '/'))
                    {
                        i = j; // the next run starts after the '='
                        break;
                    }
                    if (escaped == '=' || joined != null)
                    {
                        joined ??= Begin(start, end);
                        joined.Append('=', pad > 2 ? 2 : pad);
                    }
                    padded = true;
                    i = j;
                    end = j;
                    break;
                }
                if ((c == '\'' || c == '"') && symbols > 0 && i + 2 < n && (t[i + 1] == '\'' || t[i + 1] == '"')
                    && Base64Codec.IsAlphabet(t[i + 2]))
                {
                    joined ??= Begin(start, end);
                    i += 2;
                    continue;
                }
                if (c == '\\' && symbols > 0 && i + 1 < n && (t[i + 1] == '\n' || (t[i + 1] == '\r' && i + 2 < n && t[i + 2] == '\n')))
                {
                    int j = i + (t[i + 1] == '\r' ? 3 : 2);
                    while (j < n && (t[j] == ' ' || t[j] == '\t')) j++;
                    if (j < n && Base64Codec.IsAlphabet(t[j]))
                    {
                        joined ??= Begin(start, end);
                        i = j;
                        continue;
                    }
                    break;
                }
                if ((c == '\n' || c == '\r') && lineSymbols >= MinWrappedLine && (lineSymbols & 3) == 0 && i >= _noWrapUntil)
                {
                    int j = i;
                    if (t[j] == '\r') j++;
                    if (j < n && t[j] == '\n') j++;
                    while (j < n && (t[j] == ' ' || t[j] == '\t')) j++;
                    if (j < n && Base64Codec.IsAlphabet(t[j]))
                    {
                        joined ??= Begin(start, end);
                        if (firstBreak < 0) { firstBreak = j; endBeforeFirstBreak = end; }
                        lastBreak = j;
                        endBeforeLastBreak = end;
                        lineSymbols = 0;
                        i = j;
                        continue;
                    }
                }
                break;
            }

            _pos = i > start ? i : start + 1;
            // Length test before any allocation: most runs are ordinary short words.
            if ((joined?.Length ?? end - start) < minLength)
            {
                candidate = default;
                return false;
            }
            string payload = joined?.ToString() ?? t.Substring(start, end - start);
            candidate = new PayloadCandidate
            {
                Start = start, End = end, Joined = payload, Kind = CandidateKind.Base64, Padded = padded,
                PercentEncoded = percent, FirstLineBreak = firstBreak, EndBeforeFirstLineBreak = endBeforeFirstBreak, LastLineBreak = lastBreak, EndBeforeLastLineBreak = endBeforeLastBreak,
            };
            return true;

            StringBuilder Begin(int s, int e)
            {
                var sb = new StringBuilder(e - s + 64);
                return sb.Append(t, s, e - s);
            }
        }
    }
}

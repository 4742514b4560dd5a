using System;
using System.Text;

namespace B64Hunt.Iocs
{
    /// <summary>
    /// A text with its defanged notations turned back into usable ones (hxxp → http, [.] (.) {.} [dot] → .,
    /// [:] → :, [://] → ://, [at] [@] → @), plus the map from each refanged character back to the
    /// characters it was written as, so an indicator can report both what was written and what it means.
    /// One linear pass; texts without any defanged notation are used as they are.
    /// </summary>
    internal sealed class RefangedText
    {
        private readonly string _original;
        private readonly int[]? _startMap; // refanged index → original index of the piece it came from
        private readonly int[]? _endMap;   // refanged index → original end (exclusive) of that piece

        private RefangedText(string original, string text, int[]? startMap, int[]? endMap)
        {
            _original = original;
            Text = text;
            _startMap = startMap;
            _endMap = endMap;
        }

        /// <summary>The refanged text the scanners work on.</summary>
        public string Text { get; }

        /// <summary>The original (as written) form of the refanged span [start, end).</summary>
        public string Original(int start, int end)
        {
            if (_startMap == null || _endMap == null) return Text.Substring(start, end - start);
            if (end <= start) return string.Empty;
            int s = _startMap[start];
            int e = _endMap[end - 1];
            return _original.Substring(s, e - s);
        }

        public static RefangedText From(string text)
        {
            if (!MayBeDefanged(text)) return new RefangedText(text, text, null, null);

            // Find the first notation before allocating anything: most texts with brackets have none.
            int first = 0;
            while (first < text.Length && (!IsCandidate(text[first]) || Match(text, first, out _) == 0))
            {
                first++;
            }
            if (first >= text.Length) return new RefangedText(text, text, null, null);

            var builder = new StringBuilder(text.Length);
            var startMap = new int[text.Length];
            var endMap = new int[text.Length];
            builder.Append(text, 0, first);
            for (int k = 0; k < first; k++) { startMap[k] = k; endMap[k] = k + 1; }
            int written = first;
            bool changed = false;
            int i = first;
            while (i < text.Length)
            {
                int consumed = Match(text, i, out string? replacement);
                if (consumed > 0 && replacement != null)
                {
                    foreach (char r in replacement)
                    {
                        builder.Append(r);
                        startMap[written] = i;
                        endMap[written] = i + consumed;
                        written++;
                    }
                    i += consumed;
                    changed = true;
                    continue;
                }
                builder.Append(text[i]);
                startMap[written] = i;
                endMap[written] = i + 1;
                written++;
                i++;
            }
            if (!changed) return new RefangedText(text, text, null, null);
            // Replacements are never longer than what they replace, so the maps are long enough.
            return new RefangedText(text, builder.ToString(), startMap, endMap);
        }

        private static bool IsCandidate(char c) => c == '[' || c == '(' || c == '{' || c == 'h' || c == 'H';

        private static bool MayBeDefanged(string text)
        {
            if (text.IndexOf('[') >= 0 || text.IndexOf('(') >= 0 || text.IndexOf('{') >= 0) return true;
            return text.IndexOf("xxp", StringComparison.OrdinalIgnoreCase) >= 0;
        }

        /// <summary>How many characters a defanged notation at <paramref name="i"/> spans (0 when none), and what it stands for.</summary>
        private static int Match(string t, int i, out string? replacement)
        {
            replacement = null;
            char c = t[i];
            char prev = i > 0 ? t[i - 1] : '\0';
            if (c == '[' || c == '(' || c == '{')
            {
                char close = c == '[' ? ']' : c == '(' ? ')' : '}';
                // [.] (.) {.} [dot] (dot) {dot} between name characters
                if (IsAlnum(prev))
                {
                    int len = Bracketed(t, i, close, ".");
                    if (len == 0) len = Bracketed(t, i, close, "dot");
                    if (len > 0 && i + len < t.Length && IsAlnum(t[i + len])) { replacement = "."; return len; }
                }
                if (c == '[' && IsAlnum(prev))
                {
                    int len = Bracketed(t, i, ']', "://");
                    if (len > 0) { replacement = "://"; return len; }
                    len = Bracketed(t, i, ']', ":");
                    if (len > 0 && i + len < t.Length && (t[i + len] == '/' || IsDigit(t[i + len]))) { replacement = ":"; return len; }
                    len = Bracketed(t, i, ']', "at");
                    if (len == 0) len = Bracketed(t, i, ']', "@");
                    if (len > 0 && i + len < t.Length && IsAlnum(t[i + len])) { replacement = "@"; return len; }
                }
                return 0;
            }
            if ((c == 'h' || c == 'H') && !IsAlnum(prev) && i + 4 <= t.Length
                && (t[i + 1] == 'x' || t[i + 1] == 'X') && (t[i + 2] == 'x' || t[i + 2] == 'X') && (t[i + 3] == 'p' || t[i + 3] == 'P'))
            {
                int j = i + 4;
                bool secure = j < t.Length && (t[j] == 's' || t[j] == 'S');
                if (secure) j++;
                if (j < t.Length && (t[j] == ':' || (t[j] == '[' && j + 1 < t.Length && t[j + 1] == ':')))
                {
                    replacement = secure ? "https" : "http";
                    return j - i;
                }
            }
            return 0;
        }

        /// <summary>Length of "{open}{inner}{close}" at i (inner compared case-insensitively), else 0.</summary>
        private static int Bracketed(string t, int i, char close, string inner)
        {
            int end = i + 1 + inner.Length;
            if (end >= t.Length || t[end] != close) return 0;
            if (string.Compare(t, i + 1, inner, 0, inner.Length, StringComparison.OrdinalIgnoreCase) != 0) return 0;
            return inner.Length + 2;
        }

        private static bool IsAlnum(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

        private static bool IsDigit(char c) => c >= '0' && c <= '9';
    }
}

using System;
using System.Collections.Generic;
using System.IO;

namespace B64Hunt.Iocs
{
    /// <summary>
    /// The Public Suffix List (publicsuffix.org format): normal rules ("co.uk"), wildcard rules ("*.ck")
    /// and exception rules ("!www.ck"). Tells whether a name ends in a known suffix and what its
    /// registrable domain is. ICANN and private sections are treated alike; rules are ASCII (punycode).
    /// </summary>
    public sealed class PublicSuffixList
    {
        /// <summary>Where the bundled list sits under the module's data folder.</summary>
        public const string DataFileRelativePath = "iocs/public_suffix_list.dat";

        private readonly HashSet<string> _rules = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _wildcards = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _exceptions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        // Every tail of every rule ("uk", "co.uk", "jp", "kawasaki.jp", ...): lets a look-up stop early.
        private readonly HashSet<string> _tails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        // Hashes of the last labels of all rules: a test without allocation that rejects most code tokens.
        private readonly HashSet<ulong> _lastLabelHashes = new HashSet<ulong>();

        private PublicSuffixList() { }

        /// <summary>Number of rules read (all kinds).</summary>
        public int Count => _rules.Count + _wildcards.Count + _exceptions.Count;

        /// <summary>Reads a list in PSL format: one rule per line, "//" comments, first whitespace-separated token only.</summary>
        public static PublicSuffixList Parse(TextReader reader)
        {
            if (reader == null) throw new ArgumentNullException(nameof(reader));
            var list = new PublicSuffixList();
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                var rule = FirstToken(line);
                if (rule.Length == 0 || rule.StartsWith("//", StringComparison.Ordinal)) continue;
                rule = rule.TrimEnd('.').ToLowerInvariant();
                string body;
                if (rule.StartsWith("!", StringComparison.Ordinal))
                {
                    if (rule.Length == 1) continue;
                    body = rule.Substring(1);
                    list._exceptions.Add(body);
                }
                else if (rule.StartsWith("*.", StringComparison.Ordinal))
                {
                    if (rule.Length == 2) continue;
                    body = rule.Substring(2);
                    list._wildcards.Add(body);
                }
                else if (rule != "*")
                {
                    body = rule;
                    list._rules.Add(body);
                }
                else
                {
                    continue;
                }
                int lastDot = body.LastIndexOf('.');
                list._lastLabelHashes.Add(LabelHash(body, lastDot + 1, body.Length));
                for (int dot = -1; ; dot = body.IndexOf('.', dot + 1))
                {
                    list._tails.Add(body.Substring(dot + 1));
                    if (body.IndexOf('.', dot + 1) < 0) break;
                }
            }
            return list;
        }

        /// <summary>Reads a list from rule lines (tests, small custom lists).</summary>
        public static PublicSuffixList Parse(string text) => Parse(new StringReader(text ?? string.Empty));

        /// <summary>Loads a list file (the bundled subset, or the full file from publicsuffix.org).</summary>
        public static PublicSuffixList Load(string path)
        {
            using var reader = new StreamReader(path);
            return Parse(reader);
        }

        /// <summary>Loads the bundled list from a module data folder.</summary>
        public static PublicSuffixList LoadFromDataDirectory(string dataDirectory) =>
            Load(Path.Combine(dataDirectory, DataFileRelativePath));

        /// <summary>
        /// The public suffix of <paramref name="domain"/> by the PSL algorithm, or null when no rule of the
        /// list matches (the implicit "*" rule is not applied: an unknown top-level label is not a suffix).
        /// </summary>
        public string? GetPublicSuffix(string domain)
        {
            var name = Normalize(domain);
            int labels = SuffixLabels(name);
            if (labels == 0) return null;
            return name.Substring(StartOfLastLabels(name, labels));
        }

        /// <summary>
        /// How many labels of <paramref name="name"/> (lower case, no trailing dot) form its public suffix; 0
        /// when no rule matches. Walks leftwards from the last label and stops as soon as the suffix seen so far
        /// is not the tail of any rule, so code tokens (s.connect, os.dup2) cost one look-up.
        /// </summary>
        private int SuffixLabels(string name)
        {
            int best = 0;
            int labels = 0;
            int start = name.Length;
            string? previous = null; // the suffix one label shorter
            while (start > 0)
            {
                int dot = name.LastIndexOf('.', start - 1);
                int labelStart = dot + 1;
                if (labelStart == start) return best; // empty label
                string suffix = name.Substring(labelStart);
                labels++;
                if (_exceptions.Contains(suffix)) return labels - 1;
                if (_rules.Contains(suffix)) best = labels;
                else if (previous != null && _wildcards.Contains(previous)) best = labels;
                if (!_tails.Contains(suffix)) return best;
                previous = suffix;
                if (dot < 0) return best;
                start = dot;
            }
            return best;
        }

        /// <summary>Index where the last <paramref name="labels"/> labels of <paramref name="name"/> start.</summary>
        private static int StartOfLastLabels(string name, int labels)
        {
            int end = name.Length; // exclusive end of the label being stepped over
            for (int i = 0; ; i++)
            {
                int dot = end > 0 ? name.LastIndexOf('.', end - 1) : -1;
                if (i == labels - 1 || dot < 0) return dot + 1;
                end = dot;
            }
        }

        /// <summary>
        /// False when the label [start, end) of <paramref name="text"/> is certainly not the last label of any
        /// rule (a pre-filter: true may still be a hash collision). Allocates nothing.
        /// </summary>
        internal bool MayEndInSuffix(string text, int start, int end) =>
            _lastLabelHashes.Contains(LabelHash(text, start, end));

        /// <summary>FNV-1a over the lower-cased characters of [start, end).</summary>
        private static ulong LabelHash(string text, int start, int end)
        {
            ulong hash = 14695981039346656037UL;
            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
                hash = (hash ^ c) * 1099511628211UL;
            }
            return hash;
        }

        /// <summary>The suffix plus one label ("evil.co.uk" for "a.evil.co.uk"), or null when the name is itself a suffix or has none.</summary>
        public string? GetRegistrableDomain(string domain)
        {
            var name = Normalize(domain);
            int labels = SuffixLabels(name);
            if (labels == 0) return null;
            int suffixStart = StartOfLastLabels(name, labels);
            if (suffixStart < 2) return null; // the name is itself a suffix
            int labelStart = name.LastIndexOf('.', suffixStart - 2) + 1;
            return name.Substring(labelStart);
        }

        /// <summary>True when the name ends in a known suffix and has a label of its own in front of it.</summary>
        public bool IsRegistrable(string domain) => GetRegistrableDomain(domain) != null;

        private static string Normalize(string domain)
        {
            var name = (domain ?? string.Empty).Trim().TrimEnd('.');
            foreach (char c in name)
            {
                if (c >= 'A' && c <= 'Z') return name.ToLowerInvariant();
            }
            return name;
        }

        private static string FirstToken(string line)
        {
            int start = 0;
            while (start < line.Length && char.IsWhiteSpace(line[start])) start++;
            int end = start;
            while (end < line.Length && !char.IsWhiteSpace(line[end])) end++;
            return line.Substring(start, end - start);
        }
    }
}

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
                if (rule.StartsWith("!", StringComparison.Ordinal))
                {
                    if (rule.Length > 1) list._exceptions.Add(rule.Substring(1));
                }
                else if (rule.StartsWith("*.", StringComparison.Ordinal))
                {
                    if (rule.Length > 2) list._wildcards.Add(rule.Substring(2));
                }
                else if (rule != "*")
                {
                    list._rules.Add(rule);
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
            if (name.Length == 0) return null;
            // Walk the label boundaries from the longest candidate to the shortest; the first match is the
            // longest rule. An exception rule beats the wildcard that it carves out of (same length).
            int start = 0;
            while (true)
            {
                var candidate = start == 0 ? name : name.Substring(start);
                if (_exceptions.Contains(candidate))
                {
                    int dot = name.IndexOf('.', start);
                    return dot < 0 ? null : name.Substring(dot + 1);
                }
                if (_rules.Contains(candidate)) return candidate;
                int next = name.IndexOf('.', start);
                if (next < 0) return null;
                if (_wildcards.Contains(name.Substring(next + 1))) return candidate;
                start = next + 1;
            }
        }

        /// <summary>The suffix plus one label ("evil.co.uk" for "a.evil.co.uk"), or null when the name is itself a suffix or has none.</summary>
        public string? GetRegistrableDomain(string domain)
        {
            var name = Normalize(domain);
            var suffix = GetPublicSuffix(name);
            if (suffix == null || suffix.Length >= name.Length) return null;
            int end = name.Length - suffix.Length - 1; // the dot before the suffix
            int labelStart = name.LastIndexOf('.', end - 1) + 1;
            return name.Substring(labelStart);
        }

        /// <summary>True when the name ends in a known suffix and has a label of its own in front of it.</summary>
        public bool IsRegistrable(string domain) => GetRegistrableDomain(domain) != null;

        private static string Normalize(string domain) =>
            (domain ?? string.Empty).Trim().TrimEnd('.').ToLowerInvariant();

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

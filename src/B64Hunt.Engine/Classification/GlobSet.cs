using System;
using System.Collections.Generic;

namespace B64Hunt.Classification
{
    /// <summary>
    /// A set of glob patterns over whole words ('*' any run, '?' one character), case-sensitive. Exact words,
    /// prefixes (abc*), suffixes (*abc) and infixes (*abc*) are checked without the general matcher; the general
    /// matcher is the linear two-pointer algorithm (no backtracking blow-up).
    /// </summary>
    internal sealed class GlobSet
    {
        private readonly HashSet<string> _exact = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<string> _prefixes = new List<string>();
        private readonly List<string> _suffixes = new List<string>();
        private readonly List<string> _infixes = new List<string>();
        private readonly List<string> _general = new List<string>();

        // First characters any pattern can start with (ASCII), unless a pattern starts with a wildcard:
        // most words are rejected on their first character without hashing or scanning.
        private readonly bool[] _firstChars = new bool[128];
        private bool _anyFirst;

        public GlobSet(IEnumerable<string> patterns)
        {
            foreach (string p in patterns)
            {
                Patterns.Add(p);
                if (p.Length == 0 || p[0] == '*' || p[0] == '?' || p[0] >= 128) _anyFirst = true;
                else _firstChars[p[0]] = true;
                int stars = Count(p, '*');
                bool question = p.IndexOf('?') >= 0;
                if (stars == 0 && !question) _exact.Add(p);
                else if (!question && stars == 1 && p.EndsWith("*", StringComparison.Ordinal)) _prefixes.Add(p.Substring(0, p.Length - 1));
                else if (!question && stars == 1 && p.StartsWith("*", StringComparison.Ordinal)) _suffixes.Add(p.Substring(1));
                else if (!question && stars == 2 && p.Length > 2 && p[0] == '*' && p[p.Length - 1] == '*') _infixes.Add(p.Substring(1, p.Length - 2));
                else _general.Add(p);
            }
        }

        public List<string> Patterns { get; } = new List<string>();

        private static int Count(string s, char c)
        {
            int n = 0;
            foreach (char x in s) if (x == c) n++;
            return n;
        }

        public bool IsMatch(string word)
        {
            if (!_anyFirst && (word.Length == 0 || word[0] >= 128 || !_firstChars[word[0]])) return false;
            if (_exact.Contains(word)) return true;
            foreach (string p in _prefixes) if (word.StartsWith(p, StringComparison.Ordinal)) return true;
            foreach (string s in _suffixes) if (word.EndsWith(s, StringComparison.Ordinal)) return true;
            foreach (string i in _infixes) if (word.IndexOf(i, StringComparison.Ordinal) >= 0) return true;
            foreach (string g in _general) if (Glob(g, word)) return true;
            return false;
        }

        public bool IsMatchAny(IReadOnlyList<string> words)
        {
            for (int i = 0; i < words.Count; i++) if (IsMatch(words[i])) return true;
            return false;
        }

        /// <summary>Wildcard match in O(pattern × text) worst case, usually linear: '*' restarts from the last star only.</summary>
        internal static bool Glob(string pattern, string text)
        {
            int p = 0, t = 0, star = -1, mark = 0;
            while (t < text.Length)
            {
                if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
                {
                    p++;
                    t++;
                }
                else if (p < pattern.Length && pattern[p] == '*')
                {
                    star = p++;
                    mark = t;
                }
                else if (star >= 0)
                {
                    p = star + 1;
                    t = ++mark;
                }
                else return false;
            }
            while (p < pattern.Length && pattern[p] == '*') p++;
            return p == pattern.Length;
        }
    }
}

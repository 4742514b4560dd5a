using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using B64Hunt.LogAnalytics;

namespace B64Hunt.Tests.QueryEngines
{
    /// <summary>
    /// An emulation of Kusto's string operators as documented ("String operators", learn.microsoft.com/kusto):
    /// has matches whole terms (a term is a maximal run of alphanumeric characters; a right-hand side with
    /// non-alphanumerics must appear bounded by term edges), contains is a case-insensitive substring, matches regex is
    /// RE2 (the patterns here use only the subset .NET reads the same way). Letters and digits outside ASCII count as
    /// alphanumeric, the conservative reading (it can only make has match less).
    /// </summary>
    internal static class KustoStringOperators
    {
        private static bool IsTermChar(char c) => char.IsLetterOrDigit(c);

        public static IReadOnlyList<string> Terms(string text)
        {
            var terms = new List<string>();
            var start = -1;
            for (var i = 0; i <= text.Length; i++)
            {
                var term = i < text.Length && IsTermChar(text[i]);
                if (term && start < 0) start = i;
                else if (!term && start >= 0)
                {
                    terms.Add(text.Substring(start, i - start));
                    start = -1;
                }
            }
            return terms;
        }

        public static bool Has(string lhs, string rhs)
        {
            if (rhs.Length == 0) return true;
            for (var at = lhs.IndexOf(rhs, StringComparison.OrdinalIgnoreCase); at >= 0; at = lhs.IndexOf(rhs, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                var end = at + rhs.Length;
                var startsClean = !IsTermChar(rhs[0]) || at == 0 || !IsTermChar(lhs[at - 1]);
                var endsClean = !IsTermChar(rhs[rhs.Length - 1]) || end == lhs.Length || !IsTermChar(lhs[end]);
                if (startsClean && endsClean) return true;
            }
            return false;
        }

        public static bool HasAny(string lhs, IEnumerable<string> rhs) => rhs.Any(r => Has(lhs, r));

        public static bool Contains(string lhs, string rhs) => lhs.IndexOf(rhs, StringComparison.OrdinalIgnoreCase) >= 0;

        public static bool MatchesRegex(string lhs, string pattern) => Regex.IsMatch(lhs, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));

        public static bool Holds(KqlCondition condition, string value) => condition.Kind switch
        {
            KqlMatchKind.HasAny => HasAny(value, condition.Values),
            KqlMatchKind.Contains => Contains(value, condition.Values[0]),
            _ => MatchesRegex(value, condition.Values[0]),
        };

        /// <summary>True when the value passes <see cref="DecoderKql"/>'s where clause.</summary>
        public static bool PassesDecoderFilter(string value) =>
            DecoderKql.Alternatives.Any(alternative => alternative.All(condition => Holds(condition, value)));
    }
}

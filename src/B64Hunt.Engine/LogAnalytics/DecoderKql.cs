using System;
using System.Collections.Generic;
using System.Text;
using B64Hunt.Decoding;

namespace B64Hunt.LogAnalytics
{
    /// <summary>One service-side condition on a column: Kusto's has_any (whole terms), contains (substring, any case) or matches regex (RE2).</summary>
    public enum KqlMatchKind
    {
        HasAny,
        Contains,
        MatchesRegex,
    }

    /// <summary>One condition of <see cref="DecoderKql"/>: the operator and its argument(s).</summary>
    public sealed class KqlCondition
    {
        public KqlCondition(KqlMatchKind kind, params string[] values)
        {
            Kind = kind;
            Values = values;
        }

        public KqlMatchKind Kind { get; }
        public IReadOnlyList<string> Values { get; }

        public string Render(string column) => Kind switch
        {
            KqlMatchKind.HasAny => column + " has_any " + KqlLiteral.StringList(Values),
            KqlMatchKind.Contains => column + " contains " + KqlLiteral.String(Values[0]),
            _ => column + " matches regex " + KqlLiteral.String(Values[0]),
        };
    }

    /// <summary>
    /// The service-side filter that keeps every command line the decoder could decode, derived from the decoder's own
    /// entry conditions (<see cref="PayloadPrefilter"/>) and keyword table (<see cref="DecoderKeywords"/>), so nothing
    /// the decoder handles stays in the workspace. A line passes when any alternative holds (an alternative holds
    /// when all its conditions do):
    ///  * a decoder keyword: has_any for whole-word keywords ("hex"), contains for the others, which the decoder finds
    ///    inside words (b64 in "base64url", e64 in "FromBase64String"), where Kusto's whole-term has would miss them;
    ///  * a padded run ("...=", a %2B/%2F/%3D escape) or a \xNN escape (the decoder's marked tier);
    ///  * a bare run of 16 or more base64 symbols, with upper and lower case in a run (the bare tier; two regexes,
    ///    a superset of "in the same run").
    /// Runs may be bridged as the decoder bridges them: a pair of quotes, a line break (with its backslash and the
    /// indent of the next line).
    /// </summary>
    public static class DecoderKql
    {
        private const string Symbol = "[A-Za-z0-9+/_-]";
        private const string Bridge = "(?:['\"]['\"]|\\\\?[\\r\\n]+[ \\t]*)";

        /// <summary>The alternatives, in the order they are rendered.</summary>
        public static readonly IReadOnlyList<IReadOnlyList<KqlCondition>> Alternatives = Build();

        private static IReadOnlyList<IReadOnlyList<KqlCondition>> Build()
        {
            var alternatives = new List<IReadOnlyList<KqlCondition>>();
            var whole = new List<string>();
            foreach (var (text, wholeWord) in DecoderKeywords.Table)
            {
                if (wholeWord) whole.Add(text);
                else alternatives.Add(new[] { new KqlCondition(KqlMatchKind.Contains, text) });
            }
            if (whole.Count > 0) alternatives.Insert(0, new[] { new KqlCondition(KqlMatchKind.HasAny, whole.ToArray()) });
            alternatives.Add(new[]
            {
                new KqlCondition(KqlMatchKind.MatchesRegex,
                    Symbol + "(?:" + Bridge + "*" + Symbol + "){2}" + Bridge + "*=(?:[^A-Za-z0-9+/_-]|$)|%(?:2[BbFf]|3[Dd])|\\\\[xX][0-9A-Fa-f]{2}"),
            });
            alternatives.Add(new[]
            {
                new KqlCondition(KqlMatchKind.MatchesRegex, Symbol + "(?:" + Bridge + "*" + Symbol + "){15,}"),
                new KqlCondition(KqlMatchKind.MatchesRegex, "[A-Z](?:" + Symbol + "|" + Bridge + ")*[a-z]|[a-z](?:" + Symbol + "|" + Bridge + ")*[A-Z]"),
            });
            return alternatives;
        }

        /// <summary>"| where &lt;the alternatives on column&gt;" and a line break.</summary>
        public static string Where(string column)
        {
            if (string.IsNullOrWhiteSpace(column)) throw new ArgumentException("No column to filter.", nameof(column));
            var builder = new StringBuilder("| where ");
            for (var i = 0; i < Alternatives.Count; i++)
            {
                if (i > 0) builder.Append("\n    or ");
                var conditions = Alternatives[i];
                if (conditions.Count > 1) builder.Append('(');
                for (var j = 0; j < conditions.Count; j++)
                {
                    if (j > 0) builder.Append(" and ");
                    builder.Append(conditions[j].Render(column));
                }
                if (conditions.Count > 1) builder.Append(')');
            }
            return builder.Append('\n').ToString();
        }
    }
}

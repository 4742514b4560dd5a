using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace B64Hunt.LogAnalytics
{
    /// <summary>Renders values as KQL literals, so no user text (host names, times) can change a query's meaning.</summary>
    public static class KqlLiteral
    {
        /// <summary>A double-quoted KQL string with \" \\ \r \n \t escaped.</summary>
        public static string String(string? value)
        {
            value ??= string.Empty;
            var builder = new StringBuilder(value.Length + 2);
            builder.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (c < ' ') builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else builder.Append(c);
                        break;
                }
            }
            builder.Append('"');
            return builder.ToString();
        }

        /// <summary>datetime(&lt;UTC round-trip "O"&gt;); unspecified kinds are taken as UTC.</summary>
        public static string DateTime(DateTime value) => "datetime(" + LogAnalyticsQueryClient.Iso(value) + ")";

        /// <summary>A parenthesised list of strings for in / has_any: ("a", "b").</summary>
        public static string StringList(IEnumerable<string> values)
        {
            var builder = new StringBuilder("(");
            var first = true;
            foreach (var value in values)
            {
                if (!first) builder.Append(", ");
                builder.Append(String(value));
                first = false;
            }
            return builder.Append(')').ToString();
        }
    }
}

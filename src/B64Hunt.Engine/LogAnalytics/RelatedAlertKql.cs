using System;
using System.Collections.Generic;
using System.Text;

namespace B64Hunt.LogAnalytics
{
    /// <summary>
    /// The SecurityAlert query of Get-B64RelatedAlert: the alerts of a window that name any of a batch of hosts (short
    /// or full name, `has` on Entities, ExtendedProperties and CompromisedEntity, like msticpy's list_related_alerts),
    /// one row per SystemAlertId (its latest version).
    /// </summary>
    public static class RelatedAlertKql
    {
        /// <summary>Hosts per query; each adds two terms to has_any.</summary>
        public const int HostsPerBatch = 200;

        public static string Build(IEnumerable<string> hosts, DateTime start, DateTime end)
        {
            var list = KqlLiteral.StringList(HostTerms(hosts));
            return new StringBuilder()
                .AppendLine("SecurityAlert")
                .Append("| where TimeGenerated >= ").Append(KqlLiteral.DateTime(start))
                .Append(" and TimeGenerated < ").AppendLine(KqlLiteral.DateTime(end))
                .Append("| where Entities has_any ").Append(list).Append(" or ExtendedProperties has_any ").Append(list)
                .Append(" or CompromisedEntity has_any ").AppendLine(list)
                .AppendLine("| summarize arg_max(TimeGenerated, *) by SystemAlertId")
                .Append("| project ").Append(string.Join(", ", SecurityAlertMapper.Columns))
                .ToString();
        }

        /// <summary>The distinct search terms (short and full name) of the hosts, for has_any.</summary>
        /// <exception cref="ArgumentException">No host.</exception>
        internal static List<string> HostTerms(IEnumerable<string> hosts)
        {
            var terms = new List<string>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var host in hosts)
            {
                foreach (var term in AlertHostMatcher.SearchTerms(host))
                {
                    if (seen.Add(term)) terms.Add(term);
                }
            }
            if (terms.Count == 0) throw new ArgumentException("No host to search alerts for.");
            return terms;
        }

        /// <summary>
        /// The alert window around a hunt, widened as the notebook does: five days before the hunt's start and one day
        /// after its end, so alerts that led to or followed the commands are found.
        /// </summary>
        public static (DateTime Start, DateTime End) WidenHuntWindow(DateTime huntStart, DateTime huntEnd) =>
            (LogAnalyticsQueryClient.ToUtc(huntStart).AddDays(-5), LogAnalyticsQueryClient.ToUtc(huntEnd).AddDays(1));
    }
}

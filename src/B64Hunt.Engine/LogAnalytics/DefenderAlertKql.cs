using System;
using System.Collections.Generic;
using System.Text;

namespace B64Hunt.LogAnalytics
{
    /// <summary>
    /// Get-B64RelatedAlert's Defender XDR query: the alerts whose evidence names any of a batch of hosts (AlertEvidence's
    /// DeviceName, short or full name), joined with AlertInfo for title, severity and techniques, one row per AlertId,
    /// projected into SecurityAlert's column names so <see cref="SecurityAlertMapper"/> reads both.
    /// </summary>
    public static class DefenderAlertKql
    {
        public static string Build(IEnumerable<string> hosts, DateTime start, DateTime end)
        {
            var terms = RelatedAlertKql.HostTerms(hosts);
            var window = "| where Timestamp >= " + KqlLiteral.DateTime(start) + " and Timestamp < " + KqlLiteral.DateTime(end);
            return new StringBuilder()
                .AppendLine("AlertEvidence")
                .AppendLine(window)
                .Append("| where DeviceName has_any ").AppendLine(KqlLiteral.StringList(terms))
                .AppendLine("| summarize Devices = make_set(DeviceName, 100) by AlertId")
                .AppendLine("| join kind=inner (AlertInfo")
                .Append("    ").AppendLine(window)
                .AppendLine("    | summarize arg_max(Timestamp, *) by AlertId) on AlertId")
                .Append("| project TimeGenerated = Timestamp, AlertName = Title, AlertSeverity = Severity, Description = Category, ")
                .Append("CompromisedEntity = tostring(Devices[0]), Entities = tostring(Devices), ExtendedProperties = \"\", ")
                .Append("SystemAlertId = AlertId, ProviderName = ServiceSource, Tactics = Category, Techniques = AttackTechniques, ")
                .Append("StartTime = Timestamp, EndTime = Timestamp")
                .ToString();
        }
    }
}

using System;
using System.Collections.Generic;
using System.Text;

namespace B64Hunt.LogAnalytics
{
    /// <summary>
    /// The KQL of each workspace source. Filters run on the service (time first, then facility and cheap `has`
    /// terms); the decoding is B64Hunt's own decoder's job, never KQL's. Every query bounds time half-open,
    /// TimeGenerated &gt;= start and TimeGenerated &lt; end, so split pieces never share a row.
    /// </summary>
    public static class WorkspaceKql
    {
        /// <summary>Words whose presence marks a command that may decode a payload (matched with has_any, whole terms, any case).</summary>
        public static readonly IReadOnlyList<string> DecoderWords = new[]
        {
            "base64", "b64decode", "decode64", "base64_decode", "FromBase64String", "openssl", "xxd", "Buffer.from",
        };

        /// <summary>The KQL for a table and window; <paramref name="summarize"/> aggregates per command line on the service.</summary>
        /// <exception cref="ArgumentException">Custom needs <paramref name="customQuery"/>.</exception>
        public static string Build(WorkspaceTable table, bool summarize, DateTime start, DateTime end, string? customQuery = null)
        {
            switch (table)
            {
                case WorkspaceTable.Auoms:
                    return summarize ? AuomsSummary(start, end) : Auoms(start, end);
                case WorkspaceTable.Auditd:
                    return Auditd(start, end);
                case WorkspaceTable.DeviceProcessEvents:
                    return summarize ? DeviceProcessEventsSummary(start, end) : DeviceProcessEvents(start, end);
                default:
                    if (string.IsNullOrWhiteSpace(customQuery)) throw new ArgumentException("-Query needs a KQL query.");
                    return customQuery!;
            }
        }

        /// <summary>True for the tables -Summarize can aggregate on the service.</summary>
        public static bool CanSummarize(WorkspaceTable table) => table == WorkspaceTable.Auoms || table == WorkspaceTable.DeviceProcessEvents;

        private static string TimeFilter(string column, DateTime start, DateTime end) =>
            "| where " + column + " >= " + KqlLiteral.DateTime(start) + " and " + column + " < " + KqlLiteral.DateTime(end);

        private static string AuomsFilter(DateTime start, DateTime end) => new StringBuilder()
            .AppendLine("Syslog")
            .AppendLine(TimeFilter("TimeGenerated", start, end))
            .AppendLine("| where Facility == 'user'")
            .AppendLine("| where SyslogMessage has \"AUOMS_EXECVE\"")
            .Append("| where SyslogMessage has_any ").AppendLine(KqlLiteral.StringList(DecoderWords))
            .ToString();

        internal static string Auoms(DateTime start, DateTime end) =>
            AuomsFilter(start, end) + "| project TimeGenerated, Computer, SyslogMessage";

        /// <summary>
        /// The command line is cut out as Sentinel's AUOMS parser does: everything after "cmdline=", minus the
        /// " redactors=… containerid=…" tail (cmdline's inner quotes are not escaped, so the tail is the only safe
        /// anchor), minus the surrounding quotes.
        /// </summary>
        internal static string AuomsSummary(DateTime start, DateTime end) =>
            AuomsFilter(start, end) +
            "| parse SyslogMessage with * \"cmdline=\" cmdline\n" +
            "| extend cmdline = trim_end(@\"( redactors=\\S*)?( containerid=\\S*)?\", cmdline)\n" +
            "| extend cmdline = iif(strlen(cmdline) >= 2 and cmdline startswith '\"' and cmdline endswith '\"', substring(cmdline, 1, strlen(cmdline) - 2), cmdline)\n" +
            "| where isnotempty(cmdline)\n" +
            Summary("Computer", "TimeGenerated", "cmdline") +
            "| project CommandLine = cmdline, EventCount, TotalHosts, Hostnames, FirstSeen, LastSeen";

        /// <summary>
        /// Native auditd EXECVE records hex-encode every argument with a space, quote or non-ASCII byte, so a
        /// `has "base64"` filter would miss exactly the interesting rows: filter on the record type only and let the
        /// client reassemble and decode the arguments.
        /// </summary>
        internal static string Auditd(DateTime start, DateTime end) => new StringBuilder()
            .AppendLine("Syslog")
            .AppendLine(TimeFilter("TimeGenerated", start, end))
            .AppendLine("| where SyslogMessage has \"type=EXECVE\"")
            .Append("| project TimeGenerated, Computer, SyslogMessage")
            .ToString();

        private static string DeviceProcessFilter(DateTime start, DateTime end) => new StringBuilder()
            .AppendLine("DeviceProcessEvents")
            .AppendLine(TimeFilter("Timestamp", start, end))
            .Append("| where ProcessCommandLine has_any ").AppendLine(KqlLiteral.StringList(DecoderWords))
            .ToString();

        internal static string DeviceProcessEvents(DateTime start, DateTime end) =>
            DeviceProcessFilter(start, end) +
            "| project TimeGenerated = Timestamp, Computer = DeviceName, Account = AccountName, CommandLine = ProcessCommandLine";

        internal static string DeviceProcessEventsSummary(DateTime start, DateTime end) =>
            DeviceProcessFilter(start, end) +
            Summary("DeviceName", "Timestamp", "ProcessCommandLine") +
            "| project CommandLine = ProcessCommandLine, EventCount, TotalHosts, Hostnames, FirstSeen, LastSeen";

        private static string Summary(string hostColumn, string timeColumn, string byColumn) =>
            "| summarize EventCount = count(), TotalHosts = dcount(" + hostColumn + "), Hostnames = make_set(" + hostColumn +
            ", 1000), FirstSeen = min(" + timeColumn + "), LastSeen = max(" + timeColumn + ") by " + byColumn + "\n";
    }
}

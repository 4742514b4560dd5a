using System;
using System.Text;

namespace B64Hunt.LogAnalytics
{
    /// <summary>
    /// The KQL of each source table, the same for a workspace, Defender XDR and a Data Explorer cluster. Filters run on
    /// the service (time first, then the record type, then <see cref="DecoderKql"/>, derived from the decoder's own
    /// entry conditions); the decoding is B64Hunt's own decoder's job, never KQL's. No Syslog facility is assumed
    /// (AUOMS writes to user by default, but its output is configurable); AUOMS_EXECVE alone marks the records. Every query bounds time half-open,
    /// TimeGenerated &gt;= start and TimeGenerated &lt; end, so split pieces never share a row.
    /// </summary>
    public static class WorkspaceKql
    {
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
                case WorkspaceTable.ProcessEvent:
                    return summarize ? AsimProcessEventSummary(start, end) : AsimProcessEvent(start, end);
                default:
                    if (string.IsNullOrWhiteSpace(customQuery)) throw new ArgumentException("-Query needs a KQL query.");
                    return customQuery!;
            }
        }

        /// <summary>True for the tables -Summarize can aggregate on the service.</summary>
        public static bool CanSummarize(WorkspaceTable table) =>
            table == WorkspaceTable.Auoms || table == WorkspaceTable.DeviceProcessEvents || table == WorkspaceTable.ProcessEvent;

        private static string TimeFilter(string column, DateTime start, DateTime end) =>
            "| where " + column + " >= " + KqlLiteral.DateTime(start) + " and " + column + " < " + KqlLiteral.DateTime(end);

        /// <summary>
        /// The command line is cut out as Sentinel's AUOMS parser does: everything after "cmdline=", minus the
        /// " redactors=… containerid=…" tail (cmdline's inner quotes are not escaped, so the tail is the only safe
        /// anchor), minus the surrounding quotes. The decoder filter runs on that cut, not on the whole record, whose
        /// other fields ("redactors=", paths, ids) would pass every record.
        /// </summary>
        private static string AuomsFilter(DateTime start, DateTime end) => new StringBuilder()
            .AppendLine("Syslog")
            .AppendLine(TimeFilter("TimeGenerated", start, end))
            .AppendLine("| where SyslogMessage has \"AUOMS_EXECVE\"")
            .AppendLine("| parse SyslogMessage with * \"cmdline=\" cmdline")
            .AppendLine("| extend cmdline = trim_end(@\"( redactors=\\S*)?( containerid=\\S*)?\", cmdline)")
            .AppendLine("| extend cmdline = iif(strlen(cmdline) >= 2 and cmdline startswith '\"' and cmdline endswith '\"', substring(cmdline, 1, strlen(cmdline) - 2), cmdline)")
            .Append(DecoderKql.Where("cmdline"))
            .ToString();

        internal static string Auoms(DateTime start, DateTime end) =>
            AuomsFilter(start, end) + "| project TimeGenerated, Computer, SyslogMessage";

        internal static string AuomsSummary(DateTime start, DateTime end) =>
            AuomsFilter(start, end) +
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
            .Append(DecoderKql.Where("ProcessCommandLine"))
            .ToString();

        internal static string DeviceProcessEvents(DateTime start, DateTime end) =>
            DeviceProcessFilter(start, end) +
            "| project TimeGenerated = Timestamp, Computer = DeviceName, Account = AccountName, CommandLine = ProcessCommandLine";

        internal static string DeviceProcessEventsSummary(DateTime start, DateTime end) =>
            DeviceProcessFilter(start, end) +
            Summary("DeviceName", "Timestamp", "ProcessCommandLine") +
            "| project CommandLine = ProcessCommandLine, EventCount, TotalHosts, Hostnames, FirstSeen, LastSeen";

        /// <summary>
        /// ASIM process events through Sentinel's unifying parser, so one hunt covers MDE, auditd, Sysmon for Linux and
        /// every other normalised source; starttime/endtime let each source parser filter time itself.
        /// </summary>
        private static string AsimFilter(DateTime start, DateTime end) => new StringBuilder()
            .Append("_Im_ProcessCreate(starttime=").Append(KqlLiteral.DateTime(start)).Append(", endtime=").Append(KqlLiteral.DateTime(end)).AppendLine(")")
            .AppendLine(TimeFilter("TimeGenerated", start, end))
            .Append(DecoderKql.Where("CommandLine"))
            .ToString();

        internal static string AsimProcessEvent(DateTime start, DateTime end) =>
            AsimFilter(start, end) +
            "| project TimeGenerated, Computer = DvcHostname, Account = ActorUsername, CommandLine, TargetProcessName, EventStartTime";

        internal static string AsimProcessEventSummary(DateTime start, DateTime end) =>
            AsimFilter(start, end) +
            Summary("DvcHostname", "TimeGenerated", "CommandLine") +
            "| project CommandLine, EventCount, TotalHosts, Hostnames, FirstSeen, LastSeen";

        private static string Summary(string hostColumn, string timeColumn, string byColumn) =>
            "| summarize EventCount = count(), TotalHosts = dcount(" + hostColumn + "), Hostnames = make_set(" + hostColumn +
            ", 1000), FirstSeen = min(" + timeColumn + "), LastSeen = max(" + timeColumn + ") by " + byColumn + "\n";
    }
}

using System;
using System.Collections.Generic;

namespace B64Hunt.Sources.Rows
{
    /// <summary>What a table column means to a hunt.</summary>
    internal enum ColumnRole
    {
        None,
        Time,
        Host,
        Account,
        CommandLine,
        /// <summary>Syslog's SyslogMessage: audit text parsed like a syslog line.</summary>
        SyslogMessage,
        /// <summary>Defender's ReportId: with DeviceId and the time, the key back to the event.</summary>
        ReportId,
        /// <summary>Defender's DeviceId.</summary>
        DeviceId,
    }

    /// <summary>
    /// Recognises the columns of Log Analytics, Defender and ASIM exports by name (case-insensitive, with
    /// the portal's " [UTC]" suffix). When several columns share a role the lowest rank wins, so a
    /// DeviceProcessEvents row uses ProcessCommandLine and InitiatingProcessCommandLine only when a table
    /// has nothing better (the parent's command line would repeat one payload for every child process).
    /// </summary>
    internal static class TableColumns
    {
        private static readonly Dictionary<string, (ColumnRole Role, int Rank)> Known = Build();

        private static Dictionary<string, (ColumnRole, int)> Build()
        {
            var known = new Dictionary<string, (ColumnRole, int)>(StringComparer.OrdinalIgnoreCase);
            void Add(ColumnRole role, params string[] names)
            {
                for (int i = 0; i < names.Length; i++) known[names[i]] = (role, i);
            }
            Add(ColumnRole.CommandLine, "ProcessCommandLine", "CommandLine", "TargetProcessCommandLine", "cmdline", "command_line",
                "Command", "cmd", "process.command_line", "InitiatingProcessCommandLine", "ActingProcessCommandLine");
            // TimeGeneratedUtc first: a plain Export-Csv of B64Hunt's events writes it exact beside a culture-formatted TimeGenerated.
            Add(ColumnRole.Time, "TimeGeneratedUtc", "TimeGenerated", "Timestamp", "EventTime", "TimeCreated", "time", "@timestamp", "_time",
                "ProcessCreationTime", "date");
            Add(ColumnRole.Host, "Computer", "DeviceName", "HostName", "DvcHostname", "host", "hostname", "host.name", "node",
                "SrcHostname", "_SourceComputer");
            Add(ColumnRole.Account, "AccountName", "Account", "TargetUsername", "User", "UserName", "user.name", "user",
                "ActorUsername", "InitiatingProcessAccountName");
            Add(ColumnRole.SyslogMessage, "SyslogMessage", "Message", "RawData");
            Add(ColumnRole.ReportId, "ReportId");
            Add(ColumnRole.DeviceId, "DeviceId");
            return known;
        }

        /// <summary>The column's role and rank (lower is better); (None, int.MaxValue) when unknown.</summary>
        public static (ColumnRole Role, int Rank) Classify(string name)
        {
            if (Known.TryGetValue(name, out var hit)) return hit;
            string normalized = Normalize(name);
            if (normalized.Length != name.Length && Known.TryGetValue(normalized, out hit)) return hit;
            return (ColumnRole.None, int.MaxValue);
        }

        /// <summary>"\uFEFF TimeGenerated [UTC] " → "TimeGenerated".</summary>
        public static string Normalize(string name)
        {
            string s = name.Trim().Trim('\uFEFF').Trim();
            if (s.Length >= 2 && s[0] == '"' && s[s.Length - 1] == '"') s = s.Substring(1, s.Length - 2).Trim();
            int bracket = s.LastIndexOf(" [", StringComparison.Ordinal);
            if (bracket > 0 && s.EndsWith("]", StringComparison.Ordinal)) s = s.Substring(0, bracket).TrimEnd();
            return s;
        }
    }

    /// <summary>Which column index serves each role in a table with a header (CSV, Log Analytics columns).</summary>
    internal sealed class TableSchema
    {
        public TableSchema(IReadOnlyList<string> columnNames)
        {
            ColumnCount = columnNames.Count;
            var ranks = new int[8];
            for (int r = 0; r < ranks.Length; r++) ranks[r] = int.MaxValue;
            for (int i = 0; i < columnNames.Count; i++)
            {
                var (role, rank) = TableColumns.Classify(columnNames[i]);
                if (role == ColumnRole.None || rank >= ranks[(int)role]) continue;
                ranks[(int)role] = rank;
                switch (role)
                {
                    case ColumnRole.Time: Time = i; break;
                    case ColumnRole.Host: Host = i; break;
                    case ColumnRole.Account: Account = i; break;
                    case ColumnRole.CommandLine: CommandLine = i; break;
                    case ColumnRole.SyslogMessage: SyslogMessage = i; break;
                    case ColumnRole.ReportId: ReportId = i; break;
                    case ColumnRole.DeviceId: DeviceId = i; break;
                }
            }
        }

        public int ColumnCount { get; }
        public int Time { get; } = -1;
        public int Host { get; } = -1;
        public int Account { get; } = -1;
        public int CommandLine { get; } = -1;
        public int SyslogMessage { get; } = -1;
        public int ReportId { get; } = -1;
        public int DeviceId { get; } = -1;

        /// <summary>True when rows can yield commands: a command-line column, or a SyslogMessage column.</summary>
        public bool HasCommandSource => CommandLine >= 0 || SyslogMessage >= 0;

        /// <summary>The highest column index a row needs.</summary>
        public int MaxNeededIndex => Math.Max(CommandLine, SyslogMessage);
    }
}

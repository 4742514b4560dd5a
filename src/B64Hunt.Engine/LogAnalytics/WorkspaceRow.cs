using System;
using System.Collections.Generic;

namespace B64Hunt.LogAnalytics
{
    /// <summary>
    /// One command line from a workspace. Raw Syslog rows (Auoms, Auditd) carry <see cref="SyslogMessage"/> for the
    /// AUOMS/auditd line parsers; DeviceProcessEvents, custom and summarized rows carry <see cref="CommandLine"/>.
    /// </summary>
    public sealed class WorkspaceRow
    {
        /// <summary>When it ran (UTC); for summarized rows, the last time it was seen.</summary>
        public DateTime? TimeGenerated { get; set; }

        public string? Computer { get; set; }

        public string? Account { get; set; }

        /// <summary>The command line, when the service gave it directly (null for raw Syslog rows).</summary>
        public string? CommandLine { get; set; }

        /// <summary>The raw Syslog message (AUOMS_EXECVE or auditd EXECVE record), for rows read from the Syslog table.</summary>
        public string? SyslogMessage { get; set; }

        /// <summary>How many executions the row stands for (1 unless summarized).</summary>
        public long EventCount { get; set; } = 1;

        /// <summary>Distinct hosts of a summarized command line (at most 1,000 per query piece).</summary>
        public IList<string> Hostnames { get; set; } = new List<string>();

        /// <summary>Distinct host count of a summarized row (the service's dcount, or the host list's size when pieces were merged).</summary>
        public long TotalHosts { get; set; }

        public DateTime? FirstSeen { get; set; }

        public DateTime? LastSeen { get; set; }

        /// <summary>True when the service aggregated this row (-Summarize).</summary>
        public bool IsSummarized { get; set; }

        /// <summary>"workspace:&lt;id&gt;".</summary>
        public string Source { get; set; } = string.Empty;

        public override string ToString() => CommandLine ?? SyslogMessage ?? string.Empty;
    }

    /// <summary>What a workspace hunt did: pieces queried, splits, rows returned.</summary>
    public sealed class WorkspaceQuerySummary
    {
        public int PiecesQueried { get; set; }
        public int Splits { get; set; }
        public long Rows { get; set; }
        public string Kql { get; set; } = string.Empty;

        public override string ToString() => Rows + " rows from " + PiecesQueried + " queries (" + Splits + " splits)";
    }
}

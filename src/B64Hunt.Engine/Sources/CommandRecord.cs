using System;

namespace B64Hunt.Sources
{
    /// <summary>
    /// One command execution read from a local log: the raw material Get-B64Command decodes.
    /// Only records that pass the reader's filters are ever allocated.
    /// </summary>
    public sealed class CommandRecord
    {
        /// <summary>When the command ran, in UTC, when the source says.</summary>
        public DateTime? TimeGenerated { get; set; }

        /// <summary>The host: syslog host, auditd node=, or the row's Computer/DeviceName column.</summary>
        public string? Computer { get; set; }

        /// <summary>The user name when known (AUOMS user=, auditd UID= interpretation, else "uid=N"; AccountName column).</summary>
        public string? Account { get; set; }

        /// <summary>Defender's ReportId column, when the row has one.</summary>
        public string? ReportId { get; set; }

        /// <summary>Defender's DeviceId column, when the row has one.</summary>
        public string? DeviceId { get; set; }

        /// <summary>The command line as logged (AUOMS cmdline, auditd arguments joined with single spaces, the row's column).</summary>
        public string CommandLine { get; set; } = "";

        /// <summary>"path:line", the line where the record starts (for auditd, the event's first EXECVE line).</summary>
        public string Source { get; set; } = "";

        /// <summary>The process name (audit comm=), when the source says.</summary>
        public string? ProcessName { get; set; }

        /// <summary>The executable path (audit exe=), when the source says.</summary>
        public string? ExecutablePath { get; set; }

        /// <summary>The login (audit) user: AUOMS audit_user=, auditd AUID= interpretation or "auid=N"; null when unset.</summary>
        public string? AuditAccount { get; set; }

        /// <summary>The source knows the record was cut (last line of a truncated gzip, an AUOMS cmdline whose quote never closes).</summary>
        public bool IsTruncated { get; set; }

        public override string ToString() => Source + " " + CommandLine;
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;

namespace B64Hunt.Sources
{
    /// <summary>
    /// Reads Syslog rows that arrive one at a time (a Log Analytics query's rows): each SyslogMessage goes
    /// through the same AUOMS and auditd record parsers as a file, so auditd events spread over several
    /// rows are reassembled. Call <see cref="Complete"/> after the last row to flush open auditd events.
    /// </summary>
    public sealed class SyslogRowReader
    {
        private readonly TableRowSink _sink;

        public SyslogRowReader(string sourceName, LogReadOptions options, ReadStatistics stats)
        {
            _sink = new TableRowSink(sourceName, options, stats);
        }

        /// <summary>Reads one row; returns the records and problems it completed (often none, or one).</summary>
        public IEnumerable<SourceItem> Add(string? syslogMessage, DateTime? timeGenerated, string? computer, string? account, long rowNumber)
        {
            string? time = timeGenerated?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
            _sink.Row(hasCommandColumn: false, command: null, message: syslogMessage, time: time, host: computer, account: account, line: rowNumber);
            return TableRowSink.Drain(_sink);
        }

        /// <summary>
        /// True when the text is an AUOMS_EXECVE or auditd record (a Syslog row's SyslogMessage), not a bare command line:
        /// it then goes through <see cref="Add"/> so the fields it names (user, host, time) are read as a file's are.
        /// </summary>
        public static bool IsAuditMessage(string? text) =>
            text != null && (text.IndexOf("type=AUOMS_EXECVE", StringComparison.Ordinal) >= 0
                || (text.IndexOf("msg=audit(", StringComparison.Ordinal) >= 0 && text.IndexOf("type=", StringComparison.Ordinal) >= 0));

        /// <summary>Flushes auditd events still waiting for more records.</summary>
        public IEnumerable<SourceItem> Complete()
        {
            _sink.Audit.Finish();
            return TableRowSink.Drain(_sink);
        }
    }
}

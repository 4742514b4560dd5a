using System;
using System.Collections.Generic;
using System.Globalization;
using B64Hunt.Errors;
using B64Hunt.Model;

namespace B64Hunt.Sources
{
    /// <summary>
    /// Turns the cells of one table row (CSV, JSON object, Log Analytics row) into a record: the command-line
    /// cell directly, or the SyslogMessage cell through the audit parsers (AUOMS or auditd text). Reports
    /// row-level problems. Writes to the audit handler's output list so items keep their order.
    /// </summary>
    internal sealed class TableRowSink
    {
        private readonly string _sourceName;
        private readonly LogReadOptions _options;
        private readonly ReadStatistics _stats;
        private byte[] _scratch = new byte[4096];
        private bool _missingReported;

        public TableRowSink(string sourceName, LogReadOptions options, ReadStatistics stats)
        {
            _sourceName = sourceName;
            _options = options;
            _stats = stats;
            Audit = new AuditRecordHandler(sourceName, options, stats);
        }

        public AuditRecordHandler Audit { get; }

        public List<SourceItem> Output => Audit.Output;

        /// <summary>One row. <paramref name="hasCommandColumn"/>: the row's table has a command-line column (it wins over SyslogMessage).</summary>
        public void Row(bool hasCommandColumn, string? command, string? message, string? time, string? host, string? account, long line,
            string? reportId = null, string? deviceId = null)
        {
            if (hasCommandColumn)
            {
                if (string.IsNullOrWhiteSpace(command))
                {
                    _stats.LinesSkipped++;
                    return;
                }
                if (!PassesFilters(command!)) return;
                _stats.Records++;
                Output.Add(SourceItem.FromRecord(new CommandRecord
                {
                    CommandLine = command!,
                    TimeGenerated = Rows.CellTime.Parse(time),
                    Computer = NullIfEmpty(host),
                    Account = NullIfEmpty(account),
                    ReportId = NullIfEmpty(reportId),
                    DeviceId = NullIfEmpty(deviceId),
                    Source = SourceAt(line),
                }));
                return;
            }
            if (string.IsNullOrEmpty(message))
            {
                _stats.LinesSkipped++;
                return;
            }
            int length = Utf8Text.Encode(message!, ref _scratch);
            Audit.HandleLine(new ReadOnlySpan<byte>(_scratch, 0, length), line, Rows.CellTime.Parse(time), NullIfEmpty(host), NullIfEmpty(account));
        }

        /// <summary>Yields and clears the items the last rows produced.</summary>
        public static IEnumerable<SourceItem> Drain(TableRowSink sink)
        {
            // Nothing adds to the list while the consumer holds an item, so it can be walked in place.
            var output = sink.Output;
            for (int i = 0; i < output.Count; i++) yield return output[i];
            output.Clear();
        }

        /// <summary>A row that carries nothing to read (counted as skipped).</summary>
        public void SkipRow() => _stats.LinesSkipped++;

        /// <summary>A table without a command-line (or SyslogMessage) column: one error per file, target the path.</summary>
        public void MissingCommandLineColumn(string detail)
        {
            if (_missingReported)
            {
                return;
            }
            _missingReported = true;
            Output.Add(SourceItem.FromProblem(new Problem(ErrorIds.MissingCommandLineColumn, ProblemKind.InvalidData,
                $"'{_sourceName}' has no command-line column ({detail}); expected one of ProcessCommandLine, CommandLine, TargetProcessCommandLine, cmdline, command, or SyslogMessage.",
                _sourceName)));
        }

        public void MalformedRow(long line, string why)
        {
            _stats.Malformed++;
            string target = SourceAt(line);
            Output.Add(SourceItem.FromProblem(new Problem(ErrorIds.MalformedRow, ProblemKind.InvalidData, $"Malformed row at {target}: {why}", target)));
        }

        public void MalformedJson(long line, long offset, string why)
        {
            _stats.Malformed++;
            string target = SourceAt(line);
            Output.Add(SourceItem.FromProblem(new Problem(ErrorIds.MalformedJson, ProblemKind.InvalidData,
                $"Malformed JSON at {target} (byte offset {offset.ToString(CultureInfo.InvariantCulture)}): {why}", target)));
        }

        public void TooLong(long line, long length)
        {
            _stats.LinesSkipped++;
            Output.Add(SourceItem.FromProblem(LineTooLong(SourceAt(line), length, _options.MaxLineLength)));
        }

        public static Problem LineTooLong(string target, long length, int max) =>
            new Problem(ErrorIds.LineTooLong, ProblemKind.LimitsExceeded,
                $"Skipped {target}: {length.ToString(CultureInfo.InvariantCulture)} bytes or more, over the {max.ToString(CultureInfo.InvariantCulture)}-byte line limit.", target);

        private bool PassesFilters(string command)
        {
            var byteFilter = _options.CommandLineByteFilter;
            if (byteFilter != null)
            {
                int length = Utf8Text.Encode(command, ref _scratch);
                if (!byteFilter(new ReadOnlySpan<byte>(_scratch, 0, length)))
                {
                    _stats.RecordsFiltered++;
                    return false;
                }
            }
            var filter = _options.CommandLineFilter;
            if (filter != null && !filter(command))
            {
                _stats.RecordsFiltered++;
                return false;
            }
            return true;
        }

        private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

        private string SourceAt(long line) => _sourceName + ":" + line.ToString(CultureInfo.InvariantCulture);
    }
}

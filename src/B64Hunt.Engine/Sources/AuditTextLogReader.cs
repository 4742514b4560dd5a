using System;
using B64Hunt.Errors;
using B64Hunt.Model;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;

namespace B64Hunt.Sources
{
    /// <summary>
    /// Reads syslog or audit.log files line by line as bytes: AUOMS_EXECVE lines and native auditd records
    /// (both kinds in one file are fine); every other line is counted as skipped. The hot path of a hunt.
    /// </summary>
    internal sealed class AuditTextLogReader
    {
        private readonly ByteLineReader _lines;
        private readonly AuditRecordHandler _handler;
        private readonly string _sourceName;
        private readonly LogReadOptions _options;
        private readonly ReadStatistics _stats;
        private readonly CancellationToken _cancellationToken;

        private AuditTextLogReader(Stream content, string sourceName, LogReadOptions options, ReadStatistics stats, CancellationToken cancellationToken)
        {
            _lines = new ByteLineReader(content, options.MaxLineLength, stats);
            _handler = new AuditRecordHandler(sourceName, options, stats);
            _sourceName = sourceName;
            _options = options;
            _stats = stats;
            _cancellationToken = cancellationToken;
        }

        public static IEnumerable<SourceItem> Read(Stream content, string sourceName, LogReadOptions options, ReadStatistics stats, CancellationToken cancellationToken)
        {
            var reader = new AuditTextLogReader(content, sourceName, options, stats, cancellationToken);
            var output = reader._handler.Output;
            while (reader.Pump())
            {
                for (int i = 0; i < output.Count; i++) yield return output[i];
                output.Clear();
            }
            reader._handler.Finish();
            for (int i = 0; i < output.Count; i++) yield return output[i];
            output.Clear();
        }

        // The per-line loop lives outside the iterator so it is compiled fully optimised from the first call
        // (an iterator's MoveNext starts in tier 0). Returns when there is output to yield, false at the end.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Pump()
        {
            var output = _handler.Output;
            while (true)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var status = _lines.Next();
                if (status == LineStatus.End) return false;
                _stats.LinesRead++;
                if (status == LineStatus.TooLong)
                {
                    _stats.LinesSkipped++;
                    output.Add(SourceItem.FromProblem(TableRowSink.LineTooLong(_sourceName + ":" + _lines.LineNumber, _lines.SkippedLength, _options.MaxLineLength)));
                }
                else
                {
                    try
                    {
                        _handler.HandleLine(new ReadOnlySpan<byte>(_lines.Buffer, _lines.LineStart, _lines.LineLength), _lines.LineNumber);
                    }
                    catch (Exception ex) when (!(ex is OperationCanceledException) && !(ex is OutOfMemoryException))
                    {
                        // A parser bug on one hostile line must cost that line only, not the rest of the file.
                        _stats.Malformed++;
                        string target = _sourceName + ":" + _lines.LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        output.Add(SourceItem.FromProblem(new Problem(ErrorIds.UnparsableLine, ProblemKind.InvalidData,
                            $"Could not parse {target}: {ex.Message}", target, ex)));
                    }
                }
                if (output.Count > 0) return true;
            }
        }
    }
}

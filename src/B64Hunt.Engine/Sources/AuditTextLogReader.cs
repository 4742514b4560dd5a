using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace B64Hunt.Sources
{
    /// <summary>
    /// Reads syslog or audit.log files line by line as bytes: AUOMS_EXECVE lines and native auditd records
    /// (both kinds in one file are fine); every other line is counted as skipped. The hot path of a hunt.
    /// </summary>
    internal static class AuditTextLogReader
    {
        public static IEnumerable<SourceItem> Read(Stream content, string sourceName, LogReadOptions options, ReadStatistics stats, CancellationToken cancellationToken)
        {
            var lines = new ByteLineReader(content, options.MaxLineLength, stats);
            var handler = new AuditRecordHandler(sourceName, options, stats);
            var output = handler.Output;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var status = lines.Next();
                if (status == LineStatus.End) break;
                stats.LinesRead++;
                if (status == LineStatus.TooLong)
                {
                    stats.LinesSkipped++;
                    yield return SourceItem.FromProblem(TableRowSink.LineTooLong(sourceName + ":" + lines.LineNumber, lines.SkippedLength, options.MaxLineLength));
                    continue;
                }
                handler.HandleLine(new System.ReadOnlySpan<byte>(lines.Buffer, lines.LineStart, lines.LineLength), lines.LineNumber);
                if (output.Count == 0) continue;
                for (int i = 0; i < output.Count; i++) yield return output[i];
                output.Clear();
            }
            handler.Finish();
            for (int i = 0; i < output.Count; i++) yield return output[i];
            output.Clear();
        }
    }
}

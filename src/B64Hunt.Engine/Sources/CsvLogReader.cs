using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using B64Hunt.Sources.Rows;
using B64Hunt.Streams;

namespace B64Hunt.Sources
{
    /// <summary>Reads a CSV export (Log Analytics, Defender, or any table with a command-line column).</summary>
    internal static class CsvLogReader
    {
        public static IEnumerable<SourceItem> Read(Stream content, string sourceName, LogReadOptions options, ReadStatistics stats, CancellationToken cancellationToken)
        {
            var counting = new CountingStream(content, stats);
            using var text = new StreamReader(counting, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
            var csv = new CsvRecordReader(text, options.MaxLineLength);
            var sink = new TableRowSink(sourceName, options, stats);
            var fields = new List<string>();
            TableSchema? schema = null;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                CsvStatus status = csv.Read(fields);
                if (status == CsvStatus.End) break;
                stats.LinesRead += csv.RecordLines;
                if (status == CsvStatus.TooLong)
                {
                    sink.TooLong(csv.RecordLine, csv.RecordLength);
                }
                else if (status == CsvStatus.Unterminated)
                {
                    sink.MalformedRow(csv.RecordLine, "the file ends inside a quoted field");
                }
                else if (fields.Count == 1 && fields[0].Length == 0)
                {
                    stats.LinesSkipped++; // blank line
                }
                else if (schema == null)
                {
                    schema = new TableSchema(fields);
                    if (!schema.HasCommandSource)
                    {
                        sink.MissingCommandLineColumn("CSV header: " + string.Join(",", fields));
                        foreach (var item in TableRowSink.Drain(sink)) yield return item;
                        yield break;
                    }
                }
                else
                {
                    HandleRow(sink, schema, fields, csv.RecordLine);
                }
                foreach (var item in TableRowSink.Drain(sink)) yield return item;
            }
            sink.Audit.Finish();
            foreach (var item in TableRowSink.Drain(sink)) yield return item;
        }

        private static void HandleRow(TableRowSink sink, TableSchema schema, List<string> fields, long line)
        {
            if (fields.Count < schema.ColumnCount)
            {
                sink.MalformedRow(line, $"{fields.Count} fields where the header has {schema.ColumnCount}");
                return;
            }
            for (int i = schema.ColumnCount; i < fields.Count; i++)
            {
                if (fields[i].Length != 0)
                {
                    sink.MalformedRow(line, $"{fields.Count} fields where the header has {schema.ColumnCount}");
                    return;
                }
            }
            sink.Row(schema.CommandLine >= 0,
                Cell(fields, schema.CommandLine), Cell(fields, schema.SyslogMessage),
                Cell(fields, schema.Time), Cell(fields, schema.Host), Cell(fields, schema.Account), line,
                Cell(fields, schema.ReportId), Cell(fields, schema.DeviceId));
        }

        private static string? Cell(List<string> fields, int index) => index >= 0 ? fields[index] : null;
    }
}

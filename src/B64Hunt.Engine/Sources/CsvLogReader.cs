using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;

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
                        foreach (var item in Drain(sink)) yield return item;
                        yield break;
                    }
                }
                else
                {
                    HandleRow(sink, schema, fields, csv.RecordLine);
                }
                foreach (var item in Drain(sink)) yield return item;
            }
            sink.Audit.Finish();
            foreach (var item in Drain(sink)) yield return item;
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
                Cell(fields, schema.Time), Cell(fields, schema.Host), Cell(fields, schema.Account), line);
        }

        private static string? Cell(List<string> fields, int index) => index >= 0 ? fields[index] : null;

        internal static IEnumerable<SourceItem> Drain(TableRowSink sink)
        {
            // Nothing adds to the list while the consumer holds an item, so it can be walked in place.
            var output = sink.Output;
            for (int i = 0; i < output.Count; i++) yield return output[i];
            output.Clear();
        }
    }

    /// <summary>Counts the bytes a text reader pulls, for <see cref="ReadStatistics.BytesRead"/>.</summary>
    internal sealed class CountingStream : Stream
    {
        private readonly Stream _inner;
        private readonly ReadStatistics _stats;

        public CountingStream(Stream inner, ReadStatistics stats)
        {
            _inner = inner;
            _stats = stats;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = _inner.Read(buffer, offset, count);
            _stats.BytesRead += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;

namespace B64Hunt.Sources
{
    /// <summary>Reads one JSON object per line; a bad line is reported and the next one read.</summary>
    internal static class JsonLinesLogReader
    {
        private static readonly JsonDocumentOptions DocumentOptions = new JsonDocumentOptions
        {
            AllowTrailingCommas = true,
            CommentHandling = JsonCommentHandling.Skip,
        };

        public static IEnumerable<SourceItem> Read(Stream content, string sourceName, LogReadOptions options, ReadStatistics stats, CancellationToken cancellationToken)
        {
            var lines = new ByteLineReader(content, options.MaxLineLength, stats);
            var sink = new TableRowSink(sourceName, options, stats);
            var row = new ObjectRow();
            long offset = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var status = lines.Next();
                if (status == LineStatus.End) break;
                stats.LinesRead++;
                if (status == LineStatus.TooLong)
                {
                    sink.TooLong(lines.LineNumber, lines.SkippedLength);
                }
                else if (IsBlank(lines.Line))
                {
                    stats.LinesSkipped++;
                }
                else
                {
                    HandleLine(sink, row, new ReadOnlyMemory<byte>(lines.Buffer, lines.LineStart, lines.LineLength), lines.LineNumber, offset);
                }
                offset = stats.BytesRead; // approximate: used only in messages
                var output = sink.Output;
                for (int i = 0; i < output.Count; i++) yield return output[i];
                output.Clear();
            }
            sink.Audit.Finish();
            foreach (var item in TableRowSink.Drain(sink)) yield return item;
        }

        private static void HandleLine(TableRowSink sink, ObjectRow row, ReadOnlyMemory<byte> line, long lineNumber, long offset)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line, DocumentOptions);
            }
            catch (JsonException e)
            {
                sink.MalformedJson(lineNumber, offset + (e.BytePositionInLine ?? 0), e.Message);
                return;
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    sink.MalformedRow(lineNumber, "the line holds a " + root.ValueKind + ", not an object");
                    return;
                }
                row.Clear();
                try
                {
                    foreach (var property in root.EnumerateObject()) row.Add(property.Name, JsonLogReader.CellText(property.Value));
                }
                catch (InvalidOperationException e) // a name or string that is not valid UTF-8: only this line is bad
                {
                    sink.MalformedJson(lineNumber, offset, e.Message);
                    return;
                }
                row.Emit(sink, lineNumber);
            }
        }

        private static bool IsBlank(ReadOnlySpan<byte> line)
        {
            foreach (byte b in line)
            {
                if (b != (byte)' ' && b != (byte)'\t') return false;
            }
            return true;
        }
    }
}

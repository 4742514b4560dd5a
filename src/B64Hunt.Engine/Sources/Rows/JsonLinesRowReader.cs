using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;

namespace B64Hunt.Sources.Rows
{
    /// <summary>JSON lines: one row object a line, each read with <see cref="Utf8JsonReader"/>; a bad line costs itself only.</summary>
    internal sealed class JsonLinesRowReader
    {
        private readonly ByteLineReader _lines;
        private readonly ReadStatistics _stats;
        private readonly IJsonRowHandler _handler;
        private readonly CancellationToken _cancellationToken;
        private readonly JsonRow _row = new JsonRow();

        public JsonLinesRowReader(Stream content, int maxLineLength, ReadStatistics stats, IJsonRowHandler handler, CancellationToken cancellationToken)
        {
            _lines = new ByteLineReader(content, maxLineLength, stats);
            _stats = stats;
            _handler = handler;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Reads one line per step.</summary>
        public IEnumerable<bool> Steps()
        {
            long offset = 0;
            while (true)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var status = _lines.Next();
                if (status == LineStatus.End) yield break;
                _handler.Element(_lines.LineNumber);
                if (status == LineStatus.TooLong) _handler.TooLong(_lines.LineNumber, _lines.SkippedLength);
                else if (IsBlank(_lines.Line)) _handler.SkippedRow();
                else ReadLine(new ReadOnlySpan<byte>(_lines.Buffer, _lines.LineStart, _lines.LineLength), _lines.LineNumber, offset);
                offset = _stats.BytesRead; // approximate: used only in messages
                yield return true;
            }
        }

        private void ReadLine(ReadOnlySpan<byte> line, long lineNumber, long offset)
        {
            JsonTokenType kind;
            try
            {
                kind = _row.Read(line, columns: null);
            }
            catch (JsonException e)
            {
                _handler.Malformed(lineNumber, offset + (e.BytePositionInLine ?? 0), e.Message);
                return;
            }
            catch (InvalidOperationException e) // a name or string that is not valid UTF-8
            {
                _handler.Malformed(lineNumber, offset, e.Message);
                return;
            }
            if (kind != JsonTokenType.StartObject)
            {
                _handler.NotARow(lineNumber, "the line holds a " + JsonRowReader.KindName(kind) + ", not an object");
                return;
            }
            _row.Line = lineNumber;
            _row.Index = 1;
            _handler.Row(_row);
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

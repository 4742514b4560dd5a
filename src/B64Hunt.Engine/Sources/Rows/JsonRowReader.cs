using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;

namespace B64Hunt.Sources.Rows
{
    /// <summary>
    /// The one JSON row source: walks a stream of any size through <see cref="JsonScanner"/>'s refilled buffer and reads
    /// each row element with <see cref="Utf8JsonReader"/>, never holding more than one element. Shapes: an array of row
    /// objects; the Log Analytics REST shape {"tables":[{"columns":[...],"rows":[[...]]}]}; an object holding such an
    /// array under "Results" (Defender advanced hunting), "value", "records" or "data"; one object as a single row.
    /// The structure between elements is followed by bytes, so an element that is not well-formed costs itself only.
    /// </summary>
    internal sealed class JsonRowReader
    {
        private static readonly HashSet<string> RecordArrayNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Results", "value", "records", "data" };

        private readonly JsonScanner _scanner;
        private readonly IJsonRowHandler _handler;
        private readonly CancellationToken _cancellationToken;
        private readonly JsonRow _row = new JsonRow();
        private IReadOnlyList<string>? _columns;
        private string? _currentName;
        private bool _stopped;
        private bool _closed;

        /// <param name="content">The JSON or JSON Lines text, read forward once.</param>
        /// <param name="maxElementLength">Bytes an element may span; a longer one is skipped (<see cref="IJsonRowHandler.TooLong"/>).</param>
        /// <param name="stats">Counts the bytes read (BytesRead).</param>
        /// <param name="handler">Receives the rows and what went wrong.</param>
        /// <param name="cancellationToken">Stops the read (Ctrl+C).</param>
        /// <param name="bufferSize">The first refill block.</param>
        public JsonRowReader(Stream content, int maxElementLength, ReadStatistics stats, IJsonRowHandler handler, CancellationToken cancellationToken, int bufferSize = 256 * 1024)
        {
            _scanner = new JsonScanner(content, maxElementLength, stats, bufferSize);
            _handler = handler;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Reads the input one element per step, so the consumer can hand on what each step produced.</summary>
        public IEnumerable<bool> Steps()
        {
            int first = _scanner.Peek();
            if (first < 0) yield break;
            if (first == '[')
            {
                _scanner.Advance();
                foreach (var step in Elements(tableRows: false)) yield return step;
            }
            else if (first == '{')
            {
                _scanner.Advance();
                foreach (var step in RootObject()) yield return step;
            }
            else
            {
                Fail("expected '[' or '{'");
                yield return true;
            }
            // A second value (JSON lines whose first object spans lines) would otherwise go unread without a word.
            if (!_stopped && _scanner.Peek() >= 0)
            {
                Fail("text follows the JSON value");
                yield return true;
            }
        }

        internal static string KindName(JsonTokenType kind) => kind switch
        {
            JsonTokenType.StartObject => "Object",
            JsonTokenType.StartArray => "Array",
            _ => kind.ToString(),
        };

        // The elements of an array whose '[' was consumed: row objects, or (tableRows) a table's rows of cells.
        private IEnumerable<bool> Elements(bool tableRows)
        {
            long index = 0;
            while (!_stopped)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (_scanner.Peek() == ']')
                {
                    _scanner.Advance();
                    yield break;
                }
                long line = _scanner.Line;
                long offset = _scanner.Offset;
                index++;
                if (CaptureElement(line, out int start, out int length))
                {
                    _handler.Element(line);
                    if (!tableRows) ReadRow(start, length, line, offset, index, columns: null);
                    else if (_columns != null && _handler.WantsTableRows) ReadRow(start, length, line, offset, index, _columns);
                    else _handler.SkippedRow();
                }
                yield return true;
                if (!_stopped) ExpectSeparator(']');
                if (_closed)
                {
                    _closed = false;
                    yield break;
                }
            }
        }

        // After an element: ',' continues, the closing bracket ends the container, anything else stops.
        private void ExpectSeparator(char close)
        {
            int c = _scanner.Peek();
            if (c == ',')
            {
                _scanner.Advance();
                return;
            }
            if (c == close)
            {
                _scanner.Advance();
                _closed = true;
                return;
            }
            Fail(c < 0 ? "the input ends before the closing '" + close + "'" : $"expected ',' or '{close}'");
        }

        private IEnumerable<bool> RootObject()
        {
            var members = new List<KeyValuePair<string, string?>>();
            bool sawRecords = false;
            long rootLine = _scanner.Line;
            foreach (var member in Members())
            {
                string name = _currentName!;
                int c = _scanner.Peek();
                if (name.Equals("tables", StringComparison.OrdinalIgnoreCase) && c == '[')
                {
                    sawRecords = true;
                    _scanner.Advance();
                    foreach (var step in Tables()) yield return step;
                }
                else if (RecordArrayNames.Contains(name) && c == '[')
                {
                    sawRecords = true;
                    _scanner.Advance();
                    foreach (var step in Elements(tableRows: false)) yield return step;
                }
                else
                {
                    long line = _scanner.Line;
                    if (CaptureElement(line, out int start, out int length) && members.Count < 10_000)
                    {
                        members.Add(new KeyValuePair<string, string?>(name, JsonRow.ScalarText(new ReadOnlySpan<byte>(_scanner.Buffer, start, length))));
                    }
                }
            }
            if (!sawRecords && !_stopped && members.Count > 0)
            {
                _handler.Element(rootLine);
                _row.Clear();
                foreach (var member in members) _row.Add(member.Key, member.Value);
                _row.Line = rootLine;
                _row.Index = 1;
                _handler.Row(_row);
                yield return true;
            }
        }

        // Iterates the members of the object whose '{' was consumed; the caller consumes each value.
        private IEnumerable<bool> Members()
        {
            while (!_stopped)
            {
                int c = _scanner.Peek();
                if (c == '}')
                {
                    _scanner.Advance();
                    yield break;
                }
                if (c != '"')
                {
                    Fail(c < 0 ? "the input ends inside an object" : "expected a property name");
                    yield break;
                }
                _currentName = _scanner.ReadString();
                if (_currentName == null || _scanner.Peek() != ':')
                {
                    Fail("expected a property name and ':'");
                    yield break;
                }
                _scanner.Advance();
                yield return true;
                if (_stopped) yield break;
                ExpectSeparator('}');
                if (_closed)
                {
                    _closed = false;
                    yield break;
                }
            }
        }

        private IEnumerable<bool> Tables()
        {
            while (!_stopped)
            {
                int c = _scanner.Peek();
                if (c == ']')
                {
                    _scanner.Advance();
                    yield break;
                }
                if (c != '{')
                {
                    Fail("expected a table object");
                    yield break;
                }
                _scanner.Advance();
                foreach (var step in Table()) yield return step;
                if (_stopped) yield break;
                ExpectSeparator(']');
                if (_closed)
                {
                    _closed = false;
                    yield break;
                }
            }
        }

        private IEnumerable<bool> Table()
        {
            _columns = null;
            bool columnsTold = false;
            foreach (var member in Members())
            {
                string name = _currentName!;
                long line = _scanner.Line;
                long offset = _scanner.Offset;
                if (name.Equals("columns", StringComparison.OrdinalIgnoreCase))
                {
                    if (CaptureElement(line, out int start, out int length))
                    {
                        _columns = ReadColumns(start, length, line, offset);
                        _handler.Columns(_columns, line);
                        columnsTold = true;
                    }
                    yield return true;
                }
                else if (name.Equals("rows", StringComparison.OrdinalIgnoreCase) && _scanner.Peek() == '[')
                {
                    _scanner.Advance();
                    if (!columnsTold) _handler.Columns(null, line);
                    foreach (var step in Elements(tableRows: true)) yield return step;
                }
                else
                {
                    CaptureElement(line, out _, out _);
                }
            }
        }

        private bool CaptureElement(long line, out int start, out int length)
        {
            var status = _scanner.Capture(out start, out length, out long skipped);
            switch (status)
            {
                case JsonScanStatus.Value:
                    return true;
                case JsonScanStatus.TooLong:
                    _handler.TooLong(line, skipped);
                    return false;
                case JsonScanStatus.Truncated:
                    Fail("the input ends inside a value");
                    return false;
                default:
                    Fail("the input ends early");
                    return false;
            }
        }

        // One element: an object (columns null) or a table row (an array of cells named by columns).
        private void ReadRow(int start, int length, long line, long offset, long index, IReadOnlyList<string>? columns)
        {
            JsonTokenType kind;
            try
            {
                kind = _row.Read(new ReadOnlySpan<byte>(_scanner.Buffer, start, length), columns);
            }
            catch (Exception e) when (e is JsonException || e is InvalidOperationException) // only this element is bad
            {
                _handler.Malformed(line, offset, e.Message);
                return;
            }
            if (columns == null && kind != JsonTokenType.StartObject)
            {
                _handler.NotARow(line, "an array element is a " + KindName(kind) + ", not an object");
                return;
            }
            if (columns != null && kind != JsonTokenType.StartArray)
            {
                _handler.NotARow(line, "a row is a " + KindName(kind) + ", not an array");
                return;
            }
            _row.Line = line;
            _row.Index = index;
            _handler.Row(_row);
        }

        // "columns": [{"name": "TimeGenerated", "type": "datetime"}, ...] (or ColumnName, or plain strings).
        private IReadOnlyList<string>? ReadColumns(int start, int length, long line, long offset)
        {
            var element = new ReadOnlySpan<byte>(_scanner.Buffer, start, length);
            try
            {
                var reader = new Utf8JsonReader(element, JsonRow.Options);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                {
                    _handler.Malformed(line, offset, "\"columns\" is not an array");
                    return null;
                }
                var names = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    string? name = null;
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        int depth = reader.CurrentDepth;
                        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
                        {
                            if (reader.TokenType != JsonTokenType.PropertyName) continue;
                            string property = reader.GetString()!;
                            bool isName = property.Equals("name", StringComparison.OrdinalIgnoreCase) || property.Equals("ColumnName", StringComparison.OrdinalIgnoreCase);
                            reader.Read();
                            if (isName) name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                            else reader.Skip();
                        }
                    }
                    else if (reader.TokenType == JsonTokenType.String)
                    {
                        name = reader.GetString();
                    }
                    else
                    {
                        reader.Skip();
                    }
                    names.Add(name ?? string.Empty);
                }
                return names;
            }
            catch (Exception e) when (e is JsonException || e is InvalidOperationException)
            {
                _handler.Malformed(line, offset, e.Message);
                return null;
            }
        }

        private void Fail(string why)
        {
            if (_stopped) return;
            _stopped = true;
            _handler.Broken(_scanner.Line, _scanner.Offset, why + "; the rest of the file is not read");
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;

namespace B64Hunt.Sources
{
    /// <summary>
    /// Reads JSON exports, streaming one element at a time: an array of row objects; the Log Analytics REST
    /// shape {"tables":[{"columns":[...],"rows":[[...]]}]}; an object holding such an array under "Results"
    /// (Defender advanced hunting API), "value" or "records"; or one object as a single row.
    /// </summary>
    internal sealed class JsonLogReader
    {
        private static readonly JsonDocumentOptions DocumentOptions = new JsonDocumentOptions
        {
            AllowTrailingCommas = true,
            CommentHandling = JsonCommentHandling.Skip,
        };

        private static readonly HashSet<string> RecordArrayNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Results", "value", "records", "data" };

        private readonly JsonScanner _scanner;
        private readonly TableRowSink _sink;
        private readonly ReadStatistics _stats;
        private readonly CancellationToken _cancellationToken;
        private readonly ObjectRow _row = new ObjectRow();
        private bool _stopped;

        private JsonLogReader(Stream content, string sourceName, LogReadOptions options, ReadStatistics stats, CancellationToken cancellationToken)
        {
            _scanner = new JsonScanner(content, options.MaxLineLength, stats);
            _sink = new TableRowSink(sourceName, options, stats);
            _stats = stats;
            _cancellationToken = cancellationToken;
        }

        public static IEnumerable<SourceItem> Read(Stream content, string sourceName, LogReadOptions options, ReadStatistics stats, CancellationToken cancellationToken)
        {
            var reader = new JsonLogReader(content, sourceName, options, stats, cancellationToken);
            // Each step handles one element and leaves its items in the sink's output.
            foreach (var step in reader.Walk())
            {
                var output = reader._sink.Output;
                for (int i = 0; i < output.Count; i++) yield return output[i];
                output.Clear();
            }
            reader._sink.Audit.Finish();
            foreach (var item in TableRowSink.Drain(reader._sink)) yield return item;
        }

        // Yields after each element so output stays small; the values are meaningless.
        private IEnumerable<bool> Walk()
        {
            int first = _scanner.Peek();
            if (first < 0) yield break;
            if (first == '[')
            {
                _scanner.Advance();
                foreach (var step in RecordArray()) yield return step;
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
        }

        private IEnumerable<bool> RecordArray()
        {
            while (!_stopped)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                int c = _scanner.Peek();
                if (c == ']')
                {
                    _scanner.Advance();
                    yield break;
                }
                long line = _scanner.Line;
                long offset = _scanner.Offset;
                if (CaptureElement(line, out int start, out int length))
                {
                    _stats.LinesRead++;
                    HandleObject(start, length, line, offset);
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

        private bool _closed;

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
                    foreach (var step in RecordArray()) yield return step;
                }
                else
                {
                    long line = _scanner.Line;
                    if (CaptureElement(line, out int start, out int length) && members.Count < 10_000)
                    {
                        members.Add(new KeyValuePair<string, string?>(name, ScalarText(start, length)));
                    }
                }
            }
            if (!sawRecords && !_stopped && members.Count > 0)
            {
                _stats.LinesRead++;
                _row.Clear();
                foreach (var member in members) _row.Add(member.Key, member.Value);
                _row.Emit(_sink, rootLine);
                yield return true;
            }
        }

        private string? _currentName;

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
            TableSchema? schema = null;
            foreach (var member in Members())
            {
                string name = _currentName!;
                long line = _scanner.Line;
                long offset = _scanner.Offset;
                if (name.Equals("columns", StringComparison.OrdinalIgnoreCase))
                {
                    if (CaptureElement(line, out int start, out int length)) schema = ReadColumns(start, length, line, offset);
                    if (schema != null && !schema.HasCommandSource) _sink.MissingCommandLineColumn("table columns");
                    yield return true;
                }
                else if (name.Equals("rows", StringComparison.OrdinalIgnoreCase) && _scanner.Peek() == '[')
                {
                    _scanner.Advance();
                    if (schema == null) _sink.MissingCommandLineColumn("no \"columns\" before \"rows\"");
                    foreach (var step in Rows(schema)) yield return step;
                }
                else
                {
                    CaptureElement(line, out _, out _);
                }
            }
        }

        private IEnumerable<bool> Rows(TableSchema? schema)
        {
            while (!_stopped)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                int c = _scanner.Peek();
                if (c == ']')
                {
                    _scanner.Advance();
                    yield break;
                }
                long line = _scanner.Line;
                long offset = _scanner.Offset;
                if (CaptureElement(line, out int start, out int length))
                {
                    _stats.LinesRead++;
                    if (schema != null && schema.HasCommandSource) HandleRow(schema, start, length, line, offset);
                    else _stats.LinesSkipped++;
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

        // ------------------------------------------------------------ elements

        private bool CaptureElement(long line, out int start, out int length)
        {
            var status = _scanner.Capture(out start, out length, out long skipped);
            switch (status)
            {
                case JsonScanStatus.Value:
                    return true;
                case JsonScanStatus.TooLong:
                    _sink.TooLong(line, skipped);
                    return false;
                case JsonScanStatus.Truncated:
                    Fail("the input ends inside a value");
                    return false;
                default:
                    Fail("the input ends early");
                    return false;
            }
        }

        /// <summary>Parses one element of the scanned buffer; JSON that does not parse is that element's MalformedJson, and null.</summary>
        private JsonDocument? ParseElement(int start, int length, long line, long offset)
        {
            try
            {
                return JsonDocument.Parse(new ReadOnlyMemory<byte>(_scanner.Buffer, start, length), DocumentOptions);
            }
            catch (JsonException e)
            {
                _sink.MalformedJson(line, offset, e.Message);
                return null;
            }
        }

        private void HandleObject(int start, int length, long line, long offset)
        {
            JsonDocument? document = ParseElement(start, length, line, offset);
            if (document == null) return;
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    _sink.MalformedRow(line, "an array element is a " + root.ValueKind + ", not an object");
                    return;
                }
                _row.Clear();
                try
                {
                    foreach (var property in root.EnumerateObject()) _row.Add(property.Name, CellText(property.Value));
                }
                catch (InvalidOperationException e) // a name or string that is not valid UTF-8: only this element is bad
                {
                    _sink.MalformedJson(line, offset, e.Message);
                    return;
                }
                _row.Emit(_sink, line);
            }
        }

        private TableSchema? ReadColumns(int start, int length, long line, long offset)
        {
            try
            {
                using var document = JsonDocument.Parse(new ReadOnlyMemory<byte>(_scanner.Buffer, start, length), DocumentOptions);
                if (document.RootElement.ValueKind != JsonValueKind.Array)
                {
                    _sink.MalformedJson(line, offset, "\"columns\" is not an array");
                    return null;
                }
                var names = new List<string>();
                foreach (var column in document.RootElement.EnumerateArray())
                {
                    string? name = null;
                    if (column.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var property in column.EnumerateObject())
                        {
                            if (property.Name.Equals("name", StringComparison.OrdinalIgnoreCase) || property.Name.Equals("ColumnName", StringComparison.OrdinalIgnoreCase))
                            {
                                name = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                            }
                        }
                    }
                    else if (column.ValueKind == JsonValueKind.String)
                    {
                        name = column.GetString();
                    }
                    names.Add(name ?? string.Empty);
                }
                return new TableSchema(names);
            }
            catch (Exception e) when (e is JsonException || e is InvalidOperationException)
            {
                _sink.MalformedJson(line, offset, e.Message);
                return null;
            }
        }

        private void HandleRow(TableSchema schema, int start, int length, long line, long offset)
        {
            JsonDocument? document = ParseElement(start, length, line, offset);
            if (document == null) return;
            using (document)
            {
                var row = document.RootElement;
                if (row.ValueKind != JsonValueKind.Array)
                {
                    _sink.MalformedRow(line, "a row is a " + row.ValueKind + ", not an array");
                    return;
                }
                int count = row.GetArrayLength();
                if (count <= schema.MaxNeededIndex)
                {
                    _sink.MalformedRow(line, $"{count} values where the columns need {schema.MaxNeededIndex + 1}");
                    return;
                }
                string? commandLine, syslogMessage, time, host, account, reportId, deviceId;
                try
                {
                    commandLine = Cell(row, schema.CommandLine);
                    syslogMessage = Cell(row, schema.SyslogMessage);
                    time = Cell(row, schema.Time);
                    host = Cell(row, schema.Host);
                    account = Cell(row, schema.Account);
                    reportId = schema.ReportId < count ? Cell(row, schema.ReportId) : null;
                    deviceId = schema.DeviceId < count ? Cell(row, schema.DeviceId) : null;
                }
                catch (InvalidOperationException e) // a cell that is not valid UTF-8: only this row is bad
                {
                    _sink.MalformedJson(line, offset, e.Message);
                    return;
                }
                _sink.Row(schema.CommandLine >= 0, commandLine, syslogMessage, time, host, account, line, reportId, deviceId);
            }
        }

        private static string? Cell(JsonElement row, int index) => index >= 0 && index < row.GetArrayLength() ? CellText(row[index]) : null;

        internal static string? CellText(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };

        private string? ScalarText(int start, int length)
        {
            try
            {
                using var document = JsonDocument.Parse(new ReadOnlyMemory<byte>(_scanner.Buffer, start, length), DocumentOptions);
                return CellText(document.RootElement);
            }
            catch (Exception e) when (e is JsonException || e is InvalidOperationException)
            {
                return null;
            }
        }

        private void Fail(string why)
        {
            if (_stopped) return;
            _stopped = true;
            _sink.MalformedJson(_scanner.Line, _scanner.Offset, why + "; the rest of the file is not read");
        }
    }

    /// <summary>The cells of one schema-less row (a JSON object), classified by property name.</summary>
    internal sealed class ObjectRow
    {
        private readonly string?[] _values = new string?[8];
        private readonly int[] _ranks = new int[8];

        public void Clear()
        {
            for (int i = 0; i < _values.Length; i++)
            {
                _values[i] = null;
                _ranks[i] = int.MaxValue;
            }
            HasCommandColumn = false;
            HasMessageColumn = false;
        }

        public bool HasCommandColumn { get; private set; }
        public bool HasMessageColumn { get; private set; }

        public void Add(string name, string? value)
        {
            var (role, rank) = TableColumns.Classify(name);
            if (role == ColumnRole.None) return;
            if (role == ColumnRole.CommandLine) HasCommandColumn = true;
            if (role == ColumnRole.SyslogMessage) HasMessageColumn = true;
            // The best-ranked column decides even when its cell is null, as in a CSV or a Log Analytics table.
            if (rank < _ranks[(int)role])
            {
                _ranks[(int)role] = rank;
                _values[(int)role] = value;
            }
        }

        public void Emit(TableRowSink sink, long line)
        {
            if (!HasCommandColumn && !HasMessageColumn)
            {
                sink.MissingCommandLineColumn("an object without one, at line " + line);
                sink.SkipRow();
                return;
            }
            sink.Row(HasCommandColumn, _values[(int)ColumnRole.CommandLine], _values[(int)ColumnRole.SyslogMessage],
                _values[(int)ColumnRole.Time], _values[(int)ColumnRole.Host], _values[(int)ColumnRole.Account], line,
                _values[(int)ColumnRole.ReportId], _values[(int)ColumnRole.DeviceId]);
        }
    }
}

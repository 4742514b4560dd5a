using System.Collections.Generic;
using System.IO;
using System.Threading;
using B64Hunt.Sources.Rows;

namespace B64Hunt.Sources
{
    /// <summary>
    /// Command records from JSON exports and JSON lines: the row source (<see cref="JsonRowReader"/>,
    /// <see cref="JsonLinesRowReader"/>) gives rows, and their cells go to the <see cref="TableRowSink"/> by column role.
    /// </summary>
    internal sealed class JsonLogReader : IJsonRowHandler
    {
        private readonly TableRowSink _sink;
        private readonly ReadStatistics _stats;
        private readonly ObjectRow _objectRow = new ObjectRow();
        private TableSchema? _schema;

        private JsonLogReader(string sourceName, LogReadOptions options, ReadStatistics stats)
        {
            _sink = new TableRowSink(sourceName, options, stats);
            _stats = stats;
        }

        public static IEnumerable<SourceItem> Read(Stream content, string sourceName, LogReadOptions options, ReadStatistics stats, CancellationToken cancellationToken)
        {
            var reader = new JsonLogReader(sourceName, options, stats);
            return reader.Run(new JsonRowReader(content, options.MaxLineLength, stats, reader, cancellationToken).Steps());
        }

        public static IEnumerable<SourceItem> ReadLines(Stream content, string sourceName, LogReadOptions options, ReadStatistics stats, CancellationToken cancellationToken)
        {
            var reader = new JsonLogReader(sourceName, options, stats);
            return reader.Run(new JsonLinesRowReader(content, options.MaxLineLength, stats, reader, cancellationToken).Steps());
        }

        // Each step handles one element and leaves its items in the sink's output.
        private IEnumerable<SourceItem> Run(IEnumerable<bool> steps)
        {
            foreach (var step in steps)
            {
                var output = _sink.Output;
                for (int i = 0; i < output.Count; i++) yield return output[i];
                output.Clear();
            }
            _sink.Audit.Finish();
            foreach (var item in TableRowSink.Drain(_sink)) yield return item;
        }

        public void Element(long line) => _stats.LinesRead++;

        public void Columns(IReadOnlyList<string>? names, long line)
        {
            _schema = names == null ? null : new TableSchema(names);
            if (names == null) _sink.MissingCommandLineColumn("no \"columns\" before \"rows\"");
            else if (!_schema!.HasCommandSource) _sink.MissingCommandLineColumn("table columns");
        }

        public bool WantsTableRows => _schema != null && _schema.HasCommandSource;

        public void SkippedRow() => _stats.LinesSkipped++;

        public void Row(JsonRow row)
        {
            if (row.InTable)
            {
                TableRow(row);
                return;
            }
            _objectRow.Clear();
            var names = row.Names;
            for (int i = 0; i < names.Count; i++) _objectRow.Add(names[i], row.Values[i]);
            _objectRow.Emit(_sink, row.Line);
        }

        private void TableRow(JsonRow row)
        {
            var schema = _schema!;
            var cells = row.Values;
            if (cells.Count <= schema.MaxNeededIndex)
            {
                _sink.MalformedRow(row.Line, $"{cells.Count} values where the columns need {schema.MaxNeededIndex + 1}");
                return;
            }
            _sink.Row(schema.CommandLine >= 0, Cell(cells, schema.CommandLine), Cell(cells, schema.SyslogMessage),
                Cell(cells, schema.Time), Cell(cells, schema.Host), Cell(cells, schema.Account), row.Line,
                Cell(cells, schema.ReportId), Cell(cells, schema.DeviceId));
        }

        private static string? Cell(List<string?> cells, int index) => index >= 0 && index < cells.Count ? cells[index] : null;

        public void Malformed(long line, long offset, string why) => _sink.MalformedJson(line, offset, why);

        public void Broken(long line, long offset, string why) => _sink.MalformedJson(line, offset, why);

        public void NotARow(long line, string why) => _sink.MalformedRow(line, why);

        public void TooLong(long line, long length) => _sink.TooLong(line, length);
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

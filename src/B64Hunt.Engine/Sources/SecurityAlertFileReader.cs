using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using B64Hunt.Errors;
using B64Hunt.Model;
using B64Hunt.Reporting;
using B64Hunt.Sources.Rows;
using B64Hunt.Streams;

namespace B64Hunt.Sources
{
    /// <summary>One SecurityAlert row read from an export, with where it came from ("file:line" or "file:#index").</summary>
    public sealed class SecurityAlertRow
    {
        public SecurityAlertRow(IReadOnlyDictionary<string, object?> values, string location)
        {
            Values = values;
            Location = location;
        }

        public IReadOnlyDictionary<string, object?> Values { get; }
        public string Location { get; }
    }

    /// <summary>
    /// Reads exported SecurityAlert rows through the row-source layer, in one streamed pass: CSV (the portal's export,
    /// whose headers may read "TimeGenerated [UTC]") or JSON (an array of rows, JSON lines, an OData "value" array or a
    /// query API answer {"tables": [...]}), detected by content, gzip unpacked within the decompression budget. Values
    /// stay text (JSON objects such as Entities keep their JSON text), so any reader can feed the same matcher. Nothing
    /// is thrown for bad content: a row that cannot be read is a MalformedSecurityAlertRow problem and the next is read;
    /// a file that cannot be read (further) is SecurityAlertFileUnreadable after the rows before the fault.
    /// </summary>
    public static class SecurityAlertFileReader
    {
        /// <summary>Bytes one row may span (as a command source's default line limit).</summary>
        internal const int MaxRowLength = 16 * 1024 * 1024;

        public static IEnumerable<SecurityAlertRow> Read(string path, IHuntReporter reporter, CancellationToken cancellationToken = default)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (reporter == null) throw new ArgumentNullException(nameof(reporter));
            return ReadFile(path, reporter, cancellationToken);
        }

        /// <summary>Reads <paramref name="stream"/> (left open); locations are "<paramref name="name"/>:line", problems target <paramref name="target"/>.</summary>
        public static IEnumerable<SecurityAlertRow> Read(Stream stream, string name, string target, IHuntReporter reporter, CancellationToken cancellationToken = default)
        {
            if (stream == null) throw new ArgumentNullException(nameof(stream));
            if (reporter == null) throw new ArgumentNullException(nameof(reporter));
            return Guard(ReadContent(stream, name, target, reporter, cancellationToken), target, reporter);
        }

        private static IEnumerable<SecurityAlertRow> ReadFile(string path, IHuntReporter reporter, CancellationToken cancellationToken)
        {
            Stream file;
            try
            {
                file = RowContent.OpenFile(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                reporter.Problem(Unreadable(path, ProblemKind.ReadError, ex.Message, ex));
                yield break;
            }
            using (file)
            {
                foreach (var row in Read(file, Path.GetFileName(path), path, reporter, cancellationToken)) yield return row;
            }
        }

        // A failure inside the enumeration (I/O error, corrupt gzip) becomes one problem after the rows read before it.
        private static IEnumerable<SecurityAlertRow> Guard(IEnumerable<SecurityAlertRow> rows, string target, IHuntReporter reporter)
        {
            using var enumerator = rows.GetEnumerator();
            while (true)
            {
                try
                {
                    if (!enumerator.MoveNext()) yield break;
                }
                catch (Exception ex) when (ex is IOException || ex is InvalidDataException || ex is UnauthorizedAccessException)
                {
                    string why = ex is InvalidDataException ? "the compressed data is corrupt or truncated (" + ex.Message + ")" : ex.Message;
                    reporter.Problem(Unreadable(target, ProblemKind.ReadError, why, ex));
                    yield break;
                }
                yield return enumerator.Current;
            }
        }

        private static IEnumerable<SecurityAlertRow> ReadContent(Stream raw, string name, string target, IHuntReporter reporter, CancellationToken cancellationToken)
        {
            using var content = RowContent.Open(raw, null, out GzipEndCheckStream? gzip);
            if (IsBlank(content.Prefix)) yield break;
            var format = FormatDetector.Detect(content.Prefix);
            var stats = new ReadStatistics();
            if (format == LogFormat.Json || format == LogFormat.JsonLines)
            {
                var handler = new AlertRowHandler(name, target, lines: format == LogFormat.JsonLines, reporter);
                var steps = format == LogFormat.Json
                    ? new JsonRowReader(content, MaxRowLength, stats, handler, cancellationToken).Steps()
                    : new JsonLinesRowReader(content, MaxRowLength, stats, handler, cancellationToken).Steps();
                foreach (var step in steps)
                {
                    while (handler.Ready.Count > 0) yield return handler.Ready.Dequeue();
                }
            }
            else if (format == LogFormat.Csv)
            {
                foreach (var row in ReadCsv(content, name, target, reporter, cancellationToken)) yield return row;
            }
            else
            {
                reporter.Problem(Unreadable(target, ProblemKind.InvalidData, "it is neither CSV with a header line nor JSON", null));
                yield break;
            }
            if (gzip != null && gzip.Truncated)
            {
                reporter.Problem(Unreadable(target, ProblemKind.ReadError, "the gzip data stops before its trailer (the file is truncated); the rows before the cut were read", null));
            }
            if (gzip != null && gzip.OverLimit)
            {
                reporter.Problem(Unreadable(target, ProblemKind.LimitsExceeded, $"reading stopped after {gzip.MaxBytes:N0} decompressed bytes (over 100 times the file's size)", null));
            }
        }

        private static IEnumerable<SecurityAlertRow> ReadCsv(Stream content, string name, string target, IHuntReporter reporter, CancellationToken cancellationToken)
        {
            using var text = new StreamReader(content, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
            var csv = new CsvRecordReader(text, MaxRowLength);
            var fields = new List<string>();
            string[]? columns = null;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var status = csv.Read(fields);
                if (status == CsvStatus.End) yield break;
                string location = name + ":" + csv.RecordLine.ToString(CultureInfo.InvariantCulture);
                if (status == CsvStatus.TooLong)
                {
                    reporter.Problem(MalformedRow(location, $"the row is over {MaxRowLength:N0} characters"));
                    continue;
                }
                if (status == CsvStatus.Unterminated)
                {
                    reporter.Problem(MalformedRow(location, "the file ends inside a quoted field"));
                    continue;
                }
                if (fields.Count == 1 && fields[0].Length == 0) continue; // a blank line
                if (columns == null)
                {
                    columns = new string[fields.Count];
                    for (var i = 0; i < fields.Count; i++) columns[i] = TableColumns.Normalize(fields[i]);
                    continue;
                }
                var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < columns.Length && i < fields.Count; i++) values[columns[i]] = fields[i].Length == 0 ? null : fields[i];
                yield return new SecurityAlertRow(values, location);
            }
        }

        private static bool IsBlank(ReadOnlySpan<byte> head)
        {
            foreach (byte b in head)
            {
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n' && b != 0xEF && b != 0xBB && b != 0xBF) return false;
            }
            return true;
        }

        internal static Problem Unreadable(string target, ProblemKind kind, string why, Exception? ex) =>
            new Problem(ErrorIds.SecurityAlertFileUnreadable, kind, "Cannot read " + target + " as exported SecurityAlert rows (CSV or JSON): " + why, target, ex);

        internal static Problem MalformedRow(string location, string why, Exception? exception = null) =>
            new Problem(ErrorIds.MalformedSecurityAlertRow, ProblemKind.InvalidData, "Skipped SecurityAlert row " + location + ": " + why, location, exception);

        /// <summary>JSON rows to alert rows: names as the header map normalises them, values as text.</summary>
        private sealed class AlertRowHandler : IJsonRowHandler
        {
            private readonly string _name;
            private readonly string _target;
            private readonly bool _lines;
            private readonly IHuntReporter _reporter;

            public AlertRowHandler(string name, string target, bool lines, IHuntReporter reporter)
            {
                _name = name;
                _target = target;
                _lines = lines;
                _reporter = reporter;
            }

            public Queue<SecurityAlertRow> Ready { get; } = new Queue<SecurityAlertRow>();

            public bool WantsTableRows => true;

            public void Element(long line)
            {
            }

            public void Columns(IReadOnlyList<string>? names, long line)
            {
                if (names == null) _reporter.Problem(Unreadable(_target, ProblemKind.InvalidData, "a table's \"rows\" come without readable \"columns\" (line " + line + ")", null));
            }

            public void SkippedRow()
            {
            }

            public void Row(JsonRow row)
            {
                var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                var names = row.Names;
                for (int i = 0; i < names.Count && i < row.Values.Count; i++) values[TableColumns.Normalize(names[i])] = row.Values[i];
                Ready.Enqueue(new SecurityAlertRow(values, Location(row.Line, row.Index)));
            }

            public void Malformed(long line, long offset, string why) =>
                _reporter.Problem(MalformedRow(Location(line, 0), $"not well-formed JSON at byte offset {offset:N0}: {why}"));

            public void Broken(long line, long offset, string why) =>
                _reporter.Problem(Unreadable(_target, ProblemKind.InvalidData, $"line {line}, byte offset {offset:N0}: {why}", null));

            public void NotARow(long line, string why) => _reporter.Problem(MalformedRow(Location(line, 0), why));

            public void TooLong(long line, long length) => _reporter.Problem(MalformedRow(Location(line, 0), $"the row is {length:N0} bytes, over {MaxRowLength:N0}"));

            // JSON lines by line; array elements and table rows by their position ("#3"), as a one-line array has one line.
            private string Location(long line, long index) =>
                _name + ":" + (_lines || index == 0 ? line.ToString(CultureInfo.InvariantCulture) : "#" + index.ToString(CultureInfo.InvariantCulture));
        }
    }
}

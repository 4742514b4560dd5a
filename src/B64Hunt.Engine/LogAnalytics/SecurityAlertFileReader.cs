using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace B64Hunt.LogAnalytics
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
    /// Reads exported SecurityAlert rows: CSV (the portal's export, whose headers may read "TimeGenerated [UTC]") or
    /// JSON (an array of rows, JSON lines, or a query API answer {"tables": [...]}); .gz is unpacked. Values stay
    /// strings (JSON objects such as Entities keep their JSON text), so any reader can feed the same matcher.
    /// </summary>
    public static class SecurityAlertFileReader
    {
        /// <exception cref="IOException">The file cannot be opened or read.</exception>
        /// <exception cref="FormatException">The file is neither CSV nor JSON of the documented shapes.</exception>
        public static IEnumerable<SecurityAlertRow> Read(string path)
        {
            using var rows = ReadRows(path).GetEnumerator();
            while (true)
            {
                bool more;
                try
                {
                    more = rows.MoveNext();
                }
                catch (InvalidDataException ex)
                {
                    // A corrupt or truncated .gz: GZipStream's InvalidDataException is not an IOException, and callers catch I/O failures.
                    throw new IOException(Path.GetFileName(path) + ": the compressed data is corrupt or truncated (" + ex.Message + ")", ex);
                }
                if (!more) yield break;
                yield return rows.Current;
            }
        }

        private static IEnumerable<SecurityAlertRow> ReadRows(string path)
        {
            var name = Path.GetFileName(path);
            var lower = path.ToLowerInvariant();
            var inner = lower.EndsWith(".gz", StringComparison.Ordinal) ? lower.Substring(0, lower.Length - 3) : lower;
            using var file = File.OpenRead(path);
            using Stream stream = lower.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            if (inner.EndsWith(".json", StringComparison.Ordinal) || inner.EndsWith(".jsonl", StringComparison.Ordinal) || inner.EndsWith(".ndjson", StringComparison.Ordinal))
            {
                foreach (var row in ReadJson(reader.ReadToEnd(), name)) yield return row;
            }
            else
            {
                foreach (var row in ReadCsv(reader, name)) yield return row;
            }
        }

        /// <summary>"TimeGenerated [UTC]" → "TimeGenerated": the portal's export decorates datetime headers.</summary>
        internal static string NormalizeHeader(string header)
        {
            var text = header.Trim().TrimStart('\uFEFF');
            var bracket = text.IndexOf(" [", StringComparison.Ordinal);
            if (bracket > 0 && text.EndsWith("]", StringComparison.Ordinal)) text = text.Substring(0, bracket);
            return text.Trim();
        }

        internal static IEnumerable<SecurityAlertRow> ReadCsv(TextReader reader, string name)
        {
            var csv = new CsvRecordReader(reader);
            var header = csv.ReadRecord(out _);
            if (header == null) yield break;
            var columns = new string[header.Count];
            for (var i = 0; i < header.Count; i++) columns[i] = NormalizeHeader(header[i]);
            while (true)
            {
                var record = csv.ReadRecord(out var line);
                if (record == null) yield break;
                if (record.Count == 1 && record[0].Length == 0) continue;
                var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < columns.Length && i < record.Count; i++) values[columns[i]] = record[i].Length == 0 ? null : record[i];
                yield return new SecurityAlertRow(values, name + ":" + line.ToString(CultureInfo.InvariantCulture));
            }
        }

        internal static IEnumerable<SecurityAlertRow> ReadJson(string text, string name)
        {
            var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
            if (trimmed.Length == 0) yield break;
            if (trimmed[0] == '{' && !LooksLikeSingleDocument(trimmed))
            {
                // JSON lines: one row object per line.
                var lineNumber = 0;
                foreach (var line in trimmed.Split('\n'))
                {
                    lineNumber++;
                    if (line.Trim().Length == 0) continue;
                    using var document = JsonDocument.Parse(line);
                    yield return new SecurityAlertRow(ToMap(document.RootElement), name + ":" + lineNumber.ToString(CultureInfo.InvariantCulture));
                }
                yield break;
            }
            using var doc = JsonDocument.Parse(trimmed, new JsonDocumentOptions { AllowTrailingCommas = true });
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("tables", out var tables))
            {
                // A saved query API answer.
                using var copy = new MemoryStream(Encoding.UTF8.GetBytes(trimmed));
                var result = QueryResponseReader.ReadResult(copy);
                var table = result.PrimaryTable;
                for (var i = 0; i < table.Rows.Count; i++)
                {
                    yield return new SecurityAlertRow(table.GetRowDictionary(i), name + ":#" + (i + 1).ToString(CultureInfo.InvariantCulture));
                }
                yield break;
            }
            var rows = root;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("value", out var value)) rows = value;
            if (rows.ValueKind == JsonValueKind.Object)
            {
                yield return new SecurityAlertRow(ToMap(rows), name + ":#1");
                yield break;
            }
            if (rows.ValueKind != JsonValueKind.Array) throw new FormatException(name + " is not a JSON array of SecurityAlert rows.");
            var index = 0;
            foreach (var item in rows.EnumerateArray())
            {
                index++;
                if (item.ValueKind != JsonValueKind.Object) continue;
                yield return new SecurityAlertRow(ToMap(item), name + ":#" + index.ToString(CultureInfo.InvariantCulture));
            }
        }

        private static bool LooksLikeSingleDocument(string text)
        {
            try
            {
                using var _ = JsonDocument.Parse(text);
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private static Dictionary<string, object?> ToMap(JsonElement element)
        {
            var map = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            if (element.ValueKind != JsonValueKind.Object) return map;
            foreach (var property in element.EnumerateObject())
            {
                map[NormalizeHeader(property.Name)] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null => null,
                    JsonValueKind.Undefined => null,
                    _ => property.Value.GetRawText(),
                };
            }
            return map;
        }
    }

    /// <summary>RFC 4180 records: quoted fields with "" escapes, commas and line breaks inside quotes.</summary>
    internal sealed class CsvRecordReader
    {
        private readonly TextReader _reader;
        private int _line;

        public CsvRecordReader(TextReader reader) => _reader = reader;

        /// <summary>The next record, or null at the end; <paramref name="startLine"/> is its first line (1-based).</summary>
        public List<string>? ReadRecord(out int startLine)
        {
            startLine = _line + 1;
            if (_reader.Peek() < 0) return null;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var atFieldStart = true;
            while (true)
            {
                var read = _reader.Read();
                if (read < 0)
                {
                    _line++;
                    fields.Add(field.ToString());
                    return fields;
                }
                var c = (char)read;
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (_reader.Peek() == '"')
                        {
                            _reader.Read();
                            field.Append('"');
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        if (c == '\n') _line++;
                        field.Append(c);
                    }
                    continue;
                }
                switch (c)
                {
                    case '"' when atFieldStart:
                        quoted = true;
                        atFieldStart = false;
                        break;
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        atFieldStart = true;
                        break;
                    case '\r':
                        break;
                    case '\n':
                        _line++;
                        fields.Add(field.ToString());
                        return fields;
                    default:
                        field.Append(c);
                        atFieldStart = false;
                        break;
                }
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using B64Hunt.Errors;
using B64Hunt.Model;
using B64Hunt.Reporting;
using B64Hunt.Sources.Rows;
using B64Hunt.Streams;

namespace B64Hunt.Intel
{
    /// <summary>
    /// Reads a local threat feed: a CSV whose header starts with "Indicator" (columns Indicator, Type, Severity,
    /// Description, Reference; all but Indicator optional, any order), or a plain list with one indicator a line.
    /// Blank lines and lines starting with '#' are skipped. A missing severity means high: the file lists known-bad things.
    /// Read through the row-source layer: a quoted field may hold line breaks, and gzip or UTF-16 files read as well.
    /// </summary>
    public static class LocalFeedReader
    {
        /// <summary>Characters one row may hold; a longer one is an InvalidTiFeedRow.</summary>
        private const int MaxRowLength = 1024 * 1024;

        public static IReadOnlyList<LocalFeedEntry> Read(string path, IHuntReporter reporter)
        {
            var entries = new List<LocalFeedEntry>();
            if (!File.Exists(path))
            {
                reporter.Problem(new Problem(ErrorIds.TiFeedNotFound, ProblemKind.ObjectNotFound, $"The local feed file '{path}' does not exist.", path));
                return entries;
            }
            try
            {
                using var file = RowContent.OpenFile(path);
                using var content = RowContent.Open(file, null, out GzipEndCheckStream? gzip);
                using var text = new StreamReader(content, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true);
                ReadRows(new CsvRecordReader(text, MaxRowLength), path, entries, reporter);
                // A gzipped feed cut short, or stopped at the decompression budget, lost rows: say so, as the other readers do.
                if (gzip != null && (gzip.Truncated || gzip.OverLimit))
                {
                    string why = gzip.Truncated
                        ? "the gzip data stops before its trailer (the file is truncated); the rows before the cut were read"
                        : $"reading stopped after {gzip.MaxBytes:N0} decompressed bytes (over 100 times the file's size)";
                    reporter.Problem(new Problem(ErrorIds.TiFeedUnreadable, ProblemKind.ReadError, $"The local feed file '{path}' could not be read whole: {why}.", path));
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidDataException)
            {
                reporter.Problem(new Problem(ErrorIds.TiFeedUnreadable, ProblemKind.ReadError, $"The local feed file '{path}' could not be read: {ex.Message}", path, ex));
            }
            return entries;
        }

        private static void ReadRows(CsvRecordReader csv, string path, List<LocalFeedEntry> entries, IHuntReporter reporter)
        {
            var fields = new List<string>();
            Dictionary<string, int>? columns = null;
            var first = true;
            while (true)
            {
                var status = csv.Read(fields);
                if (status == CsvStatus.End) return;
                var source = path + ":" + csv.RecordLine;
                if (status != CsvStatus.Record)
                {
                    string why = status == CsvStatus.TooLong ? $"the row is over {MaxRowLength:N0} characters" : "the file ends inside a quoted field";
                    reporter.Problem(new Problem(ErrorIds.InvalidTiFeedRow, ProblemKind.InvalidData, $"{source}: {why}.", source));
                    continue;
                }
                var head = fields[0].Trim();
                if (head.Length == 0 && fields.Count == 1) continue; // a blank line
                if (head.Length > 0 && head[0] == '#') continue;
                if (first)
                {
                    first = false;
                    if (string.Equals(TableColumns.Normalize(fields[0]), "Indicator", StringComparison.OrdinalIgnoreCase))
                    {
                        columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                        for (var c = 0; c < fields.Count; c++) columns[TableColumns.Normalize(fields[c])] = c;
                        continue;
                    }
                }
                if (columns == null)
                {
                    // A plain list: the whole line is the indicator, commas and all.
                    var line = string.Join(",", fields).Trim();
                    if (line.Length == 0) continue;
                    var type = IndicatorTypes.Infer(line);
                    entries.Add(new LocalFeedEntry(type, IndicatorTypes.NormalizeValue(type, line), TiSeverity.High, null, null, source));
                    continue;
                }
                AddRow(fields, columns, source, entries, reporter);
            }
        }

        private static void AddRow(List<string> fields, Dictionary<string, int> columns, string source, List<LocalFeedEntry> entries, IHuntReporter reporter)
        {
            var value = Field(fields, columns, "Indicator");
            if (string.IsNullOrEmpty(value))
            {
                reporter.Problem(new Problem(ErrorIds.InvalidTiFeedRow, ProblemKind.InvalidData, $"{source}: the row has no indicator.", source));
                return;
            }
            var typeText = Field(fields, columns, "Type");
            var entryType = IndicatorTypes.Canonical(typeText);
            // No type, or one that leaves the exact kind open (ip, hash), is read from the value.
            if (entryType.Length == 0 || entryType == "ip" || entryType == IndicatorTypes.FileHash) entryType = IndicatorTypes.Infer(value!);
            var severityText = Field(fields, columns, "Severity");
            var severity = TiSeverity.High;
            if (!string.IsNullOrEmpty(severityText))
            {
                var parsed = TiSeverityRules.Parse(severityText);
                if (parsed == null)
                {
                    reporter.Problem(new Problem(ErrorIds.InvalidTiFeedRow, ProblemKind.InvalidData,
                        $"{source}: unknown severity '{severityText}' (use information, low, medium or high); high assumed.", source));
                }
                severity = parsed ?? TiSeverity.High;
            }
            entries.Add(new LocalFeedEntry(entryType, IndicatorTypes.NormalizeValue(entryType, value), severity,
                NullIfEmpty(Field(fields, columns, "Description")), NullIfEmpty(Field(fields, columns, "Reference")), source));
        }

        private static string? Field(IReadOnlyList<string> fields, Dictionary<string, int> columns, string name) =>
            columns.TryGetValue(name, out var index) && index < fields.Count ? fields[index].Trim() : null;

        private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
    }
}

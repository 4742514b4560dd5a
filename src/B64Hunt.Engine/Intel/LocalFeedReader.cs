using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using B64Hunt.Model;

namespace B64Hunt.Intel
{
    /// <summary>
    /// Reads a local threat feed: a CSV whose header starts with "Indicator" (columns Indicator, Type, Severity,
    /// Description, Reference; all but Indicator optional, any order), or a plain list with one indicator a line.
    /// Blank lines and lines starting with '#' are skipped. A missing severity means high: the file lists known-bad things.
    /// </summary>
    public static class LocalFeedReader
    {
        public static IReadOnlyList<LocalFeedEntry> Read(string path, ICollection<Problem> problems)
        {
            var entries = new List<LocalFeedEntry>();
            if (!File.Exists(path))
            {
                problems.Add(new Problem("TiFeedNotFound", ProblemKind.ObjectNotFound, $"The local feed file '{path}' does not exist.", path));
                return entries;
            }
            string[] lines;
            try
            {
                lines = File.ReadAllLines(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                problems.Add(new Problem("TiFeedUnreadable", ProblemKind.ReadError, $"The local feed file '{path}' could not be read: {ex.Message}", path, ex));
                return entries;
            }

            Dictionary<string, int>? columns = null;
            var first = true;
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0 || line[0] == '#') continue;
                var source = path + ":" + (i + 1);
                if (first)
                {
                    first = false;
                    var header = SplitCsv(line);
                    if (header.Count > 0 && string.Equals(header[0].Trim().TrimStart('\uFEFF'), "Indicator", StringComparison.OrdinalIgnoreCase))
                    {
                        columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                        for (var c = 0; c < header.Count; c++) columns[header[c].Trim().TrimStart('\uFEFF')] = c;
                        continue;
                    }
                }
                if (columns == null)
                {
                    var type = IndicatorTypes.Infer(line);
                    entries.Add(new LocalFeedEntry(type, IndicatorTypes.NormalizeValue(type, line), TiSeverity.High, null, null, source));
                    continue;
                }

                var fields = SplitCsv(line);
                var value = Field(fields, columns, "Indicator");
                if (string.IsNullOrEmpty(value))
                {
                    problems.Add(new Problem("InvalidTiFeedRow", ProblemKind.InvalidData, $"{source}: the row has no indicator.", source));
                    continue;
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
                        problems.Add(new Problem("InvalidTiFeedRow", ProblemKind.InvalidData,
                            $"{source}: unknown severity '{severityText}' (use information, low, medium or high); high assumed.", source));
                    }
                    severity = parsed ?? TiSeverity.High;
                }
                entries.Add(new LocalFeedEntry(entryType, IndicatorTypes.NormalizeValue(entryType, value), severity,
                    NullIfEmpty(Field(fields, columns, "Description")), NullIfEmpty(Field(fields, columns, "Reference")), source));
            }
            return entries;
        }

        private static string? Field(IReadOnlyList<string> fields, Dictionary<string, int> columns, string name) =>
            columns.TryGetValue(name, out var index) && index < fields.Count ? fields[index].Trim() : null;

        private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

        /// <summary>Splits one CSV line (RFC 4180 quoting: "a,b" and "" inside quotes).</summary>
        internal static List<string> SplitCsv(string line)
        {
            var fields = new List<string>();
            var current = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                        else quoted = false;
                    }
                    else current.Append(c);
                }
                else if (c == '"') quoted = true;
                else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
                else current.Append(c);
            }
            fields.Add(current.ToString());
            return fields;
        }
    }
}

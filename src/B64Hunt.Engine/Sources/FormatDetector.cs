using System;
using System.Text;
using System.Text.Json;
using B64Hunt.Sources.Rows;

namespace B64Hunt.Sources
{
    /// <summary>
    /// Guesses a file's format from its first bytes (already decompressed): JSON by its first character,
    /// JSON-lines when the first line is a complete object, CSV by a header whose every field is a known or
    /// identifier-like column name (a syslog line is never one), then AUOMS and auditd markers anywhere in the
    /// head, and syslog/AUOMS otherwise (noise-only files read as zero records).
    /// </summary>
    internal static class FormatDetector
    {
        public static LogFormat Detect(ReadOnlySpan<byte> head)
        {
            if (head.Length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) head = head.Slice(3);
            int i = 0;
            while (i < head.Length && (head[i] == (byte)' ' || head[i] == (byte)'\t' || head[i] == (byte)'\r' || head[i] == (byte)'\n')) i++;
            head = head.Slice(i);
            if (head.IsEmpty) return LogFormat.AuomsSyslog;
            int newline = head.IndexOf((byte)'\n');
            ReadOnlySpan<byte> firstLine = newline < 0 ? head : head.Slice(0, newline);
            if (head[0] == (byte)'[') return LogFormat.Json;
            if (head[0] == (byte)'{') return IsSingleLineObject(firstLine) ? LogFormat.JsonLines : LogFormat.Json;
            if (LooksLikeCsvHeader(firstLine)) return LogFormat.Csv;
            if (head.IndexOf("type=AUOMS_"u8) >= 0) return LogFormat.AuomsSyslog;
            if (head.IndexOf("msg=audit("u8) >= 0) return LogFormat.Auditd;
            return LogFormat.AuomsSyslog;
        }

        // A complete object on the first line, and not the Log Analytics {"tables":...} shape or an OData {"value":[{...}]} answer.
        private static bool IsSingleLineObject(ReadOnlySpan<byte> line)
        {
            try
            {
                var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
                while (reader.Read())
                {
                    if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName &&
                        (reader.ValueTextEquals("tables"u8) || reader.ValueTextEquals("Results"u8)))
                    {
                        return false;
                    }
                    // An OData answer saved on one line ({"value":[...]}) is a file of rows, not one JSON line.
                    if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName &&
                        (reader.ValueTextEquals("value"u8) || reader.ValueTextEquals("records"u8)) &&
                        reader.Read() && reader.TokenType == JsonTokenType.StartArray && ArrayOfObjects(ref reader))
                    {
                        return false;
                    }
                    if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.EndObject) return true;
                }
                return false;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        // After '[': true when the array's first element is an object (rows), false for [] or scalars.
        private static bool ArrayOfObjects(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.StartObject;

        /// <summary>True when <paramref name="head"/> holds AUOMS or auditd command records (for the "read as nothing" warning).</summary>
        internal static bool HasCommandMarkers(ReadOnlySpan<byte> head) =>
            head.IndexOf("type=AUOMS_EXECVE"u8) >= 0 || (head.IndexOf("type=EXECVE"u8) >= 0 && head.IndexOf("msg=audit("u8) >= 0);

        /// <summary>
        /// A header line: every field a known column name or identifier-like (two or more fields), or a lone
        /// command-line column name; never a line that starts like syslog, whatever words its commas split off.
        /// </summary>
        internal static bool LooksLikeCsvHeader(ReadOnlySpan<byte> line)
        {
            if (line.Length > 0 && line[line.Length - 1] == (byte)'\r') line = line.Slice(0, line.Length - 1);
            if (line.IsEmpty || line.Length > 16 * 1024) return false;
            if (StartsLikeSyslog(line)) return false;
            string text = Encoding.UTF8.GetString(line.ToArray());
            if (line.IndexOf((byte)',') < 0)
            {
                // A one-column table: only its command-line column name makes it one.
                var role = TableColumns.Classify(TableColumns.Normalize(text)).Role;
                return role == ColumnRole.CommandLine || role == ColumnRole.SyslogMessage;
            }
            var names = CsvRecordReader.SplitLine(text);
            if (names.Count < 2) return false;
            foreach (var raw in names)
            {
                string name = TableColumns.Normalize(raw);
                if (TableColumns.Classify(name).Role == ColumnRole.None && !IsIdentifierLike(name)) return false;
            }
            return true;
        }

        private static readonly string[] Months = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

        // RFC 3164 "Mmm dd hh:mm:ss", RFC 5424 "<PRI>", or an ISO date "yyyy-mm-dd" (rsyslog's high-precision format).
        private static bool StartsLikeSyslog(ReadOnlySpan<byte> line)
        {
            if (line.Length >= 3 && line[0] == (byte)'<' && IsDigit(line[1])) return true;
            if (line.Length >= 10 && IsDigit(line[0]) && IsDigit(line[1]) && IsDigit(line[2]) && IsDigit(line[3]) && line[4] == (byte)'-' &&
                IsDigit(line[5]) && IsDigit(line[6]) && line[7] == (byte)'-') return true;
            if (line.Length >= 6 && line[3] == (byte)' ')
            {
                foreach (string month in Months)
                {
                    if (line[0] == month[0] && line[1] == month[1] && line[2] == month[2] && (IsDigit(line[4]) || (line[4] == (byte)' ' && IsDigit(line[5])))) return true;
                }
            }
            return false;
        }

        private static bool IsDigit(byte b) => b >= (byte)'0' && b <= (byte)'9';

        private static bool IsIdentifierLike(string name)
        {
            if (name.Length == 0 || name.Length > 64 || !(char.IsLetter(name[0]) || name[0] == '_' || name[0] == '@')) return false;
            foreach (char c in name)
            {
                if (!(char.IsLetterOrDigit(c) || c == '_' || c == ' ' || c == '.' || c == '-' || c == '@')) return false;
            }
            return true;
        }
    }
}

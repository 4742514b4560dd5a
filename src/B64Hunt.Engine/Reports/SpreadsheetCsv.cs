using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace B64Hunt.Reports
{
    /// <summary>
    /// CSV cells a spreadsheet opens as text: a cell that starts with '=', '+', '-', '@', a tab or a carriage
    /// return (what Excel, LibreOffice and Google Sheets read as a formula, e.g. =HYPERLINK or a DDE call)
    /// gets a leading apostrophe; every cell is quoted with quotes doubled; lists are joined "a; b"; times are
    /// ISO 8601 UTC with milliseconds.
    /// </summary>
    public static class SpreadsheetCsv
    {
        public const string ListSeparator = "; ";

        /// <summary>The text a spreadsheet cannot take for a formula (unquoted).</summary>
        public static string Defuse(string text)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            if (text.Length == 0) return text;
            char first = text[0];
            return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + text : text;
        }

        /// <summary>One quoted, defused cell.</summary>
        public static string Cell(string? text) => "\"" + Defuse(text ?? string.Empty).Replace("\"", "\"\"") + "\"";

        /// <summary>A time as ISO 8601 UTC with milliseconds, e.g. 2026-10-01T00:00:00.000Z.</summary>
        public static string Time(DateTime time)
        {
            var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
            return utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }

        public static string Time(DateTimeOffset time) => Time(time.UtcDateTime);

        /// <summary>A row of cells joined with <paramref name="delimiter"/>.</summary>
        public static string Row(IEnumerable<string?> cells, char delimiter = ',')
        {
            var sb = new StringBuilder();
            foreach (var cell in cells)
            {
                if (sb.Length > 0) sb.Append(delimiter);
                sb.Append(Cell(cell));
            }
            return sb.ToString();
        }
    }
}

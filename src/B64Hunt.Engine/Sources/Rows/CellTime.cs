using System;
using System.Globalization;

namespace B64Hunt.Sources.Rows
{
    /// <summary>
    /// The one reader of a time written as text in a table cell, an alert export, a workspace row or piped input;
    /// every result is UTC. Unambiguous forms first (ISO 8601, the Log Analytics portal's US "3/1/2024, 12:00:01.123 PM"),
    /// then the given culture (invariant for files; the session's for piped rows, so 02.10.2026 is 2 October in de-DE),
    /// then epoch seconds or milliseconds. Formats the user names (-DateFormat) replace all of that. Text none of them
    /// reads is null, so the caller reports it rather than guessing.
    /// </summary>
    public static class CellTime
    {
        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        private const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces;

        private static readonly string[] IsoFormats =
        {
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd",
        };

        // The portal's CSV export ("TimeGenerated [UTC]") writes US times with AM/PM whatever the session's culture.
        private static readonly string[] PortalFormats =
        {
            "M/d/yyyy, h:mm:ss.fff tt", "M/d/yyyy, h:mm:ss tt", "M/d/yyyy h:mm:ss.fff tt", "M/d/yyyy h:mm:ss tt",
        };

        /// <summary>A file cell: read with the invariant culture.</summary>
        public static DateTime? Parse(string? text) => Parse(text, CultureInfo.InvariantCulture, null);

        /// <summary>
        /// <paramref name="formats"/> (when given) are the only forms read, in <paramref name="culture"/>; otherwise
        /// ISO 8601, the portal form, then <paramref name="culture"/>'s own forms, then epoch seconds/milliseconds.
        /// </summary>
        public static DateTime? Parse(string? text, CultureInfo culture, string[]? formats)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            string s = text!.Trim();
            if (formats != null && formats.Length > 0)
            {
                return DateTimeOffset.TryParseExact(s, formats, culture, Utc, out var named) ? named.UtcDateTime : (DateTime?)null;
            }
            if (DateTimeOffset.TryParseExact(s, IsoFormats, CultureInfo.InvariantCulture, Utc, out var parsed)) return parsed.UtcDateTime;
            if (DateTimeOffset.TryParseExact(s, PortalFormats, CultureInfo.InvariantCulture, Utc, out parsed)) return parsed.UtcDateTime;
            if (s.EndsWith(" AM", StringComparison.OrdinalIgnoreCase) || s.EndsWith(" PM", StringComparison.OrdinalIgnoreCase))
            {
                // A 12-hour time is the portal's US form, never the session's day-first one.
                return DateTimeOffset.TryParse(s.Replace(", ", " "), CultureInfo.InvariantCulture, Utc, out parsed) ? parsed.UtcDateTime : (DateTime?)null;
            }
            if (DateTimeOffset.TryParse(s, culture, Utc, out parsed)) return parsed.UtcDateTime;
            if (s.IndexOf(", ", StringComparison.Ordinal) > 0 && DateTimeOffset.TryParse(s.Replace(", ", " "), culture, Utc, out parsed)) return parsed.UtcDateTime;
            return FromEpochText(s);
        }

        // Epoch seconds up to year 5138, else milliseconds.
        private static DateTime? FromEpochText(string s)
        {
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || !(number > 0)) return null;
            double seconds = number < 1e11 ? number : number / 1000.0;
            return seconds < 253402300799.0 ? Epoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond)) : (DateTime?)null;
        }
    }
}

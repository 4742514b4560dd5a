using System;
using System.Globalization;
using System.Management.Automation;

namespace B64Hunt.Commands
{
    /// <summary>
    /// Reads a time from pipeline input (Import-Csv rows, strings, DateTime). Unambiguous forms first (a DateTime,
    /// ISO 8601, the portal export's "10/1/2026, 12:00:00.000 PM"); day-first or month-first text is read in the
    /// session's culture (02.10.2026 is 2 October in de-DE), or with the formats the user names (-DateFormat).
    /// Text none of them reads is null, so the caller reports it rather than guessing.
    /// </summary>
    internal static class PipelineTime
    {
        private static readonly string[] IsoFormats =
        {
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd",
        };

        public static DateTime? Parse(object? value, CultureInfo culture, string[]? formats)
        {
            object? raw = value is PSObject ps ? ps.BaseObject : value;
            switch (raw)
            {
                case null:
                    return null;
                case DateTime dt:
                    return dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt.ToUniversalTime();
                case DateTimeOffset dto:
                    return dto.UtcDateTime;
            }
            string text = raw.ToString()?.Trim() ?? string.Empty;
            if (text.Length == 0) return null;
            const DateTimeStyles utc = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal;
            DateTime parsed;
            if (formats != null && formats.Length > 0)
            {
                return DateTime.TryParseExact(text, formats, culture, utc, out parsed) ? Utc(parsed) : (DateTime?)null;
            }
            if (DateTime.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, utc, out parsed)) return Utc(parsed);
            // The Log Analytics portal writes US times with AM/PM whatever the session: "10/1/2026, 12:00:00.000 PM".
            if (text.EndsWith(" AM", StringComparison.OrdinalIgnoreCase) || text.EndsWith(" PM", StringComparison.OrdinalIgnoreCase))
            {
                return DateTime.TryParse(text.Replace(", ", " "), CultureInfo.InvariantCulture, utc, out parsed) ? Utc(parsed) : (DateTime?)null;
            }
            return DateTime.TryParse(text.Replace(", ", " "), culture, utc, out parsed) ? Utc(parsed) : (DateTime?)null;
        }

        private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
    }
}

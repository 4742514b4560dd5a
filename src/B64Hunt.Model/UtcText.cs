using System;
using System.Globalization;

namespace B64Hunt.Model
{
    /// <summary>
    /// How the model's times are written for people and spreadsheets: always UTC with a Z, so a time read in another
    /// time zone or culture is not misread. The model keeps UTC times; one of unspecified kind is taken as UTC.
    /// </summary>
    public static class UtcText
    {
        /// <summary>ISO 8601 with milliseconds, "2026-10-02T13:01:12.345Z" (Export-Csv's *Utc columns); null for none.</summary>
        public static string? Iso(DateTime? time) =>
            time.HasValue ? Utc(time.Value).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : null;

        /// <summary>"2026-10-02 13:01:12Z", for the default views; empty for none.</summary>
        public static string Display(DateTime? time) =>
            time.HasValue ? Utc(time.Value).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : string.Empty;

        private static DateTime Utc(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
    }
}

using System;
using System.Globalization;

namespace B64Hunt.Sources
{
    /// <summary>Timestamps as logs write them, all returned in UTC.</summary>
    internal static class TimeParsing
    {
        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        private static readonly string[] ExportFormats =
        {
            // Log Analytics portal CSV export ("TimeGenerated [UTC]"): 3/1/2024, 12:00:01.123 PM
            "M/d/yyyy, h:mm:ss.fff tt", "M/d/yyyy, h:mm:ss tt", "M/d/yyyy h:mm:ss.fff tt", "M/d/yyyy h:mm:ss tt",
        };

        /// <summary>Seconds since the epoch plus milliseconds, as in audit(1551487424.869:752).</summary>
        public static DateTime? FromEpoch(long seconds, int milliseconds)
        {
            if (seconds < 0 || seconds > 253402300799L) return null;
            return Epoch.AddTicks(seconds * TimeSpan.TicksPerSecond + milliseconds * TimeSpan.TicksPerMillisecond);
        }

        /// <summary>
        /// Parses "epoch.ms:serial" at the start of <paramref name="text"/> (what follows "audit(").
        /// Returns false when there is no such stamp.
        /// </summary>
        public static bool TryParseAuditStamp(ReadOnlySpan<byte> text, out long seconds, out int milliseconds, out long serial)
        {
            seconds = 0;
            milliseconds = 0;
            serial = 0;
            int i = 0;
            if (!ReadDigits(text, ref i, out seconds)) return false;
            if (i < text.Length && text[i] == (byte)'.')
            {
                i++;
                int fracStart = i;
                if (!ReadDigits(text, ref i, out long fraction)) return false;
                int digits = i - fracStart;
                // Normalise any fraction length to milliseconds.
                while (digits > 3) { fraction /= 10; digits--; }
                while (digits < 3) { fraction *= 10; digits++; }
                milliseconds = (int)fraction;
            }
            if (i >= text.Length || text[i] != (byte)':') return false;
            i++;
            return ReadDigits(text, ref i, out serial);
        }

        private static bool ReadDigits(ReadOnlySpan<byte> text, ref int i, out long value)
        {
            value = 0;
            int start = i;
            while (i < text.Length && (uint)(text[i] - '0') <= 9 && i - start < 18)
            {
                value = value * 10 + (text[i] - '0');
                i++;
            }
            return i > start;
        }

        /// <summary>A table cell: ISO 8601, the portal export form, or epoch seconds/milliseconds.</summary>
        public static DateTime? ParseCell(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            string s = text!.Trim();
            const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces;
            if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, styles, out var parsed)) return parsed.UtcDateTime;
            if (DateTimeOffset.TryParseExact(s, ExportFormats, CultureInfo.InvariantCulture, styles, out parsed)) return parsed.UtcDateTime;
            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && number > 0)
            {
                // Epoch: seconds up to year 5138, else milliseconds.
                double seconds = number < 1e11 ? number : number / 1000.0;
                if (seconds < 253402300799.0) return Epoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
            }
            return null;
        }
    }
}

using System;

namespace B64Hunt.Sources
{
    /// <summary>audit(epoch.ms:serial) stamps as auditd writes them, returned in UTC; table cells are <see cref="Rows.CellTime"/>'s.</summary>
    internal static class TimeParsing
    {
        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

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
    }
}

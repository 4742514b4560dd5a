using System;
using System.Globalization;
using System.Text;

namespace B64Hunt.Sources
{
    /// <summary>
    /// The time and host of a syslog line's header, in the forms rsyslog writes to files:
    /// RFC 3164 ("Mar  1 12:00:01 host tag: "), ISO ("2024-03-01T12:00:01.123+00:00 host tag: ") and
    /// RFC 5424 ("&lt;13&gt;1 2024-03-01T12:00:01Z host app procid msgid - "). Parsed only for yielded records.
    /// </summary>
    internal static class SyslogPrefix
    {
        private static readonly string[] Months = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

        public static void Parse(ReadOnlySpan<byte> prefix, out DateTime? time, out string? host)
        {
            time = null;
            host = null;
            int i = 0;
            SkipSpaces(prefix, ref i);
            if (i < prefix.Length && prefix[i] == (byte)'<')
            {
                int close = prefix.Slice(i).IndexOf((byte)'>');
                if (close < 0 || close > 5) return;
                i += close + 1;
                // RFC 5424 version "1 ".
                if (i + 1 < prefix.Length && prefix[i] == (byte)'1' && prefix[i + 1] == (byte)' ') i += 2;
            }
            if (i >= prefix.Length) return;
            if (IsDigit(prefix[i]))
            {
                ReadOnlySpan<byte> token = NextToken(prefix, ref i);
                string text = Encoding.ASCII.GetString(token.ToArray());
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                {
                    time = parsed.UtcDateTime;
                }
                else
                {
                    return;
                }
            }
            else if (prefix.Length - i >= 15 && prefix[i + 3] == (byte)' ')
            {
                time = ParseRfc3164(prefix.Slice(i, 15));
                if (time == null) return;
                i += 15;
            }
            else
            {
                return;
            }
            SkipSpaces(prefix, ref i);
            ReadOnlySpan<byte> hostToken = NextToken(prefix, ref i);
            // "host tag:" - a token ending in ':' is the tag, so the header had no host.
            if (hostToken.Length > 0 && hostToken[hostToken.Length - 1] != (byte)':' && hostToken[0] != (byte)'-')
            {
                host = Encoding.UTF8.GetString(hostToken.ToArray());
            }
        }

        // "Mar  1 12:00:01": no year, so the most recent such date not far in the future.
        private static DateTime? ParseRfc3164(ReadOnlySpan<byte> s)
        {
            string text = Encoding.ASCII.GetString(s.ToArray());
            int month = Array.IndexOf(Months, text.Substring(0, 3)) + 1;
            if (month == 0) return null;
            if (!int.TryParse(text.Substring(4, 2).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int day) || day < 1) return null;
            if (!TimeSpan.TryParseExact(text.Substring(7, 8), "hh\\:mm\\:ss", CultureInfo.InvariantCulture, out var clock)) return null;
            DateTime now = DateTime.UtcNow;
            for (int year = now.Year; year >= now.Year - 1; year--)
            {
                if (day > DateTime.DaysInMonth(year, month)) continue;
                var candidate = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc) + clock;
                if (candidate <= now.AddDays(2)) return candidate;
            }
            return null;
        }

        private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

        private static void SkipSpaces(ReadOnlySpan<byte> s, ref int i)
        {
            while (i < s.Length && s[i] == (byte)' ') i++;
        }

        private static ReadOnlySpan<byte> NextToken(ReadOnlySpan<byte> s, ref int i)
        {
            int start = i;
            while (i < s.Length && s[i] != (byte)' ') i++;
            return s.Slice(start, i - start);
        }
    }
}

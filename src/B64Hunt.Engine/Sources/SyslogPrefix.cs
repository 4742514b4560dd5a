using System;
using System.Globalization;
using System.Text;
using B64Hunt.Text;

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

        // strings: where the host's string comes from (a log names few hosts); null for a new one.
        public static void Parse(ReadOnlySpan<byte> prefix, out DateTime? time, out string? host, Utf8StringPool? strings = null)
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
                host = strings != null ? strings.Get(hostToken) : Encoding.UTF8.GetString(hostToken);
            }
        }

        // "Mar  1 12:00:01": no year, so the most recent such date not far in the future.
        private static DateTime? ParseRfc3164(ReadOnlySpan<byte> s)
        {
            // Read from the bytes: every record has this header, and strings for its parts were most of its cost.
            int month = MonthOf(s);
            if (month == 0) return null;
            int day;
            if (s[4] == (byte)' ' && IsDigit(s[5])) day = s[5] - '0';
            else if (IsDigit(s[4]) && IsDigit(s[5])) day = (s[4] - '0') * 10 + (s[5] - '0');
            else if (IsDigit(s[4]) && s[5] == (byte)' ') day = s[4] - '0';
            else return null;
            if (day < 1 || s[9] != (byte)':' || s[12] != (byte)':') return null;
            if (!TwoDigits(s, 7, 23, out int hours) || !TwoDigits(s, 10, 59, out int minutes) || !TwoDigits(s, 13, 59, out int seconds)) return null;
            var clock = new TimeSpan(hours, minutes, seconds);
            DateTime now = DateTime.UtcNow;
            for (int year = now.Year; year >= now.Year - 1; year--)
            {
                if (day > DateTime.DaysInMonth(year, month)) continue;
                var candidate = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc) + clock;
                if (candidate <= now.AddDays(2)) return candidate;
            }
            return null;
        }

        /// <summary>1 to 12 for a month name in s[0..3) ("Jan" ... "Dec", as written), else 0.</summary>
        private static int MonthOf(ReadOnlySpan<byte> s)
        {
            for (int m = 0; m < Months.Length; m++)
            {
                string name = Months[m];
                if (s[0] == name[0] && s[1] == name[1] && s[2] == name[2]) return m + 1;
            }
            return 0;
        }

        private static bool TwoDigits(ReadOnlySpan<byte> s, int at, int max, out int value)
        {
            value = 0;
            if (!IsDigit(s[at]) || !IsDigit(s[at + 1])) return false;
            value = (s[at] - '0') * 10 + (s[at + 1] - '0');
            return value <= max;
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

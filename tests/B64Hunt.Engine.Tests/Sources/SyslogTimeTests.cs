using System;
using System.Globalization;
using System.Linq;
using System.Text;
using B64Hunt.Sources;
using Xunit;

namespace B64Hunt.Tests.Sources
{
    /// <summary>The RFC 3164 header time, read from the bytes, equals the string parse it replaced, on every shape a header can take.</summary>
    public class SyslogTimeTests
    {
        private static readonly string[] Months = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

        // The parse as first written (strings, int.TryParse and TimeSpan.TryParseExact).
        private static DateTime? Reference(string header)
        {
            string text = header.Substring(0, 15);
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

        private static DateTime? Parsed(string header)
        {
            SyslogPrefix.Parse(Encoding.ASCII.GetBytes(header + " host tag: "), out DateTime? time, out _);
            return time;
        }

        [Theory]
        [InlineData("Mar  1 12:00:01")]
        [InlineData("Mar 01 12:00:01")]
        [InlineData("Dec 31 23:59:59")]
        [InlineData("Feb 29 00:00:00")]
        [InlineData("Feb 30 00:00:00")]
        [InlineData("Jan  0 10:00:00")]
        [InlineData("Jan 1  10:00:00")]
        [InlineData("jan  1 10:00:00")]
        [InlineData("Jan  1 24:00:00")]
        [InlineData("Jan  1 10:60:00")]
        [InlineData("Jan  1 10:00:60")]
        [InlineData("Jan  1 1a:00:00")]
        [InlineData("Jan  1 10-00-00")]
        public void KnownHeaders(string header) => Assert.Equal(Reference(header), Parsed(header));

        [Fact]
        public void GeneratedHeadersAgreeWithTheStringParse()
        {
            var random = new Random(3164);
            const string chars = "0123456789 :a";
            for (int i = 0; i < 20000; i++)
            {
                var sb = new StringBuilder(Months[random.Next(Months.Length)]).Append(' ');
                for (int k = 0; k < 11; k++) sb.Append(random.Next(4) == 0 ? chars[random.Next(chars.Length)] : "01 12:34:56"[k]);
                string header = sb.ToString();
                if (header[3] != ' ') continue;
                Assert.True(Reference(header) == Parsed(header), "disagree on <" + header + ">");
            }
        }
    }
}

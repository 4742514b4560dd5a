using System;
using System.Globalization;
using B64Hunt.Sources.Rows;
using Xunit;

namespace B64Hunt.Tests.Sources.Rows
{
    /// <summary>
    /// The one time reader accepts every form the four readers it replaces accepted: table cells (ISO 8601, the portal
    /// export, epoch seconds/milliseconds), alert exports (ISO, portal), workspace rows (ISO with offsets) and piped rows
    /// (ISO, portal, the session's culture, -DateFormat).
    /// </summary>
    public sealed class CellTimeTests
    {
        private static DateTime Utc(string iso) =>
            DateTime.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        [Theory]
        // ISO 8601 (every reader)
        [InlineData("2024-03-01T12:00:01Z", "2024-03-01T12:00:01Z")]
        [InlineData("2024-03-01T12:00:01.1234567Z", "2024-03-01T12:00:01.1234567Z")]
        [InlineData("2024-03-01T12:00:01.123+02:00", "2024-03-01T10:00:01.123Z")]
        [InlineData("2024-03-01 12:00:01", "2024-03-01T12:00:01Z")]
        [InlineData("2024-03-01T12:00:01", "2024-03-01T12:00:01Z")]
        [InlineData("2024-03-01T12:00Z", "2024-03-01T12:00:00Z")]
        [InlineData("2024-03-01", "2024-03-01T00:00:00Z")]
        [InlineData("  2024-03-01T12:00:01Z ", "2024-03-01T12:00:01Z")]
        // the Log Analytics portal's CSV export ("TimeGenerated [UTC]"), in every culture
        [InlineData("3/1/2024, 12:00:01.123 PM", "2024-03-01T12:00:01.123Z")]
        [InlineData("3/1/2024, 12:00:01 PM", "2024-03-01T12:00:01Z")]
        [InlineData("3/1/2024 12:00:01.123 AM", "2024-03-01T00:00:01.123Z")]
        [InlineData("3/1/2024 1:00:01 PM", "2024-03-01T13:00:01Z")]
        [InlineData("10/1/2026, 12:00:00.000 PM", "2026-10-01T12:00:00Z")]
        // what DateTimeOffset.TryParse read in table cells and workspace rows: RFC 1123, offsets
        [InlineData("Fri, 01 Mar 2024 12:00:01 GMT", "2024-03-01T12:00:01Z")]
        [InlineData("2024-03-01 12:00:01 -05:00", "2024-03-01T17:00:01Z")]
        // epoch seconds, fractional seconds and milliseconds (table cells)
        [InlineData("1709294405", "2024-03-01T12:00:05Z")]
        [InlineData("1709294405.5", "2024-03-01T12:00:05.5Z")]
        [InlineData("1709294405000", "2024-03-01T12:00:05Z")]
        public void ReadsEveryFormTheOldReadersRead(string text, string expected)
        {
            var invariant = CellTime.Parse(text);
            Assert.Equal(Utc(expected), invariant);
            Assert.Equal(DateTimeKind.Utc, invariant!.Value.Kind);
            // A piped row in a day-first session reads the unambiguous forms the same way.
            Assert.Equal(Utc(expected), CellTime.Parse(text, CultureInfo.GetCultureInfo("de-DE"), null));
        }

        [Theory]
        [InlineData("02.10.2026 13:01:12", "de-DE", "2026-10-02T13:01:12Z")]
        [InlineData("02.10.2026", "de-DE", "2026-10-02T00:00:00Z")]
        [InlineData("02/10/2026 13:01", "en-GB", "2026-10-02T13:01:00Z")]
        [InlineData("02/10/2026 13:01", "en-US", "2026-02-10T13:01:00Z")]
        [InlineData("10/1/2026, 13:00:00", "en-US", "2026-10-01T13:00:00Z")]
        public void DayOrMonthFirstTextIsReadInTheGivenCulture(string text, string culture, string expected)
        {
            Assert.Equal(Utc(expected), CellTime.Parse(text, CultureInfo.GetCultureInfo(culture), null));
        }

        [Fact]
        public void TwelveHourTimesAreThePortalsUsFormEvenInADayFirstCulture()
        {
            // 3/1 with AM/PM is 1 March (the portal), never 3 January (en-GB).
            Assert.Equal(Utc("2024-03-01T12:00:01Z"), CellTime.Parse("3/1/2024, 12:00:01 PM", CultureInfo.GetCultureInfo("en-GB"), null));
        }

        [Fact]
        public void NamedFormatsAreTheOnlyFormsRead()
        {
            var de = CultureInfo.GetCultureInfo("de-DE");
            string[] formats = { "dd.MM.yyyy HH:mm:ss", "d/M/yyyy H:mm" };
            Assert.Equal(Utc("2026-10-02T13:01:12Z"), CellTime.Parse("02.10.2026 13:01:12", de, formats));
            Assert.Equal(Utc("2026-10-02T13:01:00Z"), CellTime.Parse("2/10/2026 13:01", de, formats));
            // ISO text is not one of the named forms: the user asked for theirs only.
            Assert.Null(CellTime.Parse("2026-10-02T13:01:12Z", de, formats));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("not a date")]
        [InlineData("0")]
        [InlineData("-1709294405")]
        [InlineData("1e300")]
        [InlineData("2024-13-01T00:00:00Z")]
        public void TextThatIsNoTimeIsNull(string? text)
        {
            Assert.Null(CellTime.Parse(text));
            Assert.Null(CellTime.Parse(text, CultureInfo.GetCultureInfo("de-DE"), null));
        }
    }
}

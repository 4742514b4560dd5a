using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using B64Hunt.LogAnalytics;
using B64Hunt.Model;
using B64Hunt.Sources;
using Xunit;
using static B64Hunt.Tests.LogAnalytics.AlertEntities;

namespace B64Hunt.Tests.LogAnalytics
{
    public class AlertMatchingTests
    {
        [Theory]
        [InlineData("web1", "web1", true)]
        [InlineData("WEB1", "web1", true)]
        [InlineData("host web1.contoso.com seen", "web1", true)]
        [InlineData("web10", "web1", false)]
        [InlineData("web10.contoso.com", "web1", false)]
        [InlineData("aweb1", "web1", false)]
        [InlineData("web1-db", "web1", true)]
        [InlineData("\"HostName\":\"web1\"", "web1", true)]
        [InlineData("web1.contoso.com", "web1.contoso.com", true)]
        [InlineData("web1.contoso.community", "web1.contoso.com", false)]
        [InlineData("10.0.0.1", "10.0.0.1", true)]
        [InlineData("10.0.0.10", "10.0.0.1", false)]
        [InlineData(null, "web1", false)]
        public void HasMatchesWholeTermsOnly(string? text, string term, bool expected) =>
            Assert.Equal(expected, AlertHostMatcher.Has(text, term));

        [Fact]
        public void ShortNamesAreTheFirstLabelButAddressesStayWhole()
        {
            Assert.Equal("web1", AlertHostMatcher.ShortName("web1.contoso.com"));
            Assert.Equal("web1", AlertHostMatcher.ShortName("web1"));
            Assert.Equal("10.1.2.3", AlertHostMatcher.ShortName("10.1.2.3"));
            Assert.Equal(new[] { "web1.contoso.com", "web1" }, AlertHostMatcher.SearchTerms("web1.contoso.com"));
            Assert.Equal(new[] { "web1" }, AlertHostMatcher.SearchTerms("web1"));
        }

        [Theory]
        [InlineData("web1", true)]                 // short name in Entities
        [InlineData("web1.contoso.com", true)]     // the FQDN's short name in Entities
        [InlineData("WEB1.fabrikam.net", true)]    // same short name, other domain: msticpy matches it too
        [InlineData("web10", false)]               // a longer name that contains the host is another host
        [InlineData("eb1", false)]
        public void AHostMatchesAnAlertByShortOrFullNameInEntities(string host, bool expected) =>
            Assert.Equal(expected, AlertHostMatcher.Matches(host, Web1Entities, null, null));

        [Fact]
        public void ExtendedPropertiesAndCompromisedEntityAreSearchedToo()
        {
            Assert.True(AlertHostMatcher.Matches("db2", null, "{\"Compromised Host\":\"DB2\",\"User Name\":\"root\"}", null));
            Assert.True(AlertHostMatcher.Matches("db2.contoso.com", null, null, "db2"));
            Assert.False(AlertHostMatcher.Matches("db2", null, "{\"Compromised Host\":\"db22\"}", "db20.contoso.com"));
        }

        private static Dictionary<string, object?> Alert(string id, string? entities, string? extended, string? compromised) => new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["TimeGenerated"] = new DateTime(2024, 5, 2, 10, 0, 0, DateTimeKind.Utc),
            ["AlertName"] = "Suspicious base64 decode",
            ["AlertSeverity"] = "High",
            ["Description"] = "A process decoded a payload.",
            ["Entities"] = entities,
            ["ExtendedProperties"] = extended,
            ["CompromisedEntity"] = compromised,
            ["SystemAlertId"] = id,
            ["ProviderName"] = "ASI Scheduled Alerts",
            ["Tactics"] = "Execution, DefenseEvasion",
            ["Techniques"] = "T1059,T1140",
            ["StartTime"] = "2024-05-02T09:55:00Z",
            ["EndTime"] = "2024-05-02T09:58:00Z",
        };

        [Fact]
        public void OneAlertNamingTwoHuntedHostsGivesOneRelatedAlertPerHost()
        {
            var row = Alert("a-1", Web1Entities, "{\"Compromised Host\":\"db2\"}", null);
            var alerts = SecurityAlertMapper.Match(row, new[] { "web1.contoso.com", "db2", "web10" }, "workspace:x").ToList();
            Assert.Equal(new[] { "web1.contoso.com", "db2" }, alerts.Select(a => a.HuntedHost));
            // Each copy keeps the host the alert itself names for that hunted host.
            Assert.Equal(new[] { "web1.contoso.com", "db2" }, alerts.Select(a => a.Computer));
            var first = alerts[0];
            Assert.Equal("Suspicious base64 decode", first.AlertName);
            Assert.Equal(AlertSeverity.High, first.Severity);
            Assert.Equal("a-1", first.SystemAlertId);
            Assert.Equal("Execution, DefenseEvasion", first.Tactics);
            Assert.Equal("T1059,T1140", first.Techniques);
            Assert.Equal(new DateTime(2024, 5, 2, 9, 55, 0, DateTimeKind.Utc), first.StartTime);
            Assert.Equal(DateTimeKind.Utc, first.StartTime!.Value.Kind);
            Assert.Equal("workspace:x", first.Source);
        }

        [Fact]
        public void AnAlertOnAnotherDomainKeepsItsOwnHostAndNeverScoresForTheHuntedOne()
        {
            const string fabrikam = "[{\"HostName\":\"web1\",\"DnsDomain\":\"fabrikam.com\",\"Type\":\"host\"}]";
            var alert = SecurityAlertMapper.Match(Alert("f-1", fabrikam, null, null), new[] { "web1.contoso.com" }, "f").Single();
            Assert.Equal("web1.fabrikam.com", alert.Computer);
            Assert.Equal("web1.contoso.com", alert.HuntedHost);
            Assert.False(B64Hunt.Scoring.HostNames.Match("web1.contoso.com", alert.Computer));
            // Counterpart: the same alert on contoso keeps contoso and matches.
            var same = SecurityAlertMapper.Match(Alert("c-1", Web1Entities, null, null), new[] { "web1.contoso.com" }, "f").Single();
            Assert.True(B64Hunt.Scoring.HostNames.Match("web1.contoso.com", same.Computer));
        }

        [Fact]
        public void WithoutHuntedHostsTheAlertIsAttributedToItsOwnHost()
        {
            Assert.Equal("srv9", SecurityAlertMapper.Match(Alert("a", null, null, "srv9"), Array.Empty<string>(), "f").Single().Computer);
            Assert.Equal("db2", SecurityAlertMapper.Match(Alert("a", null, "{\"Compromised Host\":\"db2\"}", null), Array.Empty<string>(), "f").Single().Computer);
            Assert.Equal("web1.contoso.com", SecurityAlertMapper.Match(Alert("a", Web1Entities, null, null), Array.Empty<string>(), "f").Single().Computer);
        }

        // One export read from memory; a test of well-formed text expects no problem.
        private static List<SecurityAlertRow> ReadText(string text, string name)
        {
            var problems = new ProblemList();
            var rows = SecurityAlertFileReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), name, name, problems).ToList();
            Assert.Empty(problems);
            return rows;
        }

        [Fact]
        public void ReadsThePortalsCsvExportWithDecoratedHeadersAndQuotedJson()
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "LogAnalytics", "SecurityAlert.csv");
            var problems = new ProblemList();
            var rows = SecurityAlertFileReader.Read(path, problems).ToList();
            Assert.Empty(problems);
            Assert.Equal(4, rows.Count);
            var first = rows[0];
            Assert.Equal("SecurityAlert.csv:2", first.Location);
            Assert.Equal("2024-05-02T10:00:00.000Z", first.Values["TimeGenerated"]);
            Assert.Contains("\"HostName\":\"web1\"", (string)first.Values["Entities"]!);
            Assert.Equal("Suspicious base64 payload, decoded\nand run", first.Values["Description"]);
            Assert.Equal("SecurityAlert.csv:4", rows[1].Location);
            var matched = rows.SelectMany(r => SecurityAlertMapper.Match(r.Values, new[] { "web1" }, r.Location)).ToList();
            Assert.Equal(new[] { "a-1", "a-3" }, matched.Select(a => a.SystemAlertId));
        }

        [Fact]
        public void ReadsJsonArraysJsonLinesAndSavedApiAnswers()
        {
            var array = ReadText("[{\"TimeGenerated\":\"2024-05-02T10:00:00Z\",\"AlertName\":\"A\",\"Entities\":[{\"HostName\":\"web1\",\"Type\":\"host\"}]}]", "a.json").ToList();
            Assert.Equal("A", Assert.Single(array).Values["AlertName"]);
            Assert.Equal("[{\"HostName\":\"web1\",\"Type\":\"host\"}]", array[0].Values["Entities"]);

            var lines = ReadText("{\"AlertName\":\"A\"}\n{\"AlertName\":\"B\"}\n", "a.jsonl").ToList();
            Assert.Equal(new[] { "A", "B" }, lines.Select(r => r.Values["AlertName"]));

            var api = FakeLogAnalyticsServer.Table(new[] { ("TimeGenerated", "datetime"), ("AlertName", "string") },
                new[] { new object?[] { new DateTime(2024, 5, 2, 0, 0, 0, DateTimeKind.Utc), "C" } });
            var saved = Assert.Single(ReadText(api, "r.json"));
            Assert.Equal("C", saved.Values["AlertName"]);
            Assert.Equal(new DateTime(2024, 5, 2, 0, 0, 0, DateTimeKind.Utc), SecurityAlertMapper.Time(saved.Values, "TimeGenerated"));
        }

        [Fact]
        public void ABadTimeInARowIsAFormatError()
        {
            var row = Alert("a", null, null, "web1");
            row["TimeGenerated"] = "yesterday-ish";
            Assert.Throws<FormatException>(() => SecurityAlertMapper.Match(row, new[] { "web1" }, "f").ToList());
        }
    }
}

using System;
using B64Hunt.LogAnalytics;
using Xunit;

namespace B64Hunt.Tests.LogAnalytics
{
    public class KqlTests
    {
        private static readonly DateTime Start = new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        private static readonly DateTime End = new DateTime(2024, 5, 8, 12, 30, 0, DateTimeKind.Utc);

        [Fact]
        public void StringLiteralsEscapeQuotesBackslashesAndControlCharacters()
        {
            Assert.Equal("\"a\\\"b\\\\c\\r\\n\\td\"", KqlLiteral.String("a\"b\\c\r\n\td"));
            Assert.Equal("\"web1\\\" or 1==1 //\"", KqlLiteral.String("web1\" or 1==1 //"));
            Assert.Equal("(\"a\", \"b\\\"\")", KqlLiteral.StringList(new[] { "a", "b\"" }));
        }

        [Fact]
        public void DateTimeLiteralsAreUtcRoundTrip()
        {
            Assert.Equal("datetime(2024-05-08T12:30:00.0000000Z)", KqlLiteral.DateTime(End));
            var local = new DateTime(2024, 5, 8, 12, 30, 0, DateTimeKind.Unspecified);
            Assert.Equal("datetime(2024-05-08T12:30:00.0000000Z)", KqlLiteral.DateTime(local));
        }

        [Fact]
        public void AuomsQueryFiltersOnTheServiceHalfOpenAndProjectsTheRawMessage()
        {
            var kql = WorkspaceKql.Build(WorkspaceTable.Auoms, false, Start, End);
            Assert.Equal(
                "Syslog\n" +
                "| where TimeGenerated >= datetime(2024-05-01T00:00:00.0000000Z) and TimeGenerated < datetime(2024-05-08T12:30:00.0000000Z)\n" +
                "| where SyslogMessage has \"AUOMS_EXECVE\"\n" +
                "| parse SyslogMessage with * \"cmdline=\" cmdline\n" +
                "| extend cmdline = trim_end(@\"( redactors=\\S*)?( containerid=\\S*)?\", cmdline)\n" +
                "| extend cmdline = iif(strlen(cmdline) >= 2 and cmdline startswith '\"' and cmdline endswith '\"', substring(cmdline, 1, strlen(cmdline) - 2), cmdline)\n" +
                DecoderKql.Where("cmdline") +
                "| project TimeGenerated, Computer, SyslogMessage",
                kql.Replace("\r\n", "\n"));
            // No facility is assumed: AUOMS's output facility is configurable, AUOMS_EXECVE alone marks the records.
            Assert.DoesNotContain("Facility", kql);
        }

        [Fact]
        public void AuomsSummaryCutsTheCommandLineLikeTheSentinelParser()
        {
            var kql = WorkspaceKql.Build(WorkspaceTable.Auoms, true, Start, End);
            Assert.Contains("| parse SyslogMessage with * \"cmdline=\" cmdline", kql);
            Assert.Contains("trim_end(@\"( redactors=\\S*)?( containerid=\\S*)?\", cmdline)", kql);
            Assert.Contains("substring(cmdline, 1, strlen(cmdline) - 2)", kql);
            Assert.Contains("| summarize EventCount = count(), TotalHosts = dcount(Computer), Hostnames = make_set(Computer, 1000), FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated) by cmdline", kql);
            Assert.EndsWith("| project CommandLine = cmdline, EventCount, TotalHosts, Hostnames, FirstSeen, LastSeen", kql);
        }

        [Fact]
        public void AuditdFiltersOnTheRecordTypeOnlyBecauseArgumentsAreHex()
        {
            var kql = WorkspaceKql.Build(WorkspaceTable.Auditd, false, Start, End);
            Assert.Contains("| where SyslogMessage has \"type=EXECVE\"", kql);
            Assert.DoesNotContain("base64", kql);
            Assert.DoesNotContain("Facility", kql);
        }

        [Fact]
        public void DeviceProcessEventsUsesTimestampAndRenamesColumns()
        {
            var kql = WorkspaceKql.Build(WorkspaceTable.DeviceProcessEvents, false, Start, End);
            Assert.StartsWith("DeviceProcessEvents", kql);
            Assert.Contains("| where Timestamp >= datetime(2024-05-01T00:00:00.0000000Z) and Timestamp < datetime(2024-05-08T12:30:00.0000000Z)", kql);
            Assert.Contains(DecoderKql.Where("ProcessCommandLine"), kql);
            Assert.EndsWith("| project TimeGenerated = Timestamp, Computer = DeviceName, Account = AccountName, CommandLine = ProcessCommandLine", kql);
            var summary = WorkspaceKql.Build(WorkspaceTable.DeviceProcessEvents, true, Start, End);
            Assert.Contains("dcount(DeviceName)", summary);
            Assert.Contains("by ProcessCommandLine", summary);
        }

        [Fact]
        public void CustomQueriesPassAsTheyAre()
        {
            Assert.Equal("T | take 5", WorkspaceKql.Build(WorkspaceTable.Custom, false, Start, End, "T | take 5"));
            Assert.Throws<ArgumentException>(() => WorkspaceKql.Build(WorkspaceTable.Custom, false, Start, End, " "));
        }

        [Fact]
        public void RelatedAlertQuerySearchesShortAndFullNamesInAllThreeFields()
        {
            var kql = RelatedAlertKql.Build(new[] { "web1.contoso.com", "db\"2", "WEB1" }, Start, End);
            const string terms = "(\"web1.contoso.com\", \"web1\", \"db\\\"2\")";
            Assert.Contains("| where TimeGenerated >= datetime(2024-05-01T00:00:00.0000000Z) and TimeGenerated < datetime(2024-05-08T12:30:00.0000000Z)", kql);
            Assert.Contains("| where Entities has_any " + terms + " or ExtendedProperties has_any " + terms + " or CompromisedEntity has_any " + terms, kql);
            Assert.Contains("| summarize arg_max(TimeGenerated, *) by SystemAlertId", kql);
            Assert.EndsWith("| project TimeGenerated, AlertName, AlertSeverity, Description, CompromisedEntity, Entities, ExtendedProperties, SystemAlertId, ProviderName, Tactics, Techniques, StartTime, EndTime, AlertLink, Status", kql);
        }

        [Fact]
        public void TheAlertWindowIsTheHuntWindowWidenedFiveDaysBeforeAndOneAfter()
        {
            var (s, e) = RelatedAlertKql.WidenHuntWindow(Start, End);
            Assert.Equal(new DateTime(2024, 4, 26, 0, 0, 0, DateTimeKind.Utc), s);
            Assert.Equal(new DateTime(2024, 5, 9, 12, 30, 0, DateTimeKind.Utc), e);
        }

        [Fact]
        public void TheHuntWindowComesFromStartEndOrLast()
        {
            var now = new DateTime(2024, 6, 1, 12, 0, 0, DateTimeKind.Utc);
            Assert.Equal((now.AddDays(-7), now), WorkspaceQuery.ResolveWindow(null, null, null, now));
            Assert.Equal((now.AddHours(-12), now), WorkspaceQuery.ResolveWindow(null, null, TimeSpan.FromHours(12), now));
            Assert.Equal((Start, End), WorkspaceQuery.ResolveWindow(Start, End, null, now));
            Assert.Equal((End.AddDays(-1), End), WorkspaceQuery.ResolveWindow(null, End, TimeSpan.FromDays(1), now));
            Assert.Throws<ArgumentException>(() => WorkspaceQuery.ResolveWindow(End, Start, null, now));
        }
    }
}

namespace B64Hunt.Tests.LogAnalytics
{
    public class TokenScrubberTests
    {
        [Theory]
        [InlineData("Authorization: Bearer abc.def-ghi_jkl failed", "Authorization: Bearer *** failed")]
        [InlineData("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-nature_x here", "token *** here")]
        [InlineData("the secret-token-42 was refused", "the *** was refused")]
        [InlineData("nothing to hide", "nothing to hide")]
        public void RemovesBearerTokensJwtsAndTheKnownSecret(string text, string expected) =>
            Assert.Equal(expected, B64Hunt.LogAnalytics.TokenScrubber.Scrub(text, "secret-token-42"));
    }
}

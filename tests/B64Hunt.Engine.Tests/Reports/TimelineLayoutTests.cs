using System;
using System.Linq;
using B64Hunt.Model;
using B64Hunt.Reports;
using B64Hunt.Scoring;
using Xunit;
using static B64Hunt.Tests.Scoring.Fixture;

namespace B64Hunt.Tests.Reports
{
    public class TimelineLayoutTests
    {
        [Fact]
        public void HostsWithEqualRankAreInNaturalOrder()
        {
            var events = new[] { Event("x", "srv10", 0), Event("x", "srv2", 1), Event("x", "SRV1", 2), Event("x", "db", 3) };
            var layout = TimelineLayout.Build(CommandScorer.Score(events).Scores, null, 0);
            Assert.Equal(new[] { "db", "SRV1", "srv2", "srv10" }, layout.Hosts.Select(h => h.Name).ToArray());
        }

        [Fact]
        public void AlertsAreDrawnOnlyOnTheHostsOfDrawnCommands()
        {
            var events = new[] { Event("top", "web1", 0, Ti("OTX", "198.51.100.1", TiSeverity.High)), Event("low", "db1", 5) };
            var alerts = new[] { Alert("web1.contoso.com", "A", "Low", 1), Alert("db1", "B", "Low", 6), Alert("nowhere", "C", "High", 7) };
            var scores = CommandScorer.Score(events, alerts).Scores;
            var top = TimelineLayout.Build(scores, alerts, 1);
            Assert.Equal("web1", Assert.Single(top.Hosts).Name);
            Assert.Equal("A", Assert.Single(top.Alerts).AlertName);        // web1.contoso.com drawn on the web1 row
            var all = TimelineLayout.Build(scores, alerts, 0);
            Assert.Equal(new[] { "A", "B" }, all.Alerts.Select(a => a.AlertName).ToArray());
            // With no command at all, every alert is shown on its own host row.
            var alertsOnly = TimelineLayout.Build(Array.Empty<CommandScore>(), alerts, 0);
            Assert.Equal(3, alertsOnly.Alerts.Count);
            Assert.Equal(3, alertsOnly.Hosts.Count);
        }

        [Fact]
        public void ASingleInstantGetsAWindowAroundIt()
        {
            var layout = TimelineLayout.Build(CommandScorer.Score(new[] { Event("x", "h", 0) }).Scores, null, 0);
            Assert.Equal(T0.AddMinutes(-30), layout.Start);
            Assert.Equal(T0.AddMinutes(30), layout.End);
            Assert.Equal(0.5, layout.Position(T0), 9);
        }

        [Fact]
        public void WithoutAnyTimeThereIsNoWindowButStillAList()
        {
            var untimed = new CommandEvent { DecodedCommand = "whoami", Computer = "h1" };
            var layout = TimelineLayout.Build(CommandScorer.Score(new[] { untimed }).Scores, null, 0);
            Assert.False(layout.HasWindow);
            var lines = ConsoleTimelineRenderer.Render(layout).ToList();
            Assert.Equal("B64Hunt timeline: 1 command(s); no event has a time, so there is nothing to plot.", lines[0]);
            Assert.Contains(lines, l => l.EndsWith(" whoami"));
            Assert.DoesNotContain(lines, l => l.Contains("1970"));
            string html = HtmlReportRenderer.Render(layout);
            Assert.Contains("nothing to plot", html);
            Assert.DoesNotContain("1970", html);
        }
    }
}

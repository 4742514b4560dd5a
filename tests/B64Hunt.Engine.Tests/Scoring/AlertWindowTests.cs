using System;
using System.Collections.Generic;
using System.Linq;
using B64Hunt.Model;
using B64Hunt.Scoring;
using Xunit;
using static B64Hunt.Tests.Scoring.Fixture;

namespace B64Hunt.Tests.Scoring
{
    /// <summary>
    /// AlertScore with an alert window: an alert counts only within ±window of one of the command's executions on the
    /// alert's host. Times are minutes from Fixture.T0 (2024-05-01 10:00 UTC); the arithmetic is in the comments.
    /// </summary>
    public class AlertWindowTests
    {
        private static readonly TimeSpan OneHour = TimeSpan.FromHours(1);

        private static CommandScore ScoreOne(IEnumerable<CommandEvent> events, IEnumerable<RelatedAlert> alerts, TimeSpan? window) =>
            CommandScorer.Score(events, alerts, null, window).Scores.Single();

        private static RelatedAlert Span(string computer, string name, string severity, int? startMinute, int? endMinute, int? generatedMinute = null) =>
            new RelatedAlert
            {
                Computer = computer, AlertName = name, Severity = AlertSeverities.Parse(severity), SeverityText = severity,
                TimeGenerated = generatedMinute.HasValue ? T0.AddMinutes(generatedMinute.Value) : (DateTime?)null,
                StartTime = startMinute.HasValue ? T0.AddMinutes(startMinute.Value) : (DateTime?)null,
                EndTime = endMinute.HasValue ? T0.AddMinutes(endMinute.Value) : (DateTime?)null,
            };

        [Fact]
        public void AnAlertInsideTheWindowCounts()
        {
            // Ran on web1 at 0; High alert at +30 and Medium at -30, both within ±60.
            var score = ScoreOne(new[] { Event("x", "web1", 0) },
                new[] { Alert("web1", "Miner", "High", 30), Alert("web1", "Cron change", "Medium", -30) }, OneHour);
            Assert.Equal(5.0, score.AlertScore, 9);               // 3 + 2
            Assert.Equal(6.0, score.TotalScore, 9);               // FreqScore (1/1)/2 + (1/1)/2 = 1, + 5
            Assert.Equal(new[] { "Cron change", "Miner" }, score.Alerts.Select(a => a.AlertName).ToArray()); // by time
        }

        [Fact]
        public void AnAlertOutsideTheWindowDoesNotCountButDoesWithoutAWindow()
        {
            var events = new[] { Event("x", "web1", 0) };
            var alerts = new[] { Alert("web1", "Miner", "High", 61), Alert("web1", "Old scan", "Low", -600) };
            var windowed = ScoreOne(events, alerts, OneHour);
            Assert.Equal(0.0, windowed.AlertScore, 9);            // +61 and -600 are both beyond ±60
            Assert.Empty(windowed.Alerts);
            Assert.Equal(1.0, windowed.TotalScore, 9);            // FreqScore only

            var notebook = ScoreOne(events, alerts, null);
            Assert.Equal(4.0, notebook.AlertScore, 9);            // the notebook's rule: 3 + 1, whenever they fired
            Assert.Equal(2, notebook.Alerts.Count);
        }

        [Fact]
        public void TheWindowBoundsAreInclusive()
        {
            var alerts = new[]
            {
                Alert("web1", "At plus one hour", "High", 60),        // exactly +60: counts (3)
                Alert("web1", "At minus one hour", "Medium", -60),    // exactly -60: counts (2)
                new RelatedAlert { Computer = "web1", AlertName = "One tick late", Severity = AlertSeverity.Low, TimeGenerated = T0.AddHours(1).AddTicks(1) },
                new RelatedAlert { Computer = "web1", AlertName = "One tick early", Severity = AlertSeverity.Low, TimeGenerated = T0.AddHours(-1).AddTicks(-1) },
            };
            var score = ScoreOne(new[] { Event("x", "web1", 0) }, alerts, OneHour);
            Assert.Equal(5.0, score.AlertScore, 9);               // 3 + 2; the two Low ones are a tick outside
            Assert.Equal(new[] { "At minus one hour", "At plus one hour" }, score.Alerts.Select(a => a.AlertName).ToArray());
        }

        [Fact]
        public void AZeroWindowCountsOnlyAlertsAtTheSameInstant()
        {
            var score = ScoreOne(new[] { Event("x", "web1", 5) },
                new[] { Alert("web1", "Same minute", "High", 5), Alert("web1", "Next minute", "Medium", 6) }, TimeSpan.Zero);
            Assert.Equal(3.0, score.AlertScore, 9);               // only the High at exactly +5
        }

        [Fact]
        public void AnAlertSpanOverlappingTheWindowCounts()
        {
            // Ran at 0, window ±60 = [-60, +60]. TimeGenerated alone would be outside (+300) for the first two.
            var alerts = new[]
            {
                Span("web1", "Long campaign", "High", -180, -50, 300),  // [-180, -50] meets [-60, 60]: counts (3)
                Span("web1", "Ended too early", "Medium", -180, -61, 300), // [-180, -61] misses it: 0
                Span("web1", "Start only", "Low", 45, null),            // an instant at +45: counts (1)
                Span("web1", "Generated inside", "Medium", -900, -800, 20), // the span misses, TimeGenerated +20 counts (2)
            };
            var score = ScoreOne(new[] { Event("x", "web1", 0) }, alerts, OneHour);
            Assert.Equal(6.0, score.AlertScore, 9);               // 3 + 1 + 2
            Assert.DoesNotContain(score.Alerts, a => a.AlertName == "Ended too early");
        }

        [Fact]
        public void AggregatedEventsUseFirstSeenToLastSeen()
        {
            // The service aggregated 40 runs on web1 and web2 from 0 to +600 (10 h); no TimeGenerated of its own.
            var aggregated = new CommandEvent
            {
                DecodedCommand = "x", CommandLine = "x", EventCount = 40,
                Hostnames = new List<string> { "web1", "web2" },
                FirstSeen = T0, LastSeen = T0.AddMinutes(600),
            };
            var alerts = new[]
            {
                Alert("web1", "Mid span", "High", 300),         // inside [0, 600]: counts (3)
                Alert("web1", "Edge after", "Medium", 660),     // LastSeen + 60, on the bound: counts (2)
                Alert("web1", "Too late", "High", 661),         // LastSeen + 61: 0
                Alert("web1", "Too early", "High", -61),        // FirstSeen - 61: 0
                Alert("web2", "Mid span", "High", 10),          // the same span on web2 (its own host): counts (3)
            };
            var score = ScoreOne(new[] { aggregated }, alerts, OneHour);
            Assert.Equal(8.0, score.AlertScore, 9);               // web1: 3 + 2, web2: 3
            Assert.Equal(0.2625, score.FreqScore, 9);             // (1/40)/2 + (1/2)/2 = 0.0125 + 0.25
            Assert.Equal(8.2625, score.TotalScore, 9);
        }

        [Fact]
        public void AnAlertIsTimedAgainstExecutionsOnItsOwnHostOnly()
        {
            // The command ran on hostA at 0 and on hostB at +600.
            var events = new[] { Event("x", "hostA", 0), Event("x", "hostB", 600) };
            var alerts = new[]
            {
                Alert("hostB", "Reverse shell", "High", 5),   // near hostA's run, 595 min from hostB's: 0
                Alert("hostA", "Port scan", "Medium", 5),     // near hostA's run on hostA: counts (2)
                Alert("hostC", "Miner", "High", 600),         // not a host of the command: 0 with or without a window
            };
            var windowed = ScoreOne(events, alerts, OneHour);
            Assert.Equal(2.0, windowed.AlertScore, 9);
            Assert.Equal("Port scan", Assert.Single(windowed.Alerts).AlertName);
            // Without a window: hostB's High (3) + hostA's Medium (2) = 5; hostC never counts.
            Assert.Equal(5.0, ScoreOne(events, alerts, null).AlertScore, 9);
        }

        [Fact]
        public void AnAlertNameStillCountsOncePerHostInsideTheWindow()
        {
            var events = new[] { Event("x", "web1", 0), Event("x", "web2", 0) };
            var alerts = new[]
            {
                Alert("web1", "Miner", "High", 10),
                Alert("web1", "Miner", "High", 20),                 // same name on web1 again: not added
                Alert("WEB1.contoso.com", "Miner", "High", 30),     // same host, FQDN spelling: not added
                Alert("web1", "Miner", "High", 500),                // outside the window anyway
                Alert("web2", "Miner", "High", 10),                 // another host: counts again
            };
            var score = ScoreOne(events, alerts, OneHour);
            Assert.Equal(6.0, score.AlertScore, 9);                 // web1: 3 + web2: 3
            Assert.Equal(4, score.Alerts.Count);                    // every firing inside the window is listed
        }

        [Fact]
        public void AnFqdnAlertMatchesAShortHostWithinTheWindow()
        {
            var score = ScoreOne(new[] { Event("x", "web1", 0) }, new[] { Alert("web1.contoso.com", "Miner", "High", 15) }, OneHour);
            Assert.Equal(3.0, score.AlertScore, 9);
        }

        [Fact]
        public void AlertsAndExecutionsWithoutATimeNeverMatchAWindow()
        {
            var untimedEvent = Event("x", "web1", 0);
            untimedEvent.TimeGenerated = null;
            var timedAlert = Alert("web1", "Miner", "High", 0);
            var untimedAlert = new RelatedAlert { Computer = "web2", AlertName = "Undated", Severity = AlertSeverity.High };
            var result = CommandScorer.Score(new[] { untimedEvent, Event("y", "web2", 0) }, new[] { timedAlert, untimedAlert }, null, OneHour);
            Assert.Equal(0.0, result.Scores.Single(s => s.DecodedCommand == "x").AlertScore, 9);  // no execution time on web1
            Assert.Equal(0.0, result.Scores.Single(s => s.DecodedCommand == "y").AlertScore, 9);  // the alert has no time
            var warning = Assert.Single(result.Problems, p => p.ErrorId == "UntimedAlert");
            Assert.Equal(ProblemKind.Warning, warning.Kind);
            Assert.Same(untimedAlert, warning.Target);
            // The notebook's rule does not need times: both count there (3 each), and there is no warning.
            var notebook = CommandScorer.Score(new[] { untimedEvent, Event("y", "web2", 0) }, new[] { timedAlert, untimedAlert });
            Assert.All(notebook.Scores, s => Assert.Equal(3.0, s.AlertScore, 9));
            Assert.DoesNotContain(notebook.Problems, p => p.ErrorId == "UntimedAlert");
        }

        [Fact]
        public void LocalAndUtcTimesAreCompared()
        {
            var e = Event("x", "web1", 0);
            var alert = new RelatedAlert { Computer = "web1", AlertName = "Miner", Severity = AlertSeverity.High, TimeGenerated = T0.AddMinutes(30).ToLocalTime() };
            Assert.Equal(3.0, ScoreOne(new[] { e }, new[] { alert }, OneHour).AlertScore, 9);
        }

        [Fact]
        public void AHugeWindowDoesNotOverflowAndActsLikeTheNotebook()
        {
            var alerts = new[] { Alert("web1", "Miner", "High", -100000), Alert("web1", "Scan", "Low", 100000) };
            var score = ScoreOne(new[] { Event("x", "web1", 0) }, alerts, TimeSpan.MaxValue);
            Assert.Equal(4.0, score.AlertScore, 9);                 // 3 + 1
        }

        [Fact]
        public void ANegativeWindowIsRejected()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new CommandScorer(null, TimeSpan.FromMinutes(-1)));
        }

        [Fact]
        public void TheWindowPutsACloseMinerAboveAWidelyRunAdminCommand()
        {
            // "apt-get update" ran on 25 hosts at 0; each host had a Low "Vulnerability scan" two days earlier.
            // The miner ran once on host01 at 0, with a High "Miner" alert 5 minutes later.
            var events = new List<CommandEvent>();
            var alerts = new List<RelatedAlert>();
            for (int i = 1; i <= 25; i++)
            {
                string host = $"host{i:00}";
                events.Add(Event("apt-get update", host, 0));
                alerts.Add(Alert(host, "Vulnerability scan", "Low", -2880));
            }
            events.Add(Event("xmrig -o pool:3333", "host01", 0));
            alerts.Add(Alert("host01", "Miner", "High", 5));

            var notebook = CommandScorer.Score(events, alerts).Scores;
            // apt-get: FreqScore (1/25)/2 + (1/25)/2 = 0.04; AlertScore 25 scans x 1 + host01's Miner 3 = 28 -> 28.04.
            // miner: FreqScore 1, AlertScore Miner 3 + host01's scan 1 = 4 -> 5.
            Assert.Equal("apt-get update", notebook[0].DecodedCommand);
            Assert.Equal(28.04, notebook[0].TotalScore, 9);
            Assert.Equal(5.0, notebook[1].TotalScore, 9);

            var windowed = CommandScorer.Score(events, alerts, null, TimeSpan.FromDays(1)).Scores;
            // miner: 1 + Miner 3 (the scan is two days off) = 4.
            // apt-get: 0.04 + host01's Miner 3 (apt-get also ran on host01 five minutes before it) = 3.04.
            Assert.Equal("xmrig -o pool:3333", windowed[0].DecodedCommand);
            Assert.Equal(4.0, windowed[0].TotalScore, 9);
            Assert.Equal("apt-get update", windowed[1].DecodedCommand);
            Assert.Equal(3.04, windowed[1].TotalScore, 9);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using B64Hunt.Model;
using B64Hunt.Scoring;
using Xunit;
using static B64Hunt.Tests.Scoring.Fixture;

namespace B64Hunt.Tests.Scoring
{
    public class CommandScorerTests
    {
        private static CommandScore Find(ScoringResult result, string command) => result.Scores.Single(s => s.DecodedCommand == command);

        [Fact]
        public void FreqScoreUsesExecutionsAndDistinctHosts()
        {
            var result = CommandScorer.Score(new[]
            {
                Event("whoami", "web1", 0), Event("whoami", "WEB1", 5), Event("whoami", "web2", 9),
                Event("id", "web1", 3),
            });
            var whoami = Find(result, "whoami");
            Assert.Equal(3, whoami.CommandCount);
            Assert.Equal(2, whoami.TotalHosts);                         // web1 and WEB1 are one host
            Assert.Equal(new[] { "web1", "web2" }, whoami.Hostnames);
            // (1/3)/2 + (1/2)/2 = 0.166667 + 0.25 = 0.416667
            Assert.Equal(0.416667, whoami.FreqScore, 6);
            Assert.Equal(T0, whoami.FirstSeen);
            Assert.Equal(T0.AddMinutes(9), whoami.LastSeen);
            Assert.Equal(3, whoami.Events.Count);
            // (1/1)/2 + (1/1)/2 = 1
            Assert.Equal(1.0, Find(result, "id").FreqScore, 9);
        }

        [Fact]
        public void AggregatedEventsCountTheirExecutionsHostsAndSpan()
        {
            var aggregated = new CommandEvent
            {
                DecodedCommand = "curl x | sh",
                EventCount = 5,
                Hostnames = new List<string> { "h1", "h2", "h3" },
                FirstSeen = T0.AddHours(-2),
                LastSeen = T0.AddHours(3),
            };
            var single = Event("curl x | sh", "H1", 60);
            var result = CommandScorer.Score(new[] { aggregated, single });
            var score = result.Scores.Single();
            Assert.Equal(6, score.CommandCount);                        // 5 + 1
            Assert.Equal(3, score.TotalHosts);                          // h1, h2, h3 (H1 is h1)
            // (1/6)/2 + (1/3)/2 = 0.083333 + 0.166667 = 0.25
            Assert.Equal(0.25, score.FreqScore, 9);
            Assert.Equal(T0.AddHours(-2), score.FirstSeen);
            Assert.Equal(T0.AddHours(3), score.LastSeen);
            Assert.Empty(result.Problems);
        }

        [Fact]
        public void EventCountBelowOneIsReportedAndCountedOnce()
        {
            var scorer = new CommandScorer();
            var bad = Event("ls", "web1");
            bad.EventCount = 0;
            var problem = scorer.Add(bad);
            Assert.NotNull(problem);
            Assert.Equal("InvalidEventCount", problem!.ErrorId);
            Assert.Same(bad, problem.Target);
            var score = scorer.Complete().Scores.Single();
            Assert.Equal(1, score.CommandCount);

            var viaStatic = CommandScorer.Score(new[] { bad });
            Assert.Equal("InvalidEventCount", Assert.Single(viaStatic.Problems).ErrorId);
        }

        [Fact]
        public void SevScoreTakesTheWorstVerdictPerUniqueIndicator()
        {
            var e1 = Event("payload", "web1", 0,
                Ti("OTX", "198.51.100.1", TiSeverity.Low), Ti("VirusTotal", "198.51.100.1", TiSeverity.High),     // worst High = 3
                Ti("OTX", "198.51.100.2", TiSeverity.Unknown, TiStatus.NotFound),
                Ti("XForce", "198.51.100.2", TiSeverity.Unknown, TiStatus.Failed),                               // NotFound is a verdict: Information = 0
                Ti("OTX", "198.51.100.3", TiSeverity.Unknown, TiStatus.Failed),                                  // no verdict at all: Unknown = 1
                Ti("OTX", "10.0.0.5", TiSeverity.Unknown, TiStatus.SkippedPrivate),
                Ti("VirusTotal", "10.0.0.5", TiSeverity.Unknown, TiStatus.Unsupported),                          // not verdicts: adds nothing
                Ti("OTX", "evil.example", TiSeverity.Medium));                                                    // Medium = 1.5
            // The same indicators again in a second event, and in other case: each indicator counts once.
            var e2 = Event("payload", "web1", 5, Ti("OTX", "EVIL.example", TiSeverity.Medium), Ti("VirusTotal", "198.51.100.1", TiSeverity.High));
            var score = CommandScorer.Score(new[] { e1, e2 }).Scores.Single();
            // 3 + 0 + 1 + 0 + 1.5 = 5.5
            Assert.Equal(5.5, score.SevScore, 9);
            // Duplicate results are listed once: 8 distinct + "EVIL.example" equals "evil.example" ignoring case.
            Assert.Equal(8, score.TiResults.Count);
        }

        [Fact]
        public void WorstVerdictPerIndicatorIsExposed()
        {
            var worst = IndicatorSeverity.WorstByIndicator(new[]
            {
                Ti("A", "1.2.3.4", TiSeverity.Information), Ti("B", "1.2.3.4", TiSeverity.Low),
                Ti("A", "5.6.7.8", TiSeverity.Unknown, TiStatus.Failed), Ti("B", "5.6.7.8", TiSeverity.Information),
            }, ScoreWeights.Default);
            Assert.Equal(1.0, worst["1.2.3.4"]);   // Low beats Information
            Assert.Equal(0.0, worst["5.6.7.8"]);   // a verdict (Information) beats a failure
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void AlertsAreAttributedByHostNotByListPosition(bool reversed)
        {
            // Command A ran only on hostA, command B only on hostB.
            var events = new[] { Event("cmd-a", "hostA", 0), Event("cmd-b", "hostB", 1) };
            var alerts = new List<RelatedAlert>
            {
                Alert("hostB", "Reverse shell", "High"),      // belongs to B only
                Alert("hostA", "Port scan", "Low"),           // belongs to A only
            };
            if (reversed) alerts.Reverse();
            var result = CommandScorer.Score(events, alerts);
            var a = Find(result, "cmd-a");
            var b = Find(result, "cmd-b");
            Assert.Equal(1.0, a.AlertScore, 9);                // Low = 1, never the High of hostB
            Assert.Equal(3.0, b.AlertScore, 9);                // High = 3
            Assert.Equal("Port scan", Assert.Single(a.Alerts).AlertName);
            Assert.Equal("Reverse shell", Assert.Single(b.Alerts).AlertName);
            // B: 1 + 0 + 3 = 4 ranks above A: 1 + 0 + 1 = 2.
            Assert.Equal(1, b.Rank);
            Assert.Equal(2, a.Rank);
        }

        [Fact]
        public void AnAlertNameCountsOncePerHostHoweverOftenItFired()
        {
            var alerts = new[]
            {
                Alert("web1", "Suspicious download", "High", 1),
                Alert("web1", "Suspicious download", "High", 2),
                Alert("WEB1.contoso.com", "Suspicious download", "High", 3),  // same host, other spelling
                Alert("web1", "Cron change", "Medium", 4),
            };
            var score = CommandScorer.Score(new[] { Event("x", "web1") }, alerts).Scores.Single();
            // Suspicious download once (3) + Cron change (2) = 5
            Assert.Equal(5.0, score.AlertScore, 9);
            Assert.Equal(4, score.Alerts.Count);                  // all firings are listed
        }

        [Fact]
        public void TheSameAlertNameOnTwoHostsCountsForEach()
        {
            var events = new[] { Event("x", "web1"), Event("x", "web2") };
            var alerts = new[] { Alert("web1", "Miner", "High"), Alert("web2", "Miner", "High"), Alert("web3", "Miner", "High") };
            var score = CommandScorer.Score(events, alerts).Scores.Single();
            // web1: 3 + web2: 3; web3 is not a host of the command
            Assert.Equal(6.0, score.AlertScore, 9);
        }

        [Fact]
        public void AlertsMatchShortNamesAndFqdnsBothWays()
        {
            var events = new[]
            {
                Event("on-short", "web1"),
                Event("on-fqdn", "db1.contoso.com"),
                Event("other-domain", "web1.fabrikam.com"),
            };
            var alerts = new[]
            {
                Alert("web1.contoso.com", "A1", "Medium"),   // web1 (short) <-> web1.contoso.com
                Alert("DB1", "A2", "Low"),                   // db1.contoso.com <-> DB1 (short)
            };
            var result = CommandScorer.Score(events, alerts);
            Assert.Equal(2.0, Find(result, "on-short").AlertScore, 9);
            Assert.Equal(1.0, Find(result, "on-fqdn").AlertScore, 9);
            // web1.fabrikam.com is not web1.contoso.com
            Assert.Equal(0.0, Find(result, "other-domain").AlertScore, 9);
        }

        [Fact]
        public void AlertsWithoutHostOrWithUnknownSeverityAreReported()
        {
            var alerts = new[]
            {
                new RelatedAlert { AlertName = "Nowhere", Severity = AlertSeverity.High },
                Alert("web1", "Odd", "Critical"),
                Alert("web1", "Odd2", "critical"),
            };
            var result = CommandScorer.Score(new[] { Event("x", "web1") }, alerts);
            Assert.Equal(new[] { "UnattributedAlert", "UnknownAlertSeverity" }, result.Problems.Select(p => p.ErrorId).ToArray());
            Assert.All(result.Problems, p => Assert.Equal(ProblemKind.Warning, p.Kind));
            var score = result.Scores.Single();
            Assert.Equal(0.0, score.AlertScore, 9);            // unknown severity scores 0
            Assert.Equal(2, score.Alerts.Count);               // but the alerts are shown
        }

        [Fact]
        public void WeightsCanBeOverridden()
        {
            var weights = ScoreWeights.FromOverrides(new Dictionary<string, double>
            {
                ["high"] = 10, ["Unknown"] = 0, ["AlertLow"] = 0.5, ["AlertInformational"] = 0.25,
            }, out var problem);
            Assert.Null(problem);
            var events = new[]
            {
                Event("x", "web1", 0, Ti("OTX", "198.51.100.1", TiSeverity.High), Ti("OTX", "198.51.100.2", TiSeverity.Unknown, TiStatus.Failed)),
            };
            var alerts = new[] { Alert("web1", "L", "Low"), Alert("web1", "I", "Informational") };
            var score = CommandScorer.Score(events, alerts, weights).Scores.Single();
            Assert.Equal(10.0, score.SevScore, 9);             // High 10 + failed lookup Unknown 0
            Assert.Equal(0.75, score.AlertScore, 9);           // Low 0.5 + Informational 0.25
            Assert.Equal(1 + 10 + 0.75, score.TotalScore, 9);
            Assert.Equal(1.5, weights.Medium);                 // untouched weights keep the notebook's values
        }

        [Theory]
        [InlineData("Critical", 1.0, "UnknownScoreWeight")]
        [InlineData("High", -1.0, "InvalidScoreWeight")]
        [InlineData("AlertHigh", double.NaN, "InvalidScoreWeight")]
        public void BadWeightsAreRefused(string key, double value, string errorId)
        {
            var weights = ScoreWeights.FromOverrides(new[] { new KeyValuePair<string, double>(key, value) }, out var problem);
            Assert.NotNull(problem);
            Assert.Equal(errorId, problem!.ErrorId);
            Assert.Equal(ProblemKind.InvalidArgument, problem.Kind);
            Assert.Equal(3.0, weights.High);                   // defaults come back
        }

        [Fact]
        public void TiesGoToTheRarerCommandThenTheEarlierOne()
        {
            var events = new[]
            {
                // common: 2 runs on 2 hosts, Freq (1/2)/2 + (1/2)/2 = 0.5, one Medium indicator 1.5 -> total 2.0
                Event("common", "h1", 0, Ti("OTX", "198.51.100.7", TiSeverity.Medium)),
                Event("common", "h2", 1),
                // rare: 1 run, Freq 1.0, one Low indicator 1 -> total 2.0; rarer, so it ranks first
                Event("rare", "h1", 50, Ti("OTX", "198.51.100.8", TiSeverity.Low)),
                // late and early: Freq 1.0 each, total 1.0 each; early (09:00) ranks before late (10:30)
                Event("late", "h3", 30),
                Event("early", "h4", -60),
            };
            var ranked = CommandScorer.Score(events).Scores;
            Assert.Equal(new[] { "rare", "common", "early", "late" }, ranked.Select(s => s.DecodedCommand).ToArray());
            Assert.Equal(new[] { 1, 2, 3, 4 }, ranked.Select(s => s.Rank).ToArray());
            Assert.Equal(2.0, ranked[0].TotalScore, 9);
            Assert.Equal(2.0, ranked[1].TotalScore, 9);
        }

        [Fact]
        public void EnrichmentIsMergedDistinctAcrossEvents()
        {
            var e1 = Event("wget x", "web1");
            e1.Categories.Add("Network connections/Downloading");
            e1.Techniques.Add("T1105");
            e1.GtfoBins.Add(new GtfoBinsTag { Name = "wget", Functions = { "download" } });
            e1.GtfoFunctions.Add("download");
            e1.Iocs.Add(new Ioc { Type = "url", Value = "hxxp://evil[.]example/x", Normalized = "http://evil.example/x" });
            var e2 = Event("wget x", "web2");
            e2.Categories.Add("network connections/downloading");
            e2.GtfoBins.Add(new GtfoBinsTag { Name = "WGET" });
            e2.Iocs.Add(new Ioc { Type = "url", Value = "http://evil.example/x", Normalized = "http://evil.example/x" });
            e2.Iocs.Add(new Ioc { Type = "dns", Value = "evil.example", Normalized = "evil.example" });
            var score = CommandScorer.Score(new[] { e1, e2 }).Scores.Single();
            Assert.Single(score.Categories);
            Assert.Equal(new[] { "T1105" }, score.Techniques);
            Assert.Equal("wget", Assert.Single(score.GtfoBins).Name);
            Assert.Equal(new[] { "download" }, score.GtfoFunctions);
            Assert.Equal(new[] { "url:http://evil.example/x", "dns:evil.example" }, score.Iocs.Select(i => i.ToString()).ToArray());
        }

        [Fact]
        public void CommandWithoutHostCountsAsOnOneHost()
        {
            var score = CommandScorer.Score(new[] { Event("x", null) }).Scores.Single();
            Assert.Equal(0, score.TotalHosts);
            Assert.Equal(1.0, score.FreqScore, 9);   // (1/1)/2 + (1/1)/2
        }
    }
}

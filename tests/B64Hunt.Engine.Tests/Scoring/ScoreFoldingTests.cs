using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using B64Hunt.Classification;
using B64Hunt.GtfoBins;
using B64Hunt.Iocs;
using B64Hunt.Model;
using B64Hunt.Reports;
using B64Hunt.Scoring;
using B64Hunt.Tests.Classification;
using Xunit;

namespace B64Hunt.Tests.Scoring
{
    /// <summary>
    /// The scorer keeps a score's events folded per command line, host and account (issue 16): the scores, reasons,
    /// alerts and timeline must be exactly those of keeping every event, the caller's events must not change, and the
    /// folded events must score the same again.
    /// </summary>
    public class ScoreFoldingTests
    {
        private static readonly RiskTable Risk = CommandClassifierTests.Bundled.Risk;

        private static RankingBenchmarkFleet EnrichedFleet(int seed)
        {
            var fleet = new RankingBenchmarkFleet(seed);
            string data = Path.Combine(AppContext.BaseDirectory, "data");
            var classifier = new CommandClassifier(CommandClassifierTests.Bundled);
            var tagger = new GtfoBinsTagger(GtfoBinsIndex.LoadBundled(data));
            var iocs = IocExtractor.FromDataDirectory(data);
            foreach (var e in fleet.Events)
            {
                classifier.Enrich(e);
                tagger.Enrich(e);
                iocs.AddTo(e);
            }
            return fleet;
        }

        private static string Describe(CommandScore s) => string.Join("|", s.Rank, s.DecodedCommand, s.TotalScore.ToString("R"), s.FreqScore.ToString("R"),
            s.BehaviourScore.ToString("R"), s.RoutineScore.ToString("R"), s.SevScore.ToString("R"), s.AlertScore.ToString("R"), s.CommandCount, s.TotalHosts,
            string.Join(",", s.Hostnames), s.FirstSeen?.ToString("o"), s.LastSeen?.ToString("o"), string.Join(",", s.Categories), string.Join(",", s.Techniques),
            string.Join(",", s.GtfoBins.Select(t => t.Name)), string.Join(",", s.GtfoFunctions), string.Join(",", s.Iocs.Select(i => i.Type + "=" + i.Normalized)),
            string.Join(",", s.Alerts.Select(a => a.AlertName + "@" + a.Computer)), string.Join(" / ", s.ScoreReasons), s.TruncatedCount);

        // Every mark of the timeline (host row, time, rank) and its summary lines.
        private static IEnumerable<string> DescribeTimeline(IReadOnlyList<CommandScore> ranked, IEnumerable<RelatedAlert> alerts)
        {
            var layout = TimelineLayout.Build(ranked, alerts, 0);
            yield return layout.Summary();
            yield return layout.UntimedEvents + " untimed, " + layout.Start.ToString("o") + ".." + layout.End.ToString("o");
            foreach (var host in layout.Hosts)
            {
                yield return host.Name + " best " + host.BestRank + ": " + string.Join(",", host.Marks.Select(m => m.Score.Rank + "@" + m.Time.ToString("o")).OrderBy(x => x, StringComparer.Ordinal))
                    + " alerts " + string.Join(",", host.Alerts.Select(a => a.AlertName));
            }
        }

        public static IEnumerable<object?[]> Rankings()
        {
            foreach (int seed in new[] { 11, 37 })
            {
                yield return new object?[] { seed, ScoringModel.Default, null };
                yield return new object?[] { seed, ScoringModel.Notebook, null };
                yield return new object?[] { seed, ScoringModel.Notebook, TimeSpan.FromHours(6) };
            }
        }

        [Theory]
        [MemberData(nameof(Rankings))]
        public void FoldedEventsRankScoreAndDrawExactlyAsEveryEventKept(int seed, ScoringModel model, TimeSpan? window)
        {
            var fleet = EnrichedFleet(seed);
            var kept = CommandScorer.Score(fleet.Events, fleet.Alerts, null, window, model, Risk, keepEvents: true).Scores;
            var folded = CommandScorer.Score(fleet.Events, fleet.Alerts, null, window, model, Risk).Scores;

            Assert.True(kept.Count > 100);
            Assert.Equal(kept.Select(Describe), folded.Select(Describe));
            Assert.Equal(DescribeTimeline(kept, fleet.Alerts), DescribeTimeline(folded, fleet.Alerts));
            // The fleet's health checks, backups and log shipping run many times on each host: folding keeps far fewer events.
            int keptEvents = kept.Sum(s => s.Events.Count), foldedEvents = folded.Sum(s => s.Events.Count);
            Assert.Equal(fleet.Events.Count, keptEvents);
            Assert.True(foldedEvents * 3 < keptEvents, $"{foldedEvents} folded events of {keptEvents}");
            foreach (var s in folded) Assert.Equal(s.CommandCount, s.Events.Sum(e => e.EventCount));

            // The folded events score the same again (Measure-B64Score on saved scores).
            var again = CommandScorer.Score(folded.SelectMany(s => s.Events).ToList(), fleet.Alerts, null, window, model, Risk).Scores;
            Assert.Equal(folded.Select(Describe), again.Select(Describe));
        }

        [Fact]
        public void KeptEventsAreTheCallersAndFoldingChangesNoneOfThem()
        {
            var fleet = EnrichedFleet(23);
            var before = fleet.Events.Select(e => (e.EventCount, e.TimeGenerated, e.FirstSeen, e.LastSeen, e.ExecutionTimes.Count)).ToList();

            var folded = CommandScorer.Score(fleet.Events, fleet.Alerts, null, null, ScoringModel.Default, Risk).Scores;
            var kept = CommandScorer.Score(fleet.Events, fleet.Alerts, null, null, ScoringModel.Default, Risk, keepEvents: true).Scores;

            Assert.Equal(before, fleet.Events.Select(e => (e.EventCount, e.TimeGenerated, e.FirstSeen, e.LastSeen, e.ExecutionTimes.Count)));
            var callers = new HashSet<CommandEvent>(fleet.Events);
            Assert.All(kept.SelectMany(s => s.Events), e => Assert.Contains(e, callers));
            // A folded event is the caller's own when it stands for one run, else a copy with the runs' count and times.
            foreach (var e in folded.SelectMany(s => s.Events))
            {
                Assert.Equal(e.EventCount == 1, callers.Contains(e));
                if (e.EventCount > 1)
                {
                    Assert.Equal(e.EventCount, e.ExecutionTimes.Count);
                    Assert.Equal(e.ExecutionTimes.OrderBy(t => t), e.ExecutionTimes);
                    Assert.Equal(e.ExecutionTimes[0], e.FirstSeen);
                    Assert.Equal(e.ExecutionTimes[e.ExecutionTimes.Count - 1], e.LastSeen);
                }
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using B64Hunt.Classification;
using B64Hunt.GtfoBins;
using B64Hunt.Iocs;
using B64Hunt.Model;
using B64Hunt.Scoring;
using B64Hunt.Tests.Classification;
using Xunit;
using Xunit.Abstractions;

namespace B64Hunt.Tests.Scoring
{
    /// <summary>
    /// The ranking benchmark: generated, labelled fleets (<see cref="RankingBenchmarkFleet"/>) enriched by the real stages
    /// (categories, GTFOBins, indicators; no TI: offline), ranked by both models with and without alerts. Writes
    /// ranking-benchmark.md beside the test binaries; the README quotes it.
    /// </summary>
    public class RankingBenchmarkTests
    {
        private static readonly int[] Seeds = { 11, 23, 37, 41, 59 };
        private readonly ITestOutputHelper _output;

        public RankingBenchmarkTests(ITestOutputHelper output) => _output = output;

        internal readonly struct Figures
        {
            public Figures(double p10, double p25, double ap) { P10 = p10; P25 = p25; Ap = ap; }
            public double P10 { get; }
            public double P25 { get; }
            public double Ap { get; }
        }

        internal static Figures Measure(IReadOnlyList<CommandScore> ranked, HashSet<string> attacks)
        {
            int hits = 0;
            double sumPrecision = 0;
            int at10 = 0, at25 = 0;
            for (int i = 0; i < ranked.Count; i++)
            {
                if (!attacks.Contains(ranked[i].DecodedCommand)) continue;
                hits++;
                sumPrecision += (double)hits / (i + 1);
                if (i < 10) at10++;
                if (i < 25) at25++;
            }
            // Precision at k divides by k, or by the number of attacks when there are fewer (a perfect ranking scores 1).
            return new Figures(at10 / (double)Math.Min(10, Math.Max(1, attacks.Count)), at25 / (double)Math.Min(25, Math.Max(1, attacks.Count)), attacks.Count == 0 ? 0 : sumPrecision / attacks.Count);
        }

        private static void Enrich(IEnumerable<CommandEvent> events)
        {
            string data = Path.Combine(AppContext.BaseDirectory, "data");
            var classifier = new CommandClassifier(CommandClassifierTests.Bundled);
            var tagger = new GtfoBinsTagger(GtfoBinsIndex.LoadBundled(data));
            var iocs = IocExtractor.FromDataDirectory(data);
            foreach (var e in events)
            {
                classifier.Enrich(e);
                tagger.Enrich(e);
                iocs.AddTo(e);
            }
        }

        [Fact]
        public void TheDefaultModelPutsTheAttacksFirstAndBeatsTheNotebookOnEveryFigure()
        {
            var risk = CommandClassifierTests.Bundled.Risk;
            var rows = new List<(int Seed, string Model, bool Alerts, Figures F)>();
            var report = new StringBuilder();
            report.AppendLine("| Fleet (seed) | Hosts | Commands | Attacks | Model | Alerts | P@10 | P@25 | AP |");
            report.AppendLine("| --- | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: |");
            foreach (int seed in Seeds)
            {
                var fleet = new RankingBenchmarkFleet(seed);
                Enrich(fleet.Events);
                foreach (var model in new[] { ScoringModel.Notebook, ScoringModel.Default })
                {
                    foreach (bool withAlerts in new[] { true, false })
                    {
                        var result = CommandScorer.Score(fleet.Events, withAlerts ? fleet.Alerts : null, null, null, model, risk).Scores;
                        var f = Measure(result, fleet.Attacks);
                        rows.Add((seed, model.ToString(), withAlerts, f));
                        report.AppendLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2} | {3} | {4} | {5} | {6:0.00} | {7:0.00} | {8:0.00} |",
                            seed, fleet.Hosts.Count, result.Count, fleet.Attacks.Count, model, withAlerts ? "with" : "without", f.P10, f.P25, f.Ap));
                        if (model == ScoringModel.Default && f.P10 < 1)
                        {
                            foreach (var s in result.Take(12)) _output.WriteLine($"seed {seed} alerts={withAlerts} #{s.Rank} {s.TotalScore:0.00} {(fleet.Attacks.Contains(s.DecodedCommand) ? "ATTACK" : "benign")} {s.DecodedCommand.Replace('\n', ' ')}");
                        }
                    }
                }
            }
            foreach (var group in rows.GroupBy(r => (r.Model, r.Alerts)))
            {
                report.AppendLine(string.Format(CultureInfo.InvariantCulture, "| mean | | | | {0} | {1} | {2:0.00} | {3:0.00} | {4:0.00} |",
                    group.Key.Model, group.Key.Alerts ? "with" : "without", group.Average(r => r.F.P10), group.Average(r => r.F.P25), group.Average(r => r.F.Ap)));
            }
            string text = report.ToString();
            _output.WriteLine(text);
            File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "ranking-benchmark.md"), text);

            foreach (var row in rows.Where(r => r.Model == "Default"))
            {
                Assert.True(row.F.P10 == 1.0, $"seed {row.Seed} alerts={row.Alerts}: P@10 {row.F.P10}");
                Assert.True(row.F.Ap >= 0.9, $"seed {row.Seed} alerts={row.Alerts}: AP {row.F.Ap}");
                var notebook = rows.Single(r => r.Seed == row.Seed && r.Model == "Notebook" && r.Alerts == row.Alerts);
                Assert.True(row.F.P10 > notebook.F.P10 || notebook.F.P10 == 1, $"seed {row.Seed}: P@10 {row.F.P10} vs notebook {notebook.F.P10}");
                Assert.True(row.F.P25 > notebook.F.P25, $"seed {row.Seed}: P@25 {row.F.P25} vs notebook {notebook.F.P25}");
                Assert.True(row.F.Ap > notebook.F.Ap, $"seed {row.Seed}: AP {row.F.Ap} vs notebook {notebook.F.Ap}");
            }
        }

        [Fact]
        public void TheGeneratorIsDeterministicBySeedAndLabelsNineScenarios()
        {
            var a = new RankingBenchmarkFleet(7);
            var b = new RankingBenchmarkFleet(7);
            Assert.Equal(a.Events.Select(e => e.DecodedCommand + e.Computer + e.TimeGenerated), b.Events.Select(e => e.DecodedCommand + e.Computer + e.TimeGenerated));
            Assert.Equal(9, a.Scenarios);
            Assert.Equal(9, a.Attacks.Count);
            Assert.InRange(a.Hosts.Count, 220, 320);
            Assert.NotEqual(a.Events.Count, new RankingBenchmarkFleet(8).Events.Count);
        }

        [Fact]
        public void PrecisionAndAveragePrecisionAreComputedAsDefined()
        {
            var ranked = new[] { "a", "x", "b", "y" }.Select(c => new CommandScore { DecodedCommand = c }).ToList();
            var f = Measure(ranked, new HashSet<string> { "a", "b" });
            Assert.Equal(1, f.P10, 6); // both attacks in the top ten: k is capped at the number of attacks
            Assert.Equal((1 + 2.0 / 3) / 2, f.Ap, 6);
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using B64Hunt.GtfoBins;
using B64Hunt.Model;
using B64Hunt.Tests.GtfoBins;
using B64Hunt.Tests.Iocs;
using Xunit;
using Xunit.Abstractions;

namespace B64Hunt.Tests.ShellReading
{
    /// <summary>
    /// Precision and recall of Add-GtfoBinsTag and Find-B64Ioc (url, ipv4, dns, linux_path) on real-world command lines
    /// labelled by hand (Fixtures/ShellReading/real-world-commands.json: each item names its public source).
    /// </summary>
    public class RealWorldEvaluationTests
    {
        private const double Target = 0.95;
        private static readonly string[] IocTypesScored = { "url", "ipv4", "dns", "linux_path" };
        private static readonly GtfoBinsIndex Index = GtfoBinsTestData.Bundled;
        private readonly ITestOutputHelper _output;

        public RealWorldEvaluationTests(ITestOutputHelper output) => _output = output;

        private sealed class Item
        {
            public string Source = string.Empty;
            public string Command = string.Empty;
            public string[] Runs = Array.Empty<string>();
            public string[] Iocs = Array.Empty<string>();
        }

        private static List<Item> Load()
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "ShellReading", "real-world-commands.json");
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.GetProperty("items").EnumerateArray().Select(e => new Item
            {
                Source = e.GetProperty("source").GetString()!,
                Command = e.GetProperty("command").GetString()!,
                Runs = e.GetProperty("runs").EnumerateArray().Select(r => r.GetString()!).ToArray(),
                Iocs = e.GetProperty("iocs").EnumerateArray().Select(r => r.GetString()!).ToArray(),
            }).ToList();
        }

        /// <summary>Counts true positives, false positives and misses of one stage over every item, printing each disagreement.</summary>
        private (double Precision, double Recall, int Tp, int Fp, int Fn) Score(string stage, Func<Item, ISet<string>> expected, Func<Item, ISet<string>> actual)
        {
            int tp = 0, fp = 0, fn = 0;
            foreach (var item in Load())
            {
                var want = expected(item);
                var got = actual(item);
                tp += got.Count(want.Contains);
                var extra = got.Where(g => !want.Contains(g)).ToList();
                var missed = want.Where(w => !got.Contains(w)).ToList();
                fp += extra.Count;
                fn += missed.Count;
                if (extra.Count + missed.Count > 0)
                {
                    _output.WriteLine($"{stage} <{item.Command.Replace("\n", "⏎")}> extra: [{string.Join(", ", extra)}] missed: [{string.Join(", ", missed)}]  ({item.Source})");
                }
            }
            double precision = tp + fp == 0 ? 1 : (double)tp / (tp + fp);
            double recall = tp + fn == 0 ? 1 : (double)tp / (tp + fn);
            _output.WriteLine($"{stage}: precision {precision:F3} recall {recall:F3} (tp {tp}, fp {fp}, fn {fn})");
            return (precision, recall, tp, fp, fn);
        }

        [Fact]
        public void TheSetHasAtLeastSixtyItemsEachWithItsSource()
        {
            var items = Load();
            Assert.True(items.Count >= 60, "items: " + items.Count);
            Assert.All(items, i => Assert.False(string.IsNullOrWhiteSpace(i.Source)));
            Assert.Equal(items.Count, items.Select(i => i.Command).Distinct(StringComparer.Ordinal).Count());
        }

        [Fact]
        public void AddGtfoBinsTagFindsWhatRuns()
        {
            var tagger = new GtfoBinsTagger(Index);
            var (precision, recall, _, _, _) = Score("gtfobins",
                item => new HashSet<string>(item.Runs.Select(r => Index.TryGetEntry(r, out var e) ? e.Name : null).Where(n => n != null)!),
                item =>
                {
                    var e = new CommandEvent { CommandLine = item.Command, DecodedCommand = item.Command };
                    tagger.Enrich(e);
                    return new HashSet<string>(e.GtfoBins.Select(t => t.Name));
                });
            Assert.True(precision >= Target, $"GTFOBins precision {precision:F3}");
            Assert.True(recall >= Target, $"GTFOBins recall {recall:F3}");
        }

        [Fact]
        public void FindB64IocFindsTheRealIndicators()
        {
            var (precision, recall, _, _, _) = Score("iocs",
                item => new HashSet<string>(item.Iocs),
                item =>
                {
                    var e = new CommandEvent { CommandLine = item.Command, DecodedCommand = item.Command };
                    IocTestSupport.Extractor.AddTo(e);
                    return new HashSet<string>(e.Iocs.Where(i => IocTypesScored.Contains(i.Type)).Select(i => i.Type + ":" + i.Normalized));
                });
            Assert.True(precision >= Target, $"indicator precision {precision:F3}");
            Assert.True(recall >= Target, $"indicator recall {recall:F3}");
        }
    }
}

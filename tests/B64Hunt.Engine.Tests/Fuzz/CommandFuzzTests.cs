using System;
using System.Collections.Generic;
using System.Linq;
using B64Hunt.Classification;
using B64Hunt.Decoding;
using B64Hunt.GtfoBins;
using B64Hunt.Iocs;
using B64Hunt.Model;
using B64Hunt.Reports;
using B64Hunt.Scoring;
using B64Hunt.Shell;
using Xunit;

namespace B64Hunt.Tests.Fuzz
{
    /// <summary>
    /// Hostile command text through every per-event stage: decode, shell reading, categories, GTFOBins, IoCs,
    /// then scoring and both report renderers. Nothing may throw; the decoder reports only its documented
    /// warnings and never "DecoderFailed" (that id means an exception was swallowed); HTML escapes everything.
    /// </summary>
    [Collection("Fuzz")]
    public sealed class CommandFuzzTests
    {
        private static readonly string[] DecoderWarnings =
        {
            "DecodeDepthLimitExceeded", "DecompressionFailed", "DecompressionLimitExceeded", "PayloadLimitExceeded", "PayloadSizeLimitExceeded",
        };

        private static readonly string[] ScoringIds = { "InvalidEventCount", "UnattributedAlert", "UnknownAlertSeverity" };

        private static readonly Lazy<CommandClassifier> Classifier = new Lazy<CommandClassifier>(() =>
            new CommandClassifier(CategoryRuleSet.LoadBundled(FuzzSeeds.DataDirectory)));

        private static readonly Lazy<GtfoBinsTagger> Tagger = new Lazy<GtfoBinsTagger>(() =>
            new GtfoBinsTagger(GtfoBinsIndex.LoadBundled(FuzzSeeds.DataDirectory)));

        private static readonly Lazy<IocExtractor> Iocs = new Lazy<IocExtractor>(() => IocExtractor.FromDataDirectory(FuzzSeeds.DataDirectory));

        private static readonly string[] Hostile =
        {
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<SCRIPT SRC=//x>", "<ImG/src=x>", "\"><script>x</script>",
            "'><img src=x>", "&lt;script&gt;", "</style><script>", "\u202E<script>", "<scr\u0000ipt>", "<<script>script>",
        };

        /// <summary>A hostile command line built from real material.</summary>
        internal static string CommandLine(FuzzRng rng, IReadOnlyList<byte[]> donors)
        {
            switch (rng.Next(8))
            {
                case 0:
                    return Mutator.MutateText(rng, rng.Pick(FuzzSeeds.DecodedCommands), 6, donors);
                case 1:
                    return Mutator.Nesting(rng, rng.Next(1, 3000));
                case 2:
                    return System.Text.Encoding.UTF8.GetString(Mutator.RandomBlob(rng, rng.Next(0, 3000)));
                case 3:
                    return "echo " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
                        Mutator.MutateText(rng, rng.Pick(FuzzSeeds.DecodedCommands), 3, donors) + rng.Pick(Hostile))) + " | base64 -d | sh";
                default:
                    return Mutator.MutateText(rng, SourceFuzzTests.ExtractCmdline(rng.Pick(FuzzSeeds.PayloadLines)), 6, donors);
            }
        }

        [Fact]
        public void HostileCommandsThroughEveryEventStage()
        {
            var donors = FuzzSeeds.Donors(FuzzSeeds.DecodedCommands.Take(200));
            var decoder = new PayloadDecoder();
            FuzzRunner.Run("command-stages", 3000, c =>
            {
                var rng = c.Rng;
                string line = CommandLine(rng, donors);
                c.Input = System.Text.Encoding.UTF8.GetBytes(line);
                RunEventStages(c, decoder, line);
            });
        }

        /// <summary>
        /// Runs every per-event stage over the line and each payload decoded from it. Each stage call is held to the
        /// allocation ceiling of its own text (50 x its size in memory + 64 MB); the case ceiling covers them all.
        /// </summary>
        internal static List<CommandEvent> RunEventStages(FuzzCase c, PayloadDecoder decoder, string line)
        {
            var problems = new List<Problem>();
            IReadOnlyList<DecodedPayload> payloads = Array.Empty<DecodedPayload>();
            Bounded(c, "PayloadDecoder.Decode", line, () => payloads = decoder.Decode(line, problems));
            foreach (var problem in problems)
            {
                FuzzAssert.ValidProblem(problem, DecoderWarnings, c);
                Assert.Equal(ProblemKind.Warning, problem.Kind);
            }
            var events = new List<CommandEvent>();
            var texts = payloads.Select(p => p.DecodedText).Prepend(line).ToList();
            long processed = 0;
            foreach (string text in texts)
            {
                processed += 2L * text.Length * 4;
                Bounded(c, "ShellCommandReader.Read", text, () => ShellCommandReader.Read(text));
                var commandEvent = new CommandEvent { CommandLine = line, DecodedCommand = text, Source = "fuzz:" + c.Index };
                Bounded(c, "CommandClassifier.Enrich", text, () => Classifier.Value.Enrich(commandEvent));
                Bounded(c, "GtfoBinsTagger.Enrich", text, () => Tagger.Value.Enrich(commandEvent));
                bool withCommandLine = c.Rng.Chance(50);
                Bounded(c, "IocExtractor.AddTo", withCommandLine ? text + line : text, () => Iocs.Value.AddTo(commandEvent, IocTypes.All, includeCommandLine: withCommandLine));
                Assert.All(commandEvent.Iocs, ioc => Assert.False(string.IsNullOrEmpty(ioc.Value)));
                events.Add(commandEvent);
            }
            c.InputSize = (c.InputSize ?? 0) + processed + 2L * line.Length;
            return events;
        }

        private static void Bounded(FuzzCase c, string stage, string text, Action action)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            long ceiling = 50L * 2 * text.Length + 64L * 1024 * 1024;
            Assert.True(allocated <= ceiling, $"{stage} allocated {allocated:N0} bytes for a text of {text.Length:N0} chars (ceiling {ceiling:N0})");
        }

        [Fact]
        public void HostileEventsScoreAndRenderEscaped()
        {
            var donors = FuzzSeeds.Donors(FuzzSeeds.DecodedCommands.Take(200));
            var decoder = new PayloadDecoder();
            FuzzRunner.Run("score-render", 400, c =>
            {
                var rng = c.Rng;
                var events = new List<CommandEvent>();
                int n = rng.Next(1, 8);
                long size = 0;
                for (int i = 0; i < n; i++)
                {
                    string line = CommandLine(rng, donors) + (rng.Chance(50) ? rng.Pick(Hostile) : string.Empty);
                    size += line.Length * 2;
                    foreach (var e in RunEventStages(c, decoder, line))
                    {
                        e.DecodedCommand += rng.Chance(30) ? rng.Pick(Hostile) : string.Empty;
                        e.Computer = rng.Chance(20) ? null : rng.Pick(Hostile) + "host-" + rng.Next(4);
                        e.Account = rng.Chance(50) ? rng.Pick(Hostile) : null;
                        e.Source = rng.Pick(Hostile);
                        e.TimeGenerated = rng.Chance(10) ? (DateTime?)null : rng.Chance(5) ? DateTime.MaxValue : rng.Chance(5) ? DateTime.MinValue
                            : new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(rng.Next(-1_000_000, 1_000_000));
                        e.EventCount = rng.Chance(10) ? rng.Next(-5, 2) : 1 + rng.Next(1000);
                        e.Categories.Add(rng.Pick(Hostile));
                        e.Techniques.Add(rng.Pick(Hostile));
                        e.GtfoBins.Add(new GtfoBinsTag { Name = rng.Pick(Hostile), Functions = new List<string> { rng.Pick(Hostile) }, Url = "javascript:" + rng.Pick(Hostile) });
                        e.Iocs.Add(new Ioc { Type = rng.Pick(Hostile), Value = rng.Pick(Hostile) });
                        e.TiResults.Add(new TiResult
                        {
                            Provider = rng.Pick(Hostile), Ioc = rng.Pick(Hostile), IocType = "ipv4", Details = rng.Pick(Hostile),
                            Reference = "javascript:" + rng.Pick(Hostile), Severity = (TiSeverity)rng.Next(-1, 6), Status = (TiStatus)rng.Next(0, 5),
                        });
                        events.Add(e);
                    }
                }
                var alerts = new List<RelatedAlert>();
                for (int i = rng.Next(4); i > 0; i--)
                {
                    string? computer = rng.Chance(70) ? rng.Pick(Hostile) + "host-" + rng.Next(4) : null;
                    string alertName = rng.Pick(Hostile);
                    string severity = rng.Chance(50) ? rng.Pick(new[] { "High", "Medium", "Low", "Informational" }) : rng.Pick(Hostile);
                    alerts.Add(new RelatedAlert
                    {
                        Computer = computer,
                        AlertName = alertName, Severity = AlertSeverities.Parse(severity), SeverityText = severity,
                        Description = rng.Pick(Hostile), Tactics = rng.Pick(Hostile), SystemAlertId = rng.Pick(Hostile),
                        TimeGenerated = rng.Chance(20) ? (DateTime?)null : new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(rng.Next(-1_000_000, 1_000_000)),
                    });
                }

                var scorer = new CommandScorer();
                foreach (var e in events)
                {
                    var problem = scorer.Add(e);
                    if (problem != null) FuzzAssert.ValidProblem(problem, ScoringIds, c);
                }
                foreach (var alert in alerts) scorer.AddAlert(alert);
                var result = scorer.Complete();
                foreach (var problem in result.Problems) FuzzAssert.ValidProblem(problem, ScoringIds, c);
                Assert.Equal(events.Select(e => e.DecodedCommand).Distinct(StringComparer.Ordinal).Count(), result.Scores.Count);

                var layout = TimelineLayout.Build(result.Scores, alerts, rng.Chance(30) ? rng.Next(0, 5) : 0);
                string html = HtmlReportRenderer.Render(layout, new HtmlReportOptions { Title = rng.Pick(Hostile), MaxCommandLength = rng.Next(1, 5000) });
                Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotMatch(new System.Text.RegularExpressions.Regex(@"(href|src)\s*=\s*[""']?\s*javascript:", System.Text.RegularExpressions.RegexOptions.IgnoreCase), html);
                // Without colour the console text carries no escape character at all: the input's ANSI sequences are neutralised.
                var console = ConsoleTimelineRenderer.Render(layout, new ConsoleTimelineOptions { Width = rng.Next(1, 200), Color = false, CommandWidth = rng.Next(1, 300) }).ToList();
                Assert.All(console, text => Assert.DoesNotContain("\u001b", text, StringComparison.Ordinal));
                ConsoleTimelineRenderer.Render(layout, new ConsoleTimelineOptions { Width = rng.Next(1, 200), Color = true, CommandWidth = rng.Next(1, 300) }).ToList();
            });
        }
    }
}

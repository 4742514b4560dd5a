using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using B64Hunt.Classification;
using B64Hunt.Configuration;
using B64Hunt.Decoding;
using B64Hunt.Model;
using B64Hunt.Shell;
using B64Hunt.Sources;
using Xunit;

namespace B64Hunt.Tests.Fuzz
{
    /// <summary>
    /// A handful of multi-megabyte inputs (1-10 MB): huge lines, huge runs, deep nesting. Each case has a
    /// 30 s hang budget (a hang detector on a loaded 2-core machine, not a speed test) and the allocation
    /// ceiling of 50 x input + 64 MB; good records around the huge item still come out.
    /// </summary>
    [Collection("Fuzz")]
    public sealed class HugeInputFuzzTests
    {
        private const int MB = 1024 * 1024;

        [Fact]
        public void HugeLineAmongGoodAuomsLines()
        {
            FuzzRunner.Run("huge-auoms", 3, c =>
            {
                var rng = c.Rng;
                string good1 = rng.Pick(FuzzSeeds.PayloadLines), good2 = rng.Pick(FuzzSeeds.PayloadLines);
                int size = rng.Next(2 * MB, 10 * MB);
                byte fill = rng.Pick(new[] { (byte)'A', (byte)'"', (byte)'\\', (byte)0 });
                var huge = new MemoryStream();
                var prefix = Mutator.B(good1.Substring(0, good1.IndexOf(" cmdline=\"", StringComparison.Ordinal) + 10));
                huge.Write(prefix, 0, prefix.Length);
                var run = Mutator.Run(fill, size);
                huge.Write(run, 0, run.Length);
                var content = new MemoryStream();
                foreach (var part in new[] { Mutator.B(good1 + "\n"), huge.ToArray(), Mutator.B("\n" + good2 + "\n") }) content.Write(part, 0, part.Length);
                c.Input = content.ToArray();
                var outcome = SourceFuzzTests.Read(c.Input, "huge.log", new LogReadOptions(), c);
                Assert.Contains(outcome.Records, r => r.Source == "huge.log:1");
                Assert.Contains(outcome.Records, r => r.Source == "huge.log:3");
                Assert.True(outcome.Problems.Count <= 1);
                var decoder = new PayloadDecoder();
                foreach (var record in outcome.Records)
                {
                    var problems = new List<Problem>();
                    decoder.Decode(record.CommandLine, problems);
                    Assert.DoesNotContain(problems, p => p.ErrorId == "DecoderFailed");
                }
            }, FuzzRunner.HugeBudget);
        }

        [Fact]
        public void HugeBase64PayloadAndHugeRunsThroughTheEventStages()
        {
            var decoder = new PayloadDecoder();
            FuzzRunner.Run("huge-command", 4, c =>
            {
                var rng = c.Rng;
                int size = rng.Next(1 * MB, 4 * MB);
                string text;
                switch (c.Index % 4)
                {
                    case 0: // a real payload repeated until megabytes long, then encoded
                        {
                            var sb = new StringBuilder();
                            while (sb.Length < size) sb.Append(rng.Pick(FuzzSeeds.DecodedCommands)).Append('\n');
                            text = "echo " + Convert.ToBase64String(Encoding.UTF8.GetBytes(sb.ToString())) + " | base64 -d | bash";
                            break;
                        }
                    case 1: // printable noise with the decoder keyword
                        text = "base64 -d <<< " + Encoding.ASCII.GetString(Mutator.RandomBlob(new FuzzRng(c.Seed), size));
                        break;
                    case 2: // deep command substitution
                        text = Mutator.Nesting(rng, size / 8);
                        break;
                    default: // one quote never closed, then megabytes of backslashes and quotes
                        text = "sh -c '" + new string('\\', size / 2) + new string('"', size / 2);
                        break;
                }
                c.Input = Encoding.UTF8.GetBytes(text);
                c.StartMeasuring();
                CommandFuzzTests.RunEventStages(c, decoder, text);
            }, FuzzRunner.HugeBudget);
        }

        [Fact]
        public void DeeplyNestedJsonAndYamlAndAnEndlessCsvField()
        {
            FuzzRunner.Run("huge-nesting", 4, c =>
            {
                var rng = c.Rng;
                int depth = rng.Next(MB, 3 * MB);
                switch (c.Index % 4)
                {
                    case 0:
                        {
                            c.Input = Mutator.B(new string('[', depth));
                            var outcome = SourceFuzzTests.Read(c.Input, "deep.json", new LogReadOptions(), c);
                            Assert.Empty(outcome.Records);
                            Assert.NotEmpty(outcome.Problems);
                            break;
                        }
                    case 1:
                        {
                            c.Input = Mutator.B("{\"CommandLine\":\"echo aGVsbG8gd29ybGQ= | base64 -d\"}\n" + new string('{', depth) + "\n{\"CommandLine\":\"echo aGVsbG8gd29ybGQ= | base64 -d\"}\n");
                            var outcome = SourceFuzzTests.Read(c.Input, "deep.jsonl", new LogReadOptions { Format = LogFormat.JsonLines }, c);
                            Assert.Equal(new[] { "deep.jsonl:1", "deep.jsonl:3" }, outcome.Records.Select(r => r.Source));
                            break;
                        }
                    case 2:
                        {
                            string yaml = "rules: " + new string('[', depth / 64);
                            c.Input = Mutator.B(yaml);
                            Assert.Throws<CategoryRuleFileException>(() => CategoryRuleSet.Parse(yaml, "deep.yaml"));
                            var env = ConfigEnvironment.FromDictionary(new Dictionary<string, string>(), "/home/u", "/home/u");
                            Assert.Throws<ConfigFileException>(() => ConfigLoader.Parse("TIProviders: " + new string('{', depth / 64), "deep.yaml", env));
                            break;
                        }
                    default:
                        {
                            c.Input = Mutator.B("TimeGenerated,Computer,ProcessCommandLine\n2026-10-01T00:00:00Z,h,\"echo aGVsbG8gd29ybGQ= | base64 -d\"\n2026-10-01T00:00:01Z,h,\"" + new string('x', depth));
                            var outcome = SourceFuzzTests.Read(c.Input, "endless.csv", new LogReadOptions(), c);
                            Assert.Equal("endless.csv:2", Assert.Single(outcome.Records).Source);
                            Assert.Equal("endless.csv:3", Assert.Single(outcome.Problems).Target);
                            break;
                        }
                }
            }, FuzzRunner.HugeBudget);
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using B64Hunt.Classification;
using B64Hunt.Errors;
using B64Hunt.Intel;
using B64Hunt.Model;
using B64Hunt.Reporting;
using B64Hunt.Sources;
using B64Hunt.Tests.Hostile;
using B64Hunt.Tests.Intel;
using B64Hunt.Tests.Sources;
using B64Hunt.Text;
using Xunit;

namespace B64Hunt.Tests.Fuzz
{
    /// <summary>
    /// Generators for the hostile-input classes of issue #12: corrupt and truncated gzip, misleading first lines,
    /// gzip amplification, regex padding, poisoned caches and redirecting servers on 127.0.0.1 (escape sequences in
    /// every field of an event: HostileEventFuzzTests in B64Hunt.Commands.Tests). Each case is seeded (see FuzzRunner) and checks the class's guarantee, not one example.
    /// </summary>
    public sealed class HostileInputFuzzTests
    {
        private static string AuomsLine(FuzzRng rng, int i) =>
            HostileLines.Auoms(i, "web-" + rng.Next(50));

        [Fact]
        public void CorruptAndTruncatedGzipNeverPassesACutOrGarbledRecordAsWhole()
        {
            FuzzRunner.Run("hostile-gzip", 40, c =>
            {
                var rng = c.Rng;
                int count = rng.Next(5, 60);
                var lines = Enumerable.Range(0, count).Select(i => AuomsLine(rng, i)).ToList();
                var originals = new HashSet<string>(SourceTestSupport.ReadBytes(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"), "x").Records.Select(r => r.CommandLine));
                byte[] gz = HostileLines.Gzip(string.Join("\n", lines) + "\n");
                byte[] input;
                if (rng.Chance(60))
                {
                    input = gz.Take(rng.Next(1, gz.Length - 1)).ToArray(); // cut anywhere, trailer included
                }
                else
                {
                    input = (byte[])gz.Clone();
                    input[rng.Next(10, input.Length)] ^= (byte)rng.Next(1, 256); // one corrupt byte
                }
                c.Input = input;
                var read = SourceTestSupport.ReadBytes(input, "hostile.gz");
                bool reported = read.Problems.Any(p => p.ErrorId == ErrorIds.FileReadError);
                foreach (var record in read.Records)
                {
                    if (!originals.Contains(record.CommandLine) && !record.IsTruncated)
                    {
                        Assert.True(reported, $"{c.Stage}#{c.Index}: an altered record came out unflagged and the file was not reported: {record.CommandLine}");
                    }
                }
                if (input.Length < gz.Length) Assert.True(reported || read.Records.Count == count, $"{c.Stage}#{c.Index}: a cut gzip was read silently");
            });
        }

        [Fact]
        public void MisleadingFirstLinesNeverHideTheRecordsBelow()
        {
            string[] words = { "CommandLine", "Computer", "Account", "user", "host", "ProcessCommandLine", "SyslogMessage", "TimeGenerated", "note", "disk check" };
            FuzzRunner.Run("hostile-first-line", 60, c =>
            {
                var rng = c.Rng;
                string prefix = rng.Pick(new[] { "Oct  1 00:00:00 web-01 note: ", "2026-10-01T00:00:00+00:00 web-01 logger: ", "<13>1 2026-10-01T00:00:00Z h app - - - " });
                string first = prefix + string.Join(",", Enumerable.Range(0, rng.Next(1, 5)).Select(_ => rng.Pick(words)));
                int count = rng.Next(1, 40);
                byte[] input = Encoding.UTF8.GetBytes(first + "\n" + string.Join("\n", Enumerable.Range(0, count).Select(i => AuomsLine(rng, i))) + "\n");
                c.Input = input;
                Assert.Equal(count, SourceTestSupport.ReadBytes(input, "syslog").Records.Count);
            });
        }

        [Fact]
        public void GzipAmplificationStopsAtTheCap()
        {
            FuzzRunner.Run("hostile-amplification", 6, c =>
            {
                var rng = c.Rng;
                byte fill = rng.Pick(new[] { (byte)'\n', (byte)'A', (byte)' ' });
                byte[] bomb = HostileLines.Gzip(Enumerable.Repeat(fill, rng.Next(2, 6) * 1024 * 1024).ToArray());
                c.Input = bomb;
                long cap = rng.Next(64, 512) * 1024;
                var read = SourceTestSupport.ReadBytes(bomb, "bomb.gz", new LogReadOptions { MaxDecompressedBytes = cap });
                Assert.Contains(read.Problems, p => p.ErrorId == ErrorIds.DecompressedSizeLimit);
                Assert.True(read.Stats.BytesRead <= cap, read.Stats.ToString());
            }, FuzzRunner.HugeBudget);
        }

        [Fact]
        public void RegexPaddingNeverDropsTheMiningCategory()
        {
            var classifier = new CommandClassifier(CategoryRuleSet.LoadBundled(Path.Combine(AppContext.BaseDirectory, "data")));
            string[] units = { "xmr", "pool", "monero", "a", "pool.", "xmr:", "-", "3333" };
            FuzzRunner.Run("hostile-regex-padding", 8, c =>
            {
                var rng = c.Rng;
                var padding = new StringBuilder();
                string unit = rng.Pick(units);
                int length = rng.Next(100_000, 1_500_000);
                while (padding.Length < length) padding.Append(unit);
                string command = "echo " + padding + " ; ./xmrig -o " + rng.Pick(new[] { "pool.supportxmr.com:3333", "xmr.nanopool.org:14444", "gulf.moneroocean.stream:10128" }) + " -u x";
                c.InputSize = command.Length * 2L;
                Assert.Contains("Crypto mining", classifier.Classify(command).Categories);
            }, FuzzRunner.HugeBudget);
        }

        [Fact]
        public void PoisonedCachesNeverServeAPlantedAnswer()
        {
            FuzzRunner.Run("hostile-cache", 30, c =>
            {
                var rng = c.Rng;
                var clock = new FakeClock();
                string dir = Path.Combine(Path.GetTempPath(), "b64hunt-fuzz-cache-" + Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(dir);
                try
                {
                    var entries = new List<string>();
                    var planted = new List<string>();
                    for (int i = 0; i < rng.Next(1, 20); i++)
                    {
                        string ip = "198.51.100." + i;
                        bool future = rng.Chance(50);
                        var stored = future ? clock.UtcNow.AddMinutes(rng.Next(6, 5_000_000)) : clock.UtcNow.AddMinutes(-rng.Next(0, 600));
                        if (future) planted.Add(ip);
                        string key = rng.Chance(30) ? "OTX@http://127.0.0.1:9|ipv4|" + ip : "OTX|ipv4|" + ip;
                        entries.Add($"\"{key}\":{{\"Severity\":\"Information\",\"Status\":\"Ok\",\"StoredAt\":\"{stored:O}\"}}");
                    }
                    File.WriteAllText(Path.Combine(dir, TiCache.FileName), "{" + string.Join(",", entries) + "}");
                    var cache = new TiCache(dir, TimeSpan.FromDays(rng.Next(0, 3)), clock);
                    cache.Load();
                    foreach (string ip in planted)
                    {
                        Assert.Null(cache.TryGet("OTX", new TiIndicator("ipv4", ip)));
                        Assert.Null(cache.TryGet("OTX", new Uri("http://127.0.0.1:9"), new TiIndicator("ipv4", ip)));
                    }
                    // Another endpoint never sees the mirror's answers.
                    for (int i = 0; i < 20; i++) Assert.Null(cache.TryGet("OTX", OtxProvider.DefaultEndpoint, new TiIndicator("ipv4", "198.51.100." + i)));
                }
                finally
                {
                    Directory.Delete(dir, true);
                }
            });
        }

        [Fact]
        public void RedirectingServersNeverReceiveTheKeyOnAnotherOrigin()
        {
            using var elsewhere = new TiTestServer((r, n) => TestReply.Json("{\"pulse_info\":{\"count\":9}}"));
            using var http = TiProviderFactory.CreateHttpClient();
            FuzzRunner.Run("hostile-redirects", 12, c =>
            {
                var rng = c.Rng;
                c.SkipAllocationCheck = true;
                int sameHops = rng.Next(0, 3);
                int status = rng.Pick(new[] { 301, 302, 303, 307, 308 });
                bool crossAtEnd = rng.Chance(60);
                using var server = new TiTestServer((r, n) =>
                {
                    if (n <= sameHops) return new TestReply(status, "", new Dictionary<string, string> { ["Location"] = "/hop" + n + r.RawPath });
                    if (crossAtEnd) return new TestReply(status, "", new Dictionary<string, string> { ["Location"] = elsewhere.BaseUrl + r.RawPath });
                    return TestReply.Json("{\"pulse_info\":{\"count\":1}}");
                });
                int before = elsewhere.Count;
                var clock = new FakeClock();
                var provider = new OtxProvider(ProviderHarness.OtxKey, server.BaseUri, http, new RequestPacer(null, null, clock), clock);
                var outcome = provider.LookupAsync(new TiIndicator("ipv4", "45.9.148." + rng.Next(1, 250)), SilentReporter.Instance, CancellationToken.None).GetAwaiter().GetResult();
                Assert.Equal(before, elsewhere.Count);
                Assert.Equal(crossAtEnd ? TiStatus.Failed : TiStatus.Ok, outcome.Result.Status);
            }, FuzzRunner.HugeBudget);
        }

        [Fact]
        public void DrippingServersAreCutAtTheDeadline()
        {
            using var http = TiProviderFactory.CreateHttpClient();
            FuzzRunner.Run("hostile-drip", 3, c =>
            {
                var rng = c.Rng;
                c.SkipAllocationCheck = true;
                using var drip = new DrippingServer(TimeSpan.FromMilliseconds(rng.Next(20, 300)));
                var clock = new FakeClock();
                var provider = new OtxProvider(ProviderHarness.OtxKey, drip.Endpoint, http, new RequestPacer(null, null, clock), clock)
                {
                    RequestTimeout = TimeSpan.FromMilliseconds(rng.Next(300, 1500)),
                };
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var outcome = provider.LookupAsync(new TiIndicator("ipv4", "45.9.148.99"), SilentReporter.Instance, CancellationToken.None).GetAwaiter().GetResult();
                Assert.Equal("TiTimeout", outcome.Problem!.ErrorId);
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
            }, FuzzRunner.HugeBudget);
        }
    }
}

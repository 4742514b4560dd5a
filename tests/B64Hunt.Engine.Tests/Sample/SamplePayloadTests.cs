using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using B64Hunt.Benchmarks.SampleGenerator;
using Xunit;

namespace B64Hunt.Tests.Sample
{
    public class SamplePayloadTests
    {
        public static IEnumerable<object[]> PayloadIds => PayloadCatalog.All.Select(p => new object[] { p.Id });

        /// <summary>Decodes a payload from its logged command line with System.Convert, as an analyst would by hand.</summary>
        private static string DecodeByHand(SamplePayload p, string commandLine)
        {
            bool hex = p.Form == EncodingForm.Hex;
            string line = p.Form == EncodingForm.SplitQuotes ? commandLine.Replace("''", string.Empty) : commandLine;
            string token = SampleText.LongestToken(line, hex);
            Assert.Equal(p.Encoded.EncodedText, token);
            switch (p.Form)
            {
                case EncodingForm.Hex:
                    return SampleText.FromHex(token);
                case EncodingForm.Gzip:
                    return SampleText.Gunzip(SampleText.FromBase64(token));
                case EncodingForm.Nested:
                {
                    string middle = Encoding.UTF8.GetString(SampleText.FromBase64(token));
                    Assert.Equal(p.Encoded.Intermediate, middle);
                    Assert.StartsWith("echo ", middle);
                    return Encoding.UTF8.GetString(SampleText.FromBase64(SampleText.LongestToken(middle, hex: false)));
                }
                default:
                    return Encoding.UTF8.GetString(SampleText.FromBase64(token));
            }
        }

        [Theory]
        [MemberData(nameof(PayloadIds))]
        public void EachPayloadDecodesToItsCommand(string id)
        {
            var p = PayloadCatalog.Get(id);
            Assert.Equal(p.Command, DecodeByHand(p, p.Encoded.CommandLine));
        }

        [Fact]
        public void EveryPayloadInTheCommittedLogDecodesToAnIntendedCommand()
        {
            var byCommandLine = PayloadCatalog.All.ToDictionary(p => p.Encoded.CommandLine);
            var seen = new Dictionary<string, HashSet<string>>();
            int payloadLines = 0;
            foreach (var line in File.ReadLines(Path.Combine(SampleText.SampleDirectory, SampleHuntGenerator.LogFileName)))
            {
                if (!line.Contains("type=AUOMS_EXECVE ")) continue;
                string? commandLine = SampleText.CommandLineOf(line);
                if (commandLine == null || !byCommandLine.TryGetValue(commandLine, out var p)) continue;
                payloadLines++;
                Assert.Equal(p.Command, DecodeByHand(p, commandLine));
                string host = SampleText.HostOf(line);
                Assert.Contains(host, p.Hosts);
                if (!seen.TryGetValue(p.Id, out var hosts)) seen[p.Id] = hosts = new HashSet<string>();
                hosts.Add(host);
            }
            Assert.InRange(payloadLines, 300, 1000);
            // Every payload runs, on every host it was meant for.
            foreach (var p in PayloadCatalog.All)
            {
                Assert.True(seen.ContainsKey(p.Id), p.Id + " never appears in the sample log");
                Assert.Equal(p.Hosts.OrderBy(h => h), seen[p.Id].OrderBy(h => h));
            }
        }

        [Fact]
        public void EveryDecodeIdiomWithAPayloadInTheLogIsACataloguedPayload()
        {
            // A line that pipes a base64/hex run into a decoder and is not one of the catalogue's is a payload the tests
            // would not know about; the only decode idioms allowed outside the catalogue carry no payload at all.
            string[] idioms = { "base64 -d", "base64 --decode", "base64 -D", "base64 -di", "b64decode", "decode_base64", "xxd -r", "openssl enc -d", "basenc" };
            var catalogued = new HashSet<string>(PayloadCatalog.All.Select(p => p.Encoded.CommandLine));
            var uncatalogued = new List<string>();
            foreach (var line in File.ReadLines(Path.Combine(SampleText.SampleDirectory, SampleHuntGenerator.LogFileName)))
            {
                string? commandLine = SampleText.CommandLineOf(line);
                if (commandLine == null || catalogued.Contains(commandLine)) continue;
                if (!idioms.Any(i => commandLine.Contains(i))) continue;
                if (SampleText.LongestToken(commandLine, hex: false).Length >= 24) uncatalogued.Add(commandLine);
            }
            Assert.Empty(uncatalogued);
        }

        [Fact]
        public void TheCatalogueCoversEveryKindWithRealisticSpread()
        {
            var all = PayloadCatalog.All;
            Assert.InRange(all.Count, 30, 50);
            Assert.Equal(all.Count, all.Select(p => p.Command).Distinct().Count());
            Assert.Equal(all.Count, all.Select(p => p.Encoded.CommandLine).Distinct().Count());
            foreach (PayloadKind kind in Enum.GetValues(typeof(PayloadKind)))
                Assert.True(all.Count(p => p.Kind == kind) >= 3, kind + " has fewer than 3 payloads");
            // Malicious payloads are rare (one to three hosts); admin automation is common.
            Assert.All(all.Where(p => p.IsMalicious), p => Assert.InRange(p.Hosts.Count, 1, 3));
            Assert.All(all.Where(p => !p.IsMalicious), p => Assert.True(p.Hosts.Count >= 3, p.Id));
            Assert.Equal(Enum.GetValues(typeof(EncodingForm)).Length, all.Select(p => p.Form).Distinct().Count());
        }

        [Fact]
        public void TheUrlSafeAndUnpaddedFormsReallyDifferFromStandardBase64()
        {
            foreach (var p in PayloadCatalog.All.Where(p => p.Form == EncodingForm.UrlSafe))
            {
                Assert.True(p.Encoded.EncodedText.IndexOfAny(new[] { '-', '_' }) >= 0, p.Id);
                Assert.True(p.Encoded.EncodedText.IndexOfAny(new[] { '+', '/', '=' }) < 0, p.Id);
                Assert.Throws<FormatException>(() => Convert.FromBase64String(p.Encoded.EncodedText.PadRight((p.Encoded.EncodedText.Length + 3) / 4 * 4, '=')));
            }
            foreach (var p in PayloadCatalog.All.Where(p => p.Form == EncodingForm.MissingPadding))
            {
                Assert.NotEqual(0, p.Encoded.EncodedText.Length % 4);
                Assert.Throws<FormatException>(() => Convert.FromBase64String(p.Encoded.EncodedText));
            }
        }

        [Fact]
        public void LookAlikesInTheLogAreNotPayloads()
        {
            var lookAlikes = BenignCommands.All.Where(c => c.IsLookAlike).Select(c => c.CommandLine).ToList();
            var found = File.ReadLines(Path.Combine(SampleText.SampleDirectory, SampleHuntGenerator.LogFileName))
                .Select(SampleText.CommandLineOf).Where(c => c != null && lookAlikes.Contains(c)).Distinct().ToList();
            Assert.True(found.Count >= 5, "only " + found.Count + " look-alike kinds in the sample");
            Assert.DoesNotContain(found, c => PayloadCatalog.All.Any(p => p.Encoded.CommandLine == c));
            Assert.Contains(found, c => c!.Contains("ssh-ed25519 AAAA"));
            Assert.Contains(found, c => c!.Contains("ssh-rsa AAAAB3NzaC1yc2E"));
            Assert.Contains(found, c => c!.Contains("sha256sum"));
            Assert.Contains(found, c => c!.Contains("UUID="));
        }
    }
}

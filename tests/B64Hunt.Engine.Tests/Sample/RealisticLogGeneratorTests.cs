using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using B64Hunt.Benchmarks.SampleGenerator;
using Xunit;

namespace B64Hunt.Tests.Sample
{
    /// <summary>
    /// The realistic benchmark file (issue 16) holds exactly the payload density and distinct count asked for, from the
    /// lines themselves: payload lines are the AUOMS_EXECVE lines whose cmdline decodes (by hand) to a generated command.
    /// Get-B64Command's own count on such a file is checked in tests/pester/Bench.Tests.ps1.
    /// </summary>
    public class RealisticLogGeneratorTests
    {
        private static string[] Generate(long lines, long distinct, double density, ulong seed = RealisticLogGenerator.DefaultSeed)
        {
            var writer = new StringWriter { NewLine = "\n" };
            new RealisticLogGenerator(lines, distinct, density, seed).Write(writer);
            return writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }

        /// <summary>The command line of each payload line: the longest base64 run decodes to UTF-8 text with no control characters.</summary>
        private static List<string> PayloadCommandLines(IEnumerable<string> lines)
        {
            var found = new List<string>();
            foreach (var line in lines)
            {
                if (!line.Contains("type=AUOMS_EXECVE ", StringComparison.Ordinal)) continue;
                string? commandLine = SampleText.CommandLineOf(line);
                if (commandLine == null) continue;
                string token = SampleText.LongestToken(commandLine, hex: false);
                if (token.Length < 16) continue;
                string body = token.TrimEnd('=');
                body += new string('=', (4 - body.Length % 4) % 4);
                byte[] bytes;
                try { bytes = Convert.FromBase64String(body); } catch (FormatException) { continue; }
                string text = Encoding.UTF8.GetString(bytes);
                if (text.Any(c => char.IsControl(c) || c == '\uFFFD')) continue;
                found.Add(commandLine);
            }
            return found;
        }

        [Theory]
        [InlineData(10000, 300, 0.08)]
        [InlineData(10000, 40, 0.02)]
        [InlineData(20000, 1000, 0.20)]
        public void HoldsExactlyTheAskedDensityAndDistinctCount(long lines, long distinct, double density)
        {
            var text = Generate(lines, distinct, density);
            Assert.Equal(lines, text.Length);
            var payloads = PayloadCommandLines(text);
            long expected = (long)Math.Round(lines * density, MidpointRounding.AwayFromZero);
            Assert.Equal(expected, payloads.Count);
            Assert.Equal(distinct, payloads.Distinct(StringComparer.Ordinal).Count());
            // Twice as many lines again mention base64 without a payload.
            Assert.Equal(expected * 3, text.Count(l => l.Contains("base64", StringComparison.Ordinal)));
            // The fleet: about 400 hosts send lines.
            Assert.InRange(text.Select(SampleText.HostOf).Distinct().Count(), 390, 400);
        }

        [Fact]
        public void AllDistinctMakesEveryPayloadLineDifferent()
        {
            var payloads = PayloadCommandLines(Generate(10000, 0, 0.08));
            Assert.Equal(800, payloads.Count);
            Assert.Equal(800, payloads.Distinct(StringComparer.Ordinal).Count());
        }

        [Fact]
        public void PayloadsAreSpreadThroughTheFileNotFrontLoaded()
        {
            var text = Generate(10000, 300, 0.08);
            var firstHalf = PayloadCommandLines(text.Take(5000)).Count;
            Assert.InRange(firstHalf, 320, 480);
            // New variants keep arriving in the second half.
            var early = new HashSet<string>(PayloadCommandLines(text.Take(5000)), StringComparer.Ordinal);
            Assert.True(PayloadCommandLines(text.Skip(5000)).Distinct(StringComparer.Ordinal).Count(c => !early.Contains(c)) > 50);
        }

        [Fact]
        public void SameSeedSameBytesOtherSeedOtherFile()
        {
            Assert.Equal(Generate(3000, 50, 0.08), Generate(3000, 50, 0.08));
            Assert.NotEqual(Generate(3000, 50, 0.08), Generate(3000, 50, 0.08, seed: 7));
        }

        [Fact]
        public void RefusesMoreDistinctPayloadsThanPayloadLines()
        {
            var e = Assert.Throws<ArgumentException>(() => new RealisticLogGenerator(1000, 300, 0.08));
            Assert.Contains("80", e.Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => new RealisticLogGenerator(1000, 10, 0.5));
        }

        [Fact]
        public void DecodedCommandsGrowWithTheFleet()
        {
            // Host-embedding droppers and per-campaign wallets: distinct variants decode to distinct commands.
            var commands = Enumerable.Range(0, 3000).Select(v => RealisticPayloads.Variant(v).Payload.Command).ToList();
            Assert.Equal(3000, commands.Distinct(StringComparer.Ordinal).Count());
            Assert.Contains(commands, c => c.Contains("?h=web-", StringComparison.Ordinal));
            Assert.True(commands.Where(c => c.Contains("xmrig -o stratum", StringComparison.Ordinal))
                .Select(c => c.Split(" -u ")[1].Split(' ')[0]).Distinct().Count() > 100);
        }
    }
}

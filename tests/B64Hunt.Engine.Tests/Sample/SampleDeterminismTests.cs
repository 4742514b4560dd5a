using System.IO;
using System.Linq;
using B64Hunt.Benchmarks.SampleGenerator;
using Xunit;

namespace B64Hunt.Tests.Sample
{
    public class SampleDeterminismTests
    {
        private static readonly string[] Files =
        {
            SampleHuntGenerator.LogFileName, SampleHuntGenerator.AlertsFileName, SampleHuntGenerator.TiFeedFileName, SampleHuntGenerator.ReadmeFileName,
        };

        [Fact]
        public void SameSeedWritesIdenticalBytes()
        {
            string a = SampleText.TempDirectory(), b = SampleText.TempDirectory();
            try
            {
                new SampleHuntGenerator(77).WriteTo(a);
                new SampleHuntGenerator(77).WriteTo(b);
                foreach (var file in Files)
                    Assert.Equal(File.ReadAllBytes(Path.Combine(a, file)), File.ReadAllBytes(Path.Combine(b, file)));
            }
            finally
            {
                Directory.Delete(a, true);
                Directory.Delete(b, true);
            }
        }

        [Fact]
        public void AnotherSeedWritesAnotherLog()
        {
            string a = SampleText.TempDirectory(), b = SampleText.TempDirectory();
            try
            {
                new SampleHuntGenerator(1).WriteTo(a);
                new SampleHuntGenerator(2).WriteTo(b);
                Assert.NotEqual(File.ReadAllText(Path.Combine(a, SampleHuntGenerator.LogFileName)), File.ReadAllText(Path.Combine(b, SampleHuntGenerator.LogFileName)));
            }
            finally
            {
                Directory.Delete(a, true);
                Directory.Delete(b, true);
            }
        }

        [Fact]
        public void CommittedSampleEqualsAFreshGeneration()
        {
            string fresh = SampleText.TempDirectory();
            try
            {
                new SampleHuntGenerator().WriteTo(fresh);
                foreach (var file in Files)
                {
                    string committed = Path.Combine(SampleText.SampleDirectory, file);
                    Assert.True(File.Exists(committed), committed + " is missing; regenerate: dotnet run -c Release --project tests/B64Hunt.Benchmarks -- sample --out module/data/sample");
                    Assert.True(File.ReadAllBytes(Path.Combine(fresh, file)).SequenceEqual(File.ReadAllBytes(committed)),
                        file + " differs from a fresh generation; regenerate: dotnet run -c Release --project tests/B64Hunt.Benchmarks -- sample --out module/data/sample");
                }
            }
            finally
            {
                Directory.Delete(fresh, true);
            }
        }

        [Fact]
        public void BenchmarkGeneratorIsDeterministicAndWritesTheLinesAsked()
        {
            var first = new StringWriter { NewLine = "\n" };
            var second = new StringWriter { NewLine = "\n" };
            long payloadsFirst = new BenchmarkLogGenerator(0.02, 9).Write(first, 20000);
            long payloadsSecond = new BenchmarkLogGenerator(0.02, 9).Write(second, 20000);

            Assert.Equal(first.ToString(), second.ToString());
            Assert.Equal(payloadsFirst, payloadsSecond);
            var lines = first.ToString().Split('\n');
            Assert.Equal(20001, lines.Length);
            Assert.Equal(string.Empty, lines[^1]);
            // 2% of 20,000 is 400; a binomial draw stays well inside this band.
            Assert.InRange(payloadsFirst, 300, 500);
            Assert.Equal(payloadsFirst, lines.Count(l => PayloadCatalog.All.Any(p => SampleText.CommandLineOf(l) == p.Encoded.CommandLine)));
        }

        [Fact]
        public void BenchmarkLinesAreInTimeOrderWithinTheHuntWindow()
        {
            var writer = new StringWriter();
            new BenchmarkLogGenerator(0.02, 3).Write(writer, 5000);
            var times = writer.ToString().Split('\n', System.StringSplitOptions.RemoveEmptyEntries)
                .Select(l => long.Parse(l.Substring(l.IndexOf(" audit(", System.StringComparison.Ordinal) + 7, 10)))
                .ToList();
            Assert.Equal(times.OrderBy(t => t), times);
            Assert.InRange(times[0], 1790812800L, 1790812800L + 14 * 86400);
            Assert.InRange(times[^1], 1790812800L + 13 * 86400, 1790812800L + 14 * 86400);
        }
    }
}

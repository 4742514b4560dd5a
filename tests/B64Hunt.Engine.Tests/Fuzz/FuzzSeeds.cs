using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using B64Hunt.Decoding;
using B64Hunt.Model;
using B64Hunt.Tests.GtfoBins;
using Xunit;

namespace B64Hunt.Tests.Fuzz
{
    /// <summary>The real inputs the fuzzer mutates: the bundled sample, the test fixtures, the bundled YAML, GTFOBins files.</summary>
    internal static class FuzzSeeds
    {
        private static readonly Lazy<string[]> SampleLinesLazy = new Lazy<string[]>(() =>
            File.ReadAllLines(Path.Combine(DataDirectory, "sample", "auoms-syslog.log")));

        private static readonly Lazy<string[]> DecodedLazy = new Lazy<string[]>(() =>
        {
            var decoder = new PayloadDecoder();
            return SampleLinesLazy.Value.Where(l => l.Contains("AUOMS_EXECVE") && PayloadDecoder.MayContainPayload(l))
                .Take(600)
                .SelectMany(l => decoder.Decode(l).Select(p => p.DecodedText))
                .Where(t => t.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .ToArray();
        });

        public static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "data");

        public static string SourceFixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Sources", name);

        /// <summary>Every line of the bundled AUOMS sample.</summary>
        public static string[] SampleLines => SampleLinesLazy.Value;

        /// <summary>The sample's AUOMS_EXECVE lines that carry a payload.</summary>
        public static string[] PayloadLines { get; } = SampleLinesLazy.Value
            .Where(l => l.Contains("type=AUOMS_EXECVE") && l.Contains(" cmdline=\"") && PayloadDecoder.MayContainPayload(l)).ToArray();

        /// <summary>Decoded commands from the sample (attacker-style shell text).</summary>
        public static string[] DecodedCommands => DecodedLazy.Value;

        public static byte[] Fixture(string name) => File.ReadAllBytes(SourceFixture(name));

        public static string CategoriesYaml => File.ReadAllText(Path.Combine(DataDirectory, "rules", "categories.yaml"));

        /// <summary>Up to <paramref name="max"/> GTFOBins files (path, bytes) from the shared snapshot.</summary>
        public static IReadOnlyList<KeyValuePair<string, byte[]>> GtfoBinsFiles(int max)
        {
            string bins = Path.Combine(GtfoBinsTestData.SharedGtfoBins(), "bins");
            return Directory.GetFiles(bins).OrderBy(f => f, StringComparer.Ordinal).Take(max)
                .Select(f => new KeyValuePair<string, byte[]>(Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
        }

        public static string GtfoBinsFunctionsYaml => File.ReadAllText(Path.Combine(GtfoBinsTestData.SharedGtfoBins(), "functions.yml"));

        public static IReadOnlyList<byte[]> Donors(IEnumerable<string> texts) => texts.Select(t => Encoding.UTF8.GetBytes(t)).ToList();
    }

    internal static class FuzzAssert
    {
        /// <summary>A reported problem: an id from the documented set, a message, and the item as target.</summary>
        public static void ValidProblem(Problem problem, IReadOnlyCollection<string> documentedIds, FuzzCase fuzzCase)
        {
            Assert.False(string.IsNullOrEmpty(problem.ErrorId), $"{fuzzCase.Stage}#{fuzzCase.Index}: a problem without an error id: {problem.Message}");
            Assert.True(documentedIds.Contains(problem.ErrorId), $"{fuzzCase.Stage}#{fuzzCase.Index}: undocumented error id '{problem.ErrorId}': {problem.Message}");
            Assert.False(string.IsNullOrEmpty(problem.Message), $"{fuzzCase.Stage}#{fuzzCase.Index}: '{problem.ErrorId}' has no message");
            Assert.True(problem.Target != null, $"{fuzzCase.Stage}#{fuzzCase.Index}: '{problem.ErrorId}' has no target: {problem.Message}");
            if (problem.Target is string s) Assert.False(s.Length == 0, $"{fuzzCase.Stage}#{fuzzCase.Index}: '{problem.ErrorId}' has an empty target");
        }
    }
}

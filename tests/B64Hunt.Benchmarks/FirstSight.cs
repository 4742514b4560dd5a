using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using B64Hunt.Benchmarks.Benchmarks;
using B64Hunt.Benchmarks.SampleGenerator;
using B64Hunt.Classification;
using B64Hunt.Decoding;
using B64Hunt.GtfoBins;
using B64Hunt.Iocs;

namespace B64Hunt.Benchmarks
{
    /// <summary>
    /// What each distinct command costs the first time a hunt sees it: decoding its command line, classifying, tagging
    /// and scanning its decoded text, per command, over the realistic fleet's payloads (all different, so no cache or
    /// memo answers). After a warm-up on 2,000 other variants and a pause, so the JIT is done; one pass, as a hunt makes it.
    /// </summary>
    public static class FirstSight
    {
        public static int Run(string[] args)
        {
            int commands = 3000;
            for (int i = 0; i < args.Length - 1; i++)
                if (args[i] == "--commands") commands = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            if (commands < 1) throw new ArgumentException("--commands must be 1 or more");
            var rules = CategoryRuleSet.LoadBundled(EngineData.Directory);
            var index = GtfoBinsIndex.LoadBundled(EngineData.Directory);
            var extractor = IocExtractor.FromDataDirectory(EngineData.Directory);

            // Warm-up variants far above the measured ones: the same templates and forms, other texts.
            var warm = Enumerable.Range(0, 2000).Select(v => RealisticPayloads.Variant(10_000_000L + v).Payload).ToArray();
            var measured = Enumerable.Range(0, commands).Select(v => RealisticPayloads.Variant(v).Payload).ToArray();
            var figures = new double[4];
            foreach (var (set, record) in new[] { (warm, false), (measured, true) })
            {
                var lines = set.Select(p => p.Encoded.CommandLine).ToArray();
                var texts = set.Select(p => p.Command).ToArray();
                var decoder = new PayloadDecoder();
                var classifier = new CommandClassifier(rules);
                var tagger = new GtfoBinsTagger(index);
                long n = 0;
                var watch = Stopwatch.StartNew();
                foreach (var line in lines) n += decoder.Decode(line).Count();
                double decode = watch.Elapsed.TotalSeconds;
                watch.Restart();
                foreach (var t in texts) n += classifier.Classify(t).Categories.Count;
                double classify = watch.Elapsed.TotalSeconds;
                watch.Restart();
                foreach (var t in texts) n += tagger.Tag(t).Count;
                double tag = watch.Elapsed.TotalSeconds;
                watch.Restart();
                foreach (var t in texts) n += IocScanner.Scan(extractor.PublicSuffixes, t, IocTypes.All).Count();
                double ioc = watch.Elapsed.TotalSeconds;
                if (n == 0) throw new InvalidOperationException("Nothing decoded, classified, tagged or found: the measurement would be empty.");
                if (record) figures = new[] { decode, classify, tag, ioc }.Select(s => s * 1e6 / set.Length).ToArray();
                // Let the runtime's background tier-1 compilation of the warmed methods finish before measuring.
                else System.Threading.Thread.Sleep(1000);
            }
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                Commands = commands,
                DecodeMicros = figures[0],
                ClassifyMicros = figures[1],
                TagMicros = figures[2],
                IocMicros = figures[3],
            }));
            return 0;
        }
    }
}

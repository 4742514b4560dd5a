// BenchmarkDotNet over the engine's hot paths, against the merged signatures:
//   dotnet run -c Release --project tests/B64Hunt.Benchmarks -- bdn Engine --job short
// (tests/bench.ps1 -Bdn runs them with a short job and puts the tables in out/bench/results.md).
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using B64Hunt.Benchmarks.SampleGenerator;
using B64Hunt.Classification;
using B64Hunt.Decoding;
using B64Hunt.GtfoBins;
using B64Hunt.Iocs;
using B64Hunt.Model;
using B64Hunt.Scoring;
using B64Hunt.Sources;
using BenchmarkDotNet.Attributes;

namespace B64Hunt.Benchmarks.Benchmarks
{
    /// <summary>The module's data folder (module/data of this checkout): rules, GTFOBins index, public suffix list.</summary>
    internal static class EngineData
    {
        public static string Directory { get; } = Find();

        private static string Find([CallerFilePath] string sourceFile = "")
        {
            // B64HUNT_DATA wins; else module/data above this source file (BenchmarkDotNet may run from its artifacts folder).
            string? fromEnvironment = Environment.GetEnvironmentVariable("B64HUNT_DATA");
            if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment!;
            foreach (string start in new[] { Path.GetDirectoryName(sourceFile) ?? string.Empty, AppContext.BaseDirectory, System.IO.Directory.GetCurrentDirectory() })
            {
                for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                {
                    string candidate = Path.Combine(dir.FullName, "module", "data");
                    if (System.IO.Directory.Exists(candidate)) return candidate;
                }
            }
            throw new DirectoryNotFoundException("module/data not found; set B64HUNT_DATA to the module's data folder.");
        }

        /// <summary>One CommandEvent per payload of every sample command (all encoding forms), as Get-B64Command makes them.</summary>
        public static CommandEvent[] SampleEvents()
        {
            var decoder = new PayloadDecoder();
            var events = new List<CommandEvent>();
            foreach (var sample in PayloadCatalog.All)
            {
                foreach (var payload in decoder.Decode(sample.Encoded.CommandLine))
                {
                    events.Add(new CommandEvent
                    {
                        CommandLine = sample.Encoded.CommandLine,
                        Computer = sample.Hosts[0],
                        EncodedText = payload.EncodedText,
                        DecodedCommand = payload.DecodedText,
                        DecodeChain = new List<string>(payload.Chain),
                        IsBinary = payload.IsBinary,
                        Depth = payload.Depth,
                    });
                }
            }
            return events.ToArray();
        }

        /// <summary>Copies with their own enrichment lists.</summary>
        public static CommandEvent[] Copy(CommandEvent[] events) => events.Select(e => new CommandEvent
        {
            CommandLine = e.CommandLine,
            Computer = e.Computer,
            EncodedText = e.EncodedText,
            DecodedCommand = e.DecodedCommand,
            DecodeChain = e.DecodeChain,
            IsBinary = e.IsBinary,
            Depth = e.Depth,
        }).ToArray();
    }

    /// <summary>PayloadDecoder: the prefilter every log line goes through (on bytes and on strings), and full decodes.</summary>
    [MemoryDiagnoser]
    public class EngineDecoderBenchmarks
    {
        private readonly PayloadDecoder decoder = new PayloadDecoder();
        private string benignCommandLine = string.Empty;
        private string payloadCommandLine = string.Empty;
        private byte[] benignBytes = Array.Empty<byte>();
        private byte[] payloadBytes = Array.Empty<byte>();
        private string[] allForms = Array.Empty<string>();

        [GlobalSetup]
        public void Setup()
        {
            benignCommandLine = BenignCommands.All[0].CommandLine;
            payloadCommandLine = PayloadCatalog.Get("miner-xmrig-curl").Encoded.CommandLine;
            benignBytes = Encoding.UTF8.GetBytes(benignCommandLine);
            payloadBytes = Encoding.UTF8.GetBytes(payloadCommandLine);
            allForms = PayloadCatalog.All.Select(p => p.Encoded.CommandLine).ToArray();
        }

        [Benchmark(Baseline = true, Description = "MayContainPayload(bytes): ordinary command")]
        public bool MayContainPayloadBytesBenign() => PayloadDecoder.MayContainPayload(new ReadOnlySpan<byte>(benignBytes));

        [Benchmark(Description = "MayContainPayload(bytes): payload command")]
        public bool MayContainPayloadBytesHit() => PayloadDecoder.MayContainPayload(new ReadOnlySpan<byte>(payloadBytes));

        [Benchmark(Description = "MayContainPayload(string): ordinary command")]
        public bool MayContainPayloadBenign() => PayloadDecoder.MayContainPayload(benignCommandLine);

        [Benchmark(Description = "Decode: echo X | base64 -d | bash")]
        public int Decode() => decoder.Decode(payloadCommandLine).Count;

        [Benchmark(Description = "Decode: each sample command (per command)", OperationsPerInvoke = 64)]
        public int DecodeAllForms()
        {
            // OperationsPerInvoke must be a constant: the catalog is repeated or cut to 64 commands.
            int n = 0;
            for (int i = 0; i < 64; i++) n += decoder.Decode(allForms[i % allForms.Length]).Count;
            return n;
        }
    }

    /// <summary>LogFileReader with Get-B64Command's byte prefilter: an AUOMS syslog file of 100,000 lines (2% payloads).</summary>
    [MemoryDiagnoser]
    public class EngineLogReaderBenchmarks
    {
        private string path = string.Empty;

        [Params(100_000)]
        public int Lines { get; set; }

        [GlobalSetup]
        public void Setup() => path = LogFixtures.GenerateFile(Lines);

        [Benchmark(Description = "LogFileReader.Read, byte prefilter (records out)")]
        public long Read()
        {
            var options = new LogReadOptions { CommandLineByteFilter = PayloadDecoder.MayContainPayload };
            long n = 0;
            foreach (var item in LogFileReader.Read(path, options, new ReadStatistics(), default)) if (item.Record != null) n++;
            return n;
        }

        [Benchmark(Description = "LogFileReader.Read + PayloadDecoder.Decode (events out)")]
        public long ReadAndDecode()
        {
            var options = new LogReadOptions { CommandLineByteFilter = PayloadDecoder.MayContainPayload };
            var decoder = new PayloadDecoder();
            long n = 0;
            foreach (var item in LogFileReader.Read(path, options, new ReadStatistics(), default))
            {
                if (item.Record != null) n += decoder.Decode(item.Record.CommandLine).Count;
            }
            return n;
        }
    }

    /// <summary>
    /// The enrichment stages per event over the decoded sample commands. "Enrich" is what a hunt sees (the stages
    /// memoize per decoded text and a hunt repeats its payloads); "first sight" builds a new classifier or tagger
    /// each time so every text is read afresh.
    /// </summary>
    [MemoryDiagnoser]
    public class EngineEnrichmentBenchmarks
    {
        private const int Events = 64;
        private CommandEvent[] template = Array.Empty<CommandEvent>();
        private CommandEvent[] events = Array.Empty<CommandEvent>();
        private string[] texts = Array.Empty<string>();
        private CategoryRuleSet rules = null!;
        private CommandClassifier classifier = null!;
        private GtfoBinsIndex index = null!;
        private GtfoBinsTagger tagger = null!;
        private IocExtractor extractor = null!;

        [GlobalSetup]
        public void Setup()
        {
            var sample = EngineData.SampleEvents().Where(e => !e.IsBinary).ToArray();
            template = Enumerable.Range(0, Events).Select(i => sample[i % sample.Length]).ToArray();
            texts = template.Select(e => e.DecodedCommand).ToArray();
            rules = CategoryRuleSet.LoadBundled(EngineData.Directory);
            events = EngineData.Copy(template);
            classifier = new CommandClassifier(rules);
            index = GtfoBinsIndex.LoadBundled(EngineData.Directory);
            tagger = new GtfoBinsTagger(index);
            extractor = IocExtractor.FromDataDirectory(EngineData.Directory);
        }

        [Benchmark(Description = "CommandClassifier.Enrich (per event)", OperationsPerInvoke = Events)]
        public int ClassifierEnrich()
        {
            int n = 0;
            foreach (var e in events)
            {
                // Enrich appends: start each event empty, as a hunt's events arrive.
                e.Categories.Clear();
                e.Techniques.Clear();
                classifier.Enrich(e);
                n += e.Categories.Count;
            }
            return n;
        }

        [Benchmark(Description = "CommandClassifier.Classify, first sight (per text)", OperationsPerInvoke = Events)]
        public int ClassifierFirstSight()
        {
            var fresh = new CommandClassifier(rules);
            int n = 0;
            foreach (string t in texts) n += fresh.Classify(t).Categories.Count;
            return n;
        }

        [Benchmark(Description = "GtfoBinsTagger.Enrich (per event)", OperationsPerInvoke = Events)]
        public int TaggerEnrich()
        {
            int n = 0;
            foreach (var e in events)
            {
                e.GtfoBins.Clear();
                e.GtfoFunctions.Clear();
                tagger.Enrich(e);
                n += e.GtfoBins.Count;
            }
            return n;
        }

        [Benchmark(Description = "GtfoBinsTagger.Tag, first sight (per text)", OperationsPerInvoke = Events)]
        public int TaggerFirstSight()
        {
            var fresh = new GtfoBinsTagger(index);
            int n = 0;
            foreach (string t in texts) n += fresh.Tag(t).Count;
            return n;
        }

        [Benchmark(Description = "IocExtractor.AddTo (per event)", OperationsPerInvoke = Events)]
        public int IocAddTo()
        {
            int n = 0;
            foreach (var e in events)
            {
                e.Iocs.Clear();
                n += extractor.AddTo(e).Count;
            }
            return n;
        }

        [Benchmark(Description = "IocScanner.Scan, first sight (per text)", OperationsPerInvoke = Events)]
        public int IocFirstSight()
        {
            int n = 0;
            foreach (string t in texts) n += IocScanner.Scan(extractor.PublicSuffixes, t, IocTypes.All).Count();
            return n;
        }

        [Benchmark(Description = "CommandScorer: Add each event, Complete (per event)", OperationsPerInvoke = Events)]
        public int Score()
        {
            var scorer = new CommandScorer();
            foreach (var e in events) scorer.Add(e);
            return scorer.Complete().Scores.Count;
        }
    }
}

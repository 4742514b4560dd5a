// Benchmarks of engine parts that are written on other branches. They compile only when the part is merged and switched on:
//   dotnet run -c Release --project tests/B64Hunt.Benchmarks -p:BenchDecoder=true -p:BenchLogReader=true -- bdn Benchmarks
// (BenchDecoder defines B64HUNT_DECODER, BenchLogReader defines B64HUNT_LOGREADER; see B64Hunt.Benchmarks.csproj).
// The calls below follow the names agreed for those parts; adjust the argument lists to the merged signatures.
#if B64HUNT_DECODER || B64HUNT_LOGREADER
using System.Linq;
using B64Hunt.Benchmarks.SampleGenerator;
using BenchmarkDotNet.Attributes;
#endif
#if B64HUNT_DECODER
using B64Hunt.Decoding;
#endif
#if B64HUNT_LOGREADER
using B64Hunt.Sources;
#endif

namespace B64Hunt.Benchmarks.Benchmarks
{
#if B64HUNT_DECODER
    /// <summary>PayloadDecoder: the pre-filter every line goes through, and a full decode of each encoding form.</summary>
    [MemoryDiagnoser]
    public class DecoderBenchmarks
    {
        private string benignCommandLine = string.Empty;
        private string payloadCommandLine = string.Empty;
        private string[] allForms = System.Array.Empty<string>();

        [GlobalSetup]
        public void Setup()
        {
            benignCommandLine = BenignCommands.All[0].CommandLine;
            payloadCommandLine = PayloadCatalog.Get("miner-xmrig-curl").Encoded.CommandLine;
            allForms = PayloadCatalog.All.Select(p => p.Encoded.CommandLine).ToArray();
        }

        [Benchmark(Baseline = true, Description = "MayContainPayload: ordinary command")]
        public bool MayContainPayloadBenign() => PayloadDecoder.MayContainPayload(benignCommandLine);

        [Benchmark(Description = "MayContainPayload: payload command")]
        public bool MayContainPayloadHit() => PayloadDecoder.MayContainPayload(payloadCommandLine);

        [Benchmark(Description = "Decode: echo X | base64 -d | bash")]
        public object Decode() => PayloadDecoder.Decode(payloadCommandLine);

        [Benchmark(Description = "Decode: every sample form", OperationsPerInvoke = 41)]
        public int DecodeAllForms()
        {
            int n = 0;
            foreach (var line in allForms) if (PayloadDecoder.Decode(line) != null) n++;
            return n;
        }
    }
#endif

#if B64HUNT_LOGREADER
    /// <summary>LogFileReader: lines per second of the AUOMS syslog reader over a generated file (2% payloads).</summary>
    [MemoryDiagnoser]
    public class LogReaderBenchmarks
    {
        private string path = string.Empty;

        [Params(100_000)]
        public int Lines { get; set; }

        [GlobalSetup]
        public void Setup() => path = LogFixtures.GenerateFile(Lines);

        [Benchmark(Description = "LogFileReader.Read over the file")]
        public long Read()
        {
            long n = 0;
            foreach (var record in LogFileReader.Read(path)) n++;
            return n;
        }
    }
#endif
}

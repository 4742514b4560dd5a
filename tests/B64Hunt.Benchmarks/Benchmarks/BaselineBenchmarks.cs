using System;
using System.IO;
using System.Text;
using B64Hunt.Benchmarks.SampleGenerator;
using BenchmarkDotNet.Attributes;

namespace B64Hunt.Benchmarks.Benchmarks
{
    /// <summary>
    /// The floors the engine's hot paths are measured against: reading lines of an AUOMS syslog file with nothing else,
    /// finding the cmdline anchors, and base64-decoding a payload with the BCL. LogFileReader and PayloadDecoder should
    /// land within a small factor of these.
    /// </summary>
    [MemoryDiagnoser]
    public class BaselineBenchmarks
    {
        private byte[] log = Array.Empty<byte>();
        private string payloadLine = string.Empty;
        private string payload = string.Empty;

        /// <summary>Lines in the in-memory log.</summary>
        [Params(100_000)]
        public int Lines { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            log = LogFixtures.Generate(Lines);
            var sample = PayloadCatalog.Get("miner-xmrig-curl");
            payload = sample.Encoded.EncodedText;
            payloadLine = LogFixtures.ExecveLine(sample);
        }

        [Benchmark(Description = "StreamReader.ReadLine over the log")]
        public long ReadLines()
        {
            long count = 0;
            using var reader = new StreamReader(new MemoryStream(log, writable: false), Encoding.UTF8, false, 1 << 16);
            while (reader.ReadLine() != null) count++;
            return count;
        }

        [Benchmark(Description = "ReadLine + find the cmdline/redactors anchors")]
        public long ReadLinesAndFindCommandLines()
        {
            long found = 0;
            using var reader = new StreamReader(new MemoryStream(log, writable: false), Encoding.UTF8, false, 1 << 16);
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                int start = line.IndexOf(" cmdline=\"", StringComparison.Ordinal);
                if (start < 0) continue;
                int end = line.LastIndexOf("\" redactors=", StringComparison.Ordinal);
                if (end > start) found += end - start;
            }
            return found;
        }

        [Benchmark(Description = "Convert.FromBase64String of one payload")]
        public int DecodePayloadWithBcl() => Convert.FromBase64String(payload).Length;

        [Benchmark(Description = "IndexOf(\"base64\") on one payload line")]
        public int FindBase64Keyword() => payloadLine.IndexOf("base64", StringComparison.Ordinal);
    }
}

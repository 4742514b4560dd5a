using System.IO;
using System.Text;
using B64Hunt.Benchmarks.SampleGenerator;
using BenchmarkDotNet.Attributes;

namespace B64Hunt.Benchmarks.Benchmarks
{
    /// <summary>How fast the benchmark files are made (the bench generates up to 5,000,000 lines).</summary>
    [MemoryDiagnoser]
    public class GeneratorBenchmarks
    {
        private readonly ExecRecord record = new ExecRecord
        {
            Time = SampleHuntGenerator.FirstDay,
            Serial = 123456,
            Host = "web-03",
            AuomsPid = 811,
            Pid = 40211,
            Ppid = 40200,
            Account = SampleAccount.WebServer,
            Program = ExecProgram.For("bash"),
            Argc = 3,
            CommandLine = PayloadCatalog.Get("miner-xmrig-curl").Encoded.CommandLine,
            Registers = 0x1234567890abcdefUL,
        };

        private readonly StringBuilder builder = new StringBuilder(4096);

        [Benchmark(Description = "Format one AUOMS_EXECVE syslog line")]
        public int FormatExecveLine()
        {
            builder.Clear();
            AuomsLineFormatter.AppendExecveLine(builder, record);
            return builder.Length;
        }

        [Benchmark(Description = "Generate 10,000 benchmark lines", OperationsPerInvoke = 10_000)]
        public long Generate10k() => new BenchmarkLogGenerator().Write(TextWriter.Null, 10_000);
    }
}

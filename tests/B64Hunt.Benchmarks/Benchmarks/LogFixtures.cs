using System.IO;
using System.Text;
using B64Hunt.Benchmarks.SampleGenerator;

namespace B64Hunt.Benchmarks.Benchmarks
{
    /// <summary>Inputs for the benchmarks, made by the same generator as the bench files.</summary>
    public static class LogFixtures
    {
        /// <summary>An in-memory AUOMS syslog log of <paramref name="lines"/> lines (2% payloads).</summary>
        public static byte[] Generate(int lines)
        {
            using var buffer = new MemoryStream();
            using (var writer = new StreamWriter(buffer, SampleHuntGenerator.Utf8, 1 << 16, leaveOpen: true) { NewLine = "\n" })
                new BenchmarkLogGenerator().Write(writer, lines);
            return buffer.ToArray();
        }

        /// <summary>Writes the log to a temporary file (for readers that take a path) and returns the path.</summary>
        public static string GenerateFile(int lines)
        {
            string path = Path.Combine(Path.GetTempPath(), "b64hunt-bdn-" + lines + ".log");
            if (!File.Exists(path)) new BenchmarkLogGenerator().WriteFile(path, lines);
            return path;
        }

        /// <summary>The full AUOMS_EXECVE syslog line that runs a sample payload.</summary>
        public static string ExecveLine(SamplePayload payload)
        {
            var sb = new StringBuilder();
            AuomsLineFormatter.AppendExecveLine(sb, new ExecRecord
            {
                Time = SampleHuntGenerator.FirstDay,
                Serial = 4242,
                Host = payload.Hosts[0],
                AuomsPid = 811,
                Pid = 31337,
                Ppid = 31330,
                Account = payload.Account,
                Program = ExecProgram.For(payload.Encoded.Argv[0]),
                Argc = payload.Encoded.Argv.Count,
                CommandLine = payload.Encoded.CommandLine,
                Registers = 0xfeedUL,
            });
            return sb.ToString();
        }

        /// <summary>An ordinary AUOMS_EXECVE line with no payload.</summary>
        public static string BenignExecveLine()
        {
            var command = BenignCommands.All[0];
            var sb = new StringBuilder();
            AuomsLineFormatter.AppendExecveLine(sb, new ExecRecord
            {
                Time = SampleHuntGenerator.FirstDay,
                Serial = 4243,
                Host = "web-01",
                AuomsPid = 811,
                Pid = 31338,
                Ppid = 31330,
                Account = command.Account,
                Program = command.Program,
                Argc = command.Argv.Length,
                CommandLine = command.CommandLine,
                Registers = 0xbeefUL,
            });
            return sb.ToString();
        }
    }
}

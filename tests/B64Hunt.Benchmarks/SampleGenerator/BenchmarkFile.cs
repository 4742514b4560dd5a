using System;
using System.IO;
using System.Text;

namespace B64Hunt.Benchmarks.SampleGenerator
{
    /// <summary>The clock of a streamed benchmark file: two weeks from the sample's first day, in whole milliseconds.</summary>
    public sealed class BenchmarkClock
    {
        private readonly double spanTicks = TimeSpan.FromDays(SampleHuntGenerator.Days).Ticks;
        private readonly double stepTicks;
        private double offset;

        public BenchmarkClock(long lines) => stepTicks = lines > 0 ? spanTicks / lines : 0;

        /// <summary>The next line's time: a jittered step on, as audit timestamps are (whole milliseconds).</summary>
        public DateTime Next(DeterministicRandom rng)
        {
            offset += stepTicks * (0.5 + rng.NextDouble());
            long ticks = SampleHuntGenerator.FirstDay.Ticks + (long)Math.Min(offset, spanTicks - 1) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond;
            return new DateTime(ticks, DateTimeKind.Utc);
        }
    }

    /// <summary>Each host's audit serial and pid, moving on with every execution it logs.</summary>
    public sealed class HostCounters
    {
        private readonly long[] serial;
        private readonly int[] pid;

        public HostCounters(DeterministicRandom rng, int hosts)
        {
            serial = new long[hosts];
            pid = new int[hosts];
            for (int i = 0; i < hosts; i++)
            {
                serial[i] = rng.Between(100000, 900000);
                pid[i] = rng.Between(2000, 30000);
            }
        }

        /// <summary>The next execution on host <paramref name="h"/>: fills the record's serial, host, pids.</summary>
        public void Advance(DeterministicRandom rng, int h, string hostName, ExecRecord record)
        {
            serial[h] += rng.Between(1, 60);
            pid[h] += rng.Between(1, 12);
            if (pid[h] > 4194000) pid[h] = 1000;
            record.Serial = serial[h];
            record.Host = hostName;
            record.AuomsPid = 700 + h * 17;
            record.Pid = pid[h];
            record.Ppid = pid[h] - 1 - rng.Next(20);
        }
    }

    /// <summary>What the benchmark generators share: the file they stream into and the ordinary lines between payloads.</summary>
    public static class BenchmarkFile
    {
        /// <summary>Streams <paramref name="write"/> into the file at <paramref name="path"/> (UTF-8, "\n").</summary>
        public static T Write<T>(string path, Func<TextWriter, T> write)
        {
            string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir != null) Directory.CreateDirectory(dir);
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            using var writer = new StreamWriter(stream, SampleHuntGenerator.Utf8, 1 << 20) { NewLine = "\n" };
            return write(writer);
        }

        /// <summary>An ordinary command's line: mostly its execve, some connect() and process-inventory records (by <paramref name="shape"/>, 0-999).</summary>
        public static void AppendOrdinaryLine(StringBuilder sb, ExecRecord record, BenignCommand command, ExecTemplate template, int shape, int hostIndex)
        {
            record.Account = command.Account;
            record.Program = command.Program;
            record.Argc = command.Argv.Length;
            record.CommandLine = command.CommandLine;
            if (shape < 900) AuomsLineFormatter.AppendExecveLine(sb, record, template);
            else if (shape < 950) AuomsLineFormatter.AppendConnectLine(sb, record, "10.20.3.17", 443);
            else AuomsLineFormatter.AppendProcessInventoryLine(sb, record, 1790812800 - 86400 + hostIndex);
        }
    }
}

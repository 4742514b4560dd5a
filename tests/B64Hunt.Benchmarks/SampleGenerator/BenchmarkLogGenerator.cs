using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace B64Hunt.Benchmarks.SampleGenerator
{
    /// <summary>
    /// Streams an AUOMS syslog file of any size for the benchmark: the sample's line shapes, hosts and commands, with a
    /// given share of lines carrying one of the sample's encoded commands. Constant memory; same seed, same bytes.
    /// </summary>
    public sealed class BenchmarkLogGenerator
    {
        public const ulong DefaultSeed = 5000000;

        private readonly ulong seed;
        private readonly double payloadRatio;
        private readonly Dictionary<HostRole, (BenignCommand Command, ExecTemplate Template)[]> benignByRole;
        private readonly (BenignCommand Command, ExecTemplate Template)[] lookAlikes;
        private readonly (SamplePayload Payload, SampleHost Host, ExecTemplate Template)[] payloadRuns;

        public BenchmarkLogGenerator(double payloadRatio = 0.02, ulong seed = DefaultSeed)
        {
            if (payloadRatio < 0 || payloadRatio > 1) throw new ArgumentOutOfRangeException(nameof(payloadRatio));
            this.seed = seed;
            this.payloadRatio = payloadRatio;
            var templates = BenignCommands.All.ToDictionary(c => c, c => ExecTemplate.For(c.Account, c.Program, c.Argv.Length, c.CommandLine));
            // Look-alikes (keys, hashes, ids) are drawn separately, rarely: in the weighted lists they would be 3% of all lines.
            benignByRole = SampleHosts.All.Select(h => h.Role).Distinct()
                .ToDictionary(r => r, r => BenignCommands.WeightedFor(r).Where(c => !c.IsLookAlike).Select(c => (c, templates[c])).ToArray());
            lookAlikes = BenignCommands.All.Where(c => c.IsLookAlike).Select(c => (c, templates[c])).ToArray();
            payloadRuns = PayloadCatalog.All
                .SelectMany(p => p.Hosts.Select(h => (p, SampleHosts.Get(h),
                    ExecTemplate.For(p.Account, ExecProgram.For(p.Encoded.Argv[0]), p.Encoded.Argv.Count, p.Encoded.CommandLine))))
                .ToArray();
        }

        /// <summary>Writes <paramref name="lines"/> lines; returns the payload lines written.</summary>
        public long Write(TextWriter writer, long lines)
        {
            var rng = new DeterministicRandom(seed);
            var hosts = SampleHosts.All;
            var serial = new long[hosts.Count];
            var pid = new int[hosts.Count];
            for (int i = 0; i < hosts.Count; i++)
            {
                serial[i] = rng.Between(100000, 900000);
                pid[i] = rng.Between(2000, 30000);
            }
            double spanTicks = TimeSpan.FromDays(SampleHuntGenerator.Days).Ticks;
            double stepTicks = lines > 0 ? spanTicks / lines : 0;
            long startTicks = SampleHuntGenerator.FirstDay.Ticks;
            double offset = 0;
            long payloadLines = 0;
            var sb = new StringBuilder(4096);
            var record = new ExecRecord();
            ulong payloadThreshold = (ulong)(payloadRatio * ulong.MaxValue);

            for (long n = 0; n < lines; n++)
            {
                offset += stepTicks * (0.5 + rng.NextDouble());
                // Whole milliseconds, as audit timestamps are.
                long ticks = startTicks + (long)Math.Min(offset, spanTicks - 1) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond;
                int h;
                SampleHost host;
                bool isPayload = payloadRatio > 0 && rng.NextUInt64() < payloadThreshold;
                var run = payloadRuns[0];
                if (isPayload)
                {
                    run = payloadRuns[rng.Next(payloadRuns.Length)];
                    host = run.Host;
                    h = IndexOf(hosts, host);
                }
                else
                {
                    h = rng.Next(hosts.Count);
                    host = hosts[h];
                }
                serial[h] += rng.Between(1, 60);
                pid[h] += rng.Between(1, 12);
                if (pid[h] > 4194000) pid[h] = 1000;

                sb.Clear();
                record.Time = new DateTime(ticks, DateTimeKind.Utc);
                record.Serial = serial[h];
                record.Host = host.Name;
                record.AuomsPid = 700 + h * 17;
                record.Pid = pid[h];
                record.Ppid = pid[h] - 1 - rng.Next(20);
                record.Registers = rng.NextUInt64();
                record.Cwd = null;
                if (isPayload)
                {
                    AuomsLineFormatter.AppendExecveLine(sb, record, run.Template);
                    payloadLines++;
                }
                else
                {
                    int shape = rng.Next(1000);
                    var (command, template) = shape < 2 ? lookAlikes[rng.Next(lookAlikes.Length)] : Pick(rng, benignByRole[host.Role]);
                    record.Account = command.Account;
                    record.Program = command.Program;
                    record.Argc = command.Argv.Length;
                    record.CommandLine = command.CommandLine;
                    if (shape < 900) AuomsLineFormatter.AppendExecveLine(sb, record, template);
                    else if (shape < 950) AuomsLineFormatter.AppendConnectLine(sb, record, "10.20.3.17", 443);
                    else AuomsLineFormatter.AppendProcessInventoryLine(sb, record, 1790812800 - 86400 + h);
                }
                writer.Write(sb);
                writer.Write('\n');
            }
            return payloadLines;
        }

        /// <summary>Writes the file at <paramref name="path"/> (UTF-8, "\n").</summary>
        public long WriteFile(string path, long lines)
        {
            string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir != null) Directory.CreateDirectory(dir);
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            using var writer = new StreamWriter(stream, SampleHuntGenerator.Utf8, 1 << 20) { NewLine = "\n" };
            return Write(writer, lines);
        }

        private static (BenignCommand, ExecTemplate) Pick(DeterministicRandom rng, (BenignCommand, ExecTemplate)[] commands) => commands[rng.Next(commands.Length)];

        private static int IndexOf(IReadOnlyList<SampleHost> hosts, SampleHost host)
        {
            for (int i = 0; i < hosts.Count; i++) if (ReferenceEquals(hosts[i], host)) return i;
            return 0;
        }
    }
}

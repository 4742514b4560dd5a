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
            var counters = new HostCounters(rng, hosts.Count);
            var clock = new BenchmarkClock(lines);
            long payloadLines = 0;
            var sb = new StringBuilder(4096);
            var record = new ExecRecord();
            ulong payloadThreshold = (ulong)(payloadRatio * ulong.MaxValue);

            for (long n = 0; n < lines; n++)
            {
                var time = clock.Next(rng);
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
                sb.Clear();
                record.Time = time;
                counters.Advance(rng, h, host.Name, record);
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
                    BenchmarkFile.AppendOrdinaryLine(sb, record, command, template, shape, h);
                }
                writer.Write(sb);
                writer.Write('\n');
            }
            return payloadLines;
        }

        /// <summary>Writes the file at <paramref name="path"/> (UTF-8, "\n").</summary>
        public long WriteFile(string path, long lines) => BenchmarkFile.Write(path, writer => Write(writer, lines));

        private static (BenignCommand, ExecTemplate) Pick(DeterministicRandom rng, (BenignCommand, ExecTemplate)[] commands) => commands[rng.Next(commands.Length)];

        private static int IndexOf(IReadOnlyList<SampleHost> hosts, SampleHost host)
        {
            for (int i = 0; i < hosts.Count; i++) if (ReferenceEquals(hosts[i], host)) return i;
            return 0;
        }
    }
}

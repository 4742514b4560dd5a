using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace B64Hunt.Benchmarks.SampleGenerator
{
    /// <summary>What <see cref="RealisticLogGenerator"/> wrote.</summary>
    public sealed class RealisticLogSummary
    {
        public long Lines { get; set; }
        public long PayloadLines { get; set; }
        public long DistinctPayloads { get; set; }
        public long MentionLines { get; set; }
        public int Hosts { get; set; }
        public int HostsWithPayloads { get; set; }
    }

    /// <summary>
    /// Streams the realistic benchmark file of issue 16: a 400-host fleet over two weeks where exactly
    /// round(lines x density) lines carry a payload, those payload lines have exactly <c>distinct</c> different command
    /// lines (or every one is different), and twice as many lines again mention base64 without carrying a payload.
    /// Payload, mention and ordinary lines are spread evenly through the file (selection sampling), and a variant is
    /// introduced at a steady rate until all are used, then reused. Same arguments and seed, same bytes.
    /// </summary>
    public sealed class RealisticLogGenerator
    {
        public const ulong DefaultSeed = 16000016;

        /// <summary>Lines that mention base64 without a payload, per payload line (the issue's ~2x).</summary>
        public const int MentionsPerPayload = 2;

        private readonly long lines;
        private readonly long payloadLines;
        private readonly long distinct;
        private readonly long mentionLines;
        private readonly ulong seed;

        /// <param name="distinct">Different payload command lines; 0 or less means every payload line is different.</param>
        public RealisticLogGenerator(long lines, long distinct, double density, ulong seed = DefaultSeed)
        {
            if (lines < 0) throw new ArgumentOutOfRangeException(nameof(lines), "lines must be 0 or more");
            if (!(density >= 0 && density <= 1.0 / (1 + MentionsPerPayload)))
                throw new ArgumentOutOfRangeException(nameof(density), "density must be between 0 and " + (1.0 / (1 + MentionsPerPayload)).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " (each payload line comes with " + MentionsPerPayload + " lines that only mention base64)");
            this.lines = lines;
            payloadLines = (long)Math.Round(lines * density, MidpointRounding.AwayFromZero);
            this.distinct = distinct <= 0 ? payloadLines : distinct;
            if (this.distinct > payloadLines && payloadLines > 0)
                throw new ArgumentException($"{distinct} distinct payloads need at least as many payload lines; {lines} lines at density {density} give {payloadLines}.", nameof(distinct));
            if (payloadLines == 0) this.distinct = 0;
            mentionLines = payloadLines * MentionsPerPayload;
            this.seed = seed;
        }

        public RealisticLogSummary Write(TextWriter writer)
        {
            var rng = new DeterministicRandom(seed);
            var hosts = RealisticFleet.All;
            var counters = new HostCounters(rng, hosts.Count);
            var clock = new BenchmarkClock(lines);
            // The ordinary commands of each role, without the sample's look-alikes: this file's base64 mentions are counted.
            var benignByRole = hosts.Select(h => h.Role).Distinct().ToDictionary(r => r, r => BenignCommands.WeightedFor(r)
                .Where(c => !c.IsLookAlike).Select(c => (c, ExecTemplate.For(c.Account, c.Program, c.Argv.Length, c.CommandLine))).ToArray());
            var mentions = RealisticPayloads.MentionsNoPayload.Select(m =>
            {
                string commandLine = BashEscape.TtyEscape(BashEscape.Join(m.Argv));
                var program = ExecProgram.For(m.Argv[0]);
                return (m.Account, Program: program, Argc: m.Argv.Length, CommandLine: commandLine,
                    Template: ExecTemplate.For(m.Account, program, m.Argv.Length, commandLine));
            }).ToArray();
            // Variants' formatted tails are cached while they fit in a few tens of MB; beyond that they are rebuilt per line.
            var cache = new Dictionary<long, (RealisticPayload Payload, ExecTemplate Template)>();
            const int cacheLimit = 40000;
            var hostsWithPayloads = new HashSet<int>();

            long payloadLeft = payloadLines, mentionLeft = mentionLines, introduced = 0;
            var sb = new StringBuilder(4096);
            var record = new ExecRecord();

            for (long n = 0; n < lines; n++)
            {
                var time = clock.Next(rng);
                long left = lines - n;
                long draw = (long)(rng.NextDouble() * left);
                sb.Clear();
                record.Time = time;
                record.Registers = rng.NextUInt64();
                record.Cwd = null;
                int h;
                if (draw < payloadLeft)
                {
                    // A new variant while the unused ones are as many as the payload lines left, or by their share.
                    long unused = distinct - introduced;
                    long v;
                    if (unused >= payloadLeft || (unused > 0 && rng.NextDouble() * payloadLeft < unused)) v = introduced++;
                    else v = (long)(rng.NextDouble() * introduced);
                    payloadLeft--;
                    if (!cache.TryGetValue(v, out var entry))
                    {
                        var p = RealisticPayloads.Variant(v);
                        var e = p.Payload.Encoded;
                        entry = (p, ExecTemplate.For(p.Payload.Account, ExecProgram.For(e.Argv[0]), e.Argv.Count, e.CommandLine));
                        if (cache.Count < cacheLimit) cache[v] = entry;
                    }
                    h = entry.Payload.FleetWide ? rng.Next(hosts.Count) : entry.Payload.HomeHost;
                    hostsWithPayloads.Add(h);
                    counters.Advance(rng, h, hosts[h].Name, record);
                    AuomsLineFormatter.AppendExecveLine(sb, record, entry.Template);
                }
                else if (draw < payloadLeft + mentionLeft)
                {
                    mentionLeft--;
                    var m = mentions[rng.Next(mentions.Length)];
                    h = rng.Next(hosts.Count);
                    counters.Advance(rng, h, hosts[h].Name, record);
                    AuomsLineFormatter.AppendExecveLine(sb, record, m.Template);
                }
                else
                {
                    h = rng.Next(hosts.Count);
                    counters.Advance(rng, h, hosts[h].Name, record);
                    var list = benignByRole[hosts[h].Role];
                    var (command, template) = list[rng.Next(list.Length)];
                    BenchmarkFile.AppendOrdinaryLine(sb, record, command, template, rng.Next(1000), h);
                }
                writer.Write(sb);
                writer.Write('\n');
            }
            return new RealisticLogSummary
            {
                Lines = lines, PayloadLines = payloadLines, DistinctPayloads = introduced, MentionLines = mentionLines,
                Hosts = hosts.Count, HostsWithPayloads = hostsWithPayloads.Count,
            };
        }

        /// <summary>Writes the file at <paramref name="path"/> (UTF-8, "\n").</summary>
        public RealisticLogSummary WriteFile(string path) => BenchmarkFile.Write(path, Write);
    }
}

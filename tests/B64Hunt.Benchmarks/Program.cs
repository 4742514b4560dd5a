using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using B64Hunt.Benchmarks.SampleGenerator;
using BenchmarkDotNet.Running;

namespace B64Hunt.Benchmarks
{
    /// <summary>
    /// sample   --out DIR                                   the bundled sample hunt (module/data/sample)
    /// generate --lines N --out FILE [--payload-ratio R]    an AUOMS syslog file of N lines for the benchmark
    /// realistic --lines N --distinct D|all --density R --out FILE [--seed N]   the realistic fleet file of issue 16
    /// scan --file FILE [--runs N]                          the plain C# line scan the benchmark compares against
    /// first-sight [--commands N]                           µs a distinct command: decode, classify, tag, IoC scan
    /// gzip-payload "command"                               gzip+base64 of a command, to author a Gzip sample payload
    /// bdn [filter] [BenchmarkDotNet options]               BenchmarkDotNet over the engine's hot paths
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            try
            {
                string command = args.Length > 0 ? args[0] : "help";
                var rest = args.Skip(1).ToArray();
                switch (command)
                {
                    case "sample": return Sample(rest);
                    case "generate": return Generate(rest);
                    case "realistic": return Realistic(rest);
                    case "scan": return LineScan.Run(rest);
                    case "first-sight": return FirstSight.Run(rest);
                    case "decode-lines": return DecodeLines.Run(rest);
                    case "gzip-payload":
                        foreach (var text in rest) Console.WriteLine(PayloadEncoder.GzipBase64(text));
                        return 0;
                    case "bdn": return Bdn(rest);
                    case "help":
                    case "--help":
                    case "-h":
                        Usage(Console.Out);
                        return 0;
                    default:
                        Console.Error.WriteLine("Unknown command '" + command + "'.");
                        Usage(Console.Error);
                        return 2;
                }
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        }

        private static void Usage(TextWriter w)
        {
            w.WriteLine("B64Hunt.Benchmarks: sample data generator and benchmark harness");
            w.WriteLine("  sample --out DIR [--seed N]                              writes the bundled sample hunt (auoms-syslog.log, alerts.csv, ti-feed.csv, README.md)");
            w.WriteLine("  generate --lines N --out FILE [--payload-ratio 0.02] [--seed N]   streams an AUOMS syslog file of N lines");
            w.WriteLine("  realistic --lines N --distinct D|all --density 0.08 --out FILE [--seed N]   a 400-host fleet file with exactly D distinct payload lines (summary in FILE.summary.json)");
            w.WriteLine("  scan --file FILE [--runs 3]                              counts lines containing \"base64\" (the benchmark's C# baseline), prints JSON");
            w.WriteLine("  first-sight [--commands 3000]                            first-sight cost of a distinct command per stage (µs), prints JSON");
            w.WriteLine("  decode-lines --file LOG|--lines FILE [--rounds 20] [--write FILE]   the decoder alone on each prefiltered line, no memo (CPU µs, bytes a line), prints JSON");
            w.WriteLine("  gzip-payload \"command\"                                   prints gzip+base64 of a command");
            w.WriteLine("  bdn [filter] [BenchmarkDotNet options]                   runs the BenchmarkDotNet benchmarks (filter: a class or method name part)");
        }

        private static int Sample(string[] args)
        {
            string output = Option(args, "--out") ?? throw new ArgumentException("sample needs --out DIR");
            ulong seed = ulong.Parse(Option(args, "--seed") ?? SampleHuntGenerator.DefaultSeed.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            var watch = Stopwatch.StartNew();
            var summary = new SampleHuntGenerator(seed).WriteTo(output);
            watch.Stop();
            Console.WriteLine(
                $"Wrote {output}: {summary.Lines} lines ({summary.ExecveLines} AUOMS_EXECVE, {summary.PayloadLines} with payloads, {summary.MalformedLines} malformed), " +
                $"{summary.Hosts} hosts, {summary.Days} days, {summary.DistinctPayloads} distinct encoded commands " +
                $"({string.Join(", ", summary.DistinctPayloadsByKind.OrderBy(k => k.Key).Select(k => k.Key + " " + k.Value))}), " +
                $"{summary.Alerts} alerts, {summary.TiIndicators} TI indicators in {watch.Elapsed.TotalMilliseconds:F0} ms");
            return 0;
        }

        private static int Generate(string[] args)
        {
            long lines = long.Parse(Option(args, "--lines") ?? throw new ArgumentException("generate needs --lines N"), NumberStyles.Integer, CultureInfo.InvariantCulture);
            string output = Option(args, "--out") ?? throw new ArgumentException("generate needs --out FILE");
            double ratio = double.Parse(Option(args, "--payload-ratio") ?? "0.02", CultureInfo.InvariantCulture);
            ulong seed = ulong.Parse(Option(args, "--seed") ?? BenchmarkLogGenerator.DefaultSeed.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (lines < 0) throw new ArgumentException("--lines must be 0 or more");
            var watch = Stopwatch.StartNew();
            long payloads = new BenchmarkLogGenerator(ratio, seed).WriteFile(output, lines);
            watch.Stop();
            long bytes = new FileInfo(output).Length;
            Console.WriteLine(
                $"Wrote {output}: {lines} lines, {payloads} with payloads, {bytes / 1048576.0:F1} MiB ({(lines > 0 ? bytes / (double)lines : 0):F0} bytes a line) " +
                $"in {watch.Elapsed.TotalSeconds:F2} s ({(lines / Math.Max(watch.Elapsed.TotalSeconds, 1e-9)):F0} lines/s)");
            return 0;
        }

        private static int Realistic(string[] args)
        {
            long lines = long.Parse(Option(args, "--lines") ?? throw new ArgumentException("realistic needs --lines N"), NumberStyles.Integer, CultureInfo.InvariantCulture);
            string distinctText = Option(args, "--distinct") ?? throw new ArgumentException("realistic needs --distinct D (a count, or all)");
            long distinct = string.Equals(distinctText, "all", StringComparison.OrdinalIgnoreCase) ? 0
                : long.Parse(distinctText, NumberStyles.Integer, CultureInfo.InvariantCulture);
            if (distinct <= 0 && !string.Equals(distinctText, "all", StringComparison.OrdinalIgnoreCase)) throw new ArgumentException("--distinct must be 1 or more, or all");
            double density = double.Parse(Option(args, "--density") ?? throw new ArgumentException("realistic needs --density R"), CultureInfo.InvariantCulture);
            string output = Option(args, "--out") ?? throw new ArgumentException("realistic needs --out FILE");
            ulong seed = ulong.Parse(Option(args, "--seed") ?? RealisticLogGenerator.DefaultSeed.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            RealisticLogGenerator generator;
            try { generator = new RealisticLogGenerator(lines, distinct, density, seed); }
            catch (ArgumentOutOfRangeException e) { throw new ArgumentException(e.Message, e); }
            var watch = Stopwatch.StartNew();
            var summary = generator.WriteFile(output);
            watch.Stop();
            File.WriteAllText(output + ".summary.json", System.Text.Json.JsonSerializer.Serialize(summary));
            Console.WriteLine(
                $"Wrote {output}: {summary.Lines} lines, {summary.PayloadLines} with payloads ({summary.DistinctPayloads} distinct), " +
                $"{summary.MentionLines} mentioning base64 without one, {summary.HostsWithPayloads} of {summary.Hosts} hosts with payloads, " +
                $"{new FileInfo(output).Length / 1048576.0:F1} MiB in {watch.Elapsed.TotalSeconds:F2} s");
            return 0;
        }

        private static int Bdn(string[] args)
        {
            // "bdn Decoder" is short for "bdn --filter *Decoder*"; anything starting with '-' goes to BenchmarkDotNet as is.
            var bdnArgs = args.Length > 0 && !args[0].StartsWith("-", StringComparison.Ordinal)
                ? new[] { "--filter", "*" + args[0] + "*" }.Concat(args.Skip(1)).ToArray()
                : args.Length == 0 ? new[] { "--filter", "*" } : args;
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(bdnArgs);
            return 0;
        }

        internal static string? Option(string[] args, string name)
        {
            for (int i = 0; i < args.Length - 1; i++)
                if (string.Equals(args[i], name, StringComparison.Ordinal)) return args[i + 1];
            return null;
        }
    }
}

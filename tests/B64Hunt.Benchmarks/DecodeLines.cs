using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using B64Hunt.Decoding;
using B64Hunt.Sources;

namespace B64Hunt.Benchmarks
{
    /// <summary>
    /// The decoder alone on every command line of a log that passes the payload prefilter, each decoded as if first seen
    /// (PayloadDecoder.Decode, no memo), so a file whose payloads are all different costs what a real fleet's first sight
    /// costs. Reports CPU µs and allocated bytes per line, best of N rounds. `--write FILE` keeps the lines (one JSON string
    /// each) so another build of the engine can decode exactly the same ones (`--lines FILE`).
    /// </summary>
    public static class DecodeLines
    {
        public static int Run(string[] args)
        {
            string? log = Program.Option(args, "--file"), linesFile = Program.Option(args, "--lines"), write = Program.Option(args, "--write");
            int rounds = int.Parse(Program.Option(args, "--rounds") ?? "20", CultureInfo.InvariantCulture);
            if ((log == null) == (linesFile == null)) throw new ArgumentException("decode-lines needs --file LOG or --lines FILE");
            if (rounds < 1) throw new ArgumentException("--rounds must be 1 or more");
            string[] lines = log != null ? FromLog(log) : File.ReadLines(linesFile!).Select(l => JsonSerializer.Deserialize<string>(l)!).ToArray();
            if (lines.Length == 0) throw new ArgumentException("no command line passes the prefilter: nothing to measure");
            if (write != null) File.WriteAllLines(write, lines.Select(l => JsonSerializer.Serialize(l)));

            var decoder = new PayloadDecoder();
            long payloads = 0;
            foreach (string line in lines) payloads += decoder.Decode(line).Count; // warm-up: JIT and tiering
            System.Threading.Thread.Sleep(500);

            var process = Process.GetCurrentProcess();
            double bestMicros = double.MaxValue, bestBytes = double.MaxValue;
            for (int r = 0; r < rounds; r++)
            {
                process.Refresh();
                TimeSpan cpu = process.TotalProcessorTime;
                long allocated = GC.GetAllocatedBytesForCurrentThread();
                long n = 0;
                foreach (string line in lines) n += decoder.Decode(line).Count;
                long bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
                process.Refresh();
                double micros = (process.TotalProcessorTime - cpu).TotalMilliseconds * 1000 / lines.Length;
                if (n != payloads) throw new InvalidOperationException("A round decoded a different number of payloads: the decoder is not deterministic.");
                bestMicros = Math.Min(bestMicros, micros);
                bestBytes = Math.Min(bestBytes, bytes / (double)lines.Length);
            }
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                Lines = lines.Length,
                Distinct = lines.Distinct(StringComparer.Ordinal).Count(),
                Payloads = payloads,
                Rounds = rounds,
                CpuMicrosPerLine = Math.Round(bestMicros, 2),
                BytesPerLine = Math.Round(bestBytes),
            }));
            return 0;
        }

        /// <summary>The command lines of a log's records that pass the byte prefilter, as Get-B64Command reads them.</summary>
        private static string[] FromLog(string path)
        {
            var options = new LogReadOptions { CommandLineByteFilter = PayloadDecoder.MayContainPayload };
            var lines = new List<string>();
            foreach (var item in LogFileReader.Read(path, options, new ReadStatistics(), default))
                if (item.Record != null) lines.Add(item.Record.CommandLine);
            return lines.ToArray();
        }
    }
}

using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace B64Hunt.Benchmarks
{
    /// <summary>
    /// The benchmark's C# baseline: read a file line by line and count the lines containing "base64", nothing more.
    /// What any line-oriented tool must at least pay on this runtime; Get-B64Command's time is compared with it.
    /// </summary>
    public static class LineScan
    {
        public static long Count(string path)
        {
            long matches = 0;
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
            string? line;
            while ((line = reader.ReadLine()) != null)
                if (line.Contains("base64", StringComparison.Ordinal)) matches++;
            return matches;
        }

        public static int Run(string[] args)
        {
            string path = null!;
            int runs = 3;
            for (int i = 0; i < args.Length - 1; i++)
            {
                if (args[i] == "--file") path = args[i + 1];
                else if (args[i] == "--runs") runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
            if (path == null) throw new ArgumentException("scan needs --file FILE");
            if (!File.Exists(path)) throw new ArgumentException("scan: no file " + path);
            double first = 0, best = double.MaxValue;
            long matches = 0;
            for (int r = 0; r < Math.Max(1, runs); r++)
            {
                var watch = Stopwatch.StartNew();
                matches = Count(path);
                watch.Stop();
                if (r == 0) first = watch.Elapsed.TotalSeconds;
                best = Math.Min(best, watch.Elapsed.TotalSeconds);
            }
            Console.WriteLine(JsonSerializer.Serialize(new { Matches = matches, FirstSeconds = first, BestSeconds = best, Runs = runs }));
            return 0;
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading;
using B64Hunt.Errors;
using B64Hunt.Model;
using B64Hunt.Sources;
using Xunit;

namespace B64Hunt.Tests.Fuzz
{
    /// <summary>
    /// LogFileReader under hostile files: every format (forced or detected) and gzip. Good records among
    /// mutated lines still come out with their own file:line, each bad line yields at most one problem,
    /// and every problem has a documented id and a target.
    /// </summary>
    [Collection("Fuzz")]
    public sealed class SourceFuzzTests
    {
        internal static readonly string[] SourceIds =
        {
            ErrorIds.MalformedAuomsRecord, ErrorIds.MalformedAuditdRecord, ErrorIds.MissingCommandLineColumn,
            ErrorIds.MalformedRow, ErrorIds.MalformedJson, ErrorIds.LineTooLong, ErrorIds.FileReadError,
            ErrorIds.DecompressedSizeLimit, ErrorIds.DetectedFormatYieldedNothing,
        };

        private static readonly string[] FixtureNames =
        {
            "array.json", "audit.log", "auoms-bare.log", "auoms-rfc3164.log", "auoms-rfc5424.log", "auoms-rotated.log.2.gz",
            "deviceprocessevents.csv", "la-rest.json", "la-syslog-export.csv", "no-command-column.csv", "rows.jsonl",
        };

        private static readonly LogFormat[] Formats = (LogFormat[])Enum.GetValues(typeof(LogFormat));

        internal sealed class Outcome
        {
            public List<CommandRecord> Records { get; } = new List<CommandRecord>();
            public List<Problem> Problems { get; } = new List<Problem>();
            public ReadStatistics Stats { get; } = new ReadStatistics();
        }

        internal static Outcome Read(byte[] content, string name, LogReadOptions options, FuzzCase fuzzCase)
        {
            var outcome = new Outcome();
            using var stream = new MemoryStream(content, writable: false);
            foreach (var item in LogFileReader.Read(stream, name, options, outcome.Stats, CancellationToken.None))
            {
                Assert.True((item.Record == null) != (item.Problem == null), "an item is exactly one of record and problem");
                if (item.Problem != null)
                {
                    FuzzAssert.ValidProblem(item.Problem, SourceIds, fuzzCase);
                    string target = Assert.IsType<string>(item.Problem.Target);
                    Assert.True(target == name || target.StartsWith(name + ":", StringComparison.Ordinal),
                        $"problem target '{target}' does not name the input '{name}'");
                    outcome.Problems.Add(item.Problem);
                }
                else
                {
                    var record = item.Record!;
                    Assert.StartsWith(name + ":", record.Source);
                    Assert.NotNull(record.CommandLine);
                    outcome.Records.Add(record);
                }
            }
            return outcome;
        }

        internal static byte[] Gzip(byte[] content)
        {
            using var buffer = new MemoryStream();
            using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(content, 0, content.Length);
            return buffer.ToArray();
        }

        internal static byte[] Gunzip(byte[] content)
        {
            using var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
            using var buffer = new MemoryStream();
            gzip.CopyTo(buffer);
            return buffer.ToArray();
        }

        /// <summary>A mutated line that stays one line (no line breaks) so it cannot touch its neighbours.</summary>
        private static byte[] MutatedLine(FuzzRng rng, byte[] line, IReadOnlyList<byte[]> donors, params byte[] forbidden)
        {
            var mutated = Mutator.Mutate(rng, line, 5, donors);
            return mutated.Where(b => b != (byte)'\n' && b != (byte)'\r' && Array.IndexOf(forbidden, b) < 0).ToArray();
        }

        private static byte[] Join(IEnumerable<byte[]> lines)
        {
            var buffer = new MemoryStream();
            foreach (var line in lines)
            {
                buffer.Write(line, 0, line.Length);
                buffer.WriteByte((byte)'\n');
            }
            return buffer.ToArray();
        }

        /// <summary>
        /// Reads a file of good lines interleaved with bad ones and checks: every good record comes out with its
        /// own line number and command line; problems only name bad lines (or the file); at most one problem a bad line.
        /// </summary>
        private static void GoodAmongBad(FuzzCase c, string name, byte[]? header, List<byte[]> good, Func<FuzzRng, byte[]> bad,
            LogFormat format, Func<Outcome, int, string?>? expectedCommand = null)
        {
            var rng = c.Rng;
            var firstLineOf = new List<int>();
            var lines = new List<byte[]>();
            var badLines = new HashSet<int>();
            if (header != null) lines.Add(header);
            int badCount = 0;
            foreach (var line in good)
            {
                // Detection reads the content: with Auto the file starts as its format does (a first line of
                // garbage starting with '[' is a JSON file by design), so bad lines come only after the first good one.
                while ((format != LogFormat.Auto || firstLineOf.Count > 0) && rng.Chance(50))
                {
                    lines.Add(lines.Count == 0 ? NoFileMagic(bad(rng)) : bad(rng));
                    badLines.Add(lines.Count);
                    badCount++;
                }
                lines.Add(line);
                firstLineOf.Add(lines.Count);
            }
            while (rng.Chance(50)) { lines.Add(bad(rng)); badLines.Add(lines.Count); badCount++; }

            byte[] clean = Join((header != null ? new[] { header } : Array.Empty<byte[]>()).Concat(good));
            byte[] mixed = Join(lines);
            bool gzip = rng.Chance(20);
            c.Input = gzip ? Gzip(mixed) : mixed;
            var options = new LogReadOptions { Format = format };

            var expected = Read(clean, name, options, c);
            Assert.Empty(expected.Problems);
            Assert.Equal(good.Count, expected.Records.Count);
            var outcome = Read(c.Input, name, options, c);

            var bySource = outcome.Records.GroupBy(r => r.Source).ToDictionary(g => g.Key, g => g.ToList());
            for (int i = 0; i < good.Count; i++)
            {
                string source = name + ":" + firstLineOf[i];
                Assert.True(bySource.TryGetValue(source, out var found), $"good record at {source} is missing (silently dropped); problems: {string.Join(" | ", outcome.Problems)}");
                Assert.Contains(found!, r => r.CommandLine == expected.Records[i].CommandLine);
            }
            Assert.True(outcome.Problems.Count <= badCount, $"{outcome.Problems.Count} problems for {badCount} bad lines");
            foreach (var problem in outcome.Problems)
            {
                string target = (string)problem.Target!;
                if (target == name) continue;
                int line = int.Parse(target.Substring(name.Length + 1));
                Assert.True(badLines.Contains(line), $"problem '{problem}' names line {line}, which is a good line");
            }
        }

        /// <summary>
        /// A bad first line must not start with what declares the whole file's encoding (UTF-16 byte-order marks) or
        /// compression (gzip magic): those are file-level facts by design, not a bad line.
        /// </summary>
        private static byte[] NoFileMagic(byte[] line)
        {
            bool magic = line.Length >= 2 && ((line[0] == 0xFE && line[1] == 0xFF) || (line[0] == 0xFF && line[1] == 0xFE) || (line[0] == 0x1F && line[1] == 0x8B));
            return magic ? new[] { (byte)'x' }.Concat(line).ToArray() : line;
        }

        [Fact]
        public void AuomsGoodLinesSurviveMutatedNeighbours()
        {
            var donors = FuzzSeeds.Donors(FuzzSeeds.SampleLines.Take(300));
            FuzzRunner.Run("auoms-good-bad", 300, c =>
            {
                var rng = c.Rng;
                var good = new List<byte[]>();
                int n = rng.Next(1, 25);
                for (int i = 0; i < n; i++) good.Add(Mutator.B(rng.Pick(FuzzSeeds.PayloadLines)));
                GoodAmongBad(c, "fuzz.log", null, good,
                    r => MutatedLine(r, Mutator.B(r.Pick(FuzzSeeds.SampleLines)), donors),
                    rng.Chance(50) ? LogFormat.AuomsSyslog : LogFormat.Auto);
            });
        }

        [Fact]
        public void JsonLinesGoodRowsSurviveMutatedRows()
        {
            var donors = FuzzSeeds.Donors(FuzzSeeds.SampleLines.Take(100));
            FuzzRunner.Run("jsonl-good-bad", 250, c =>
            {
                var rng = c.Rng;
                var good = new List<byte[]>();
                int n = rng.Next(1, 20);
                for (int i = 0; i < n; i++) good.Add(JsonRow(rng));
                GoodAmongBad(c, "fuzz.jsonl", null, good, r => MutatedLine(r, JsonRow(r), donors), LogFormat.JsonLines);
            });
        }

        [Fact]
        public void CsvGoodRowsSurviveMutatedRows()
        {
            var donors = FuzzSeeds.Donors(FuzzSeeds.SampleLines.Take(100));
            FuzzRunner.Run("csv-good-bad", 250, c =>
            {
                var rng = c.Rng;
                var good = new List<byte[]>();
                int n = rng.Next(1, 20);
                for (int i = 0; i < n; i++) good.Add(CsvRow(rng));
                // Bad rows keep no quote: an unbalanced quote legitimately runs to the end of the file in RFC 4180.
                GoodAmongBad(c, "fuzz.csv", Mutator.B("TimeGenerated,Computer,ProcessCommandLine,AccountName"), good,
                    r => MutatedLine(r, CsvRow(r), donors, (byte)'"'), LogFormat.Csv);
            });
        }

        [Fact]
        public void AuditdGoodEventsSurviveMutatedRecords()
        {
            string[] fixtureLines = File.ReadAllLines(FuzzSeeds.SourceFixture("audit.log"));
            var donors = FuzzSeeds.Donors(fixtureLines);
            FuzzRunner.Run("auditd-good-bad", 250, c =>
            {
                var rng = c.Rng;
                int n = rng.Next(1, 15);
                var good = new List<byte[]>();
                var commands = FuzzSeeds.PayloadLines;
                for (int i = 0; i < n; i++)
                {
                    string serial = "777" + i.ToString("D4");
                    string cmd = ExtractCmdline(rng.Pick(commands));
                    string hex = BitConverter.ToString(Encoding.UTF8.GetBytes(cmd)).Replace("-", "");
                    good.Add(Mutator.B($"type=EXECVE msg=audit(1551487424.869:{serial}): argc=3 a0=\"/bin/sh\" a1=\"-c\" a2={hex}"));
                }
                // Mutated records never carry a good event's serial (they would join that event).
                GoodAmongBad(c, "audit.log", null, good, r =>
                {
                    while (true)
                    {
                        var line = MutatedLine(r, Mutator.B(r.Pick(fixtureLines)), donors);
                        if (!Encoding.UTF8.GetString(line).Contains("777")) return line;
                    }
                }, rng.Chance(50) ? LogFormat.Auditd : LogFormat.Auto);
            });
        }

        [Fact]
        public void MutatedFixturesInEveryFormat()
        {
            var fixtures = FixtureNames.Select(n => new KeyValuePair<string, byte[]>(n, FuzzSeeds.Fixture(n))).ToList();
            var donors = fixtures.Select(f => f.Value).ToList();
            FuzzRunner.Run("source-fixtures", 1500, c =>
            {
                var rng = c.Rng;
                var fixture = rng.Pick(fixtures);
                byte[] content = fixture.Value;
                bool compressed = fixture.Key.EndsWith(".gz", StringComparison.Ordinal);
                int mode = rng.Next(10);
                if (mode == 0)
                {
                    content = Mutator.RandomBlob(rng, rng.Next(0, 4096)); // pure random
                }
                else if (compressed && mode < 4)
                {
                    content = Mutator.Mutate(rng, content, 3); // corrupt the gzip stream itself
                }
                else
                {
                    byte[] plain = compressed ? Gunzip(content) : content;
                    plain = Mutator.Mutate(rng, plain, 8, donors);
                    content = compressed || rng.Chance(10) ? Gzip(plain) : plain;
                }
                c.Input = content;
                var format = rng.Chance(60) ? LogFormat.Auto : rng.Pick(Formats);
                var options = new LogReadOptions { Format = format, MaxLineLength = rng.Chance(20) ? rng.Next(16, 400) : 16 * 1024 * 1024 };
                var outcome = Read(content, fixture.Key, options, c);
                Assert.Equal(outcome.Records.Count, outcome.Stats.Records);
                Assert.True(outcome.Stats.Malformed <= outcome.Problems.Count, $"{outcome.Stats.Malformed} malformed but {outcome.Problems.Count} problems");
            });
        }

        internal static string ExtractCmdline(string auomsLine)
        {
            int at = auomsLine.IndexOf(" cmdline=\"", StringComparison.Ordinal);
            int end = auomsLine.LastIndexOf("\" redactors=", StringComparison.Ordinal);
            return at >= 0 && end > at ? auomsLine.Substring(at + 10, end - at - 10) : "echo aGVsbG8gd29ybGQ= | base64 -d";
        }

        private static string JsonString(string s)
        {
            var sb = new StringBuilder("\"");
            foreach (char ch in s)
            {
                if (ch == '"' || ch == '\\') sb.Append('\\').Append(ch);
                else if (ch < 0x20) sb.Append("\\u").Append(((int)ch).ToString("x4"));
                else sb.Append(ch);
            }
            return sb.Append('"').ToString();
        }

        private static byte[] JsonRow(FuzzRng rng) => Mutator.B(
            "{\"TimeGenerated\":\"2026-10-01T00:00:0" + rng.Next(10) + "Z\",\"Computer\":\"host-" + rng.Next(100) +
            "\",\"CommandLine\":" + JsonString(ExtractCmdline(rng.Pick(FuzzSeeds.PayloadLines))) + "}");

        private static byte[] CsvRow(FuzzRng rng) => Mutator.B(
            "2026-10-01T00:00:0" + rng.Next(10) + "Z,host-" + rng.Next(100) + ",\"" +
            ExtractCmdline(rng.Pick(FuzzSeeds.PayloadLines)).Replace("\"", "\"\"") + "\",root");
            [Fact]
        public void WorkspaceSyslogRowsGoodAmongBad()
        {
            // Raw Syslog rows from a Log Analytics workspace go through the same AUOMS/auditd parsers, one row at a time.
            var donors = FuzzSeeds.Donors(FuzzSeeds.SampleLines.Take(200));
            FuzzRunner.Run("workspace-syslog", 300, c =>
            {
                var rng = c.Rng;
                var reader = new SyslogRowReader("workspace", new LogReadOptions(), new ReadStatistics());
                var good = new Dictionary<long, string>();
                var bad = new HashSet<long>();
                var records = new List<CommandRecord>();
                var problems = new List<Problem>();
                void Take(IEnumerable<SourceItem> items)
                {
                    foreach (var item in items)
                    {
                        if (item.Problem != null)
                        {
                            FuzzAssert.ValidProblem(item.Problem, SourceIds, c);
                            problems.Add(item.Problem);
                        }
                        else records.Add(item.Record!);
                    }
                }
                int rows = rng.Next(1, 40);
                for (long row = 1; row <= rows; row++)
                {
                    string line = rng.Pick(FuzzSeeds.PayloadLines);
                    string message = line.Substring(line.IndexOf("type=", StringComparison.Ordinal));
                    if (rng.Chance(50))
                    {
                        good[row] = message;
                    }
                    else
                    {
                        message = rng.Chance(5) ? null! : Mutator.MutateText(rng, rng.Chance(10) ? Mutator.Nesting(rng, 300) : message, 6, donors);
                        bad.Add(row);
                    }
                    Take(reader.Add(message, rng.Chance(10) ? (DateTime?)null : DateTime.UtcNow, rng.Chance(10) ? null : "host", null, row));
                }
                Take(reader.Complete());
                foreach (var pair in good)
                {
                    Assert.True(records.Any(r => r.Source.EndsWith(":" + pair.Key, StringComparison.Ordinal) || r.Source.EndsWith("row " + pair.Key, StringComparison.Ordinal)),
                        $"good row {pair.Key} is missing; sources: {string.Join(", ", records.Select(r => r.Source))}");
                }
                Assert.True(problems.Count <= bad.Count, $"{problems.Count} problems for {bad.Count} bad rows");
            });
        }
    }
}

using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using B64Hunt.Errors;
using B64Hunt.Model;
using B64Hunt.Sources;
using Xunit;
using static B64Hunt.Tests.Sources.SourceTestSupport;

namespace B64Hunt.Tests.Sources
{
    public class BadInputTests
    {
        private static string AuomsLine(string cmdline, int serial) =>
            $"Mar  1 12:00:01 web01 auoms[1]: type=AUOMS_EXECVE audit(1709294401.000:{serial}): SchemaVersion=\"1\" user=root uid=0 comm=\"bash\" cmdline=\"{cmdline}\" redactors= containerid=\n";

        [Fact]
        public void AParserFailureOnOneLineCostsThatLineOnlyAndTheFileGoesOn()
        {
            // A filter that throws stands in for any unexpected parser failure inside one line's handling.
            var content = Encoding.UTF8.GetBytes(AuomsLine("echo one", 1) + AuomsLine("echo BOOM", 2) + AuomsLine("echo three", 3));
            var options = new LogReadOptions
            {
                CommandLineByteFilter = bytes => Encoding.UTF8.GetString(bytes.ToArray()).Contains("BOOM")
                    ? throw new InvalidOperationException("parser bug") : true,
            };

            var result = ReadBytes(content, "syslog", options);

            Assert.Equal(new[] { "echo one", "echo three" }, result.Records.Select(r => r.CommandLine));
            var problem = Assert.Single(result.Problems);
            Assert.Equal(ErrorIds.UnparsableLine, problem.ErrorId);
            Assert.Equal("syslog:2", problem.Target);
            Assert.Contains("parser bug", problem.Message);
            Assert.Equal(1, result.Stats.Malformed);
        }

        [Fact]
        public void TenMegabyteLineIsReadWhole()
        {
            using var temp = new TempDirectory();
            string path = temp.File("big.log");
            string huge = "echo " + new string('Q', 10 * 1024 * 1024) + " | base64 -d";
            File.WriteAllText(path, AuomsLine("id", 1) + AuomsLine(huge, 2) + AuomsLine("whoami", 3));
            var result = Read(path);
            Assert.Empty(result.Problems);
            Assert.Equal(new[] { "id", huge, "whoami" }, result.Records.Select(r => r.CommandLine));
            Assert.Equal(path + ":3", result.Records[2].Source);
        }

        [Fact]
        public void LineOverTheLimitIsSkippedAndTheStreamGoesOn()
        {
            using var temp = new TempDirectory();
            string path = temp.File("big.log");
            File.WriteAllText(path, AuomsLine("id", 1) + AuomsLine(new string('Q', 10 * 1024 * 1024), 2) + AuomsLine("whoami", 3));
            var result = Read(path, new LogReadOptions { MaxLineLength = 1024 * 1024 });
            Assert.Equal(new[] { "id", "whoami" }, result.Records.Select(r => r.CommandLine));
            Assert.Equal(path + ":3", result.Records[1].Source);
            var problem = Assert.Single(result.Problems);
            Assert.Equal(ErrorIds.LineTooLong, problem.ErrorId);
            Assert.Equal(ProblemKind.LimitsExceeded, problem.Kind);
            Assert.Equal(path + ":2", problem.Target);
            Assert.Equal(3, result.Stats.LinesRead);
            Assert.Equal(1, result.Stats.LinesSkipped);
        }

        [Fact]
        public void OverlongCsvRecordAndJsonElementAreSkipped()
        {
            string csv = "CommandLine\n\"" + new string('x', 5000) + "\"\nid\n";
            var csvResult = ReadBytes(Encoding.UTF8.GetBytes(csv), "c.csv", new LogReadOptions { MaxLineLength = 1000 });
            Assert.Equal("id", Assert.Single(csvResult.Records).CommandLine);
            Assert.Equal(("LineTooLong", "c.csv:2"), (csvResult.Problems.Single().ErrorId, (string)csvResult.Problems.Single().Target!));

            string json = "[{\"CommandLine\":\"" + new string('x', 500_000) + "\"},\n{\"CommandLine\":\"id\"}]";
            var jsonResult = ReadBytes(Encoding.UTF8.GetBytes(json), "j.json", new LogReadOptions { MaxLineLength = 1000 });
            Assert.Equal("id", Assert.Single(jsonResult.Records).CommandLine);
            Assert.Equal(("LineTooLong", "j.json:1"), (jsonResult.Problems.Single().ErrorId, (string)jsonResult.Problems.Single().Target!));
        }

        [Fact]
        public void BinaryGarbageYieldsNoRecordsAndNoCrash()
        {
            var random = new Random(1234);
            var garbage = new byte[2 * 1024 * 1024];
            random.NextBytes(garbage);
            using var temp = new TempDirectory();
            string path = temp.File("garbage.bin");
            File.WriteAllBytes(path, garbage);
            var result = Read(path);
            Assert.Empty(result.Records);
            Assert.Empty(result.Problems);
            Assert.True(result.Stats.LinesRead > 1000);
            Assert.Equal(result.Stats.LinesRead, result.Stats.LinesSkipped);
            Assert.Equal(garbage.Length, result.Stats.BytesRead);

            // Forced through every parser, garbage still ends cleanly (problems at most, no exception).
            foreach (LogFormat format in new[] { LogFormat.Csv, LogFormat.Json, LogFormat.JsonLines, LogFormat.Auditd })
            {
                var forced = Read(path, new LogReadOptions { Format = format, MaxLineLength = 64 * 1024 });
                Assert.Empty(forced.Records);
                Assert.All(forced.Problems, p => Assert.NotEqual(ErrorIds.FileReadError, p.ErrorId));
            }
        }

        [Fact]
        public void InvalidUtf8IsDecodedWithReplacementCharacters()
        {
            var bytes = Encoding.ASCII.GetBytes(AuomsLine("echo @@ | base64 -d", 1)).ToList();
            int at = bytes.IndexOf((byte)'@');
            bytes[at] = 0xC3;
            bytes[at + 1] = 0x28; // an invalid two-byte sequence
            var record = Assert.Single(ReadBytes(bytes.ToArray(), "u.log").Records);
            Assert.Equal("echo \uFFFD( | base64 -d", record.CommandLine);
        }

        [Fact]
        public void TruncatedLastLineIsReadBestEffort()
        {
            string text = AuomsLine("id", 1) + "Mar  1 12:00:02 web01 auoms[1]: type=AUOMS_EXECVE audit(1709294402.000:2): user=root cmdline=\"echo aGVsbG8=";
            var result = ReadBytes(Encoding.ASCII.GetBytes(text), "t.log");
            Assert.Equal(new[] { "id", "echo aGVsbG8=" }, result.Records.Select(r => r.CommandLine));
        }

        [Fact]
        public void EmptyFileIsZeroRecords()
        {
            using var temp = new TempDirectory();
            string path = temp.File("empty.log");
            File.WriteAllBytes(path, Array.Empty<byte>());
            var result = Read(path);
            Assert.Empty(result.Items);
            Assert.Equal(0, result.Stats.LinesRead);
        }

        [Fact]
        public void MissingFileIsFileReadErrorWithThePathAsTarget()
        {
            string path = Path.Combine(Path.GetTempPath(), "b64hunt-no-such-" + Guid.NewGuid().ToString("N") + ".log");
            var result = Read(path);
            var problem = Assert.Single(result.Items).Problem!;
            Assert.Equal(ErrorIds.FileReadError, problem.ErrorId);
            Assert.Equal(ProblemKind.ReadError, problem.Kind);
            Assert.Equal(path, problem.Target);
            Assert.IsType<FileNotFoundException>(problem.Exception);
        }

        [Fact]
        public void FileIsOpenedOnlyWhenTheEnumerationStarts()
        {
            using var temp = new TempDirectory();
            string path = temp.File("later.log");
            var items = LogFileReader.Read(path, new LogReadOptions(), new ReadStatistics(), CancellationToken.None);
            File.WriteAllText(path, AuomsLine("id", 1)); // created after Read was called
            Assert.Equal("id", Assert.Single(items).Record!.CommandLine);
        }

        [Fact]
        public void DirectoryIsFileReadError()
        {
            using var temp = new TempDirectory();
            var problem = Assert.Single(Read(temp.Path).Items).Problem!;
            Assert.Equal(ErrorIds.FileReadError, problem.ErrorId);
            Assert.Equal(temp.Path, problem.Target);
        }

        [Fact]
        public void CorruptGzipKeepsWhatWasReadThenReportsFileReadError()
        {
            using var temp = new TempDirectory();
            string plain = temp.File("plain.log");
            var text = new StringBuilder();
            var random = new Random(7);
            for (int i = 1; i <= 20000; i++) text.Append(AuomsLine("echo " + random.Next() + " " + Guid.NewGuid(), i));
            File.WriteAllText(plain, text.ToString());
            string gz = temp.Gzip(plain, "plain.log.1.gz");
            byte[] bytes = File.ReadAllBytes(gz);
            for (int i = bytes.Length / 2; i < bytes.Length / 2 + 64; i++) bytes[i] ^= 0x5A;
            File.WriteAllBytes(gz, bytes);

            var result = Read(gz);
            Assert.True(result.Records.Count > 0 && result.Records.Count < 20000);
            var last = result.Items.Last().Problem!;
            Assert.Equal(ErrorIds.FileReadError, last.ErrorId);
            Assert.Equal(ProblemKind.ReadError, last.Kind);
            Assert.Equal(gz, last.Target);
        }

        [Fact]
        public void CancellationStopsTheEnumeration()
        {
            using var cancellation = new CancellationTokenSource();
            var stats = new ReadStatistics();
            var items = LogFileReader.Read(Fixture("auoms-rfc3164.log"), new LogReadOptions(), stats, cancellation.Token);
            using var enumerator = items.GetEnumerator();
            Assert.True(enumerator.MoveNext());
            Assert.NotNull(enumerator.Current.Record);
            cancellation.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => enumerator.MoveNext());
            Assert.Equal(1, stats.Records);
        }

        [Fact]
        public void AlreadyCancelledTokenThrowsBeforeReading()
        {
            var stats = new ReadStatistics();
            var token = new CancellationToken(canceled: true);
            Assert.ThrowsAny<OperationCanceledException>(() => LogFileReader.Read(Fixture("deviceprocessevents.csv"), new LogReadOptions(), stats, token).ToList());
            Assert.Equal(0, stats.Records);
        }

        [Fact]
        public void StatisticsAddUpAcrossFiles()
        {
            var stats = new ReadStatistics();
            int records = 0;
            foreach (var name in new[] { "auoms-rfc3164.log", "audit.log" })
            {
                records += LogFileReader.Read(Fixture(name), new LogReadOptions(), stats, CancellationToken.None).Count(i => i.IsRecord);
            }
            Assert.Equal(8, records);
            Assert.Equal(8, stats.Records);
            Assert.Equal(24, stats.LinesRead);
        }
    }
}

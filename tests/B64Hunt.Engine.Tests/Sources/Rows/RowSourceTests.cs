using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using B64Hunt.Errors;
using B64Hunt.LogAnalytics;
using B64Hunt.Model;
using B64Hunt.Sources;
using B64Hunt.Sources.Rows;
using Xunit;

namespace B64Hunt.Tests.Sources.Rows
{
    /// <summary>The row-source layer: one CSV reader, one streamed JSON reader, one header map, feeding every table reader.</summary>
    public sealed class RowSourceTests
    {
        /// <summary>Counts what is read from a non-seekable stream, so a test sees how much a reader pulled and when.</summary>
        private sealed class CountingReadStream : B64Hunt.IO.ReadOnlyStream
        {
            private readonly Stream _inner;

            public CountingReadStream(byte[] content) => _inner = new MemoryStream(content);

            public long BytesRead { get; private set; }

            public override int Read(byte[] buffer, int offset, int count)
            {
                int n = _inner.Read(buffer, offset, count);
                BytesRead += n;
                return n;
            }
        }

        private static (List<SecurityAlertRow> Rows, List<Problem> Problems) ReadAlerts(byte[] content, string name)
        {
            var problems = new ProblemList();
            var rows = SecurityAlertFileReader.Read(new MemoryStream(content), name, name, problems).ToList();
            return (rows, problems);
        }

        // ------------------------------------------------------------ CSV

        [Fact]
        public void AQuotedLineBreakIsPartOfItsFieldWhereverTheBufferIsRefilled()
        {
            const string csv = "h1,h2\r\n\"multi\nline, with \"\"quotes\"\"\",tail\nnext,row\n";
            // Every refill size puts the break, the quote or the CRLF on some block boundary.
            for (int size = 1; size <= csv.Length + 1; size++)
            {
                var reader = new CsvRecordReader(new StringReader(csv), 1000, size);
                var fields = new List<string>();
                Assert.Equal(CsvStatus.Record, reader.Read(fields));
                Assert.Equal(new[] { "h1", "h2" }, fields);
                Assert.Equal(CsvStatus.Record, reader.Read(fields));
                Assert.Equal(new[] { "multi\nline, with \"quotes\"", "tail" }, fields);
                Assert.Equal(2, reader.RecordLine);
                Assert.Equal(2, reader.RecordLines);
                Assert.Equal(CsvStatus.Record, reader.Read(fields));
                Assert.Equal(new[] { "next", "row" }, fields);
                Assert.Equal(4, reader.RecordLine);
                Assert.Equal(CsvStatus.End, reader.Read(fields));
            }
        }

        [Fact]
        public void AnUnquotedLineBreakStillEndsTheRecord()
        {
            // The look-alike: the same text without the quotes is two records.
            var reader = new CsvRecordReader(new StringReader("h1,h2\nmulti\nline,tail\n"), 1000, 4);
            var fields = new List<string>();
            reader.Read(fields);
            reader.Read(fields);
            Assert.Equal(new[] { "multi" }, fields);
            reader.Read(fields);
            Assert.Equal(new[] { "line", "tail" }, fields);
        }

        [Fact]
        public void AnAlertCsvWhoseQuotedLineBreakStraddlesTheReadersRealBufferKeepsTheRowWhole()
        {
            // The CSV reader refills 64 K characters at a time: put a quoted line break exactly across that boundary.
            const string header = "TimeGenerated [UTC],AlertName,Description,SystemAlertId\n";
            string prefix = header + "2024-05-02T10:00:00Z,First,\"";
            string padding = new string('p', 64 * 1024 - prefix.Length - 1);
            string csv = prefix + padding + "\nsecond line\",a-1\n2024-05-02T11:00:00Z,Second,plain,a-2\n";
            Assert.Equal('\n', csv[64 * 1024 - 1]);
            var (rows, problems) = ReadAlerts(Encoding.UTF8.GetBytes(csv), "big.csv");
            Assert.Empty(problems);
            Assert.Equal(2, rows.Count);
            Assert.Equal(padding + "\nsecond line", rows[0].Values["Description"]);
            Assert.Equal("a-1", rows[0].Values["SystemAlertId"]);
            Assert.Equal("big.csv:2", rows[0].Location);
            Assert.Equal("big.csv:4", rows[1].Location);
        }

        [Fact]
        public void ThreatFeedRowsWithQuotedLineBreaksAreOneRow()
        {
            // The feed reader used to split lines first, cutting such a row in two.
            string path = Path.Combine(Path.GetTempPath(), "b64hunt-feed-" + Guid.NewGuid().ToString("N") + ".csv");
            File.WriteAllText(path, "Indicator,Type,Severity,Description\n203.0.113.7,ipv4,high,\"C2 server\nseen twice\"\n# a comment\n198.51.100.9,,medium,plain\n");
            try
            {
                var problems = new ProblemList();
                var entries = B64Hunt.Intel.LocalFeedReader.Read(path, problems);
                Assert.Empty(problems);
                Assert.Equal(new[] { "203.0.113.7", "198.51.100.9" }, entries.Select(e => e.Value));
                Assert.Equal("C2 server\nseen twice", entries[0].Description);
                Assert.Equal(path + ":2", entries[0].Source);
                Assert.Equal(path + ":5", entries[1].Source);
            }
            finally
            {
                File.Delete(path);
            }
        }

        // ------------------------------------------------------------ JSON, streamed

        private static byte[] AlertArray(int count, int descriptionLength)
        {
            var text = new StringBuilder("[\n");
            string description = new string('d', descriptionLength);
            for (int i = 0; i < count; i++)
            {
                if (i > 0) text.Append(",\n");
                text.Append("{\"TimeGenerated\":\"2024-05-02T10:00:00Z\",\"AlertName\":\"A").Append(i)
                    .Append("\",\"SystemAlertId\":\"id-").Append(i).Append("\",\"Description\":\"").Append(description)
                    .Append("\",\"Entities\":[{\"HostName\":\"web1\",\"Type\":\"host\"}]}");
            }
            return Encoding.UTF8.GetBytes(text.Append("\n]\n").ToString());
        }

        [Fact]
        public void AJsonAlertFileLargerThanTheRefillBufferIsStreamedInOnePass()
        {
            byte[] content = AlertArray(4000, 1000); // about 4.2 MB, sixteen times the 256 KB buffer
            Assert.True(content.Length > 16 * 256 * 1024);
            var stream = new CountingReadStream(content);
            var problems = new ProblemList();
            using var rows = SecurityAlertFileReader.Read(stream, "big.json", "big.json", problems).GetEnumerator();

            Assert.True(rows.MoveNext());
            // The first row comes out after the opener's 64 KB head and one buffer, not after the whole file.
            Assert.InRange(stream.BytesRead, 1, 64 * 1024 + 256 * 1024 + 64 * 1024);
            Assert.Equal("A0", rows.Current.Values["AlertName"]);
            Assert.Equal("big.json:#1", rows.Current.Location);
            Assert.Equal("[{\"HostName\":\"web1\",\"Type\":\"host\"}]", rows.Current.Values["Entities"]);

            int count = 1;
            while (rows.MoveNext())
            {
                Assert.Equal("id-" + count, rows.Current.Values["SystemAlertId"]);
                count++;
            }
            Assert.Equal(4000, count);
            Assert.Empty(problems);
            // One pass: every byte read once, none twice (the stream cannot seek back).
            Assert.Equal(content.Length, stream.BytesRead);
        }

        [Fact]
        public void AnAlertTableAndJsonLinesAreStreamedTheSameWay()
        {
            var table = new StringBuilder("{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"TimeGenerated\",\"type\":\"datetime\"},{\"name\":\"AlertName\",\"type\":\"string\"}],\"rows\":[");
            var lines = new StringBuilder();
            for (int i = 0; i < 3000; i++)
            {
                table.Append(i == 0 ? "" : ",").Append("[\"2024-05-02T10:00:00Z\",\"").Append(new string('n', 200)).Append(i).Append("\"]");
                lines.Append("{\"AlertName\":\"").Append(new string('n', 200)).Append(i).Append("\"}\n");
            }
            table.Append("]}]}");
            foreach (var (text, name, location) in new[] { (table.ToString(), "t.json", "t.json:#1"), (lines.ToString(), "l.jsonl", "l.jsonl:1") })
            {
                byte[] content = Encoding.UTF8.GetBytes(text);
                var stream = new CountingReadStream(content);
                var problems = new ProblemList();
                using var rows = SecurityAlertFileReader.Read(stream, name, name, problems).GetEnumerator();
                Assert.True(rows.MoveNext());
                Assert.True(stream.BytesRead < content.Length, name + " was read whole before its first row");
                Assert.Equal(location, rows.Current.Location);
                int count = 1;
                while (rows.MoveNext()) count++;
                Assert.Equal(3000, count);
                Assert.Empty(problems);
                Assert.Equal(content.Length, stream.BytesRead);
            }
        }

        [Fact]
        public void AnODataAnswerSavedOnOneLineIsAFileOfRowsButAJsonLineWithAValueMemberIsARow()
        {
            var (odata, none) = ReadAlerts(Encoding.UTF8.GetBytes("{\"value\":[{\"AlertName\":\"A\"},{\"AlertName\":\"B\"}]}\n"), "odata.json");
            Assert.Empty(none);
            Assert.Equal(new[] { "A", "B" }, odata.Select(r => r.Values["AlertName"]));
            Assert.Equal("odata.json:#2", odata[1].Location);
            // Look-alikes: a "value" member that is text or numbers leaves the file JSON lines.
            var (lines, problems) = ReadAlerts(Encoding.UTF8.GetBytes("{\"AlertName\":\"A\",\"value\":[1,2]}\n{\"AlertName\":\"B\",\"value\":\"x\"}\n"), "rows.json");
            Assert.Empty(problems);
            Assert.Equal(new[] { "A", "B" }, lines.Select(r => r.Values["AlertName"]));
            Assert.Equal("[1,2]", lines[0].Values["value"]);
            Assert.Equal(LogFormat.JsonLines, FormatDetector.Detect(Encoding.UTF8.GetBytes("{\"CommandLine\":\"id\",\"value\":[]}\n")));
        }

        [Fact]
        public void AMalformedAlertElementCostsItselfOnly()
        {
            // Before, one bad element made the whole file SecurityAlertFileUnreadable.
            string json = "[{\"AlertName\":\"A\",\"SystemAlertId\":\"1\"},\n{\"AlertName\": oops},\n{\"AlertName\":\"C\",\"SystemAlertId\":\"3\"}]";
            var (rows, problems) = ReadAlerts(Encoding.UTF8.GetBytes(json), "bad.json");
            Assert.Equal(new[] { "A", "C" }, rows.Select(r => r.Values["AlertName"]));
            var problem = Assert.Single(problems);
            Assert.Equal(ErrorIds.MalformedSecurityAlertRow, problem.ErrorId);
            Assert.Equal("bad.json:2", problem.Target);
        }

        [Fact]
        public void ABrokenAlertFileKeepsTheRowsBeforeTheBreakAndSaysSo()
        {
            var (rows, problems) = ReadAlerts(Encoding.UTF8.GetBytes("[{\"AlertName\":\"A\"},{\"AlertName\":\"B\"} {\"AlertName\":\"C\"}]"), "cut.json");
            Assert.Equal(new[] { "A", "B" }, rows.Select(r => r.Values["AlertName"]));
            Assert.Equal(ErrorIds.SecurityAlertFileUnreadable, Assert.Single(problems).ErrorId);
        }

        [Fact]
        public void ATruncatedGzipThreatFeedIsReportedAfterItsRows()
        {
            byte[] whole;
            using (var buffer = new MemoryStream())
            {
                using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
                {
                    byte[] rows = Encoding.UTF8.GetBytes("Indicator,Type\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => "198.51.100." + (i % 250) + ",ipv4," + Guid.NewGuid() + "\n")));
                    gzip.Write(rows, 0, rows.Length);
                }
                whole = buffer.ToArray();
            }
            string path = Path.Combine(Path.GetTempPath(), "b64hunt-feed-" + Guid.NewGuid().ToString("N") + ".csv.gz");
            try
            {
                File.WriteAllBytes(path, whole.Take(whole.Length / 2).ToArray());
                var problems = new ProblemList();
                var entries = B64Hunt.Intel.LocalFeedReader.Read(path, problems);
                Assert.InRange(entries.Count, 1, 1999);
                var problem = problems.Last();
                Assert.Equal("TiFeedUnreadable", problem.ErrorId);
                Assert.Contains("truncated", problem.Message);
                // The whole file reads clean: the cut, not gzip, is what is reported.
                File.WriteAllBytes(path, whole);
                var none = new ProblemList();
                Assert.Equal(2000, B64Hunt.Intel.LocalFeedReader.Read(path, none).Count);
                Assert.Empty(none);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void ATruncatedGzipAlertFileIsReportedAfterItsRows()
        {
            byte[] whole;
            using (var buffer = new MemoryStream())
            {
                using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
                {
                    byte[] rows = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 2000).Select(i => "{\"AlertName\":\"A" + i + "\",\"Pad\":\"" + Guid.NewGuid() + "\"}\n")));
                    gzip.Write(rows, 0, rows.Length);
                }
                whole = buffer.ToArray();
            }
            byte[] cut = whole.Take(whole.Length / 2).ToArray();
            var (read, problems) = ReadAlerts(cut, "alerts.jsonl.gz");
            Assert.InRange(read.Count, 1, 1999);
            var problem = problems.Last();
            Assert.Equal(ErrorIds.SecurityAlertFileUnreadable, problem.ErrorId);
            Assert.Contains("truncated", problem.Message);
            // The whole file reads clean: the cut, not gzip, is what is reported.
            var (all, none) = ReadAlerts(whole, "alerts.jsonl.gz");
            Assert.Equal(2000, all.Count);
            Assert.Empty(none);
        }

        [Fact]
        public void AFileThatIsNeitherCsvNorJsonIsUnreadableAndAnEmptyOneIsNothing()
        {
            var (rows, problems) = ReadAlerts(Encoding.UTF8.GetBytes("Mar  1 12:00:00 web1 sshd[1]: Accepted password for root\n"), "syslog.csv");
            Assert.Empty(rows);
            Assert.Equal(ErrorIds.SecurityAlertFileUnreadable, Assert.Single(problems).ErrorId);
            var (emptyRows, emptyProblems) = ReadAlerts(Encoding.UTF8.GetBytes("\n  \n"), "empty.csv");
            Assert.Empty(emptyRows);
            Assert.Empty(emptyProblems);
        }

        [Fact]
        public void AUtf16AlertExportFromWindowsPowerShellIsRead()
        {
            // Opened through the same row content as the command sources: Export-Csv on Windows PowerShell writes UTF-16.
            string csv = "\"TimeGenerated\",\"AlertName\",\"SystemAlertId\"\r\n\"2024-05-02T10:00:00Z\",\"A\",\"a-1\"\r\n";
            var (rows, problems) = ReadAlerts(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(csv)).ToArray(), "ps.csv");
            Assert.Empty(problems);
            Assert.Equal("a-1", Assert.Single(rows).Values["SystemAlertId"]);
        }

        // ------------------------------------------------------------ header map

        [Theory]
        [InlineData("TimeGeneratedUtc", "Time", 0)]
        [InlineData("TimeGenerated", "Time", 1)]
        [InlineData("TimeGenerated [UTC]", "Time", 1)]
        [InlineData("\uFEFFTimeGenerated [UTC] ", "Time", 1)]
        [InlineData("\"Timestamp\"", "Time", 2)]
        [InlineData("@timestamp", "Time", 6)]
        [InlineData("ProcessCommandLine", "CommandLine", 0)]
        [InlineData("processcommandline", "CommandLine", 0)]
        [InlineData("process.command_line", "CommandLine", 7)]
        [InlineData("InitiatingProcessCommandLine", "CommandLine", 8)]
        [InlineData("DeviceName", "Host", 1)]
        [InlineData("host.name", "Host", 6)]
        [InlineData("user.name", "Account", 5)]
        [InlineData("SyslogMessage", "SyslogMessage", 0)]
        [InlineData("ReportId", "ReportId", 0)]
        public void TheHeaderMapKnowsEachAliasAndItsRank(string header, string role, int rank)
        {
            Assert.Equal(((ColumnRole)Enum.Parse(typeof(ColumnRole), role), rank), TableColumns.Classify(header));
        }

        [Theory]
        [InlineData("CommandLineLength")]
        [InlineData("Time Generated")]
        [InlineData("ProcessCommandLine2")]
        [InlineData("host name")]
        [InlineData("")]
        public void LookAlikeHeadersHaveNoRole(string header)
        {
            Assert.Equal(ColumnRole.None, TableColumns.Classify(header).Role);
        }

        [Theory]
        [InlineData("TimeGenerated [UTC]", "TimeGenerated")]
        [InlineData("\uFEFFAlertName", "AlertName")]
        [InlineData(" \"StartTime [UTC]\" ", "StartTime")]
        [InlineData("Entities", "Entities")]
        [InlineData("Compromised Entity", "Compromised Entity")]
        [InlineData("[UTC]", "[UTC]")]
        public void AlertHeadersAreNormalisedByTheSameMap(string header, string expected)
        {
            Assert.Equal(expected, TableColumns.Normalize(header));
        }
    }
}

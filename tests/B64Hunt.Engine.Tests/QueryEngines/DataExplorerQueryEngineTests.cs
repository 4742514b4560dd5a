using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.LogAnalytics;
using B64Hunt.Model;
using B64Hunt.QueryEngines;
using B64Hunt.Tests.LogAnalytics;
using Xunit;

namespace B64Hunt.Tests.QueryEngines
{
    /// <summary>Azure Data Explorer (Kusto REST v1) against a real HTTP server on 127.0.0.1.</summary>
    public class DataExplorerQueryEngineTests
    {
        private const string Token = "eyJ0eXAiOiJKV1QifQ.kusto-SECRET.c2ln";
        private static readonly Uri Cluster = new Uri("https://archive.westeurope.kusto.windows.net");
        private static readonly DateTime Start = new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        private static readonly DateTime End = Start.AddHours(16);
        private static readonly (string, string)[] SyslogColumns = { ("TimeGenerated", "datetime"), ("Computer", "string"), ("SyslogMessage", "string") };

        private static (DataExplorerQueryEngine Engine, RecordingCredential Credential, List<TimeSpan> Delays) Create(FakeLogAnalyticsServer server)
        {
            var connection = new LogAnalyticsConnection { Endpoint = server.Endpoint };
            connection.SetAccessToken(Token);
            var credential = new RecordingCredential(Token);
            var delays = new List<TimeSpan>();
            var engine = new DataExplorerQueryEngine(Cluster, "SentinelArchive", connection, credential, (wait, _) =>
            {
                lock (delays) delays.Add(wait);
                return Task.CompletedTask;
            });
            return (engine, credential, delays);
        }

        [Fact]
        public async Task SendsDbCslAndPropertiesToTheV1ApiAndAsksForTheClustersScope()
        {
            using var server = new FakeLogAnalyticsServer(_ => new FakeResponse
            {
                Body = EngineAnswers.Kusto(new[] { ("TimeGenerated", "datetime"), ("Computer", "string"), ("Count", "long"), ("Bag", "dynamic") },
                    new[] { new object?[] { Start, "db-01", 12L, "{\"a\":1}" } }),
            });
            var (engine, credential, _) = Create(server);

            var result = await engine.QueryAsync("Syslog | take 1", Start, End, CancellationToken.None);

            var request = Assert.Single(server.Requests);
            Assert.Equal("/v1/rest/query", request.Path);
            Assert.Equal("Bearer " + Token, request.Authorization);
            Assert.Equal("SentinelArchive", request.Database);
            Assert.Equal("Syslog | take 1", request.Query);
            var properties = JsonDocument.Parse(request.Body).RootElement.GetProperty("properties").GetString()!;
            Assert.Equal("00:03:00", JsonDocument.Parse(properties).RootElement.GetProperty("Options").GetProperty("servertimeout").GetString());
            Assert.Equal("B64Hunt", request.Headers!["x-ms-app"]);
            // The token is for the cluster even though the requests go to the test server.
            Assert.Equal(new[] { "https://archive.westeurope.kusto.windows.net/.default" }, credential.Scopes.Distinct());
            Assert.Equal("adx:archive.westeurope.kusto.windows.net/SentinelArchive", engine.Source);
            var table = result.PrimaryTable;
            Assert.Equal("PrimaryResult", table.Name);
            var row = Assert.Single(table.Rows);
            Assert.Equal(Start, row[0]);
            Assert.Equal(12L, row[2]);
            Assert.Equal("{\"a\":1}", ((KqlDynamic)row[3]!).Json);
            Assert.Null(result.PartialError);
        }

        [Fact]
        public async Task AResultCutAtTheEnginesLimitIsSplitWithNoRowLostOrDuplicated()
        {
            var data = Enumerable.Range(0, 64).Select(i => (Time: Start.AddMinutes(15 * i), Host: "arch-" + (i % 4),
                Message: "type=AUOMS_EXECVE audit(1.000:" + i + "): cmdline=\"echo aGk" + i + "= | base64 -d\" redactors= containerid=")).ToList();
            const int limit = 10;
            using var server = new FakeLogAnalyticsServer(request =>
            {
                var (s, e) = request.KqlWindow;
                var piece = data.Where(r => r.Time >= s && r.Time < e).ToList();
                return new FakeResponse
                {
                    Body = EngineAnswers.Kusto(SyslogColumns, piece.Take(limit).Select(r => new object?[] { r.Time, r.Host, r.Message }),
                        piece.Count > limit ? "Query result set has exceeded the internal record count limit 500000 (E_QUERY_RESULT_SET_TOO_LARGE)" : null),
                };
            });
            var (engine, _, _) = Create(server);
            var rows = new List<WorkspaceRow>();
            var problems = new ProblemList();

            var summary = await new WorkspaceCommandSource(engine).QueryAsync(new WorkspaceQuery { Table = WorkspaceTable.Auoms, Start = Start, End = End },
                rows.Add, problems, CancellationToken.None);

            Assert.Empty(problems);
            Assert.Equal(data.Select(r => r.Message).OrderBy(m => m), rows.Select(r => r.SyslogMessage!).OrderBy(m => m));
            Assert.Equal(rows.Count, rows.Select(r => r.SyslogMessage).Distinct().Count());
            Assert.Equal(7, summary.Splits);
            Assert.All(rows, r => Assert.Equal("adx:archive.westeurope.kusto.windows.net/SentinelArchive", r.Source));
        }

        [Fact]
        public async Task A429IsRetriedHonouringRetryAfterAndA401IsAStableIdWithoutTheToken()
        {
            var calls = 0;
            using var server = new FakeLogAnalyticsServer(_ => Interlocked.Increment(ref calls) switch
            {
                1 => FakeLogAnalyticsServer.Error(429, "TooManyRequests", "The control command was aborted due to throttling.",
                    headers: new Dictionary<string, string> { ["Retry-After"] = "3" }),
                2 => new FakeResponse { Body = EngineAnswers.Kusto(SyslogColumns, Array.Empty<object?[]>()) },
                _ => FakeLogAnalyticsServer.Error(401, "Unauthorized", "Token " + Token + " expired"),
            });
            var (engine, _, delays) = Create(server);

            await engine.QueryAsync("Syslog", Start, End, CancellationToken.None);
            Assert.Equal(new[] { TimeSpan.FromSeconds(3) }, delays);

            var ex = await Assert.ThrowsAsync<LogAnalyticsException>(() => engine.QueryAsync("Syslog", Start, End, CancellationToken.None));
            Assert.Equal("DataExplorerUnauthorized", ex.ErrorId);
            Assert.Contains("https://archive.westeurope.kusto.windows.net/.default", ex.Message);
            Assert.DoesNotContain(Token, ex.ToString());
        }

        [Theory]
        [InlineData("http://archive.westeurope.kusto.windows.net")]
        [InlineData("archive.westeurope.kusto.windows.net")]
        public void AClusterThatIsNotHttpsIsRefused(string cluster)
        {
            Assert.ThrowsAny<Exception>(() => new DataExplorerQueryEngine(new Uri(cluster, UriKind.RelativeOrAbsolute), "db", new LogAnalyticsConnection()));
        }
    }
}

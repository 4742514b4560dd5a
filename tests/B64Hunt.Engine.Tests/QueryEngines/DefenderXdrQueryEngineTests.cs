using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.Errors;
using B64Hunt.LogAnalytics;
using B64Hunt.Model;
using B64Hunt.QueryEngines;
using B64Hunt.Tests.LogAnalytics;
using Xunit;

namespace B64Hunt.Tests.QueryEngines
{
    /// <summary>Defender XDR advanced hunting (Graph runHuntingQuery) against a real HTTP server on 127.0.0.1.</summary>
    public class DefenderXdrQueryEngineTests
    {
        internal const string Token = "eyJ0eXAiOiJKV1QifQ.defender-SECRET.c2ln";
        private static readonly DateTime Start = new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);
        private static readonly DateTime End = Start.AddHours(16);
        private static readonly (string, string)[] ProcessSchema = { ("TimeGenerated", "DateTime"), ("Computer", "String"), ("Account", "String"), ("CommandLine", "String") };

        internal static (DefenderXdrQueryEngine Engine, RecordingCredential Credential, List<TimeSpan> Delays) Create(FakeLogAnalyticsServer server)
        {
            var connection = new LogAnalyticsConnection { Endpoint = server.Endpoint };
            connection.SetAccessToken(Token);
            var credential = new RecordingCredential(Token);
            var delays = new List<TimeSpan>();
            var engine = new DefenderXdrQueryEngine(connection, credential, (wait, _) =>
            {
                lock (delays) delays.Add(wait);
                return Task.CompletedTask;
            });
            return (engine, credential, delays);
        }

        private static List<(DateTime Time, string Host, string Command)> Dataset() =>
            Enumerable.Range(0, 64).Select(i => (Start.AddMinutes(15 * i), "mde-" + (i % 3), "echo " + i + " | base64 -d | sh")).ToList();

        private static async Task<(List<WorkspaceRow> Rows, List<Problem> Problems, WorkspaceQuerySummary Summary)> Hunt(
            FakeLogAnalyticsServer server, DateTime start, DateTime end, DateTime now, int? rowLimit = null)
        {
            var (engine, _, _) = Create(server);
            var source = new WorkspaceCommandSource(engine) { UtcNow = () => now };
            if (rowLimit.HasValue) source.RowLimit = rowLimit;
            var rows = new List<WorkspaceRow>();
            var problems = new ProblemList();
            var query = new WorkspaceQuery { Table = WorkspaceTable.DeviceProcessEvents, Start = start, End = end };
            var summary = await source.QueryAsync(query, rows.Add, problems, CancellationToken.None);
            return (rows, problems, summary);
        }

        [Fact]
        public async Task SendsTheDocumentedRequestAsksForTheGraphScopeAndDecodesTheSchema()
        {
            using var server = new FakeLogAnalyticsServer(_ => new FakeResponse
            {
                Body = EngineAnswers.Hunting(new[] { ("Timestamp", "DateTime"), ("DeviceName", "String"), ("ProcessId", "Int64"), ("AdditionalFields", "Object") },
                    new[] { new object?[] { Start, "web-01", 4242L, null } }),
            });
            var (engine, credential, _) = Create(server);

            var result = await engine.QueryAsync("DeviceProcessEvents | take 1", Start, End, CancellationToken.None);

            var request = Assert.Single(server.Requests);
            Assert.Equal("POST", request.Method);
            Assert.Equal("/v1.0/security/runHuntingQuery", request.Path);
            Assert.Equal("Bearer " + Token, request.Authorization);
            Assert.Equal("DeviceProcessEvents | take 1", JsonDocument.Parse(request.Body).RootElement.GetProperty("Query").GetString());
            Assert.Equal(new[] { "https://graph.microsoft.com/.default" }, credential.Scopes.Distinct());
            Assert.Equal("https://graph.microsoft.com/.default", engine.Scope);
            var table = result.PrimaryTable;
            Assert.Equal(new[] { "Timestamp:datetime", "DeviceName:string", "ProcessId:long", "AdditionalFields:dynamic" }, table.Columns.Select(c => c.ToString()));
            var row = Assert.Single(table.Rows);
            Assert.Equal(Start, row[0]);
            Assert.Equal("web-01", row[1]);
            Assert.Equal(4242L, row[2]);
            Assert.Null(row[3]);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task ARowLimitCutAndThe124MbRefusalAreSplitWithNoRowLostOrDuplicated(bool refuseBySize)
        {
            var data = Dataset();
            const int limit = 10;
            using var server = new FakeLogAnalyticsServer(request =>
            {
                var (s, e) = request.KqlWindow;
                var piece = data.Where(r => r.Time >= s && r.Time < e).ToList();
                if (refuseBySize && piece.Count > limit)
                {
                    return FakeLogAnalyticsServer.Error(400, "BadRequest",
                        "Query execution has exceeded the allowed result size. Optimize your query by limiting the number of results and try again.");
                }
                return new FakeResponse { Body = EngineAnswers.Hunting(ProcessSchema, piece.Take(limit).Select(r => new object?[] { r.Time, r.Host, "root", r.Command })) };
            });

            var (rows, problems, summary) = await Hunt(server, Start, End, End.AddDays(1), rowLimit: refuseBySize ? (int?)null : limit);

            Assert.Empty(problems);
            Assert.Equal(data.Select(r => r.Command).OrderBy(c => c), rows.Select(r => r.CommandLine!).OrderBy(c => c));
            Assert.Equal(rows.Count, rows.Select(r => r.CommandLine).Distinct().Count());
            Assert.True(summary.Splits >= 3, "split " + summary.Splits + " times");
            Assert.All(rows, r => Assert.StartsWith("defenderxdr:", r.Source));
            Assert.All(rows, r => Assert.Equal("root", r.Account));
        }

        [Fact]
        public async Task A429IsRetriedAfterTheDelayTheServiceAsksFor()
        {
            var calls = 0;
            using var server = new FakeLogAnalyticsServer(_ => Interlocked.Increment(ref calls) <= 2
                ? FakeLogAnalyticsServer.Error(429, "TooManyRequests", "Tenant exceeded the allowed CPU quota.", headers: new Dictionary<string, string> { ["Retry-After"] = "7" })
                : new FakeResponse { Body = EngineAnswers.Hunting(ProcessSchema, new[] { new object?[] { Start, "mde-1", "root", "echo aGk= | base64 -d" } }) });
            var (engine, _, delays) = Create(server);

            var result = await engine.QueryAsync("DeviceProcessEvents", Start, End, CancellationToken.None);

            Assert.Single(result.PrimaryTable.Rows);
            Assert.Equal(3, server.Requests.Count);
            Assert.Equal(new[] { TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7) }, delays);
        }

        [Theory]
        [InlineData(429, "DefenderXdrThrottled", "throttling")]
        [InlineData(403, "DefenderXdrForbidden", "ThreatHunting.Read.All")]
        [InlineData(401, "DefenderXdrUnauthorized", "https://graph.microsoft.com/.default")]
        [InlineData(400, "DefenderXdrBadRequest", "Failed to resolve")]
        public async Task FailuresHaveStableIdsSayWhatToDoAndNeverCarryTheToken(int status, string errorId, string hint)
        {
            using var server = new FakeLogAnalyticsServer(_ => FakeLogAnalyticsServer.Error(status, "Err",
                "Failed to resolve table; Authorization: Bearer " + Token));
            var (rows, problems, _) = await Hunt(server, Start, End, End.AddDays(1));

            Assert.Empty(rows);
            var problem = Assert.Single(problems);
            Assert.Equal(errorId, problem.ErrorId);
            Assert.Contains(hint, problem.Message);
            Assert.DoesNotContain(Token, problem.Message);
            Assert.DoesNotContain(Token, problem.Exception!.ToString());
        }

        [Fact]
        public async Task AWindowReachingPastThirtyDaysIsSaidAndCutToWhatTheServiceKeeps()
        {
            var now = End.AddDays(1);
            using var server = new FakeLogAnalyticsServer(_ => new FakeResponse { Body = EngineAnswers.Hunting(ProcessSchema, Array.Empty<object?[]>()) });

            var (_, problems, _) = await Hunt(server, now.AddDays(-45), End, now);

            var warning = Assert.Single(problems);
            Assert.Equal(ErrorIds.DefenderXdrBeyondRetention, warning.ErrorId);
            Assert.Equal(ProblemKind.Warning, warning.Kind);
            Assert.Contains("30 days", warning.Message);
            Assert.Equal(now.AddDays(-30), Assert.Single(server.Requests).KqlWindow.Start);
        }

        [Fact]
        public async Task AWindowWhollyOlderThanThirtyDaysSendsNoQuery()
        {
            using var server = new FakeLogAnalyticsServer(_ => new FakeResponse { Body = EngineAnswers.Hunting(ProcessSchema, Array.Empty<object?[]>()) });

            var (_, problems, _) = await Hunt(server, Start, End, End.AddDays(60));

            Assert.Equal(ErrorIds.DefenderXdrBeyondRetention, Assert.Single(problems).ErrorId);
            Assert.Empty(server.Requests);
        }

        [Fact]
        public async Task AlertsAreSearchedOnlyWhereTheServiceKeepsThem()
        {
            var now = End.AddDays(10);
            using var server = new FakeLogAnalyticsServer(_ => new FakeResponse { Body = EngineAnswers.Hunting(ProcessSchema, Array.Empty<object?[]>()) });
            var (engine, _, _) = Create(server);
            var problems = new ProblemList();
            var source = new RelatedAlertSource(engine, defenderXdrTables: true) { UtcNow = () => now };

            await source.QueryAsync(Guid.Empty, new[] { "mde-1" }, Start.AddDays(-40), End, _ => { }, problems, CancellationToken.None);

            Assert.Equal(ErrorIds.DefenderXdrBeyondRetention, Assert.Single(problems).ErrorId);
            var request = Assert.Single(server.Requests);
            Assert.StartsWith("AlertEvidence", request.Query);
            Assert.Equal(now.AddDays(-30), request.KqlWindow.Start);
        }
    }
}

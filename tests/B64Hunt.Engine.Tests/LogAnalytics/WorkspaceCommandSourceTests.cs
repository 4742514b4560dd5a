using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.Errors;
using B64Hunt.LogAnalytics;
using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.LogAnalytics
{
    public class WorkspaceCommandSourceTests
    {
        private static readonly DateTime Start = new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        private static readonly DateTime End = Start.AddHours(16);
        private static readonly (string, string)[] SyslogColumns = { ("TimeGenerated", "datetime"), ("Computer", "string"), ("SyslogMessage", "string") };

        /// <summary>One AUOMS row every 15 minutes, including every boundary a halving of 16 hours can produce.</summary>
        private static List<(DateTime Time, string Computer, string Message)> Dataset()
        {
            var rows = new List<(DateTime, string, string)>();
            for (var i = 0; i < 64; i++)
            {
                var time = Start.AddMinutes(15 * i);
                rows.Add((time, "web" + (i % 3), "type=AUOMS_EXECVE audit(1.000:" + i + "): cmdline=\"echo aGk= | base64 -d\" redactors= containerid="));
            }
            return rows;
        }

        private static WorkspaceQuery Query(FakeLogAnalyticsServer server, WorkspaceTable table = WorkspaceTable.Auoms, bool summarize = false)
        {
            var connection = new LogAnalyticsConnection { Endpoint = server.Endpoint };
            connection.SetAccessToken(LogAnalyticsTestClient.Token);
            return new WorkspaceQuery { WorkspaceId = LogAnalyticsTestClient.Workspace, Start = Start, End = End, Table = table, Summarize = summarize, Connection = connection };
        }

        private static async Task<(List<WorkspaceRow> Rows, List<Problem> Problems, WorkspaceQuerySummary Summary)> Run(
            FakeLogAnalyticsServer server, WorkspaceQuery query, int? rowLimit = null)
        {
            var (client, _) = LogAnalyticsTestClient.CreateClient(server);
            var source = new WorkspaceCommandSource(client);
            if (rowLimit.HasValue) source.RowLimit = rowLimit.Value;
            var rows = new List<WorkspaceRow>();
            var problems = new ProblemList();
            var summary = await source.QueryAsync(query, rows.Add, problems, CancellationToken.None);
            return (rows, problems, summary);
        }

        [Fact]
        public async Task APartialErrorAtThe64MbLimitSplitsTheRangeAndLosesNoRowAndDuplicatesNone()
        {
            var data = Dataset();
            const int sizeLimitRows = 10;
            using var server = new FakeLogAnalyticsServer(request =>
            {
                var (s, e) = request.KqlWindow;
                // The API timespan must cover the KQL's window, so the intersection is the half-open piece.
                Assert.Equal(s.ToString("O") + "/" + e.ToString("O"), request.Timespan);
                var subset = data.Where(r => r.Time >= s && r.Time < e).ToList();
                var cut = subset.Count > sizeLimitRows;
                return new FakeResponse
                {
                    Body = FakeLogAnalyticsServer.Table(SyslogColumns,
                        subset.Take(sizeLimitRows).Select(r => new object?[] { r.Time, r.Computer, r.Message }),
                        cut ? FakeLogAnalyticsServer.SizeLimitPartialError : null),
                };
            });

            var (rows, problems, summary) = await Run(server, Query(server));

            Assert.Empty(problems);
            Assert.Equal(data.Count, rows.Count);
            Assert.Equal(data.Select(r => r.Message).OrderBy(m => m), rows.Select(r => r.SyslogMessage!).OrderBy(m => m));
            Assert.Equal(rows.Count, rows.Select(r => r.SyslogMessage).Distinct().Count());
            Assert.Equal(data.Select(r => r.Time), rows.Select(r => r.TimeGenerated!.Value)); // in time order
            Assert.All(rows, r => Assert.Equal("workspace:" + LogAnalyticsTestClient.Workspace, r.Source));
            Assert.All(rows, r => Assert.Null(r.CommandLine));
            // 64 rows, at most 10 per answer: 16 h → 8 pieces of 2 h (8 rows each) after 7 splits.
            Assert.Equal(7, summary.Splits);
            Assert.Equal(15, summary.PiecesQueried);
            Assert.Equal(15, server.Requests.Count);
        }

        [Fact]
        public async Task AResultAtTheRecordLimitIsSplitToo()
        {
            var data = Dataset();
            using var server = new FakeLogAnalyticsServer(request =>
            {
                var (s, e) = request.KqlWindow;
                var subset = data.Where(r => r.Time >= s && r.Time < e).Take(20);
                return new FakeResponse { Body = FakeLogAnalyticsServer.Table(SyslogColumns, subset.Select(r => new object?[] { r.Time, r.Computer, r.Message })) };
            });

            var (rows, problems, summary) = await Run(server, Query(server), rowLimit: 20);

            Assert.Empty(problems);
            Assert.Equal(data.Select(r => r.Message).OrderBy(m => m), rows.Select(r => r.SyslogMessage!).OrderBy(m => m));
            Assert.True(summary.Splits >= 3);
        }

        [Fact]
        public async Task APartialErrorThatIsNotACutKeepsTheRowsAndWarns()
        {
            using var server = new FakeLogAnalyticsServer(_ => new FakeResponse
            {
                Body = FakeLogAnalyticsServer.Table(SyslogColumns, new[] { new object?[] { Start, "web1", "type=AUOMS_EXECVE audit(1.0:1): cmdline=\"base64 -d\"" } },
                    "{\"code\":\"PartialError\",\"message\":\"There were some errors when processing your query.\",\"details\":[{\"code\":\"EngineError\",\"message\":\"A shard was unavailable.\"}]}"),
            });

            var (rows, problems, summary) = await Run(server, Query(server));

            Assert.Single(rows);
            var problem = Assert.Single(problems);
            Assert.Equal(ErrorIds.LogAnalyticsPartialError, problem.ErrorId);
            Assert.Equal(ProblemKind.Warning, problem.Kind);
            Assert.Contains("A shard was unavailable.", problem.Message);
            Assert.Equal(0, summary.Splits);
        }

        [Fact]
        public async Task SummarizedPiecesAreMergedPerCommandLine()
        {
            // Three command lines over the window; the service aggregates each piece it is asked for.
            var data = new List<(DateTime Time, string Host, string Cmd)>();
            for (var i = 0; i < 48; i++) data.Add((Start.AddMinutes(20 * i), "host" + (i % 4), "cmd" + (i % 3)));
            var columns = new[] { ("CommandLine", "string"), ("EventCount", "long"), ("TotalHosts", "long"), ("Hostnames", "dynamic"), ("FirstSeen", "datetime"), ("LastSeen", "datetime") };
            using var server = new FakeLogAnalyticsServer(request =>
            {
                Assert.Contains("summarize EventCount = count()", request.Query);
                var (s, e) = request.KqlWindow;
                var groups = data.Where(r => r.Time >= s && r.Time < e).GroupBy(r => r.Cmd).ToList();
                var cut = e - s > TimeSpan.FromHours(4);
                return new FakeResponse
                {
                    Body = FakeLogAnalyticsServer.Table(columns, groups.Select(g => new object?[]
                    {
                        g.Key, (long)g.Count(), (long)g.Select(r => r.Host).Distinct().Count(),
                        "[" + string.Join(",", g.Select(r => "\"" + r.Host + "\"").Distinct()) + "]", g.Min(r => r.Time), g.Max(r => r.Time),
                    }), cut ? FakeLogAnalyticsServer.SizeLimitPartialError : null),
                };
            });

            var (rows, problems, summary) = await Run(server, Query(server, summarize: true));

            Assert.Empty(problems);
            Assert.True(summary.Splits > 0);
            Assert.Equal(new[] { "cmd0", "cmd1", "cmd2" }, rows.Select(r => r.CommandLine).OrderBy(c => c));
            foreach (var row in rows)
            {
                var expected = data.Where(r => r.Cmd == row.CommandLine).ToList();
                Assert.True(row.IsSummarized);
                Assert.Equal(expected.Count, row.EventCount);
                Assert.Equal(expected.Select(r => r.Host).Distinct().OrderBy(h => h), row.Hostnames.OrderBy(h => h));
                Assert.Equal(expected.Select(r => r.Host).Distinct().Count(), row.TotalHosts);
                Assert.Equal(expected.Min(r => r.Time), row.FirstSeen);
                Assert.Equal(expected.Max(r => r.Time), row.LastSeen);
            }
            Assert.Equal(data.Count, rows.Sum(r => r.EventCount));
        }

        [Fact]
        public async Task DeviceProcessEventsRowsCarryTheCommandLineAndAccount()
        {
            using var server = new FakeLogAnalyticsServer(request =>
            {
                Assert.StartsWith("DeviceProcessEvents", request.Query);
                return new FakeResponse
                {
                    Body = FakeLogAnalyticsServer.Table(new[] { ("TimeGenerated", "datetime"), ("Computer", "string"), ("Account", "string"), ("CommandLine", "string") },
                        new[] { new object?[] { Start.AddMinutes(1), "mde1.contoso.com", "root", "bash -c 'echo aWQ= | base64 -d | sh'" } }),
                };
            });

            var (rows, problems, _) = await Run(server, Query(server, WorkspaceTable.DeviceProcessEvents));

            Assert.Empty(problems);
            var row = Assert.Single(rows);
            Assert.Equal("bash -c 'echo aWQ= | base64 -d | sh'", row.CommandLine);
            Assert.Null(row.SyslogMessage);
            Assert.Equal("root", row.Account);
            Assert.Equal("mde1.contoso.com", row.Computer);
            Assert.Equal(1, row.EventCount);
            Assert.False(row.IsSummarized);
        }

        [Fact]
        public async Task ACustomQueryWithoutACommandColumnIsReported()
        {
            using var server = new FakeLogAnalyticsServer(request =>
            {
                Assert.Equal("Heartbeat | take 1", request.Query);
                return new FakeResponse { Body = FakeLogAnalyticsServer.Table(new[] { ("TimeGenerated", "datetime"), ("Computer", "string") }, new[] { new object?[] { Start, "h" } }) };
            });
            var query = Query(server, WorkspaceTable.Custom);
            query.Query = "Heartbeat | take 1";

            var (rows, problems, _) = await Run(server, query);

            Assert.Empty(rows);
            Assert.Equal(ErrorIds.LogAnalyticsNoCommandLineColumn, Assert.Single(problems).ErrorId);
        }

        [Fact]
        public async Task ACustomQueryIsCutHalfOpenOnTheClientWhenSplit()
        {
            // The service's timespan is inclusive, so a custom query answers a boundary row in both halves.
            var times = Enumerable.Range(0, 17).Select(h => Start.AddHours(h)).ToList(); // includes End itself
            using var server = new FakeLogAnalyticsServer(request =>
            {
                var parts = request.Timespan!.Split('/');
                var s = FakeRequest.Parse(parts[0]);
                var e = FakeRequest.Parse(parts[1]);
                var subset = times.Where(t => t >= s && t <= e).ToList();
                return new FakeResponse
                {
                    Body = FakeLogAnalyticsServer.Table(new[] { ("TimeGenerated", "datetime"), ("CommandLine", "string") },
                        subset.Take(5).Select(t => new object?[] { t, "echo " + t.Hour + " | base64 -d" }),
                        subset.Count > 5 ? FakeLogAnalyticsServer.SizeLimitPartialError : null),
                };
            });
            var query = Query(server, WorkspaceTable.Custom);
            query.Query = "MyTable | project TimeGenerated, CommandLine";

            var (rows, problems, _) = await Run(server, query);

            Assert.Empty(problems);
            Assert.Equal(times.Take(16), rows.Select(r => r.TimeGenerated!.Value));
        }

        [Fact]
        public async Task AFailedQueryBecomesAProblemWithItsStableId()
        {
            using var server = new FakeLogAnalyticsServer(_ => FakeLogAnalyticsServer.Error(403, "InsufficientAccessError", "No access"));
            var (rows, problems, _) = await Run(server, Query(server));
            Assert.Empty(rows);
            var problem = Assert.Single(problems);
            Assert.Equal(ErrorIds.LogAnalyticsForbidden, problem.ErrorId);
            Assert.Equal(ProblemKind.PermissionDenied, problem.Kind);
            Assert.Equal("workspace:" + LogAnalyticsTestClient.Workspace, problem.Target);
        }

        [Fact]
        public async Task SummarizeOnAuditdWarnsAndQueriesRows()
        {
            using var server = new FakeLogAnalyticsServer(request =>
            {
                Assert.DoesNotContain("summarize", request.Query);
                Assert.DoesNotContain("base64", request.Query);
                return new FakeResponse { Body = FakeLogAnalyticsServer.Table(SyslogColumns, Array.Empty<object?[]>()) };
            });
            var (_, problems, _) = await Run(server, Query(server, WorkspaceTable.Auditd, summarize: true));
            var problem = Assert.Single(problems);
            Assert.Equal(ErrorIds.LogAnalyticsSummarizeNotSupported, problem.ErrorId);
            Assert.Equal(ProblemKind.Warning, problem.Kind);
        }
    }
}

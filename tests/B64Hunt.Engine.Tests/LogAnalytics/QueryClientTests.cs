using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.Errors;
using B64Hunt.LogAnalytics;
using B64Hunt.Model;
using Xunit;
using static B64Hunt.Tests.LogAnalytics.LogAnalyticsTestClient;

namespace B64Hunt.Tests.LogAnalytics
{
    public class QueryClientTests
    {
        private static readonly DateTime Start = new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        private static readonly DateTime End = new DateTime(2024, 5, 2, 0, 0, 0, DateTimeKind.Utc);

        private static async Task<LogAnalyticsException> FailsWith(FakeLogAnalyticsServer server, string errorId)
        {
            var (client, _) = CreateClient(server);
            var ex = await Assert.ThrowsAsync<LogAnalyticsException>(() => client.QueryAsync(Workspace, "Syslog | take 1", Start, End, CancellationToken.None));
            Assert.Equal(errorId, ex.ErrorId);
            Assert.DoesNotContain(Token, ex.Message);
            Assert.DoesNotContain(Token, ex.ToString());
            return ex;
        }

        [Fact]
        public async Task SendsTheDocumentedRequestAndDecodesEveryColumnType()
        {
            // Columns and the row as a real service recording has them (reference notes §1).
            var columns = new[]
            {
                ("x", "long"), ("DateTime", "datetime"), ("Bool", "bool"), ("Guid", "guid"), ("Int", "int"), ("Double", "real"),
                ("String", "string"), ("Timespan", "timespan"), ("Decimal", "decimal"), ("Dynamic", "dynamic"), ("Scalar", "dynamic"),
                ("Nothing", "string"), ("NoTime", "datetime"), ("NoLong", "long"),
            };
            var row = new object?[]
            {
                new RawJson("100"), "2015-12-31T23:59:59.9Z", false, "74be27de-1e4e-49d9-b579-fe0b331d3642", new RawJson("12345"),
                new RawJson("12345.6789"), "string value", "1.02:03:04.5000000", "0.10101",
                "{\"a\":123,\"b\":\"hello\",\"c\":[1,2,3],\"d\":{}}", "boundedElastic-1", null, null, null,
            };
            using var server = new FakeLogAnalyticsServer(_ => new FakeResponse { Body = FakeLogAnalyticsServer.Table(columns, new[] { row }) });
            var (client, _) = CreateClient(server, serverTimeout: 240);

            var result = await client.QueryAsync(Workspace, "print x = 1", Start, End, CancellationToken.None);

            var request = Assert.Single(server.Requests);
            Assert.Equal("POST", request.Method);
            Assert.Equal("/v1/workspaces/11111111-2222-3333-4444-555555555555/query", request.Path);
            Assert.Equal("Bearer " + Token, request.Authorization);
            Assert.Equal("wait=240", request.Prefer);
            Assert.StartsWith("application/json", request.ContentType);
            Assert.Equal("print x = 1", request.Query);
            Assert.Equal("2024-05-01T00:00:00.0000000Z/2024-05-02T00:00:00.0000000Z", request.Timespan);

            Assert.Null(result.PartialError);
            var table = result.PrimaryTable;
            Assert.Equal("PrimaryResult", table.Name);
            var values = Assert.Single(table.Rows);
            Assert.Equal(100L, values[0]);
            var time = Assert.IsType<DateTime>(values[1]);
            Assert.Equal(DateTimeKind.Utc, time.Kind);
            Assert.Equal(new DateTime(2015, 12, 31, 23, 59, 59, 900, DateTimeKind.Utc), time);
            Assert.Equal(false, values[2]);
            Assert.Equal(new Guid("74be27de-1e4e-49d9-b579-fe0b331d3642"), values[3]);
            Assert.Equal(12345, values[4]);
            Assert.Equal(12345.6789, values[5]);
            Assert.Equal("string value", values[6]);
            Assert.Equal(new TimeSpan(1, 2, 3, 4, 500), values[7]);
            Assert.Equal(0.10101m, values[8]);
            var dynamic = Assert.IsType<KqlDynamic>(values[9]);
            Assert.Equal("{\"a\":123,\"b\":\"hello\",\"c\":[1,2,3],\"d\":{}}", dynamic.Json);
            var parsed = Assert.IsAssignableFrom<IDictionary<string, object?>>(dynamic.ToObject());
            Assert.Equal(123L, Assert.IsType<long>(parsed["a"]));
            Assert.Equal("hello", parsed["b"]);
            Assert.Equal(new object?[] { 1L, 2L, 3L }, (object?[])parsed["c"]!);
            Assert.Equal("boundedElastic-1", Assert.IsType<KqlDynamic>(values[10]).ToObject());
            Assert.Null(values[11]);
            Assert.Null(values[12]);
            Assert.Null(values[13]);
            Assert.Equal("hello", table.GetRowDictionary(0)["Dynamic"] is KqlDynamic d ? ((IDictionary<string, object?>)d.ToObject()!)["b"] : null);
        }

        [Fact]
        public async Task RetriesThrottlingAfterTheDelayTheServiceAskedFor()
        {
            var calls = 0;
            using var server = new FakeLogAnalyticsServer(_ => Interlocked.Increment(ref calls) switch
            {
                1 => FakeLogAnalyticsServer.Error(429, "ThrottledError", "Too many requests", headers: new Dictionary<string, string> { ["Retry-After"] = "7" }),
                2 => FakeLogAnalyticsServer.Error(429, "ThrottledError", "Too many requests", headers: new Dictionary<string, string> { ["retry-after-ms"] = "1500" }),
                _ => new FakeResponse { Body = FakeLogAnalyticsServer.Table(new[] { ("n", "long") }, new[] { new object?[] { 1L } }) },
            });
            var (client, delays) = CreateClient(server);
            var log = new ProblemList();
            client.Reporter = log;

            var result = await client.QueryAsync(Workspace, "print n = 1", Start, End, CancellationToken.None);

            Assert.Equal(1L, Assert.Single(result.PrimaryTable.Rows)[0]);
            Assert.Equal(3, server.Requests.Count);
            Assert.All(server.Requests, r => Assert.Equal("Bearer " + Token, r.Authorization));
            Assert.Equal(new[] { TimeSpan.FromSeconds(7), TimeSpan.FromMilliseconds(1500) }, delays);
            Assert.Contains(log.Verbose, line => line.Contains("HTTP 429") && line.Contains("retry 1 of 3") && line.Contains("as the service asked"));
        }

        [Fact]
        public async Task PersistentThrottlingEndsAsThrottledAfterTheRetries()
        {
            using var server = new FakeLogAnalyticsServer(_ => FakeLogAnalyticsServer.Error(429, "ThrottledError", "Too many requests",
                headers: new Dictionary<string, string> { ["Retry-After"] = "2" }));
            await FailsWith(server, ErrorIds.LogAnalyticsThrottled);
            Assert.Equal(4, server.Requests.Count);
        }

        [Fact]
        public async Task ServerErrorsAreRetriedWithBackoffThenReported()
        {
            using var server = new FakeLogAnalyticsServer(_ => FakeLogAnalyticsServer.Error(503, "ServiceUnavailable", "Try later"));
            var (client, delays) = CreateClient(server);
            var ex = await Assert.ThrowsAsync<LogAnalyticsException>(() => client.QueryAsync(Workspace, "Syslog", Start, End, CancellationToken.None));
            Assert.Equal(ErrorIds.LogAnalyticsServerError, ex.ErrorId);
            Assert.Equal(503, ex.Status);
            Assert.Equal(4, server.Requests.Count);
            Assert.Equal(3, delays.Count);
            // Exponential: each wait at least about double the one before (jitter is ±20 %).
            Assert.True(delays[1] > delays[0] && delays[2] > delays[1], string.Join(", ", delays));
        }

        [Fact]
        public async Task GatewayTimeoutIsRetriedAtMostOnce()
        {
            using var server = new FakeLogAnalyticsServer(_ => FakeLogAnalyticsServer.Error(504, "GatewayTimeout", "Gateway timeout",
                "{\"code\":\"GatewayTimeout\",\"message\":\"Kusto query timed out\"}", new Dictionary<string, string> { ["retry-after"] = "0" }));
            var ex = await FailsWith(server, ErrorIds.LogAnalyticsTimeout);
            Assert.Equal(2, server.Requests.Count);
            Assert.Contains("Kusto query timed out", ex.Message);
            Assert.Equal(ProblemKind.OperationTimeout, ex.Kind);
        }

        [Fact]
        public async Task SyntaxErrorShowsTheServiceMessageAndPosition()
        {
            using var server = new FakeLogAnalyticsServer(_ => FakeLogAnalyticsServer.Error(400, "BadArgumentError", "The request had some invalid properties",
                "{\"code\":\"SyntaxError\",\"message\":\"A recognition error occurred in the query.\",\"innererror\":{\"code\":\"SYN0002\"," +
                "\"message\":\"Query could not be parsed at '<EOF>' on line [2,299]\",\"line\":2,\"pos\":299,\"token\":\"<EOF>\"}}"));
            var ex = await FailsWith(server, ErrorIds.LogAnalyticsSyntaxError);
            Assert.Contains("line 2, position 299", ex.Message);
            Assert.Contains("Query could not be parsed at '<EOF>' on line [2,299]", ex.Message);
            Assert.Equal("SYN0002", ex.ServiceCode);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task UnknownColumnIsABadRequestNotASyntaxError()
        {
            using var server = new FakeLogAnalyticsServer(_ => FakeLogAnalyticsServer.Error(400, "BadArgumentError", "The request had some invalid properties",
                "{\"code\":\"SemanticError\",\"message\":\"Failed to resolve table or column expression named 'Sysloog'\"}"));
            var ex = await FailsWith(server, ErrorIds.LogAnalyticsBadRequest);
            Assert.Contains("Sysloog", ex.Message);
        }

        [Fact]
        public async Task ForbiddenNamesTheRoleTheIdentityNeeds()
        {
            using var server = new FakeLogAnalyticsServer(_ => FakeLogAnalyticsServer.Error(403, "InsufficientAccessError",
                "The provided credentials have insufficient access to perform the requested operation",
                "{\"code\":\"UnauthorizedClient\",\"message\":\"The client does not have access\"}"));
            var ex = await FailsWith(server, ErrorIds.LogAnalyticsForbidden);
            Assert.Contains("Log Analytics Reader", ex.Message);
            Assert.Equal(ProblemKind.PermissionDenied, ex.Kind);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task UnauthorizedSaysTheSignInFailed()
        {
            using var server = new FakeLogAnalyticsServer(_ => FakeLogAnalyticsServer.Error(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing."));
            var ex = await FailsWith(server, ErrorIds.LogAnalyticsUnauthorized);
            Assert.Contains("sign-in failed", ex.Message);
        }

        [Fact]
        public async Task UnknownWorkspaceIsWorkspaceNotFound()
        {
            using var server = new FakeLogAnalyticsServer(_ => FakeLogAnalyticsServer.Error(404, "WorkspaceNotFoundError", "The workspace could not be found"));
            var ex = await FailsWith(server, ErrorIds.LogAnalyticsWorkspaceNotFound);
            Assert.Contains(Workspace.ToString(), ex.Message);
            Assert.Equal(ProblemKind.ObjectNotFound, ex.Kind);
        }

        [Fact]
        public async Task ATokenEchoedByTheServiceNeverReachesTheMessage()
        {
            // A misbehaving proxy that reflects the Authorization header into its error body.
            using var server = new FakeLogAnalyticsServer(r => FakeLogAnalyticsServer.Error(400, "BadArgumentError", "Rejected header: " + r.Authorization));
            var ex = await FailsWith(server, ErrorIds.LogAnalyticsBadRequest);
            Assert.Contains("Bearer ***", ex.Message);
        }

        [Fact]
        public async Task CancellationAbortsTheRequestInFlight()
        {
            var never = new TaskCompletionSource<bool>();
            using var server = new FakeLogAnalyticsServer(_ => new FakeResponse { HoldUntil = never.Task, Body = "{\"tables\":[]}" });
            var (client, _) = CreateClient(server);
            using var cts = new CancellationTokenSource();
            var query = client.QueryAsync(Workspace, "Syslog", Start, End, cts.Token);
            await server.RequestArrived.Task;
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => query);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task ARefusedConnectionIsRetriedThenReportedWithoutTheToken()
        {
            var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            probe.Start();
            var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop(); // nothing listens there now
            var connection = new LogAnalyticsConnection { Endpoint = new Uri("http://127.0.0.1:" + port + "/") };
            connection.SetAccessToken(Token);
            var delays = new List<TimeSpan>();
            var client = new LogAnalyticsQueryClient(connection, null, (wait, _) => { delays.Add(wait); return Task.CompletedTask; });
            var ex = await Assert.ThrowsAsync<LogAnalyticsException>(() => client.QueryAsync(Workspace, "Syslog", Start, End, CancellationToken.None));
            Assert.Equal(ErrorIds.LogAnalyticsConnectionFailed, ex.ErrorId);
            Assert.Equal(ProblemKind.ConnectionError, ex.Kind);
            Assert.Equal(3, delays.Count);
            Assert.DoesNotContain(Token, ex.ToString());
        }

        [Fact]
        public async Task NoAnswerWithinTheNetworkTimeoutIsLogAnalyticsTimeout()
        {
            var never = new TaskCompletionSource<bool>();
            using var server = new FakeLogAnalyticsServer(_ => new FakeResponse { HoldUntil = never.Task, Body = "{\"tables\":[]}" });
            var (client, _) = CreateClient(server, serverTimeout: 30);
            Assert.Equal(TimeSpan.FromSeconds(45), client.NetworkTimeout); // the server's wait plus 15 s
            client.NetworkTimeout = TimeSpan.FromMilliseconds(300);
            var ex = await Assert.ThrowsAsync<LogAnalyticsException>(() => client.QueryAsync(Workspace, "Syslog", Start, End, CancellationToken.None));
            Assert.Equal(ErrorIds.LogAnalyticsTimeout, ex.ErrorId);
            Assert.Equal("wait=30", server.Requests[0].Prefer);
        }

        [Fact]
        public void PlainHttpIsRefusedForAnythingButLoopback()
        {
            var connection = new LogAnalyticsConnection { Endpoint = new Uri("http://api.loganalytics.io/") };
            connection.SetAccessToken(Token);
            var ex = Assert.Throws<ArgumentException>(() => new LogAnalyticsQueryClient(connection));
            Assert.Contains("loopback", ex.Message);
        }

        [Theory]
        [InlineData(LogAnalyticsEnvironment.AzureCloud, "https://api.loganalytics.io/", "https://api.loganalytics.io/.default")]
        [InlineData(LogAnalyticsEnvironment.AzureUSGovernment, "https://api.loganalytics.us/", "https://api.loganalytics.us/.default")]
        [InlineData(LogAnalyticsEnvironment.AzureChinaCloud, "https://api.loganalytics.azure.cn/", "https://api.loganalytics.azure.cn/.default")]
        public void EachCloudHasItsEndpointAndAudience(LogAnalyticsEnvironment environment, string endpoint, string scope)
        {
            var connection = new LogAnalyticsConnection { Environment = environment };
            Assert.Equal(endpoint, connection.EffectiveEndpoint.ToString());
            Assert.Equal(scope, connection.Scope);
            connection.Endpoint = new Uri("http://127.0.0.1:1/");
            Assert.Equal(scope, connection.Scope);
        }

        [Fact]
        public void TheConnectionNeverShowsItsToken()
        {
            var connection = new LogAnalyticsConnection();
            connection.SetAccessToken("Bearer " + Token);
            Assert.True(connection.HasAccessToken);
            Assert.DoesNotContain(Token, connection.ToString());
            Assert.DoesNotContain(Token, JsonSerializer.Serialize(connection));
            Assert.Equal(Token, connection.AccessToken);
        }
    }
}

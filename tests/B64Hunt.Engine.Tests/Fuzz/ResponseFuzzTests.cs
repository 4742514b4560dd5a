using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using B64Hunt.Errors;
using B64Hunt.Intel;
using B64Hunt.LogAnalytics;
using B64Hunt.Model;
using B64Hunt.Reporting;
using B64Hunt.Tests.Intel;
using B64Hunt.Tests.LogAnalytics;
using Xunit;

namespace B64Hunt.Tests.Fuzz
{
    /// <summary>
    /// Hostile service answers: Log Analytics query responses (parsed directly and over HTTP with random
    /// statuses) and TI provider bodies over HTTP. Parsing fails only with the exceptions the client maps to
    /// LogAnalyticsInvalidResponse; over the wire every fault is a documented error id, never a crash.
    /// </summary>
    [Collection("Fuzz")]
    public sealed class ResponseFuzzTests
    {
        private static readonly string[] TiIds =
        {
            "TiBadResponse", "TiTimeout", "TiConnectionFailed", "TiRateLimited", "TiUnauthorized", "TiServerError", "TiRequestFailed", "TiQuotaExhausted",
        };

        private static string[] LogAnalyticsSeeds()
        {
            var columns = new[]
            {
                ("x", "long"), ("DateTime", "datetime"), ("Bool", "bool"), ("Guid", "guid"), ("Int", "int"), ("Double", "real"),
                ("String", "string"), ("Timespan", "timespan"), ("Decimal", "decimal"), ("Dynamic", "dynamic"), ("CommandLine", "string"),
            };
            var row = new object?[]
            {
                new RawJson("100"), "2015-12-31T23:59:59.9Z", false, "74be27de-1e4e-49d9-b579-fe0b331d3642", new RawJson("12345"),
                new RawJson("12345.6789"), "string value", "1.02:03:04.5000000", "0.10101", "{\"a\":123,\"c\":[1,2,3]}", "echo aGVsbG8= | base64 -d",
            };
            return new[]
            {
                File.ReadAllText(FuzzSeeds.SourceFixture("la-rest.json")),
                FakeLogAnalyticsServer.Table(columns, new[] { row, row }),
                FakeLogAnalyticsServer.Table(columns, new[] { row }, "{\"code\":\"PartialError\",\"message\":\"m\",\"details\":[{\"code\":\"c\",\"message\":\"d\",\"innererror\":{\"code\":\"SYN0002\",\"line\":1,\"pos\":5}}]}"),
                "{\"error\":{\"code\":\"BadArgumentError\",\"message\":\"The request had some invalid properties\",\"correlationId\":\"x\",\"innererror\":{\"code\":\"SyntaxError\",\"message\":\"A recognition error occurred.\",\"line\":1,\"pos\":7,\"innererror\":{\"code\":\"SYN0002\",\"message\":\"Query could not be parsed at 'x'\"}}}}",
            };
        }

        private static bool IsDocumentedParseFailure(Exception ex) =>
            ex is JsonException || ex is FormatException || ex is InvalidOperationException || ex is OverflowException;

        [Fact]
        public void MutatedLogAnalyticsResponsesParseOrFailAsInvalidResponse()
        {
            var seeds = LogAnalyticsSeeds();
            var donors = FuzzSeeds.Donors(seeds);
            FuzzRunner.Run("la-response", 1200, c =>
            {
                var rng = c.Rng;
                byte[] body = rng.Chance(5) ? Mutator.RandomBlob(rng, rng.Next(0, 2000))
                    : rng.Chance(5) ? Mutator.B(rng.Pick(new[] { "{\"tables\":", "{\"error\":" }) + new string('[', rng.Next(1, 5000)))
                    : Mutator.Mutate(rng, Mutator.B(rng.Pick(seeds)), 6, donors);
                c.Input = body;
                try
                {
                    var result = QueryResponseReader.ReadResult(new MemoryStream(body));
                    Assert.NotNull(result.Tables);
                }
                catch (Exception ex) when (IsDocumentedParseFailure(ex))
                {
                }
                // The error-body reader runs on every failed request: it answers or says null, never throws.
                QueryResponseReader.TryReadErrorBody(new MemoryStream(body));
            });
        }

        [Fact]
        public void HostileLogAnalyticsServiceGivesDocumentedErrors()
        {
            var seeds = LogAnalyticsSeeds();
            var donors = FuzzSeeds.Donors(seeds);
            int[] statuses = { 200, 200, 200, 206, 400, 401, 403, 404, 409, 429, 500, 502, 503, 504, 302, 418 };
            FuzzRng? current = null;
            using var server = new FakeLogAnalyticsServer(_ =>
            {
                var rng = current!;
                int status = rng.Pick(statuses);
                string body = Encoding.UTF8.GetString(rng.Chance(10) ? Mutator.RandomBlob(rng, rng.Next(0, 500)) : Mutator.Mutate(rng, Mutator.B(rng.Pick(seeds)), 4, donors));
                var headers = new Dictionary<string, string>();
                if (rng.Chance(40)) headers["Retry-After"] = rng.Pick(new[] { "0", "1", "-5", "abc", "99999999999", "Wed, 21 Oct 2015 07:28:00 GMT", "" });
                return new FakeResponse { Status = status, Body = body, Headers = headers };
            });
            var ids = typeof(ErrorIds).GetFields().Select(f => (string)f.GetValue(null)!).Where(id => id.StartsWith("LogAnalytics", StringComparison.Ordinal)).ToArray();
            FuzzRunner.Run("la-http", 80, c =>
            {
                current = c.Rng;
                c.SkipAllocationCheck = true;
                var (client, _) = LogAnalyticsTestClient.CreateClient(server);
                try
                {
                    var result = client.QueryAsync(LogAnalyticsTestClient.Workspace, "Syslog | take 1", new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc),
                        new DateTime(2024, 5, 2, 0, 0, 0, DateTimeKind.Utc), CancellationToken.None).GetAwaiter().GetResult();
                    Assert.NotNull(result);
                }
                catch (LogAnalyticsException ex)
                {
                    Assert.Contains(ex.ErrorId, ids);
                    Assert.False(string.IsNullOrEmpty(ex.Message));
                    Assert.DoesNotContain(LogAnalyticsTestClient.Token, ex.ToString());
                    var problem = ex.ToProblem("workspace");
                    FuzzAssert.ValidProblem(problem, ids, c);
                }
            }, TimeSpan.FromSeconds(30));
        }

        [Fact]
        public void HostileTiProviderAnswersGiveResultsOrDocumentedProblems()
        {
            string[] seeds =
            {
                OtxAnswers.General("45.33.32.156", 3), OtxAnswers.General("x", 0),
                VirusTotalAnswers.Report("ip_address", "45.33.32.156", 5, 1), VirusTotalAnswers.Report("url", "id", 0, 0),
                XForceProviderTests.Ipr("45.33.32.156", "7"), XForceProviderTests.UrlReport("evil-domain.com/a.sh", "10"), XForceProviderTests.Malware,
                VirusTotalAnswers.Quota, "{\"detail\":\"Not found.\"}", "{}",
            };
            var donors = FuzzSeeds.Donors(seeds);
            int[] statuses = { 200, 200, 200, 200, 404, 429, 401, 403, 500, 503, 400, 418, 301 };
            FuzzRng? current = null;
            using var harness = new ProviderHarness((request, n) =>
            {
                var rng = current!;
                int status = rng.Pick(statuses);
                string body = Encoding.UTF8.GetString(rng.Chance(10) ? Mutator.RandomBlob(rng, rng.Next(0, 500))
                    : rng.Chance(5) ? Mutator.B(new string('[', rng.Next(1, 3000)))
                    : Mutator.Mutate(rng, Mutator.B(rng.Pick(seeds)), 5, donors));
                var headers = new Dictionary<string, string>();
                if (status == 429 && rng.Chance(70)) headers["Retry-After"] = rng.Pick(new[] { "0", "3", "-1", "junk", "99999999", "Wed, 21 Oct 2015 07:28:00 GMT" });
                return new TestReply(status, body, headers);
            });
            var indicators = new[]
            {
                new TiIndicator("ipv4", "45.33.32.156"), new TiIndicator("dns", "evil-domain.com"), new TiIndicator("url", "http://evil-domain.com/a.sh?x=1"),
                new TiIndicator("md5_hash", "44d88612fea8a8f36de82e1278abb02f"), new TiIndicator("sha256_hash", new string('a', 64)),
            };
            FuzzRunner.Run("ti-http", 240, c =>
            {
                current = c.Rng;
                c.SkipAllocationCheck = true;
                var rng = c.Rng;
                ITiProvider provider = rng.Next(3) switch { 0 => harness.Otx(), 1 => harness.VirusTotal(), _ => harness.XForce() };
                var indicator = rng.Pick(indicators);
                var outcome = harness.Lookup(provider, indicator.Type, indicator.Value);
                Assert.NotNull(outcome.Result);
                Assert.Equal(provider.Name, outcome.Result.Provider);
                if (outcome.Problem != null)
                {
                    FuzzAssert.ValidProblem(outcome.Problem, TiIds, c);
                    Assert.Equal(TiStatus.Failed, outcome.Result.Status);
                }
                else
                {
                    Assert.NotEqual(TiStatus.Failed, outcome.Result.Status);
                }
            }, TimeSpan.FromSeconds(30));
        }
            [Fact]
        public void BrokenHttpGivesDocumentedErrorsForLogAnalyticsAndTiProviders()
        {
            var laSeeds = LogAnalyticsSeeds().Select(Mutator.B).ToArray();
            byte[] tiBody = Mutator.B(VirusTotalAnswers.Report("ip_address", "45.33.32.156", 5, 1));
            FuzzRng? current = null;
            bool forTi = false;
            using var server = new RawHttpFaultServer(() => RawHttpFaultServer.Fault(current!, forTi ? tiBody : current!.Pick(laSeeds)));
            var laIds = typeof(ErrorIds).GetFields().Select(f => (string)f.GetValue(null)!).Where(id => id.StartsWith("LogAnalytics", StringComparison.Ordinal)).ToArray();
            var clock = new FakeClock();
            using var http = new System.Net.Http.HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            FuzzRunner.Run("http-faults", 200, c =>
            {
                current = c.Rng;
                c.SkipAllocationCheck = true;
                forTi = c.Index % 2 == 1;
                if (forTi)
                {
                    var provider = new VirusTotalProvider("vt-key", server.Endpoint, http, new RequestPacer(null, null, clock), clock);
                    var outcome = provider.LookupAsync(new TiIndicator("ipv4", "45.33.32.156"), SilentReporter.Instance, CancellationToken.None).GetAwaiter().GetResult();
                    if (outcome.Problem != null) FuzzAssert.ValidProblem(outcome.Problem, TiIds, c);
                    return;
                }
                var connection = new LogAnalyticsConnection { Endpoint = server.Endpoint };
                connection.SetAccessToken(LogAnalyticsTestClient.Token);
                var client = new LogAnalyticsQueryClient(connection, null, (wait, _) => System.Threading.Tasks.Task.CompletedTask);
                try
                {
                    client.QueryAsync(LogAnalyticsTestClient.Workspace, "Syslog | take 1", null, null, CancellationToken.None).GetAwaiter().GetResult();
                }
                catch (LogAnalyticsException ex)
                {
                    Assert.Contains(ex.ErrorId, laIds);
                    Assert.DoesNotContain(LogAnalyticsTestClient.Token, ex.ToString());
                }
            }, TimeSpan.FromSeconds(60));
        }
    }
}

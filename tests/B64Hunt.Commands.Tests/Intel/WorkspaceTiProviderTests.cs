using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.Intel;
using B64Hunt.LogAnalytics;
using B64Hunt.Model;
using B64Hunt.Tests.LogAnalytics;
using Xunit;

namespace B64Hunt.Tests.Intel
{
    /// <summary>SentinelTI: the workspace's own TI tables, through the Log Analytics client, against the local Log Analytics server.</summary>
    [Collection(TiProcessEnvironmentCollection.Name)]
    public sealed class WorkspaceTiProviderTests : IDisposable
    {
        private static readonly Guid Workspace = new Guid("2f1c4a2e-9b0d-4c1e-8f7a-3d5b6c7e8f90");
        private readonly TiCmdletEnvironment _env = new TiCmdletEnvironment();

        public void Dispose() => _env.Dispose();

        private static readonly (string, string)[] CurrentColumns =
        {
            ("Id", "string"), ("ObservableKey", "string"), ("ObservableValue", "string"), ("Confidence", "int"), ("Name", "string"),
            ("Description", "string"), ("Labels", "string"), ("ValidUntil", "datetime"), ("SourceSystem", "string"),
        };

        private static readonly (string, string)[] LegacyColumns =
        {
            ("IndicatorId", "string"), ("NetworkIP", "string"), ("NetworkSourceIP", "string"), ("NetworkDestinationIP", "string"), ("DomainName", "string"),
            ("Url", "string"), ("FileHashValue", "string"), ("EmailSenderAddress", "string"), ("ConfidenceScore", "real"), ("Description", "string"),
            ("ThreatType", "string"), ("Tags", "string"), ("ExpirationDateTime", "datetime"), ("SourceSystem", "string"),
        };

        private static object?[] Current(string id, string key, string value, int confidence, string name) =>
            new object?[] { id, key, value, confidence, name, "Seen in a cryptojacking campaign", "[\"malicious-activity\"]", "2027-01-01T00:00:00Z", "Microsoft Defender Threat Intelligence" };

        private static FakeResponse MissingTable(string table) => FakeLogAnalyticsServer.Error(400, "BadArgumentError", "The request had some invalid properties",
            "{\"code\":\"SemanticError\",\"message\":\"A semantic error occurred.\",\"innererror\":{\"code\":\"SEM0100\",\"message\":\"'where' operator: Failed to resolve table or column expression named '" + table + "'\"}}");

        private static WorkspaceTiProvider Provider(FakeLogAnalyticsServer server)
        {
            var (client, _) = LogAnalyticsTestClient.CreateClient(server);
            return new WorkspaceTiProvider(client, Workspace);
        }

        private static async Task<Dictionary<string, TiResult>> LookupAll(ITiProvider provider, ProblemList listener, params TiIndicator[] indicators)
        {
            await ((ITiBatchProvider)provider).PrefetchAsync(indicators, listener, CancellationToken.None);
            var results = new Dictionary<string, TiResult>();
            foreach (var i in indicators) results[i.Value] = (await provider.LookupAsync(i, listener, CancellationToken.None)).Result;
            return results;
        }

        [Fact]
        public async Task ThreatIntelIndicatorsIsAskedOnceForTheBatchAndOnlyExactValuesMatch()
        {
            using var server = new FakeLogAnalyticsServer(_ => new FakeResponse
            {
                Body = FakeLogAnalyticsServer.Table(CurrentColumns, new[]
                {
                    Current("ind-1", "ipv4-addr:value", "45.9.148.35", 85, "XMRig pool proxy"),
                    Current("ind-2", "domain-name:value", "pool.example.net", 40, "Mining pool"),
                    // has_any matched a term of this URL; it is not the indicator asked about.
                    Current("ind-3", "url:value", "http://10.0.0.5/payload", 90, "Internal stager"),
                }),
            });
            var listener = new ProblemList();
            var results = await LookupAll(Provider(server), listener,
                new TiIndicator("ipv4", "45.9.148.35"), new TiIndicator("dns", "Pool.Example.NET"), new TiIndicator("ipv4", "10.0.0.5"), new TiIndicator("ipv4", "93.184.216.34"));

            var request = Assert.Single(server.Requests);
            Assert.StartsWith("ThreatIntelIndicators\n| where ObservableValue has_any (dynamic([\"45.9.148.35\", \"pool.example.net\", \"10.0.0.5\", \"93.184.216.34\"]))", request.Query);
            Assert.Contains("IsActive == true and IsDeleted == false", request.Query);
            Assert.Equal((TiStatus.Ok, TiSeverity.High), (results["45.9.148.35"].Status, results["45.9.148.35"].Severity));
            Assert.Contains("name=XMRig pool proxy; confidence=85", results["45.9.148.35"].Details);
            Assert.Contains("\"ObservableKey\":\"ipv4-addr:value\"", results["45.9.148.35"].Raw);
            Assert.Equal(TiSeverity.Medium, results["pool.example.net"].Severity);
            Assert.Equal(TiStatus.NotFound, results["10.0.0.5"].Status);
            Assert.Equal(TiStatus.NotFound, results["93.184.216.34"].Status);
            Assert.Empty(listener);
        }

        [Fact]
        public async Task AWorkspaceWithoutThreatIntelIndicatorsFallsBackToThreatIntelligenceIndicator()
        {
            using var server = new FakeLogAnalyticsServer(r => r.Query!.StartsWith("ThreatIntelIndicators", StringComparison.Ordinal)
                ? MissingTable("ThreatIntelIndicators")
                : new FakeResponse
                {
                    Body = FakeLogAnalyticsServer.Table(LegacyColumns, new[]
                    {
                        new object?[] { "leg-1", null, "45.9.148.35", null, null, null, null, null, 30.0, "SSH brute force source", "Botnet", "ssh", "2027-01-01T00:00:00Z", "SecurityGraph" },
                    }),
                });
            var provider = Provider(server);
            var listener = new ProblemList();
            var first = await LookupAll(provider, listener, new TiIndicator("ipv4", "45.9.148.35"));
            Assert.Equal((TiStatus.Ok, TiSeverity.Medium), (first["45.9.148.35"].Status, first["45.9.148.35"].Severity));
            Assert.Contains("threat=Botnet", first["45.9.148.35"].Details);
            Assert.Equal(WorkspaceTiProvider.LegacyTable, provider.Table);
            Assert.Contains("NetworkSourceIP has_any (dynamic([\"45.9.148.35\"]))", server.Requests[1].Query);
            Assert.Contains(listener.Verbose, v => v.Contains("no ThreatIntelIndicators table"));

            // The next batch goes straight to the table that exists.
            await LookupAll(provider, listener, new TiIndicator("dns", "evil.example.com"));
            Assert.Equal(3, server.Requests.Count);
            Assert.StartsWith("ThreatIntelligenceIndicator", server.Requests[2].Query);
        }

        [Fact]
        public async Task AnotherErrorIsNotAFallbackButOneFailureForTheRun()
        {
            // A bad request that is not about the missing table (here: another column) must not be mistaken for one.
            using var server = new FakeLogAnalyticsServer(_ => MissingTable("ObservableVal"));
            var listener = new ProblemList();
            var provider = Provider(server);
            await ((ITiBatchProvider)provider).PrefetchAsync(new[] { new TiIndicator("ipv4", "45.9.148.35"), new TiIndicator("ipv4", "45.9.148.36") }, listener, CancellationToken.None);
            var a = await provider.LookupAsync(new TiIndicator("ipv4", "45.9.148.35"), listener, CancellationToken.None);
            var b = await provider.LookupAsync(new TiIndicator("ipv4", "45.9.148.36"), listener, CancellationToken.None);

            Assert.Single(server.Requests);
            Assert.Equal((TiStatus.Failed, TiStatus.Failed), (a.Result.Status, b.Result.Status));
            Assert.Equal("TiWorkspaceQueryFailed", a.Problem!.ErrorId);
            Assert.Null(b.Problem);
        }

        [Fact]
        public async Task ManyIndicatorsAreAskedInBatches()
        {
            using var server = new FakeLogAnalyticsServer(_ => new FakeResponse { Body = FakeLogAnalyticsServer.Table(CurrentColumns, Array.Empty<object?[]>()) });
            var indicators = Enumerable.Range(0, 450).Select(i => new TiIndicator("ipv4", $"45.9.{i / 250}.{i % 250}")).ToArray();
            await LookupAll(Provider(server), new ProblemList(), indicators);
            Assert.Equal(3, server.Requests.Count);
        }

        [Fact]
        public void GetB64TiProviderShowsTheWorkspaceWithoutAskingIt()
        {
            using var ps = TiCmdletEnvironment.Shell();
            var before = ps.AddCommand("Get-B64TiProvider").AddParameter("Name", "SentinelTI").Invoke().Select(o => (TiProviderInfo)o.BaseObject).Single();
            Assert.False(before.Usable);
            Assert.Contains("no workspace", before.Notes);

            using var with = TiCmdletEnvironment.Shell();
            var info = with.AddCommand("Get-B64TiProvider").AddParameter("Name", "SentinelTI").AddParameter("WorkspaceId", Workspace).Invoke()
                .Select(o => (TiProviderInfo)o.BaseObject).Single();
            Assert.True(info.Usable);
            Assert.Equal(TiKeySource.Parameter, info.KeySource);
            Assert.Equal("workspace " + Workspace, info.Endpoint);
            Assert.Equal("batched (200 a query)", info.Pacing);
        }

        [Fact]
        public void InvokeB64TiLookupAsksTheWorkspaceAndTheVerdictReachesTheEvent()
        {
            const string token = "la-token-SECRET-7c21";
            using var server = new FakeLogAnalyticsServer(_ => new FakeResponse
            {
                Body = FakeLogAnalyticsServer.Table(CurrentColumns, new[] { Current("ind-1", "ipv4-addr:value", "45.9.148.35", 90, "XMRig pool proxy") }),
            });
            var e = Events.With(("ipv4", "45.9.148.35"), ("ipv4", "10.1.2.3"));

            using var ps = TiCmdletEnvironment.Shell();
            var output = ps.AddCommand("Invoke-B64TiLookup").AddParameter("InputObject", new[] { e })
                .AddParameter("WorkspaceId", Workspace).AddParameter("AccessToken", token)
                .AddParameter("Endpoint", new Hashtable { ["SentinelTI"] = server.Endpoint.ToString() }).AddParameter("Verbose", true).Invoke();

            Assert.False(ps.HadErrors, string.Join("; ", ps.Streams.Error));
            Assert.Same(e, Assert.Single(output).BaseObject);
            Assert.Equal("Bearer " + token, server.Requests.Single().Authorization);
            Assert.Equal(TiSeverity.High, e.TiResults.Single(r => r.Ioc == "45.9.148.35").Severity);
            // The organisation's own workspace sees private addresses too: nothing leaves it.
            Assert.Equal(TiStatus.NotFound, e.TiResults.Single(r => r.Ioc == "10.1.2.3").Status);
            var everything = string.Join("\n", output.Select(o => PSSerializer.Serialize(o, 6))) + string.Join("\n", ps.Streams.Verbose.Select(v => v.Message));
            Assert.DoesNotContain(token, everything);
            Assert.Contains(ps.Streams.Verbose, v => v.Message.StartsWith("SentinelTI: workspace " + Workspace));
        }
    }
}

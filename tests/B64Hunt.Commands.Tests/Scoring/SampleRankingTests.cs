using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using B64Hunt.Benchmarks.SampleGenerator;
using B64Hunt.Commands;
using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.Scoring
{
    /// <summary>The bundled sample hunt ranked by the default and the notebook models, labelled by the sample's own catalogue.</summary>
    public class SampleRankingTests
    {
        private static PowerShell Shell()
        {
            var iss = InitialSessionState.CreateDefault2();
            foreach (var (name, type) in new[]
            {
                ("Get-B64Command", typeof(GetB64CommandCommand)), ("Add-B64Category", typeof(AddB64CategoryCommand)),
                ("Add-GtfoBinsTag", typeof(AddGtfoBinsTagCommand)), ("Find-B64Ioc", typeof(FindB64IocCommand)),
                ("Invoke-B64TiLookup", typeof(InvokeB64TiLookupCommand)), ("Get-B64RelatedAlert", typeof(GetB64RelatedAlertCommand)),
                ("Measure-B64Score", typeof(MeasureB64ScoreCommand)),
            })
            {
                iss.Commands.Add(new SessionStateCmdletEntry(name, type, null));
            }
            return PowerShell.Create(iss);
        }

        private static readonly Lazy<List<CommandEvent>> Events = new Lazy<List<CommandEvent>>(() =>
        {
            using var ps = Shell();
            string feed = Path.Combine(AppContext.BaseDirectory, "data", "sample", "ti-feed.csv");
            ps.AddCommand("Get-B64Command").AddParameter("Sample", true).AddParameter("ErrorAction", "SilentlyContinue")
                .AddCommand("Add-B64Category").AddCommand("Add-GtfoBinsTag").AddCommand("Find-B64Ioc")
                .AddCommand("Invoke-B64TiLookup").AddParameter("LocalFeed", feed);
            return ps.Invoke().Select(o => (CommandEvent)o.BaseObject).ToList();
        });

        private static List<CommandScore> Rank(string model, bool alerts)
        {
            using var ps = Shell();
            object[] input = Events.Value.Cast<object>().ToArray();
            if (alerts)
            {
                using var a = Shell();
                input = input.Concat(a.AddCommand("Get-B64RelatedAlert").AddParameter("Sample", true).Invoke().Select(o => o.BaseObject)).ToArray();
            }
            return ps.AddCommand("Measure-B64Score").AddParameter("Model", model).Invoke(input).Select(o => (CommandScore)o.BaseObject).ToList();
        }

        // A score is benign when its command is one of the sample's admin payloads (or a payload nested in one).
        private static bool IsAttack(CommandScore score) =>
            !PayloadCatalog.All.Where(p => !p.IsMalicious).Any(p => p.Command == score.DecodedCommand || p.Command.Contains(score.DecodedCommand) || score.DecodedCommand.Contains(p.Command));

        [Theory]
        [InlineData(true, 10)]
        [InlineData(false, 9)]
        public void TheDefaultTopTenAreAttacks(bool alerts, int atLeast)
        {
            var top = Rank("Default", alerts).Take(10).ToList();
            Assert.Equal(10, top.Count);
            int attacks = top.Count(IsAttack);
            Assert.True(attacks >= atLeast, string.Join("\n", top.Select(s => $"#{s.Rank} {IsAttack(s)} {s.DecodedCommand}")));
            Assert.All(top, s => Assert.NotEmpty(s.ScoreReasons));
        }

        [Fact]
        public void TheNotebookModelStillPutsRoutineCommandsOnTopForComparison()
        {
            var top = Rank("Notebook", true).Take(10).ToList();
            Assert.Contains(top, s => !IsAttack(s));
            Assert.All(top, s => Assert.Equal("Notebook", s.Model));
        }
    }
}

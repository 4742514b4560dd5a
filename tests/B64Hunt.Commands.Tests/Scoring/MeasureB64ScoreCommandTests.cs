using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using B64Hunt.Commands;
using B64Hunt.Model;
using Xunit;
using static B64Hunt.Tests.Scoring.Fixture;

namespace B64Hunt.Tests.Scoring
{
    /// <summary>The cmdlets hosted in a runspace: binding, pipeline input of several types, error ids.</summary>
    public class MeasureB64ScoreCommandTests
    {
        private static PowerShell Shell()
        {
            var iss = InitialSessionState.CreateDefault2();
            iss.Commands.Add(new SessionStateCmdletEntry("Measure-B64Score", typeof(MeasureB64ScoreCommand), null));
            iss.Commands.Add(new SessionStateCmdletEntry("Show-B64Timeline", typeof(ShowB64TimelineCommand), null));
            return PowerShell.Create(iss);
        }

        [Fact]
        public void ScoresEventsAndAlertsFromOnePipeline()
        {
            using var ps = Shell();
            var input = new object[] { Event("cmd-a", "hostA", 0), Event("cmd-b", "hostB", 1), Alert("hostB", "Reverse shell", "High") };
            var output = ps.AddCommand("Measure-B64Score").AddParameter("Model", "Notebook").Invoke(input).Select(o => (CommandScore)o.BaseObject).ToList();
            Assert.False(ps.HadErrors);
            Assert.Equal(new[] { "cmd-b", "cmd-a" }, output.Select(s => s.DecodedCommand).ToArray());
            Assert.Equal(4.0, output[0].TotalScore, 9);   // 1 + 0 + 3
        }

        [Fact]
        public void BadWeightStopsWithItsErrorId()
        {
            using var ps = Shell();
            ps.AddCommand("Measure-B64Score").AddParameter("Model", "Notebook").AddParameter("Weight", new Hashtable { ["Severe"] = 2 });
            var ex = Assert.ThrowsAny<RuntimeException>(() => ps.Invoke(new object[] { Event("x", "h") }));
            Assert.Equal("UnknownScoreWeight,B64Hunt.Commands.MeasureB64ScoreCommand", ex.ErrorRecord.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, ex.ErrorRecord.CategoryInfo.Category);
        }

        [Fact]
        public void BadItemsAreReportedAndTheRestIsScored()
        {
            using var ps = Shell();
            var bad = Event("x", "h");
            bad.EventCount = -3;
            var output = ps.AddCommand("Measure-B64Score").AddParameter("Model", "Notebook").Invoke(new object[] { bad, 42, "uname -a" });
            Assert.Equal(2, output.Count);
            var ids = ps.Streams.Error.Select(e => e.FullyQualifiedErrorId).ToArray();
            Assert.Contains("InvalidEventCount,B64Hunt.Commands.MeasureB64ScoreCommand", ids);
            Assert.Contains("UnsupportedInputObject,B64Hunt.Commands.MeasureB64ScoreCommand", ids);
            Assert.Same(bad, ps.Streams.Error.First(e => e.FullyQualifiedErrorId.StartsWith("InvalidEventCount")).TargetObject);
        }

        [Fact]
        public void TimelineWritesPlainLinesWhenHosted()
        {
            using var ps = Shell();
            var output = ps.AddCommand("Show-B64Timeline").AddParameter("Model", "Notebook").AddParameter("Width", 20)
                .Invoke(new object[] { Event("whoami", "web1", 0), Event("id", "web2", 60) });
            Assert.False(ps.HadErrors);
            var lines = output.Select(o => (string)o.BaseObject).ToList();
            Assert.StartsWith("B64Hunt timeline: 2 command(s) (2 execution(s)) on 2 host(s)", lines[0]);
            Assert.DoesNotContain(lines, l => l.IndexOf('\u001b') >= 0);
        }
    }
}

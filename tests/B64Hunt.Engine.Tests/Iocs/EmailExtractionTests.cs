using B64Hunt.Iocs;
using Xunit;
using static B64Hunt.Tests.Iocs.IocTestSupport;

namespace B64Hunt.Tests.Iocs
{
    public class EmailExtractionTests
    {
        [Theory]
        [InlineData("echo hi | mail -s x attacker@evil.com", "attacker@evil.com", "evil.com")]
        [InlineData("git config user.email First.Last+tag@Mail.Evil.co.uk", "First.Last+tag@mail.evil.co.uk", "mail.evil.co.uk")]
        [InlineData("echo mailto:ops@evil.org", "ops@evil.org", "evil.org")]
        public void EmailsNeedARegistrableDomainAndAlsoReportIt(string text, string email, string domain)
        {
            var ioc = Single(text, IocTypeNames.Email, email);
            Assert.False(ioc.IsPrivate);
            Single(text, IocTypeNames.Dns, domain);
        }

        [Theory]
        [InlineData("echo user@host")]
        [InlineData("echo user@install.notatld")]
        [InlineData("echo root@10.0.0.1")]
        [InlineData("ssh root@evil.com")]
        [InlineData("scp a.sh deploy@evil.com:/tmp")]
        [InlineData("pip install pkg@1.0")]
        public void NonAddressesAndLoginsAreNotEmails(string text)
        {
            Assert.Empty(Of(text, IocTypeNames.Email));
        }

        [Fact]
        public void InternalDomainsMakePrivateEmails()
        {
            Assert.True(Single("echo admin@dc.corp", IocTypeNames.Email, "admin@dc.corp").IsPrivate);
        }
    }
}

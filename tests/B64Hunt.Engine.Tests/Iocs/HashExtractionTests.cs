using B64Hunt.Iocs;
using Xunit;
using static B64Hunt.Tests.Iocs.IocTestSupport;

namespace B64Hunt.Tests.Iocs
{
    public class HashExtractionTests
    {
        private const string Md5A = "d41d8cd98f00b204e9800998ecf8427e";
        private const string Md5B = "0cc175b9c0f1b6a831c399e269772661";
        private const string Sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
        private const string Sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

        [Fact]
        public void TheSecondOfTwoHashesSeparatedByOneSpaceIsKept()
        {
            Assert.Equal(new[] { Md5A, Md5B }, Of(Md5A + " " + Md5B, IocTypeNames.Md5Hash));
        }

        [Fact]
        public void HashesSeparatedByOneCharacterAreAllKept()
        {
            string text = Md5A + "," + Md5B + "," + Sha1 + ":" + Sha256;
            Assert.Equal(new[] { Md5A, Md5B }, Of(text, IocTypeNames.Md5Hash));
            Assert.Equal(new[] { Sha1 }, Of(text, IocTypeNames.Sha1Hash));
            Assert.Equal(new[] { Sha256 }, Of(text, IocTypeNames.Sha256Hash));
        }

        [Fact]
        public void EachLengthMapsToItsType()
        {
            string text = $"md5={Md5A} sha1={Sha1} sha256:{Sha256}";
            Assert.Equal(new[] { Md5A }, Of(text, IocTypeNames.Md5Hash));
            Assert.Equal(new[] { Sha1 }, Of(text, IocTypeNames.Sha1Hash));
            Assert.Equal(new[] { Sha256 }, Of(text, IocTypeNames.Sha256Hash));
        }

        [Fact]
        public void UpperCaseHashesAreNormalisedToLowerCase()
        {
            var ioc = Single("echo " + Md5A.ToUpperInvariant(), IocTypeNames.Md5Hash, Md5A);
            Assert.Equal(Md5A.ToUpperInvariant(), ioc.Value);
            Assert.False(ioc.IsPrivate);
        }

        [Theory]
        [InlineData("echo " + Md5A + "0")]                      // 33 hex digits
        [InlineData("echo " + Sha256 + "ab")]                   // 66: inside a longer run
        [InlineData("echo x" + Md5A)]                           // glued to a word
        [InlineData("echo " + Md5A + "g")]
        [InlineData("echo 12345678901234567890123456789012")]  // a number
        [InlineData("echo deadbeefdeadbeefdeadbeefdeadbeef")]  // no digit: a word
        public void PartsOfLongerRunsAndNonHashesAreNotReported(string text)
        {
            Assert.Empty(Of(text, IocTypeNames.Md5Hash));
        }

        [Fact]
        public void HashesInsideUrlsAreReportedAsWellAsTheUrl()
        {
            string text = "curl https://www.virustotal.com/gui/file/" + Sha256 + "/detection";
            Assert.Single(Of(text, IocTypeNames.Url));
            Assert.Equal(new[] { Sha256 }, Of(text, IocTypeNames.Sha256Hash));
        }
    }
}

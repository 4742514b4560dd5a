using B64Hunt.Decoding;
using Xunit;
using static B64Hunt.Tests.Decoding.Payloads;

namespace B64Hunt.Tests.Decoding
{
    public class PrefilterTests
    {
        [Theory]
        [InlineData("/usr/bin/python3 /opt/app/server.py --port 8080 --workers 4")]
        [InlineData("/bin/sh -c /usr/lib/update-notifier/update-motd-updates-available")]
        [InlineData("ls -la /var/log/nginx/")]
        [InlineData("systemctl restart nginx.service")]
        [InlineData("grep -r x86_64-linux-gnu /etc/ld.so.conf.d/")]
        [InlineData("")]
        public void TypicalLinesWithoutPayloadAreRejected(string line)
        {
            Assert.False(PayloadDecoder.MayContainPayload(line));
            Assert.Empty(new PayloadDecoder().Decode(line));
        }

        [Theory]
        [InlineData("/usr/sbin/sshd -D -o AuthorizedKeysCommand=/usr/bin/sss_ssh_authorizedkeys")]
        [InlineData("java -jar /opt/app/ApplicationServer.jar")]
        public void IdentifiersMayPassThePrefilterButDecodeToNothing(string line)
        {
            Assert.True(PayloadDecoder.MayContainPayload(line));
            Assert.Empty(new PayloadDecoder().Decode(line));
        }

        [Theory]
        [InlineData("echo {0} | base64 -d | sh")]
        [InlineData("bash -c \"$(echo {0})\"")]
        [InlineData("curl http://x/?q={0}")]
        public void LinesWithPayloadPass(string template)
        {
            Assert.True(PayloadDecoder.MayContainPayload(string.Format(template, B64(Command))));
        }

        [Fact]
        public void HexEscapesAndKeywordsPass()
        {
            Assert.True(PayloadDecoder.MayContainPayload("printf '\\x69\\x64' | sh"));
            Assert.True(PayloadDecoder.MayContainPayload("echo 6964 | xxd -r -p | sh"));
            Assert.True(PayloadDecoder.MayContainPayload("curl http://x/?q=aWQ%3D"));
        }

        [Fact]
        public void NullIsRejected() => Assert.False(PayloadDecoder.MayContainPayload((string)null!));
    }
}

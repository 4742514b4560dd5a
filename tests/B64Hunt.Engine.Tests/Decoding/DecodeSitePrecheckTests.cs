using System.Collections.Generic;
using System.Linq;
using B64Hunt.Decoding;
using Xunit;
using static B64Hunt.Tests.Decoding.Payloads;

namespace B64Hunt.Tests.Decoding
{
    /// <summary>
    /// The cheap tests that spare most lines the decode-site lexer: a pipe is tokenized only when its first word names a
    /// decoder or a wrapper (or is quoted), the command before it only when it starts with echo or printf, and neither when
    /// the candidate scan decoded the literal before the pipe already. Each shortcut must find what the full pass finds.
    /// </summary>
    public class DecodeSitePrecheckTests
    {
        private static IReadOnlyList<DecodedPayload> All(string line) => new PayloadDecoder().Decode(line);

        [Theory]
        [InlineData("echo aWQ= | base64 -d | sh")]
        [InlineData("echo aWQ= |base64 -d|sh")]
        [InlineData("echo aWQ= | /usr/bin/base64 -d | sh")]
        [InlineData("echo aWQ= | sudo base64 -d | sh")]
        [InlineData("echo aWQ= | env LC_ALL=C /bin/base64 --decode | sh")]
        [InlineData("echo aWQ= | LC_ALL=C base64 -d | sh")]
        [InlineData("echo aWQ= | PATH+=:/opt/bin base64 -d | sh")]
        [InlineData("echo aWQ= | \"base64\" -d | sh")]
        [InlineData("echo aWQ= | ba\\se64 -d | sh")]
        [InlineData("/bin/echo aWQ= | base64 -d | sh")]
        [InlineData("sudo echo aWQ= | base64 -d | sh")]
        [InlineData("printf '%s' aWQ= | busybox base64 -d | sh")]
        [InlineData("bash -c 'echo aWQ= | openssl base64 -d | sh'")]
        public void ShortLiteralPipedIntoADecoderIsDecodedHoweverTheDecoderIsSpelled(string line)
        {
            var payload = Assert.Single(All(line));
            Assert.Equal("id", payload.DecodedText);
        }

        [Theory]
        [InlineData("echo aWQ= | grep -c base64")]
        [InlineData("echo aWQ= | base64 | sh")] // encodes, not decodes
        [InlineData("cat aWQ= | base64 -d | sh")] // a file name, not a literal
        [InlineData("echo $TOKEN | base64 -d > /run/secrets/t")]
        [InlineData("kubectl get secret tls -o jsonpath='{.data.tls\\.crt}' | base64 -d | openssl x509 -noout -enddate")]
        [InlineData("echo aWQ= | openssl x509 -noout")]
        public void PipesThatDoNotDecodeALiteralGiveNothing(string line)
        {
            Assert.Empty(All(line));
        }

        [Fact]
        public void ALongLiteralTheScanDecodedIsNotDecodedASecondTimeAsASite()
        {
            string line = "echo " + B64(Command) + " | base64 -d | bash";
            var payload = Assert.Single(All(line));
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(new[] { "base64" }, payload.Chain.ToArray());
        }

        [Fact]
        public void EveryPipeOfALongLineIsLookedAt()
        {
            // Twenty pipes into tools that decode nothing, then the one that does: the precheck skips the first twenty only.
            string noise = string.Concat(Enumerable.Repeat(" | grep -v x | awk '{print $1}'", 10));
            var payload = Assert.Single(All("cat /var/log/syslog" + noise + "; echo bHM= | base64 -d | sh"));
            Assert.Equal("ls", payload.DecodedText);
        }

        [Theory]
        [InlineData("curl http://203.0.113.5/Base64/")]
        [InlineData("x/Base64")]
        [InlineData("aWQ=")]
        public void RunsTooShortForTheBase64PathMarkerNeverFail(string line)
        {
            var problems = new List<B64Hunt.Model.Problem>();
            new PayloadDecoder(new DecoderOptions { MinPayloadLength = 4 }).Decode(line, problems);
            Assert.DoesNotContain(problems, p => p.ErrorId == "DecoderFailed");
        }

        [Fact]
        public void TheBase64PathMarkerIsFoundInAnyCase()
        {
            string line = "curl -s 'http://203.0.113.5:1389/BASE64/" + B64("id; whoami") + "'";
            var payload = Assert.Single(All(line));
            Assert.Equal("id; whoami", payload.DecodedText);
        }
    }
}

namespace B64Hunt.Tests.Decoding
{
    /// <summary>DnsLabels.MayApply: a tool counts only as a command word, before a blank.</summary>
    public class DnsToolPrecheckTests
    {
        [Theory]
        [InlineData("curl http://x.example/", true)]
        [InlineData("/usr/bin/wget\t-q http://x", true)]
        [InlineData("x;dig TXT a.b", true)]
        [InlineData("nslookup", false)]
        [InlineData("curly http://x", false)]
        [InlineData("xcurl http://x", false)]
        [InlineData("echo host", false)]
        [InlineData("$(ping -c1 a.b)", true)]
        [InlineData("a", false)]
        [InlineData("", false)]
        public void KnownTexts(string text, bool expected)
        {
            Assert.Equal(expected, DnsLabels.MayApply(text));
        }
    }
}

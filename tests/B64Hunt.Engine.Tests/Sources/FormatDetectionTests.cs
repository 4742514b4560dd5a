using System.IO;
using System.Linq;
using B64Hunt.Sources;
using Xunit;
using static B64Hunt.Tests.Sources.SourceTestSupport;

namespace B64Hunt.Tests.Sources
{
    public class FormatDetectionTests
    {
        [Theory]
        [InlineData("auoms-rfc3164.log", LogFormat.AuomsSyslog)]
        [InlineData("auoms-rfc5424.log", LogFormat.AuomsSyslog)]
        [InlineData("auoms-bare.log", LogFormat.AuomsSyslog)]
        [InlineData("audit.log", LogFormat.Auditd)]
        [InlineData("la-syslog-export.csv", LogFormat.Csv)]
        [InlineData("deviceprocessevents.csv", LogFormat.Csv)]
        [InlineData("no-command-column.csv", LogFormat.Csv)]
        [InlineData("array.json", LogFormat.Json)]
        [InlineData("la-rest.json", LogFormat.Json)]
        [InlineData("rows.jsonl", LogFormat.JsonLines)]
        [InlineData("auoms-rotated.log.2.gz", LogFormat.AuomsSyslog)]
        public void DetectsByContent(string fixture, LogFormat expected)
        {
            Assert.Equal(expected, LogFileReader.DetectFormat(Fixture(fixture)));
        }

        [Theory]
        [InlineData("auoms-rfc3164.log", LogFormat.AuomsSyslog, 4)]
        [InlineData("audit.log", LogFormat.Auditd, 4)]
        [InlineData("la-syslog-export.csv", LogFormat.Csv, 2)]
        [InlineData("deviceprocessevents.csv", LogFormat.Csv, 3)]
        [InlineData("array.json", LogFormat.Json, 3)]
        [InlineData("la-rest.json", LogFormat.Json, 2)]
        [InlineData("rows.jsonl", LogFormat.JsonLines, 3)]
        public void GzipOfEachFormatIsDetectedAndReadLikeThePlainFile(string fixture, LogFormat expected, int records)
        {
            using var temp = new TempDirectory();
            // The extension says nothing: detection is by the gzip magic and the content.
            string gz = temp.Gzip(Fixture(fixture), "rotated.1");
            Assert.Equal(expected, LogFileReader.DetectFormat(gz));
            var plain = Read(Fixture(fixture));
            var zipped = Read(gz);
            Assert.Equal(records, zipped.Records.Count);
            Assert.Equal(plain.Records.Select(r => r.CommandLine), zipped.Records.Select(r => r.CommandLine));
            Assert.Equal(plain.Records.Select(r => r.Source.Replace(Fixture(fixture), "")), zipped.Records.Select(r => r.Source.Replace(gz, "")));
            Assert.Equal(plain.Stats.BytesRead, zipped.Stats.BytesRead); // decompressed bytes
        }

        [Fact]
        public void CommittedRotatedGzipLogIsRead()
        {
            string path = Fixture("auoms-rotated.log.2.gz");
            var result = Read(path);
            Assert.Equal(4, result.Records.Count);
            Assert.Equal(path + ":2", result.Records[0].Source);
        }

        [Fact]
        public void StreamOverloadReadsGzipAndLeavesTheStreamOpen()
        {
            using var stream = File.OpenRead(Fixture("auoms-rotated.log.2.gz"));
            var result = new ReadResult();
            foreach (var item in LogFileReader.Read(stream, "upload", new LogReadOptions(), result.Stats, System.Threading.CancellationToken.None)) result.Items.Add(item);
            Assert.Equal(4, result.Records.Count);
            Assert.Equal("upload:2", result.Records[0].Source);
            Assert.True(stream.CanRead); // not disposed
        }

        [Fact]
        public void ExtensionDoesNotDecide()
        {
            using var temp = new TempDirectory();
            string misnamed = temp.File("export.json");
            File.Copy(Fixture("deviceprocessevents.csv"), misnamed);
            Assert.Equal(LogFormat.Csv, LogFileReader.DetectFormat(misnamed));
        }

        [Theory]
        [InlineData("", LogFormat.AuomsSyslog)]
        [InlineData("   \n\n", LogFormat.AuomsSyslog)]
        [InlineData("Mar  1 12:00:00 h kernel: hello, world\n", LogFormat.AuomsSyslog)]
        [InlineData("Host,Payload\nh,x\n", LogFormat.Csv)]
        [InlineData("ProcessCommandLine\nid\n", LogFormat.Csv)]
        [InlineData("whoami\nid\n", LogFormat.AuomsSyslog)]
        [InlineData("{\"tables\":[]}\n", LogFormat.Json)]
        [InlineData("{\n \"CommandLine\": \"x\"\n}\n", LogFormat.Json)]
        [InlineData("{\"CommandLine\":\"x\"}\n{\"CommandLine\":\"y\"}\n", LogFormat.JsonLines)]
        [InlineData("\uFEFF[]", LogFormat.Json)]
        [InlineData("node=h type=SYSCALL msg=audit(1.0:1): uid=0\n", LogFormat.Auditd)]
        public void DetectsSmallSamples(string content, LogFormat expected)
        {
            using var temp = new TempDirectory();
            string path = temp.File("sample");
            File.WriteAllText(path, content);
            Assert.Equal(expected, LogFileReader.DetectFormat(path));
        }
    }
}

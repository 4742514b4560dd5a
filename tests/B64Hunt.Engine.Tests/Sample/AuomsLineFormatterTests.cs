using System;
using System.Text;
using B64Hunt.Benchmarks.SampleGenerator;
using Xunit;

namespace B64Hunt.Tests.Sample
{
    public class AuomsLineFormatterTests
    {
        [Theory]
        [InlineData(new[] { "iptables", "-w", "-t", "security", "--flush" }, "iptables -w -t security --flush")]
        [InlineData(new[] { "bash", "-c", "{echo,QQ==}|{base64,-d}|{bash,-i}" }, "bash -c \"{echo,QQ==}|{base64,-d}|{bash,-i}\"")]
        [InlineData(new[] { "perl", "-e", "system(\"id\")" }, "perl -e \"system(\"id\")\"")]
        [InlineData(new[] { "echo", "hi there!" }, "echo 'hi there!'")]
        [InlineData(new[] { "printf", "" }, "printf \"\"")]
        public void ArgvIsJoinedLikeBashEscapeString(string[] argv, string expected) => Assert.Equal(expected, BashEscape.Join(argv));

        [Fact]
        public void ControlAndNonAsciiBytesAreTtyEscaped()
        {
            Assert.Equal("a\\x0Ab", BashEscape.TtyEscape("a\nb"));
            Assert.Equal("caf\\xC3\\xA9", BashEscape.TtyEscape("café"));
            Assert.Equal("plain text", BashEscape.TtyEscape("plain text"));
        }

        [Fact]
        public void SyslogPrefixPadsTheDayWithASpaceAndTimesWithZeros()
        {
            var sb = new StringBuilder();
            AuomsLineFormatter.AppendSyslogPrefix(sb, new DateTime(2026, 10, 3, 4, 5, 6, DateTimeKind.Utc), "web-01", "auoms", 812);
            Assert.Equal("Oct  3 04:05:06 web-01 auoms[812]: ", sb.ToString());
            sb.Clear();
            AuomsLineFormatter.AppendSyslogPrefix(sb, new DateTime(2026, 10, 13, 23, 59, 59, DateTimeKind.Utc), "k8s-node-7.contoso.local", "auoms", 1);
            Assert.Equal("Oct 13 23:59:59 k8s-node-7.contoso.local auoms[1]: ", sb.ToString());
        }

        [Fact]
        public void AuditHeaderHasEpochSecondsAndThreeDigitMilliseconds()
        {
            var sb = new StringBuilder();
            AuomsLineFormatter.AppendRecordHeader(sb, "AUOMS_EXECVE", new DateTime(2026, 10, 1, 0, 0, 1, 5, DateTimeKind.Utc), 7605215);
            Assert.Equal("type=AUOMS_EXECVE audit(1790812801.005:7605215):", sb.ToString());
        }

        [Fact]
        public void AnUnsetSessionIsWrittenAsAuomsInterpretsIt()
        {
            var sb = new StringBuilder();
            AuomsLineFormatter.AppendExecveLine(sb, new ExecRecord
            {
                Time = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc), Serial = 1, Host = "h", AuomsPid = 2, Pid = 91098, Ppid = 16244,
                Account = SampleAccount.RootDaemon, Program = ExecProgram.For("iptables"), Argc = 5,
                CommandLine = "iptables -w -t security --flush", Cwd = "/var/lib/waagent",
            });
            string line = sb.ToString();
            Assert.Contains(" ppid=16244 pid=91098 audit_user=unset auid=4294967295 user=root uid=0 group=root gid=0 ", line);
            Assert.Contains(" tty=(none) ses=\"-1\" ses_r=4294967295 comm=\"iptables\" exe=\"/usr/sbin/xtables-nft-multi\" key=auoms key_r=\"auoms\" cwd=\"/var/lib/waagent\" name=\"/usr/sbin/iptables\" ", line);
            Assert.EndsWith(" argc=5 cmdline=\"iptables -w -t security --flush\" redactors= containerid=", line);
        }
    }
}

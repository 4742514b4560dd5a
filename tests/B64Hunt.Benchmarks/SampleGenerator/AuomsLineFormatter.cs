using System;
using System.Collections.Generic;
using System.Text;

namespace B64Hunt.Benchmarks.SampleGenerator
{
    /// <summary>One execve as AUOMS reports it.</summary>
    public sealed class ExecRecord
    {
        public DateTime Time { get; set; }
        public long Serial { get; set; }
        public string Host { get; set; } = string.Empty;
        public int AuomsPid { get; set; }
        public int Pid { get; set; }
        public int Ppid { get; set; }
        public SampleAccount Account { get; set; } = SampleAccount.RootDaemon;
        public string? Cwd { get; set; }
        public ExecProgram Program { get; set; } = ExecProgram.For("sh");
        public int Argc { get; set; }

        /// <summary>The argv joined by <see cref="BashEscape.Join"/> (and tty-escaped).</summary>
        public string CommandLine { get; set; } = string.Empty;

        /// <summary>Seed of the syscall register values a0..a3 (they are addresses, not argv).</summary>
        public ulong Registers { get; set; }
    }

    /// <summary>The per-command tail of an AUOMS_EXECVE line (see <see cref="AuomsLineFormatter.AppendExecveLine(StringBuilder, ExecRecord, ExecTemplate)"/>).</summary>
    public sealed class ExecTemplate
    {
        private ExecTemplate(string text) => Text = text;

        public string Text { get; }

        public static ExecTemplate For(SampleAccount account, ExecProgram program, int argc, string commandLine, string? cwd = null) =>
            new ExecTemplate(AuomsLineFormatter.ExecveTail(account, program, argc, commandLine, cwd));
    }

    /// <summary>
    /// Writes RFC 3164 syslog lines carrying AUOMS records, field by field in the order AUOMS's SyslogEventWriter
    /// emits them (log-analytics-and-linux-formats.md §3), ending " redactors= containerid=".
    /// </summary>
    public static class AuomsLineFormatter
    {
        public const string AuomsVersion = "2.5.2-25";
        private static readonly string[] Months = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
        private static readonly DateTime UnixEpoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>"Oct  1 08:15:02 web-01 tag[pid]: " (day padded with a space, as rsyslog's traditional format).</summary>
        public static void AppendSyslogPrefix(StringBuilder sb, DateTime time, string host, string tag, int pid)
        {
            sb.Append(Months[time.Month - 1]).Append(' ');
            if (time.Day < 10) sb.Append(' ');
            sb.Append(time.Day).Append(' ');
            Append2(sb, time.Hour).Append(':');
            Append2(sb, time.Minute).Append(':');
            Append2(sb, time.Second).Append(' ');
            sb.Append(host).Append(' ').Append(tag);
            if (pid >= 0) sb.Append('[').Append(pid).Append(']');
            sb.Append(": ");
        }

        /// <summary>"type=NAME audit(1790842502.123:4567):"</summary>
        public static void AppendRecordHeader(StringBuilder sb, string recordType, DateTime time, long serial)
        {
            long ticks = (time - UnixEpoch).Ticks;
            long seconds = ticks / TimeSpan.TicksPerSecond;
            int millis = (int)(ticks / TimeSpan.TicksPerMillisecond % 1000);
            sb.Append("type=").Append(recordType).Append(" audit(").Append(seconds).Append('.');
            if (millis < 100) sb.Append('0');
            if (millis < 10) sb.Append('0');
            sb.Append(millis).Append(':').Append(serial).Append("):");
        }

        /// <summary>A full syslog line with an AUOMS_EXECVE record (no line terminator).</summary>
        public static void AppendExecveLine(StringBuilder sb, ExecRecord r) =>
            AppendExecveLine(sb, r, ExecTemplate.For(r.Account, r.Program, r.Argc, r.CommandLine, r.Cwd));

        /// <summary>The same line, with the per-command part (identity to containerid) made once: the bench writes millions.</summary>
        public static void AppendExecveLine(StringBuilder sb, ExecRecord r, ExecTemplate template)
        {
            AppendSyslogPrefix(sb, r.Time, r.Host, "auoms", r.AuomsPid);
            AppendRecordHeader(sb, "AUOMS_EXECVE", r.Time, r.Serial);
            sb.Append(" SchemaVersion=\"1\" auoms_version=").Append(AuomsVersion)
              .Append(" arch=x86_64 arch_r=c000003e syscall=execve syscall_r=59 success=yes exit=0");
            ulong reg = r.Registers;
            sb.Append(" a0="); AppendHex(sb, 0x55d000000000UL | (reg & 0xFFFFFFFFFUL));
            sb.Append(" a1="); AppendHex(sb, 0x55d000000000UL | ((reg >> 7) & 0xFFFFFFFFFUL));
            sb.Append(" a2="); AppendHex(sb, 0x55d000000000UL | ((reg >> 13) & 0xFFFFFFFFFUL));
            sb.Append(" a3="); AppendHex(sb, (reg >> 40) & 0xFFFFFUL);
            sb.Append(" ppid=").Append(r.Ppid).Append(" pid=").Append(r.Pid);
            sb.Append(template.Text);
        }

        /// <summary>Everything of an AUOMS_EXECVE record from audit_user on, which depends only on who ran what.</summary>
        internal static string ExecveTail(SampleAccount account, ExecProgram program, int argc, string commandLine, string? cwd)
        {
            var sb = new StringBuilder(700);
            AppendIdentity(sb, account);
            sb.Append(" comm=\"").Append(program.Comm).Append("\" exe=\"").Append(program.Exe)
              .Append("\" key=auoms key_r=\"auoms\" cwd=\"").Append(cwd ?? account.Cwd)
              .Append("\" name=\"").Append(program.Name).Append("\" inode=").Append(program.Inode)
              .Append(" dev=08:01 mode=file,755 mode_r=0100755 o_user=root ouid=0 owner_group=root ogid=0 rdev=00:00 nametype=NORMAL")
              .Append(" path_name=[\"").Append(program.Name).Append("\",\"/lib64/ld-linux-x86-64.so.2\"]")
              .Append(" path_nametype=[\"NORMAL\",\"NORMAL\"] path_mode=[\"0100755\",\"0100755\"] path_ouid=[\"0\",\"0\"] path_ogid=[\"0\",\"0\"]")
              .Append(" argc=").Append(argc)
              .Append(" cmdline=\"").Append(commandLine).Append("\" redactors= containerid=");
            return sb.ToString();
        }

        /// <summary>A syslog line with an AUOMS_SYSCALL record for a connect() (noise the readers must skip).</summary>
        public static void AppendConnectLine(StringBuilder sb, ExecRecord r, string address, int port)
        {
            AppendSyslogPrefix(sb, r.Time, r.Host, "auoms", r.AuomsPid);
            AppendRecordHeader(sb, "AUOMS_SYSCALL", r.Time, r.Serial);
            sb.Append(" SchemaVersion=\"1\" auoms_version=").Append(AuomsVersion)
              .Append(" arch=x86_64 arch_r=c000003e syscall=connect syscall_r=42 success=no exit=-115 a0=3 a1=");
            AppendHex(sb, 0x7ffc00000000UL | (r.Registers & 0xFFFFFFFFUL));
            sb.Append(" a2=10 a3=0 ppid=").Append(r.Ppid).Append(" pid=").Append(r.Pid);
            AppendIdentity(sb, r.Account);
            sb.Append(" comm=\"").Append(r.Program.Comm).Append("\" exe=\"").Append(r.Program.Exe)
              .Append("\" key=auoms key_r=\"auoms\" saddr_fam=inet saddr_addr=").Append(address).Append(" saddr_port=").Append(port)
              .Append(" containerid=");
        }

        /// <summary>A syslog line with an AUOMS_PROCESS_INVENTORY record: it has a cmdline too, but is not an execution.</summary>
        public static void AppendProcessInventoryLine(StringBuilder sb, ExecRecord r, long startTime)
        {
            AppendSyslogPrefix(sb, r.Time, r.Host, "auoms", r.AuomsPid);
            AppendRecordHeader(sb, "AUOMS_PROCESS_INVENTORY", r.Time, r.Serial);
            sb.Append(" SchemaVersion=\"1\" auoms_version=").Append(AuomsVersion)
              .Append(" ppid=").Append(r.Ppid).Append(" pid=").Append(r.Pid)
              .Append(" starttime=").Append(startTime);
            AppendIdentity(sb, r.Account);
            sb.Append(" comm=\"").Append(r.Program.Comm).Append("\" exe=\"").Append(r.Program.Exe)
              .Append("\" cmdline=\"").Append(r.CommandLine).Append("\" containerid=");
        }

        private static void AppendIdentity(StringBuilder sb, SampleAccount a)
        {
            sb.Append(" audit_user=").Append(a.AuditUser).Append(" auid=").Append(a.Auid)
              .Append(" user=").Append(a.User).Append(" uid=").Append(a.Uid)
              .Append(" group=").Append(a.Group).Append(" gid=").Append(a.Gid)
              .Append(" effective_user=").Append(a.User).Append(" euid=").Append(a.Uid)
              .Append(" set_user=").Append(a.User).Append(" suid=").Append(a.Uid)
              .Append(" filesystem_user=").Append(a.User).Append(" fsuid=").Append(a.Uid)
              .Append(" effective_group=").Append(a.Group).Append(" egid=").Append(a.Gid)
              .Append(" set_group=").Append(a.Group).Append(" sgid=").Append(a.Gid)
              .Append(" filesystem_group=").Append(a.Group).Append(" fsgid=").Append(a.Gid)
              .Append(" tty=").Append(a.Tty);
            if (a.Session < 0) sb.Append(" ses=\"-1\" ses_r=4294967295");
            else sb.Append(" ses=").Append(a.Session);
        }

        private static StringBuilder Append2(StringBuilder sb, int value)
        {
            if (value < 10) sb.Append('0');
            return sb.Append(value);
        }

        private static void AppendHex(StringBuilder sb, ulong value)
        {
            if (value == 0) { sb.Append('0'); return; }
            int shift = 60;
            while ((value >> shift) == 0) shift -= 4;
            for (; shift >= 0; shift -= 4) sb.Append("0123456789abcdef"[(int)((value >> shift) & 0xF)]);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using B64Hunt.Benchmarks.SampleGenerator;
using Xunit;

namespace B64Hunt.Tests.Sample
{
    public class SampleLogFormatTests
    {
        private static readonly string[] Lines = File.ReadAllLines(Path.Combine(SampleText.SampleDirectory, SampleHuntGenerator.LogFileName));

        // RFC 3164 prefix, then the AUOMS record header (log-analytics-and-linux-formats.md §3).
        private static readonly Regex ExecveHead = new Regex(
            @"^(?<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?<day>[ 123]\d) (?<time>\d\d:\d\d:\d\d) (?<host>[a-z0-9.-]+) auoms\[\d+\]: " +
            @"type=AUOMS_EXECVE audit\((?<sec>\d{10})\.(?<ms>\d{3}):(?<serial>\d+)\): SchemaVersion=""1"" ",
            RegexOptions.CultureInvariant);

        // AUOMS_EXECVE field order: SyslogEventWriter with interpreted_field_names (raw names get the _r suffix).
        private static readonly string[] FieldOrder =
        {
            "SchemaVersion", "auoms_version", "arch", "arch_r", "syscall", "syscall_r", "success", "exit", "a0", "a1", "a2", "a3",
            "ppid", "pid", "audit_user", "auid", "user", "uid", "group", "gid", "effective_user", "euid", "set_user", "suid",
            "filesystem_user", "fsuid", "effective_group", "egid", "set_group", "sgid", "filesystem_group", "fsgid", "tty", "ses",
            "comm", "exe", "key", "key_r", "cwd", "name", "inode", "dev", "mode", "mode_r", "o_user", "ouid", "owner_group", "ogid",
            "rdev", "nametype", "path_name", "path_nametype", "path_mode", "path_ouid", "path_ogid", "argc", "cmdline", "redactors", "containerid",
        };

        private static IEnumerable<string> ExecveLines => Lines.Where(l => l.Contains(" type=AUOMS_EXECVE "));

        [Fact]
        public void TheSampleHasTheAdvertisedShape()
        {
            Assert.InRange(Lines.Length, 3000, 8000);
            Assert.Equal(30, Lines.Select(SampleText.HostOf).Distinct().Count());
            Assert.Contains(Lines, l => SampleText.HostOf(l).EndsWith(".contoso.local", StringComparison.Ordinal));
            var days = Lines.Select(l => l.Substring(0, 6)).Distinct().ToList();
            Assert.Equal(Enumerable.Range(1, 14).Select(d => "Oct " + d.ToString(CultureInfo.InvariantCulture).PadLeft(2)), days);
            // Noise the readers must skip: other AUOMS records and ordinary syslog.
            Assert.Contains(Lines, l => l.Contains(" type=AUOMS_SYSCALL "));
            Assert.Contains(Lines, l => l.Contains(" type=AUOMS_PROCESS_INVENTORY "));
            Assert.Contains(Lines, l => l.Contains(" sshd[") && !l.Contains("type="));
        }

        [Fact]
        public void EveryCompleteExecveRecordFollowsTheAuomsGrammar()
        {
            int complete = 0;
            foreach (var line in ExecveLines)
            {
                if (!line.EndsWith(" redactors= containerid=", StringComparison.Ordinal)) continue;
                complete++;
                var m = ExecveHead.Match(line);
                Assert.True(m.Success, line);

                // Field names in order; the cmdline value may hold anything, so names are read around it.
                int cmd = line.IndexOf(" cmdline=\"", StringComparison.Ordinal);
                string before = line.Substring(line.IndexOf("SchemaVersion=", StringComparison.Ordinal), cmd - line.IndexOf("SchemaVersion=", StringComparison.Ordinal));
                var names = before.Split(' ').Select(t => t.Substring(0, t.IndexOf('='))).Where(n => n != "ses_r").ToList();
                names.AddRange(new[] { "cmdline", "redactors", "containerid" });
                Assert.Equal(FieldOrder, names);

                // The syslog time and the audit time are the same instant (UTC).
                var audit = DateTimeOffset.FromUnixTimeSeconds(long.Parse(m.Groups["sec"].Value, CultureInfo.InvariantCulture)).UtcDateTime;
                Assert.Equal(audit.ToString("MMM", CultureInfo.InvariantCulture), m.Groups["mon"].Value);
                Assert.Equal(audit.Day, int.Parse(m.Groups["day"].Value.Trim(), CultureInfo.InvariantCulture));
                Assert.Equal(audit.ToString("HH:mm:ss", CultureInfo.InvariantCulture), m.Groups["time"].Value);
                Assert.InRange(audit, new DateTime(2026, 10, 1), new DateTime(2026, 10, 15));

                // argc matches the quoted words of the bash-escaped cmdline only loosely; it must at least be positive.
                Assert.True(int.Parse(Regex.Match(line, @" argc=(\d+) ").Groups[1].Value, CultureInfo.InvariantCulture) >= 1);
            }
            Assert.InRange(complete, 3000, 6000);
        }

        [Fact]
        public void ExactlyTheTwoMalformedRecordsAreCutShort()
        {
            var cut = ExecveLines.Where(l => !l.EndsWith(" redactors= containerid=", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, cut.Count);
            Assert.Contains(cut, l => l.Contains(" cmdline=\"bash -c \"echo ") && !l.Contains("redactors="));
            Assert.Contains(cut, l => !l.Contains(" cmdline="));
        }

        [Fact]
        public void LinesAreInTimeOrderAndSerialsGrowPerHost()
        {
            var lastSerial = new Dictionary<string, long>();
            long lastSecond = 0;
            foreach (var line in Lines.Where(l => l.Contains(" audit(")))
            {
                var m = Regex.Match(line, @" audit\((\d{10})\.\d{3}:(\d+)\)");
                long second = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                long serial = long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
                Assert.True(second >= lastSecond, line);
                lastSecond = second;
                string host = SampleText.HostOf(line);
                if (lastSerial.TryGetValue(host, out var previous)) Assert.True(serial > previous, line);
                lastSerial[host] = serial;
            }
        }

        [Fact]
        public void CommandLinesKeepInnerQuotesUnescaped()
        {
            // bash_escape_string quoting: the argument of -c is wrapped in bare double quotes, nothing inside is escaped.
            var brace = PayloadCatalog.Get("revshell-bash-tcp").Encoded;
            Assert.Equal("bash -c \"{echo," + brace.EncodedText + "}|{base64,-d}|{bash,-i}\"", brace.CommandLine);
            Assert.Contains(ExecveLines, l => l.Contains(" cmdline=\"" + brace.CommandLine + "\" redactors= containerid="));
            var perl = PayloadCatalog.Get("persist-crontab").Encoded;
            Assert.Equal("perl -MMIME::Base64 -e \"system(decode_base64(\"" + perl.EncodedText + "\"))\"", perl.CommandLine);
            Assert.DoesNotContain(ExecveLines, l => l.Contains("\\\""));
        }
    }
}

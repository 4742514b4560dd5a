using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace B64Hunt.Benchmarks.SampleGenerator
{
    /// <summary>What a generation wrote, for the report and the tests.</summary>
    public sealed class SampleHuntSummary
    {
        public int Lines { get; set; }
        public int ExecveLines { get; set; }
        public int PayloadLines { get; set; }
        public int MalformedLines { get; set; }
        public int Hosts { get; set; }
        public int Days { get; set; }
        public int DistinctPayloads { get; set; }
        public IReadOnlyDictionary<PayloadKind, int> DistinctPayloadsByKind { get; set; } = new Dictionary<PayloadKind, int>();
        public int Alerts { get; set; }
        public int TiIndicators { get; set; }
    }

    /// <summary>
    /// Generates the bundled sample hunt: AUOMS syslog over 30 hosts and 14 days (2026-10-01..14), the SecurityAlert
    /// export of the same estate and a local threat-intel feed. Same seed, same bytes: it uses only its own PRNG, fixed
    /// dates and invariant formatting, and writes UTF-8 without BOM with "\n" line ends.
    /// </summary>
    public sealed class SampleHuntGenerator
    {
        public const ulong DefaultSeed = 20261001;
        public const int Days = 14;
        public const string LogFileName = "auoms-syslog.log";
        public const string AlertsFileName = "alerts.csv";
        public const string TiFeedFileName = "ti-feed.csv";
        public const string ReadmeFileName = "README.md";
        public const string AlertsHeader = "TimeGenerated [UTC],AlertName,AlertSeverity,Description,CompromisedEntity,Entities,ExtendedProperties,SystemAlertId,ProviderName,Tactics,Techniques,StartTime [UTC],EndTime [UTC]";
        public const string TiFeedHeader = "Indicator,Type,Severity,Description,Reference";

        public static readonly DateTime FirstDay = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
        public static readonly Encoding Utf8 = new UTF8Encoding(false);

        private readonly ulong seed;
        private readonly List<PlannedLine> plan = new List<PlannedLine>();
        private readonly List<PlannedLine> payloadRuns = new List<PlannedLine>();
        private int order;

        public SampleHuntGenerator(ulong seed = DefaultSeed)
        {
            this.seed = seed;
            Plan();
        }

        /// <summary>Writes auoms-syslog.log, alerts.csv, ti-feed.csv and README.md into the folder.</summary>
        public SampleHuntSummary WriteTo(string directory)
        {
            Directory.CreateDirectory(directory);
            var summary = new SampleHuntSummary();
            using (var w = NewWriter(Path.Combine(directory, LogFileName))) WriteLog(w, summary);
            using (var w = NewWriter(Path.Combine(directory, AlertsFileName))) summary.Alerts = WriteAlerts(w);
            using (var w = NewWriter(Path.Combine(directory, TiFeedFileName))) summary.TiIndicators = WriteTiFeed(w);
            using (var w = NewWriter(Path.Combine(directory, ReadmeFileName))) WriteReadme(w, summary);
            return summary;
        }

        public static StreamWriter NewWriter(string path) => new StreamWriter(path, false, Utf8, 1 << 16) { NewLine = "\n" };

        // ------------------------------------------------------------------ planning

        private enum LineKind { Benign, Payload, Connect, Inventory, Syslog, Truncated }

        private sealed class PlannedLine
        {
            public DateTime Time;
            public int Order;
            public LineKind Kind;
            public SampleHost Host = SampleHosts.All[0];
            public BenignCommand? Benign;
            public SamplePayload? Payload;
            public string? Text;
        }

        private void Plan()
        {
            var rng = new DeterministicRandom(seed);
            foreach (var host in SampleHosts.All)
            {
                // Look-alikes are rare on purpose (about one a host a week): they are the decoder's traps, not the noise.
                var commands = BenignCommands.WeightedFor(host.Role).Where(c => !c.IsLookAlike).ToList();
                var lookAlikes = BenignCommands.All.Where(c => c.IsLookAlike && c.RunsOn(host.Role)).ToList();
                for (int day = 1; day <= Days; day++)
                {
                    int count = rng.Between(6, 11);
                    for (int i = 0; i < count; i++)
                    {
                        Add(LineKind.Benign, host, At(rng, day, 0, 23)).Benign = rng.Pick(commands);
                    }
                    if (day % 7 == (int)(StableHash.Of(host.Name) % 7) && lookAlikes.Count > 0)
                        Add(LineKind.Benign, host, At(rng, day, 8, 18)).Benign = rng.Pick(lookAlikes);
                    if (rng.Chance(0.5))
                        Add(LineKind.Connect, host, At(rng, day, 0, 23)).Benign = rng.Pick(commands);
                    Add(LineKind.Inventory, host, At(rng, day, 0, 0));
                    int noise = rng.Between(1, 3);
                    for (int i = 0; i < noise; i++) Add(LineKind.Syslog, host, At(rng, day, 0, 23)).Text = SyslogNoise(rng, host);
                }
            }

            // Every look-alike at least once, on a host of its role, whatever the draws above picked.
            var trapHosts = SampleHosts.All.OrderBy(h => StableHash.Of(h.Name)).ToList();
            int trap = 0;
            foreach (var lookAlike in BenignCommands.All.Where(c => c.IsLookAlike))
                Add(LineKind.Benign, trapHosts.First(h => lookAlike.RunsOn(h.Role)), At(rng, 2 + trap++ % 12, 9, 17)).Benign = lookAlike;

            foreach (var payload in PayloadCatalog.All)
            {
                var s = payload.Schedule;
                foreach (var hostName in payload.Hosts)
                {
                    var host = SampleHosts.Get(hostName);
                    if (s.PeriodHours > 0)
                    {
                        int minute = rng.Next(60);
                        for (var t = FirstDay.AddMinutes(minute).AddHours(rng.Next(s.PeriodHours)); t < FirstDay.AddDays(Days); t = t.AddHours(s.PeriodHours))
                            AddRun(payload, host, t.AddMilliseconds(rng.Between(5, 900)));
                    }
                    else
                    {
                        int runs = rng.Between(s.MinPerHost, s.MaxPerHost);
                        for (int i = 0; i < runs; i++)
                            AddRun(payload, host, At(rng, rng.Between(s.FirstDay, s.LastDay), s.StartHour, s.EndHour));
                    }
                }
            }

            // Malformed input the readers must survive: an AUOMS_EXECVE record cut short inside its payload, and one cut
            // before its cmdline (a full disk or a rotated file truncates a line like this).
            var cut = PayloadCatalog.Get("recon-basic");
            Add(LineKind.Truncated, SampleHosts.Get("web-03"), At(rng, 6, 1, 4)).Payload = cut;
            Add(LineKind.Truncated, SampleHosts.Get("app-04"), At(rng, 8, 1, 4)).Text = "argc";

            plan.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Order.CompareTo(b.Order));
        }

        private PlannedLine Add(LineKind kind, SampleHost host, DateTime time)
        {
            var line = new PlannedLine { Kind = kind, Host = host, Time = time, Order = order++ };
            plan.Add(line);
            return line;
        }

        private void AddRun(SamplePayload payload, SampleHost host, DateTime time)
        {
            var run = Add(LineKind.Payload, host, time);
            run.Payload = payload;
            payloadRuns.Add(run);
        }

        private static DateTime At(DeterministicRandom rng, int day, int startHour, int endHour)
        {
            int seconds = rng.Between(startHour * 3600, endHour * 3600 + 3599);
            return FirstDay.AddDays(day - 1).AddSeconds(seconds).AddMilliseconds(rng.Next(1000));
        }

        private static string SyslogNoise(DeterministicRandom rng, SampleHost host)
        {
            int pid = rng.Between(1200, 60000);
            switch (rng.Next(7))
            {
                case 0: return "CRON[" + pid + "]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)";
                case 1:
                    return "sshd[" + pid + "]: Accepted publickey for azureuser from 10.20.6.2" + rng.Next(10) + " port " + rng.Between(40000, 65000) +
                           " ssh2: RSA SHA256:" + FingerprintLike(rng);
                case 2: return "systemd[1]: Started Session " + rng.Between(2, 900) + " of User azureuser.";
                case 3: return "sudo: azureuser : TTY=pts/0 ; PWD=/home/azureuser ; USER=root ; COMMAND=/usr/bin/systemctl status " + (host.Role == HostRole.Web ? "nginx" : "auoms");
                case 4: return "systemd[1]: Starting Daily apt download activities...";
                case 5: return "rsyslogd: [origin software=\"rsyslogd\" swVersion=\"8.2112.0\" x-pid=\"" + rng.Between(600, 900) + "\" x-info=\"https://www.rsyslog.com\"] rsyslogd was HUPed";
                default: return "kernel: [" + rng.Between(1000, 999999) + "." + rng.Between(100000, 999999) + "] IPv4: martian source 10.20.0.255 from 10.20.0.1, on dev eth0";
            }
        }

        private static string FingerprintLike(DeterministicRandom rng)
        {
            const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            var chars = new char[43];
            for (int i = 0; i < chars.Length; i++) chars[i] = alphabet[rng.Next(64)];
            return new string(chars);
        }

        // ------------------------------------------------------------------ the log

        private sealed class HostCounters
        {
            public long Serial;
            public int Pid;
            public int AuomsPid;
        }

        public void WriteLog(TextWriter writer, SampleHuntSummary? summary = null)
        {
            summary ??= new SampleHuntSummary();
            var rng = new DeterministicRandom(seed ^ 0x5EED106UL);
            var counters = SampleHosts.All.ToDictionary(h => h.Name, h => new HostCounters
            {
                Serial = rng.Between(100000, 900000),
                Pid = rng.Between(2000, 30000),
                AuomsPid = rng.Between(600, 1500),
            });
            var sb = new StringBuilder(2048);
            var record = new ExecRecord();
            var hosts = new HashSet<string>();
            var days = new HashSet<DateTime>();
            foreach (var line in plan)
            {
                sb.Clear();
                var c = counters[line.Host.Name];
                c.Serial += rng.Between(3, 400);
                c.Pid += rng.Between(1, 40);
                if (c.Pid > 4194000) c.Pid = 1000;
                record.Time = line.Time;
                record.Serial = c.Serial;
                record.Host = line.Host.Name;
                record.AuomsPid = c.AuomsPid;
                record.Pid = c.Pid;
                record.Ppid = c.Pid - rng.Between(1, 30);
                record.Registers = rng.NextUInt64();
                record.Cwd = null;
                switch (line.Kind)
                {
                    case LineKind.Benign:
                        Fill(record, line.Benign!.Account, line.Benign.Program, line.Benign.Argv.Length, line.Benign.CommandLine);
                        AuomsLineFormatter.AppendExecveLine(sb, record);
                        summary.ExecveLines++;
                        break;
                    case LineKind.Payload:
                    {
                        var p = line.Payload!;
                        Fill(record, p.Account, ExecProgram.For(p.Encoded.Argv[0]), p.Encoded.Argv.Count, p.Encoded.CommandLine);
                        if (p.Id == "admin-patch") record.Cwd = "/var/lib/waagent/run-command/download/0";
                        AuomsLineFormatter.AppendExecveLine(sb, record);
                        summary.ExecveLines++;
                        summary.PayloadLines++;
                        break;
                    }
                    case LineKind.Connect:
                        Fill(record, line.Benign!.Account, line.Benign.Program, 0, string.Empty);
                        AuomsLineFormatter.AppendConnectLine(sb, record, "10.20." + rng.Next(12) + "." + rng.Between(4, 40), rng.Pick(new[] { 443, 5432, 6379, 8080, 53 }));
                        break;
                    case LineKind.Inventory:
                    {
                        var daemon = InventoryProcess(line.Host.Role);
                        Fill(record, SampleAccount.RootDaemon, ExecProgram.For(daemon.Exe), 0, daemon.CommandLine);
                        record.Ppid = 1;
                        record.Pid = daemon.Pid;
                        AuomsLineFormatter.AppendProcessInventoryLine(sb, record, 1790812800 - 86400 * 3 + rng.Next(86400));
                        break;
                    }
                    case LineKind.Syslog:
                        AuomsLineFormatter.AppendSyslogPrefix(sb, line.Time, line.Host.Name, string.Empty, -1);
                        // The noise text carries its own "tag[pid]: "; drop the empty tag the prefix wrote.
                        sb.Length -= 2;
                        sb.Append(line.Text);
                        break;
                    case LineKind.Truncated:
                    {
                        if (line.Payload != null)
                        {
                            var p = line.Payload;
                            Fill(record, p.Account, ExecProgram.For(p.Encoded.Argv[0]), p.Encoded.Argv.Count, p.Encoded.CommandLine);
                            AuomsLineFormatter.AppendExecveLine(sb, record);
                            int at = sb.ToString().IndexOf(p.Encoded.EncodedText, StringComparison.Ordinal) + p.Encoded.EncodedText.Length / 2;
                            sb.Length = at;
                        }
                        else
                        {
                            var benign = BenignCommands.All[0];
                            Fill(record, benign.Account, benign.Program, benign.Argv.Length, benign.CommandLine);
                            AuomsLineFormatter.AppendExecveLine(sb, record);
                            sb.Length = sb.ToString().IndexOf(" argc=", StringComparison.Ordinal);
                        }
                        summary.MalformedLines++;
                        break;
                    }
                }
                writer.Write(sb);
                writer.Write('\n');
                summary.Lines++;
                hosts.Add(line.Host.Name);
                days.Add(line.Time.Date);
            }
            summary.Hosts = hosts.Count;
            summary.Days = days.Count;
            summary.DistinctPayloads = PayloadCatalog.All.Count;
            summary.DistinctPayloadsByKind = PayloadCatalog.All.GroupBy(p => p.Kind).ToDictionary(g => g.Key, g => g.Count());
        }

        private static void Fill(ExecRecord record, SampleAccount account, ExecProgram program, int argc, string commandLine)
        {
            record.Account = account;
            record.Program = program;
            record.Argc = argc;
            record.CommandLine = commandLine;
        }

        private static (string Exe, string CommandLine, int Pid) InventoryProcess(HostRole role)
        {
            switch (role)
            {
                case HostRole.Web: return ("/usr/sbin/nginx", "nginx: master process /usr/sbin/nginx -g \"daemon on; master_process on;\"", 1187);
                case HostRole.Database: return ("/usr/lib/postgresql/14/bin/postgres", "/usr/lib/postgresql/14/bin/postgres -D /var/lib/postgresql/14/main", 944);
                case HostRole.Kubernetes: return ("/usr/bin/kubelet", "/usr/bin/kubelet --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///run/containerd/containerd.sock", 1032);
                case HostRole.Cache: return ("/usr/bin/redis-server", "/usr/bin/redis-server 127.0.0.1:6379", 877);
                default: return ("/usr/sbin/sshd", "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups", 721);
            }
        }

        // ------------------------------------------------------------------ alerts

        /// <summary>Writes the SecurityAlert export (Log Analytics CSV: header, RFC 4180 quoting, ISO 8601 UTC times).</summary>
        public int WriteAlerts(TextWriter writer)
        {
            var rng = new DeterministicRandom(seed ^ 0xA1E27UL);
            var rows = new List<(DateTime Start, string[] Fields)>();
            var fired = new HashSet<string>();
            int pidBase = 31000;
            foreach (var run in payloadRuns.OrderBy(r => r.Time).ThenBy(r => r.Order))
            {
                var payload = run.Payload!;
                if (!SampleAlerts.ByPayload.TryGetValue(payload.Id, out var rule)) continue;
                // One alert per rule and host (the EDR dedupes), then the repeats of long-running activity.
                if (!fired.Add(rule.Name + "|" + run.Host.Name)) continue;
                for (int repeat = 0; repeat <= rule.RepeatDays; repeat++)
                {
                    var start = repeat == 0 ? run.Time : run.Time.Date.AddDays(repeat).AddSeconds(rng.Between(3600, 80000));
                    if (start >= FirstDay.AddDays(Days)) break;
                    rows.Add((start, AlertRow(rng, rule, run.Host, start, payload.Account.User, payload.Encoded.CommandLine, ExecProgram.For(payload.Encoded.Argv[0]).Exe, pidBase += rng.Between(5, 900))));
                }
            }
            foreach (var (hostName, day, hour, rule) in SampleAlerts.Unrelated)
            {
                var start = FirstDay.AddDays(day - 1).AddHours(hour).AddSeconds(rng.Next(3600));
                rows.Add((start, AlertRow(rng, rule, SampleHosts.Get(hostName), start, null, null, null, 0)));
            }

            writer.Write(AlertsHeader);
            writer.Write('\n');
            foreach (var row in rows.OrderBy(r => r.Start))
            {
                writer.Write(string.Join(",", row.Fields.Select(Csv.Quote)));
                writer.Write('\n');
            }
            return rows.Count;
        }

        private static string[] AlertRow(DeterministicRandom rng, AlertRule rule, SampleHost host, DateTime start, string? account, string? commandLine, string? exe, int pid)
        {
            var end = start.AddSeconds(rng.Between(0, 90));
            var generated = end.AddSeconds(rng.Between(60, 900));
            var entities = new StringBuilder("[{\"$id\":\"2\",\"HostName\":\"").Append(Json.Escape(host.ShortName))
                .Append("\",\"DnsDomain\":\"").Append(Json.Escape(host.DnsDomain)).Append("\",\"Type\":\"host\"}");
            if (account != null)
                entities.Append(",{\"$id\":\"3\",\"Name\":\"").Append(Json.Escape(account)).Append("\",\"Host\":{\"$ref\":\"2\"},\"Type\":\"account\"}");
            if (commandLine != null)
                entities.Append(",{\"$id\":\"4\",\"ProcessId\":\"").Append(pid).Append("\",\"CommandLine\":\"").Append(Json.Escape(commandLine))
                    .Append("\",\"Host\":{\"$ref\":\"2\"},\"Type\":\"process\"}");
            entities.Append(']');
            var extended = new StringBuilder("{\"Compromised Host\":\"").Append(Json.Escape(host.Name)).Append('"');
            if (exe != null) extended.Append(",\"Suspicious Process\":\"").Append(Json.Escape(exe)).Append('"');
            if (account != null) extended.Append(",\"User Name\":\"").Append(Json.Escape(account)).Append('"');
            extended.Append('}');
            return new[]
            {
                Iso(generated), rule.Name, rule.Severity, rule.Description.Replace("{host}", host.Name), host.Name,
                entities.ToString(), extended.ToString(), rng.NextGuid().ToString(), rule.Provider, rule.Tactics, rule.Techniques,
                Iso(start), Iso(end),
            };
        }

        public static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        // ------------------------------------------------------------------ threat intelligence

        /// <summary>The local feed: some (not all) of the attacker infrastructure in the malicious payloads.</summary>
        public static IReadOnlyList<(string Indicator, string Type, string Severity, string Description)> TiIndicators { get; } = new List<(string, string, string, string)>
        {
            ("45.9.148.35", "ipv4", "high", "Hosts XMRig builds and collects stolen password files"),
            ("45.9.148.99", "ipv4", "high", "Serves the ldr.sh cryptojacking loader"),
            ("45.9.148.121", "ipv4", "medium", "Reverse shell listener seen in several intrusions"),
            ("185.220.101.47", "ipv4", "high", "Monero stratum proxy and netcat listener"),
            ("185.220.101.12", "ipv4", "medium", "Distributes a process-hiding LD_PRELOAD library"),
            ("198.51.100.77", "ipv4", "low", "socat listener on 8443"),
            ("203.0.113.66", "ipv4", "high", "Reverse shell listener on 4444"),
            ("pool.minexmr.example.net", "dns", "high", "Monero mining pool used by cryptojacking campaigns"),
            ("cdn-update.example.net", "dns", "medium", "Staging domain for miner binaries and cron droppers"),
            ("exfil.example.org", "dns", "high", "Receives exfiltrated cloud credentials"),
            ("update.linux-sys.example.com", "dns", "low", "Look-alike update domain serving shell scripts"),
            ("http://45.9.148.99/ldr.sh", "url", "high", "Cryptojacking loader script"),
            ("http://cdn-update.example.net/c.sh", "url", "medium", "Cron persistence script"),
            ("http://192.0.2.14/bins/x86", "url", "low", "Mirai-style bot binary"),
            (PayloadCatalog.BotSha256, "sha256_hash", "high", "Bot dropped to /dev/shm"),
        };

        public int WriteTiFeed(TextWriter writer)
        {
            writer.Write(TiFeedHeader);
            writer.Write('\n');
            int n = 0;
            foreach (var (indicator, type, severity, description) in TiIndicators)
            {
                n++;
                var fields = new[] { indicator, type, severity, description, "https://intel.contoso.local/indicators/" + (1000 + n).ToString(CultureInfo.InvariantCulture) };
                writer.Write(string.Join(",", fields.Select(Csv.Quote)));
                writer.Write('\n');
            }
            return n;
        }

        // ------------------------------------------------------------------ readme

        public void WriteReadme(TextWriter w, SampleHuntSummary s)
        {
            var kinds = string.Join(", ", s.DistinctPayloadsByKind.OrderBy(k => k.Key).Select(k => k.Value + " " + KindName(k.Key)));
            w.Write(FormattableString.Invariant(
$@"# The bundled sample hunt

Synthetic, deterministic data for `Get-B64Command -Sample` and `build.ps1 demo`. Nothing here was captured from a real
system: the hosts, accounts, addresses and alerts are invented. Attacker addresses come from the documentation ranges
(192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24) and from a few public-looking ones (45.9.148.0/24, 185.220.101.0/24);
domains are under example.com/.net/.org. The decoded commands are real attack shapes: never run them.

| File | What it is |
| --- | --- |
| `{LogFileName}` | {s.Lines:N0} RFC 3164 syslog lines from {s.Hosts} hosts over {s.Days} days (2026-10-01 to 2026-10-14, UTC), as AUOMS forwards audit events to syslog: `type=AUOMS_EXECVE` records with every field in AUOMS's order, the `cmdline` quoted like AUOMS's bash_escape_string (inner double quotes are not escaped) and ending ` redactors= containerid=`. Also AUOMS_SYSCALL and AUOMS_PROCESS_INVENTORY records and ordinary syslog lines (cron, sshd, sudo, systemd, kernel) that are not executions. |
| `{AlertsFileName}` | {s.Alerts} SecurityAlert rows as a Log Analytics CSV export (`{AlertsHeader}`); Entities and ExtendedProperties are JSON text; times are ISO 8601 UTC. Most alerts are on hosts that ran malicious encoded commands; a few are on hosts that ran none. |
| `{TiFeedFileName}` | {s.TiIndicators} indicators for the LocalFeed TI provider (`{TiFeedHeader}`): some of the addresses, domains, URLs and hashes in the malicious commands, severities high/medium/low. |

## What is in the log

- {s.ExecveLines:N0} AUOMS_EXECVE records, {s.PayloadLines} of which carry an encoded payload.
- {s.DistinctPayloads} distinct encoded commands: {kinds}. Malicious ones run once or a few times on one to three hosts;
  the admin ones (health checks, cloud-init user-data, Kubernetes secrets, config templating, backups, patching, agent
  installs) run on many hosts, some every few hours.
- Two intrusions: cryptojacking through the web tier (web-03, web-05, days 6-7) spreading to Kubernetes nodes
  (k8s-node-5/7.contoso.local, days 9-10) and app-02 (day 8); a hands-on intrusion of build-agent-3 (day 10) and db-02 (day 11);
  a botnet drive-by on cache-02 (day 12).
- Encodings: `echo X | base64 -d | bash`, `echo -n X|base64 --decode|sh`, `echo -e X | base64 -di`, `printf X | base64 -D`,
  brace expansion `{{echo,X}}|{{base64,-d}}|{{bash,-i}}`, here-strings `base64 -d <<< X`, `$(...)` and backticks,
  `openssl enc -d -base64 -A`, `busybox base64 -d`, python `base64.b64decode`, perl `MIME::Base64`, the url-safe alphabet
  (`basenc --base64url -d`), missing padding, a payload split across adjacent quotes, gzip inside base64, hex (`xxd -r -p`),
  base64 inside base64, and a payload written to a file by provisioning.
- Look-alikes that must not be decoded as payloads: SSH public keys, SHA-256 sums and image digests, UUIDs, container ids,
  git hashes, `base64 -w0` and `openssl rand -base64` (encoding, not decoding), `kubectl ... | base64 -d` with no payload.
- {s.MalformedLines} malformed lines: AUOMS_EXECVE records cut short (one inside its payload, one before its cmdline).

## Regenerate

The generator is `tests/B64Hunt.Benchmarks` (seed {DefaultSeed}; same seed, same bytes). From the repository root:

```
dotnet run -c Release --project tests/B64Hunt.Benchmarks -- sample --out module/data/sample
```

The xunit tests in `tests/B64Hunt.Engine.Tests/Sample` fail when these files differ from a fresh generation.
"));
        }

        private static string KindName(PayloadKind kind)
        {
            switch (kind)
            {
                case PayloadKind.Miner: return "miners";
                case PayloadKind.Dropper: return "droppers";
                case PayloadKind.ReverseShell: return "reverse shells";
                case PayloadKind.Persistence: return "persistence";
                case PayloadKind.Recon: return "reconnaissance";
                case PayloadKind.Evasion: return "clean-up/evasion";
                case PayloadKind.CredentialAccess: return "credential access";
                default: return "admin scripts";
            }
        }
    }

    /// <summary>RFC 4180 field quoting.</summary>
    public static class Csv
    {
        public static string Quote(string field)
        {
            if (field.IndexOfAny(new[] { ',', '"', '\n', '\r' }) < 0) return field;
            return "\"" + field.Replace("\"", "\"\"") + "\"";
        }
    }

    /// <summary>JSON string escaping for the hand-written Entities/ExtendedProperties text (keeps key order fixed).</summary>
    public static class Json
    {
        public static string Escape(string text)
        {
            var sb = new StringBuilder(text.Length + 8);
            foreach (char c in text)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            return sb.ToString();
        }
    }
}

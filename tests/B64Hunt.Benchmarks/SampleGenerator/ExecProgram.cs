using System.Collections.Generic;

namespace B64Hunt.Benchmarks.SampleGenerator
{
    /// <summary>
    /// The comm/exe/name fields AUOMS writes for an executed program: comm is the kernel's 15-character task name,
    /// exe the resolved binary, name the path that execve was given.
    /// </summary>
    public sealed class ExecProgram
    {
        private static readonly Dictionary<string, ExecProgram> Known = new Dictionary<string, ExecProgram>
        {
            ["bash"] = new ExecProgram("bash", "/usr/bin/bash", "/usr/bin/bash"),
            ["/bin/bash"] = new ExecProgram("bash", "/usr/bin/bash", "/bin/bash"),
            ["sh"] = new ExecProgram("sh", "/usr/bin/dash", "/bin/sh"),
            ["/bin/sh"] = new ExecProgram("sh", "/usr/bin/dash", "/bin/sh"),
            ["python3"] = new ExecProgram("python3", "/usr/bin/python3.10", "/usr/bin/python3"),
            ["/usr/bin/python3"] = new ExecProgram("python3", "/usr/bin/python3.10", "/usr/bin/python3"),
            ["perl"] = new ExecProgram("perl", "/usr/bin/perl", "/usr/bin/perl"),
            ["iptables"] = new ExecProgram("iptables", "/usr/sbin/xtables-nft-multi", "/usr/sbin/iptables"),
            ["/usr/sbin/iptables"] = new ExecProgram("iptables", "/usr/sbin/xtables-nft-multi", "/usr/sbin/iptables"),
            ["systemctl"] = new ExecProgram("systemctl", "/usr/bin/systemctl", "/usr/bin/systemctl"),
            ["docker"] = new ExecProgram("docker", "/usr/bin/docker", "/usr/bin/docker"),
            ["kubectl"] = new ExecProgram("kubectl", "/usr/local/bin/kubectl", "/usr/local/bin/kubectl"),
            ["dotnet"] = new ExecProgram("dotnet", "/usr/share/dotnet/dotnet", "/usr/bin/dotnet"),
            ["run-parts"] = new ExecProgram("run-parts", "/usr/bin/run-parts", "/bin/run-parts"),
            ["logrotate"] = new ExecProgram("logrotate", "/usr/sbin/logrotate", "/usr/sbin/logrotate"),
            ["/usr/sbin/logrotate"] = new ExecProgram("logrotate", "/usr/sbin/logrotate", "/usr/sbin/logrotate"),
            ["containerd-shim-runc-v2"] = new ExecProgram("containerd-shim", "/usr/bin/containerd-shim-runc-v2", "/usr/bin/containerd-shim-runc-v2"),
            ["pg_dump"] = new ExecProgram("pg_dump", "/usr/lib/postgresql/14/bin/pg_dump", "/usr/bin/pg_dump"),
            ["certbot"] = new ExecProgram("certbot", "/usr/bin/python3.10", "/usr/bin/certbot"),
            ["unattended-upgrade"] = new ExecProgram("unattended-upg", "/usr/bin/python3.10", "/usr/bin/unattended-upgrade"),
        };

        private ExecProgram(string comm, string exe, string name)
        {
            Comm = comm;
            Exe = exe;
            Name = name;
        }

        public string Comm { get; }
        public string Exe { get; }
        public string Name { get; }

        /// <summary>Inode of the binary: a stable hash of its path, so the same binary always shows the same inode.</summary>
        public long Inode => 1000000 + (long)(StableHash.Of(Exe) % 3000000UL);

        public static ExecProgram For(string argv0)
        {
            if (Known.TryGetValue(argv0, out var program)) return program;
            string baseName = argv0.Substring(argv0.LastIndexOf('/') + 1);
            string comm = baseName.Length > 15 ? baseName.Substring(0, 15) : baseName;
            string path = argv0.StartsWith("/") ? argv0
                : argv0.StartsWith("./") ? "/tmp/" + baseName
                : "/usr/bin/" + baseName;
            return new ExecProgram(comm, path, path);
        }
    }

    /// <summary>FNV-1a over UTF-16 code units: string.GetHashCode is randomised per process, this is not.</summary>
    public static class StableHash
    {
        public static ulong Of(string text)
        {
            ulong hash = 14695981039346656037UL;
            foreach (char c in text)
            {
                hash ^= c;
                hash *= 1099511628211UL;
            }
            return hash;
        }
    }
}

using System.Collections.Generic;

namespace B64Hunt.Benchmarks.SampleGenerator
{
    /// <summary>
    /// The 400 hosts of the realistic benchmark fleet (issue 16): many web, app and Kubernetes hosts, fewer of the rest,
    /// short names with a few FQDNs as real agents report them. The sample's 30-host estate is too small to make
    /// host-embedding droppers grow the number of distinct commands.
    /// </summary>
    public static class RealisticFleet
    {
        public const int Count = 400;

        public static IReadOnlyList<SampleHost> All { get; } = Build();

        private static IReadOnlyList<SampleHost> Build()
        {
            var hosts = new List<SampleHost>(Count);
            void Add(string prefix, HostRole role, int count, bool someFqdn = false)
            {
                for (int i = 1; i <= count; i++)
                {
                    string name = prefix + "-" + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
                    if (someFqdn && i % 5 == 0) name += ".contoso.local";
                    int n = hosts.Count;
                    hosts.Add(new SampleHost(name, role, "10." + (40 + (int)role) + "." + (n / 250) + "." + (n % 250 + 4)));
                }
            }
            Add("web", HostRole.Web, 80);
            Add("app", HostRole.App, 80);
            Add("k8s-node", HostRole.Kubernetes, 80, someFqdn: true);
            Add("db", HostRole.Database, 30);
            Add("build-agent", HostRole.Build, 30);
            Add("cache", HostRole.Cache, 30);
            Add("bastion", HostRole.Bastion, 10);
            Add("monitor", HostRole.Monitor, 10);
            Add("mail", HostRole.Mail, 10);
            Add("log", HostRole.Log, 20);
            Add("gw", HostRole.Gateway, 20);
            return hosts;
        }
    }
}

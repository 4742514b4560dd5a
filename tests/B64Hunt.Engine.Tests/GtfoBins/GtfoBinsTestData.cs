using System;
using System.IO;
using B64Hunt.GtfoBins;

namespace B64Hunt.Tests.GtfoBins
{
    internal static class GtfoBinsTestData
    {
        public static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "data");

        public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "GtfoBins", name);

        public static GtfoBinsIndex Bundled => GtfoBinsIndex.LoadBundled(DataDirectory);

        /// <summary>The repository root: the folder holding B64Hunt.PowerShell.sln above the test output.</summary>
        public static string RepositoryRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "B64Hunt.PowerShell.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("B64Hunt.PowerShell.sln not found above " + AppContext.BaseDirectory);
        }

        /// <summary>
        /// The GTFOBins snapshot the bundled index is built from: $env:B64HUNT_GTFOBINS, else ../shared/gtfobins
        /// beside the clone (CI), else ../../shared/gtfobins (a worktree under wt/).
        /// </summary>
        public static string SharedGtfoBins()
        {
            string? fromEnv = Environment.GetEnvironmentVariable("B64HUNT_GTFOBINS");
            if (!string.IsNullOrEmpty(fromEnv)) return fromEnv!;
            string root = RepositoryRoot();
            foreach (string relative in new[] { "../shared/gtfobins", "../../shared/gtfobins" })
            {
                string candidate = Path.GetFullPath(Path.Combine(root, relative));
                if (Directory.Exists(candidate)) return candidate;
            }
            throw new DirectoryNotFoundException("GTFOBins snapshot not found: set B64HUNT_GTFOBINS or put shared/gtfobins beside the clone.");
        }
    }
}

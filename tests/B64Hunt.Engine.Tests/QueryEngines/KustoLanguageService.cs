using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;

namespace B64Hunt.Tests.QueryEngines
{
    /// <summary>
    /// Kusto's own language service (npm @kusto/language-service-next, pinned in tests/kql/package.json) driven by
    /// tests/kql/bind-kql.js. Installed on first use, as the browser test installs Chromium: Debian's nodejs and npm
    /// when node is missing, then the package into tests/kql/node_modules (npm's cache serves later installs offline).
    /// </summary>
    internal static class KustoLanguageService
    {
        private static readonly Lazy<string> Directory = new Lazy<string>(Install, LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>tests/kql, with the package installed.</summary>
        public static string KqlDirectory => Directory.Value;

        private static string Install()
        {
            var dir = Path.Combine(DecoderKqlTests.FindRepositoryRoot(), "tests", "kql");
            if (Run("node", "--version", dir, 60).ExitCode != 0 || Run("npm", "--version", dir, 60).ExitCode != 0)
            {
                var apt = Run("apt-get", "-o DPkg::Lock::Timeout=300 install -y -qq nodejs npm", dir, 900);
                if (apt.ExitCode != 0) throw new InvalidOperationException("Could not install nodejs and npm: " + apt.Output);
            }
            var marker = Path.Combine(dir, "node_modules", "@kusto", "language-service-next", "package.json");
            if (!File.Exists(marker))
            {
                var npm = Run("npm", "install --no-audit --no-fund --no-package-lock --prefer-offline", dir, 900);
                if (npm.ExitCode != 0 || !File.Exists(marker)) throw new InvalidOperationException("npm install in " + dir + " failed: " + npm.Output);
            }
            return dir;
        }

        /// <summary>Runs bind-kql.js over the two files; returns its exit code and its output (one JSON line per query).</summary>
        public static (int ExitCode, string Output) Bind(string schemasPath, string queriesPath) =>
            Run("node", "bind-kql.js \"" + schemasPath + "\" \"" + queriesPath + "\"", KqlDirectory, 300);

        private static (int ExitCode, string Output) Run(string file, string arguments, string directory, int timeoutSeconds)
        {
            var start = new ProcessStartInfo(file, arguments)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException(file + " did not start.");
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                return (-1, file + ": " + ex.Message);
            }
            using (process)
            {
                var output = new StringBuilder();
                process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
                process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                if (!process.WaitForExit(timeoutSeconds * 1000))
                {
                    process.Kill(true);
                    return (-1, file + " " + arguments + " did not finish in " + timeoutSeconds + " s");
                }
                process.WaitForExit();
                lock (output) return (process.ExitCode, output.ToString());
            }
        }
    }
}

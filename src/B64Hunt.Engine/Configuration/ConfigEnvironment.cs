using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace B64Hunt.Configuration
{
    /// <summary>
    /// Where configuration and the cache live, and the environment variables that override them. The process
    /// environment by default; tests pass their own so they never read or change the real one.
    /// </summary>
    public sealed class ConfigEnvironment
    {
        public ConfigEnvironment(Func<string, string?> getVariable, string homeDirectory, string currentDirectory, bool isWindows)
        {
            GetVariable = getVariable ?? throw new ArgumentNullException(nameof(getVariable));
            HomeDirectory = homeDirectory;
            CurrentDirectory = currentDirectory;
            IsWindows = isWindows;
        }

        /// <summary>The process environment, with <paramref name="currentDirectory"/> (PowerShell's location) as the working folder.</summary>
        public static ConfigEnvironment FromProcess(string? currentDirectory = null) => new ConfigEnvironment(
            name => NullIfEmpty(Environment.GetEnvironmentVariable(name)),
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            currentDirectory ?? Directory.GetCurrentDirectory(),
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows));

        /// <summary>An environment made of a dictionary (for tests).</summary>
        public static ConfigEnvironment FromDictionary(IDictionary<string, string> variables, string home, string currentDirectory, bool isWindows = false) =>
            new ConfigEnvironment(name => variables.TryGetValue(name, out var v) ? NullIfEmpty(v) : null, home, currentDirectory, isWindows);

        public Func<string, string?> GetVariable { get; }
        public string HomeDirectory { get; }
        public string CurrentDirectory { get; }
        public bool IsWindows { get; }

        /// <summary>$env:B64HUNT_CONFIG, else %APPDATA%\B64Hunt\config.yaml on Windows, else $XDG_CONFIG_HOME/b64hunt/config.yaml (~/.config).</summary>
        public string B64HuntConfigPath()
        {
            var explicitPath = GetVariable("B64HUNT_CONFIG");
            if (explicitPath != null) return explicitPath;
            if (IsWindows)
            {
                var appData = GetVariable("APPDATA") ?? Path.Combine(HomeDirectory, "AppData", "Roaming");
                return Path.Combine(appData, "B64Hunt", "config.yaml");
            }
            var xdg = GetVariable("XDG_CONFIG_HOME") ?? Path.Combine(HomeDirectory, ".config");
            return Path.Combine(xdg, "b64hunt", "config.yaml");
        }

        /// <summary>msticpy's search order: $env:MSTICPYCONFIG, ./msticpyconfig.yaml, ~/.msticpy/msticpyconfig.yaml. Null when none exists.</summary>
        public string? MsticpyConfigPath()
        {
            var candidates = new List<string>(3);
            var explicitPath = GetVariable("MSTICPYCONFIG");
            if (explicitPath != null) candidates.Add(explicitPath);
            candidates.Add(Path.Combine(CurrentDirectory, "msticpyconfig.yaml"));
            candidates.Add(Path.Combine(HomeDirectory, ".msticpy", "msticpyconfig.yaml"));
            foreach (var candidate in candidates)
            {
                if (File.Exists(candidate)) return candidate;
            }
            return null;
        }

        /// <summary>$env:B64HUNT_CACHE, else %LOCALAPPDATA%\B64Hunt\cache on Windows, else $XDG_CACHE_HOME/b64hunt (~/.cache).</summary>
        public string CacheDirectory()
        {
            var explicitPath = GetVariable("B64HUNT_CACHE");
            if (explicitPath != null) return explicitPath;
            if (IsWindows)
            {
                var local = GetVariable("LOCALAPPDATA") ?? Path.Combine(HomeDirectory, "AppData", "Local");
                return Path.Combine(local, "B64Hunt", "cache");
            }
            var xdg = GetVariable("XDG_CACHE_HOME") ?? Path.Combine(HomeDirectory, ".cache");
            return Path.Combine(xdg, "b64hunt");
        }

        private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
    }
}

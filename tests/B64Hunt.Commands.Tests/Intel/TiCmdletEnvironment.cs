using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using B64Hunt.Commands;

namespace B64Hunt.Tests.Intel
{
    /// <summary>
    /// A scratch folder and a process environment with no real configuration, cache or keys, restored afterwards,
    /// for tests that host the TI cmdlets (they run in the TiProcessEnvironment collection).
    /// </summary>
    internal sealed class TiCmdletEnvironment : IDisposable
    {
        private static readonly string[] Variables =
        {
            "B64HUNT_CONFIG", "B64HUNT_CACHE", "MSTICPYCONFIG", "B64HUNT_OTX_KEY", "B64HUNT_VT_KEY", "B64HUNT_XFORCE_ID", "B64HUNT_XFORCE_KEY",
            "B64HUNT_GREYNOISE_KEY", "B64HUNT_ABUSEIPDB_KEY",
        };

        private readonly Dictionary<string, string?> _saved = new Dictionary<string, string?>();

        public TiCmdletEnvironment()
        {
            Directory.CreateDirectory(Dir);
            foreach (var name in Variables)
            {
                _saved[name] = Environment.GetEnvironmentVariable(name);
                Environment.SetEnvironmentVariable(name, null);
            }
            Environment.SetEnvironmentVariable("B64HUNT_CONFIG", Path.Combine(Dir, "no-config.yaml"));
            Environment.SetEnvironmentVariable("B64HUNT_CACHE", Path.Combine(Dir, "default-cache"));
        }

        public string Dir { get; } = Path.Combine(Path.GetTempPath(), "b64hunt-cmdlet-" + Guid.NewGuid().ToString("N"));

        /// <summary>A runspace with the TI cmdlets and Measure-B64Score.</summary>
        public static PowerShell Shell()
        {
            var iss = InitialSessionState.CreateDefault2();
            iss.Commands.Add(new SessionStateCmdletEntry("Invoke-B64TiLookup", typeof(InvokeB64TiLookupCommand), null));
            iss.Commands.Add(new SessionStateCmdletEntry("Get-B64TiProvider", typeof(GetB64TiProviderCommand), null));
            iss.Commands.Add(new SessionStateCmdletEntry("Measure-B64Score", typeof(MeasureB64ScoreCommand), null));
            return PowerShell.Create(iss);
        }

        public void Dispose()
        {
            foreach (var pair in _saved) Environment.SetEnvironmentVariable(pair.Key, pair.Value);
            Directory.Delete(Dir, true);
        }
    }
}

using System.Collections.Generic;

namespace B64Hunt.Model
{
    /// <summary>Where a provider's key came from (never the key itself).</summary>
    /// <remarks>long-based so ConvertTo-Json writes the name (see B64Hunt.Model.AlertSeverity).</remarks>
    public enum TiKeySource : long
    {
        None,
        Parameter,
        Environment,
        B64HuntConfig,
        MsticpyConfig,
    }

    /// <summary>What Get-B64TiProvider shows about one provider: configured, usable, and from where. Holds no secret.</summary>
    public sealed class TiProviderInfo
    {
        /// <summary>OTX, VirusTotal, XForce, LocalFeed, or the section name of a provider B64Hunt does not implement.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>A key, feed or config section exists for it.</summary>
        public bool Configured { get; set; }

        /// <summary>It can be queried now (key complete, feed file present, provider implemented).</summary>
        public bool Usable { get; set; }

        /// <summary>Used when -Provider is not given (msticpy's Primary; true unless a config says false).</summary>
        public bool Primary { get; set; }

        /// <summary>Parameter, Environment, B64HuntConfig, MsticpyConfig or None.</summary>
        public TiKeySource KeySource { get; set; }

        /// <summary>The base URL queried (or the feed files for LocalFeed).</summary>
        public string? Endpoint { get; set; }

        /// <summary>"4/min, 500/day", "unlimited" or "offline".</summary>
        public string Pacing { get; set; } = string.Empty;

        public IList<string> SupportedTypes { get; set; } = new List<string>();

        /// <summary>Why it is not usable, or what to know (the config file, an unset variable).</summary>
        public string? Notes { get; set; }

        public override string ToString() => Name;
    }
}

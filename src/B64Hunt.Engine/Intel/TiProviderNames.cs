using System.Collections.Generic;

namespace B64Hunt.Intel
{
    /// <summary>The provider names B64Hunt knows (the msticpy "Provider:" values it implements, plus LocalFeed).</summary>
    public static class TiProviderNames
    {
        public const string Otx = "OTX";
        public const string VirusTotal = "VirusTotal";
        public const string XForce = "XForce";
        public const string LocalFeed = "LocalFeed";
        public const string GreyNoise = "GreyNoise";
        public const string AbuseIpdb = "AbuseIPDB";
        /// <summary>The Sentinel workspace's own threat-intelligence tables (msticpy's AzSTI).</summary>
        public const string Workspace = "SentinelTI";

        /// <summary>Every provider B64Hunt can query, in the order they are shown.</summary>
        public static IReadOnlyList<string> All { get; } = new[] { Otx, VirusTotal, XForce, LocalFeed, GreyNoise, AbuseIpdb, Workspace };

        /// <summary>Maps a name as a user may type it (any case, common short forms) to the canonical name; null when unknown.</summary>
        public static string? Canonical(string? name)
        {
            if (name == null) return null;
            switch (name.Trim().ToUpperInvariant())
            {
                case "OTX":
                case "ALIENVAULT":
                case "ALIENVAULTOTX":
                    return Otx;
                case "VIRUSTOTAL":
                case "VT":
                    return VirusTotal;
                case "XFORCE":
                case "X-FORCE":
                case "IBMXFORCE":
                    return XForce;
                case "LOCALFEED":
                case "LOCAL":
                    return LocalFeed;
                case "GREYNOISE":
                case "GN":
                    return GreyNoise;
                case "ABUSEIPDB":
                    return AbuseIpdb;
                case "SENTINELTI":
                case "AZSTI":
                case "AZURESENTINEL":
                case "SENTINEL":
                    return Workspace;
                default:
                    return null;
            }
        }
    }
}

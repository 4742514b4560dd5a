using B64Hunt.Model;

namespace B64Hunt.Intel
{
    /// <summary>
    /// The provider verdict → severity mappings, kept from msticpy with its "warning" read as medium.
    /// One place, so the help text, the providers and the tests agree.
    /// </summary>
    public static class TiSeverityRules
    {
        /// <summary>OTX: no pulse → information, one pulse → medium, two or more → high.</summary>
        public static TiSeverity FromOtxPulseCount(int pulseCount) =>
            pulseCount <= 0 ? TiSeverity.Information : pulseCount == 1 ? TiSeverity.Medium : TiSeverity.High;

        /// <summary>
        /// VirusTotal last_analysis_stats: no malicious and no suspicious engine → information, suspicious only → low,
        /// one malicious → medium, two or more malicious → high.
        /// </summary>
        public static TiSeverity FromVirusTotalStats(int malicious, int suspicious)
        {
            if (malicious >= 2) return TiSeverity.High;
            if (malicious == 1) return TiSeverity.Medium;
            return suspicious > 0 ? TiSeverity.Low : TiSeverity.Information;
        }

        /// <summary>
        /// X-Force risk score (0–10): under 2 → information, 2 up to (not including) 5 → medium (so 4.9 is medium),
        /// 5 and over → high. A missing score counts as 0, as in msticpy.
        /// </summary>
        public static TiSeverity FromXForceScore(double? score)
        {
            var value = score ?? 0;
            if (value >= 5) return TiSeverity.High;
            return value >= 2 ? TiSeverity.Medium : TiSeverity.Information;
        }

        /// <summary>
        /// X-Force malware report for a hash: a malware family → high; otherwise X-Force's own risk word
        /// (high/medium/low) when given; otherwise information.
        /// </summary>
        public static TiSeverity FromXForceMalware(bool hasFamily, string? risk)
        {
            if (hasFamily) return TiSeverity.High;
            switch ((risk ?? string.Empty).Trim().ToLowerInvariant())
            {
                case "high": return TiSeverity.High;
                case "medium": return TiSeverity.Medium;
                case "low": return TiSeverity.Low;
                default: return TiSeverity.Information;
            }
        }

        /// <summary>Parses a severity word from a feed or config (information/info, low, medium/warning, high, unknown).</summary>
        public static TiSeverity? Parse(string? text)
        {
            switch ((text ?? string.Empty).Trim().ToLowerInvariant())
            {
                case "high": case "critical": return TiSeverity.High;
                case "medium": case "warning": return TiSeverity.Medium;
                case "low": return TiSeverity.Low;
                case "information": case "informational": case "info": return TiSeverity.Information;
                case "unknown": return TiSeverity.Unknown;
                default: return null;
            }
        }
    }
}

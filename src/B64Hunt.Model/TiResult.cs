namespace B64Hunt.Model
{
    /// <summary>Normalised threat-intelligence severity, ordered from least to most severe (Unknown is scored separately).</summary>
    /// <remarks>long-based so ConvertTo-Json writes the name (see <see cref="AlertSeverity"/>).</remarks>
    public enum TiSeverity : long
    {
        Unknown = -1,
        Information = 0,
        Low = 1,
        Medium = 2,
        High = 3,
    }

    /// <summary>How a lookup ended.</summary>
    /// <remarks>long-based so ConvertTo-Json writes the name (see <see cref="AlertSeverity"/>).</remarks>
    public enum TiStatus : long
    {
        /// <summary>The provider answered with a verdict.</summary>
        Ok,
        /// <summary>The provider does not know the indicator (HTTP 404).</summary>
        NotFound,
        /// <summary>The provider does not support this indicator type; no request was made.</summary>
        Unsupported,
        /// <summary>Not sent: a private or reserved address or internal name.</summary>
        SkippedPrivate,
        /// <summary>The lookup failed (auth, server error, quota); Details says why.</summary>
        Failed,
    }

    /// <summary>One provider's answer about one indicator.</summary>
    public sealed class TiResult
    {
        public string Provider { get; set; } = string.Empty;
        public string Ioc { get; set; } = string.Empty;
        public string IocType { get; set; } = string.Empty;
        public TiSeverity Severity { get; set; } = TiSeverity.Unknown;
        public string? Details { get; set; }
        public string? Reference { get; set; }
        public TiStatus Status { get; set; }
        /// <summary>True when the answer came from the on-disk cache.</summary>
        public bool Cached { get; set; }
        /// <summary>The provider's whole answer as it sent it (JSON), to pivot on: OTX pulses with tags and references,
        /// VirusTotal engine results, X-Force categories. Null for failures and for providers with no answer body.</summary>
        public string? Raw { get; set; }

        public override string ToString() => Provider + ":" + Ioc + "=" + Severity;
    }
}

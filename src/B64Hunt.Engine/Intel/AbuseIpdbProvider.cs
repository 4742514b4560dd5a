using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using B64Hunt.Model;

namespace B64Hunt.Intel
{
    /// <summary>
    /// AbuseIPDB API v2: GET /api/v2/check?ipAddress={ip}&amp;maxAgeInDays=90 with the "Key" header; IPv4 and IPv6.
    /// Severity from data.abuseConfidenceScore (0 to 100): 0, or an allow-listed address → information; 1 to 24 → low;
    /// 25 to 74 → medium; 75 and over → high.
    /// </summary>
    public sealed class AbuseIpdbProvider : HttpTiProvider
    {
        public static readonly Uri DefaultEndpoint = new Uri("https://api.abuseipdb.com");
        private static readonly string[] Types = { IndicatorTypes.IPv4, IndicatorTypes.IPv6 };
        private readonly string _apiKey;

        public AbuseIpdbProvider(string apiKey, Uri? endpoint, HttpClient http, RequestPacer pacer, ITiClock clock)
            : base(TiProviderNames.AbuseIpdb, endpoint ?? DefaultEndpoint, http, pacer, clock)
        {
            _apiKey = apiKey ?? throw new ArgumentNullException(nameof(apiKey));
        }

        public override IReadOnlyList<string> SupportedTypes => Types;

        protected override string RelativePath(TiIndicator indicator) =>
            "/api/v2/check?ipAddress=" + Uri.EscapeDataString(indicator.Value) + "&maxAgeInDays=90";

        public override string? WebReference(TiIndicator indicator) => "https://www.abuseipdb.com/check/" + Uri.EscapeDataString(indicator.Value);

        protected override void Authenticate(HttpRequestMessage request) => request.Headers.TryAddWithoutValidation("Key", _apiKey);

        public static TiSeverity Severity(double score, bool allowListed)
        {
            if (allowListed || score <= 0) return TiSeverity.Information;
            if (score < 25) return TiSeverity.Low;
            return score < 75 ? TiSeverity.Medium : TiSeverity.High;
        }

        protected override TiVerdict Interpret(JsonElement root, TiIndicator indicator)
        {
            if (!TryGetObject(root, "data", out var data)) throw new FormatException("no data object in the reply");
            var score = ReadNumber(data, "abuseConfidenceScore") ?? throw new FormatException("no data.abuseConfidenceScore in the reply");
            var allowListed = data.TryGetProperty("isWhitelisted", out var w) && w.ValueKind == JsonValueKind.True;
            var reports = ReadNumber(data, "totalReports") ?? 0;
            var details = string.Format(CultureInfo.InvariantCulture, "confidence={0}; reports={1}", score, reports);
            if (allowListed) details += "; allow-listed";
            var usage = ReadString(data, "usageType");
            if (!string.IsNullOrEmpty(usage)) details += "; usage: " + usage;
            var isp = ReadString(data, "isp");
            if (!string.IsNullOrEmpty(isp)) details += "; isp: " + isp;
            var last = ReadString(data, "lastReportedAt");
            if (!string.IsNullOrEmpty(last)) details += "; last reported " + last;
            return new TiVerdict(Severity(score, allowListed), details);
        }
    }
}

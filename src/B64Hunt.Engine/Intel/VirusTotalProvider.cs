using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using B64Hunt.Model;

namespace B64Hunt.Intel
{
    /// <summary>
    /// VirusTotal API v3 with the x-apikey header: /api/v3/ip_addresses/{ip}, /domains/{domain},
    /// /urls/{id} (id = unpadded URL-safe base64 of the URL) and /files/{hash}. Severity from
    /// data.attributes.last_analysis_stats: no malicious or suspicious → information, suspicious only → low,
    /// one malicious → medium, two or more → high. 429 (QuotaExceededError) is a rate limit.
    /// </summary>
    public sealed class VirusTotalProvider : HttpTiProvider
    {
        public static readonly Uri DefaultEndpoint = new Uri("https://www.virustotal.com");
        private static readonly string[] Types =
        {
            IndicatorTypes.IPv4, IndicatorTypes.Dns, IndicatorTypes.Hostname, IndicatorTypes.Url,
            IndicatorTypes.Md5, IndicatorTypes.Sha1, IndicatorTypes.Sha256, IndicatorTypes.FileHash,
        };

        private readonly string _apiKey;

        public VirusTotalProvider(string apiKey, Uri? endpoint, HttpClient http, RequestPacer pacer, ITiClock clock)
            : base(TiProviderNames.VirusTotal, endpoint ?? DefaultEndpoint, http, pacer, clock)
        {
            _apiKey = apiKey ?? throw new ArgumentNullException(nameof(apiKey));
        }

        public override IReadOnlyList<string> SupportedTypes => Types;

        /// <summary>VirusTotal's URL identifier: the URL in unpadded URL-safe base64.</summary>
        public static string UrlId(string url) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(url)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        protected override string RelativePath(TiIndicator indicator)
        {
            switch (indicator.Type)
            {
                case IndicatorTypes.IPv4: return "/api/v3/ip_addresses/" + Uri.EscapeDataString(indicator.Value);
                case IndicatorTypes.Dns:
                case IndicatorTypes.Hostname: return "/api/v3/domains/" + Uri.EscapeDataString(indicator.Value);
                case IndicatorTypes.Url: return "/api/v3/urls/" + UrlId(indicator.Value);
                default: return "/api/v3/files/" + Uri.EscapeDataString(indicator.Value);
            }
        }

        public override string? WebReference(TiIndicator indicator)
        {
            switch (indicator.Type)
            {
                case IndicatorTypes.IPv4: return "https://www.virustotal.com/gui/ip-address/" + Uri.EscapeDataString(indicator.Value);
                case IndicatorTypes.Dns:
                case IndicatorTypes.Hostname: return "https://www.virustotal.com/gui/domain/" + Uri.EscapeDataString(indicator.Value);
                case IndicatorTypes.Url: return "https://www.virustotal.com/gui/url/" + Sha256Hex(indicator.Value);
                default: return "https://www.virustotal.com/gui/file/" + Uri.EscapeDataString(indicator.Value);
            }
        }

        protected override void Authenticate(HttpRequestMessage request) =>
            request.Headers.TryAddWithoutValidation("x-apikey", _apiKey);

        protected override TiVerdict Interpret(JsonElement root, TiIndicator indicator)
        {
            if (!TryGetObject(root, "data", out var data) || !TryGetObject(data, "attributes", out var attributes))
            {
                throw new FormatException("no data.attributes in the reply");
            }
            if (!TryGetObject(attributes, "last_analysis_stats", out var stats))
            {
                return new TiVerdict(TiSeverity.Unknown, "not analysed yet (no last_analysis_stats)");
            }
            var malicious = (int)(ReadNumber(stats, "malicious") ?? 0);
            var suspicious = (int)(ReadNumber(stats, "suspicious") ?? 0);
            var harmless = (int)(ReadNumber(stats, "harmless") ?? 0);
            var undetected = (int)(ReadNumber(stats, "undetected") ?? 0);
            var details = $"malicious={malicious}; suspicious={suspicious}; harmless={harmless}; undetected={undetected}";
            var reputation = ReadNumber(attributes, "reputation");
            if (reputation != null) details += "; reputation=" + reputation.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var label = TryGetObject(attributes, "popular_threat_classification", out var classification)
                ? ReadString(classification, "suggested_threat_label")
                : null;
            if (!string.IsNullOrEmpty(label)) details += "; threat=" + label;
            var engines = MaliciousEngines(attributes);
            if (engines.Count > 0) details += "; flagged by: " + JoinSome(engines, 6);
            return new TiVerdict(TiSeverityRules.FromVirusTotalStats(malicious, suspicious), details);
        }

        /// <summary>The engines whose last verdict was malicious (last_analysis_results.{engine}.category), by name.</summary>
        private static List<string> MaliciousEngines(JsonElement attributes)
        {
            var names = new List<string>();
            if (!TryGetObject(attributes, "last_analysis_results", out var results)) return names;
            foreach (var engine in results.EnumerateObject())
            {
                if (ReadString(engine.Value, "category") == "malicious") names.Add(ReadString(engine.Value, "engine_name") ?? engine.Name);
            }
            names.Sort(StringComparer.OrdinalIgnoreCase);
            return names;
        }

        private static string Sha256Hex(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
    }
}

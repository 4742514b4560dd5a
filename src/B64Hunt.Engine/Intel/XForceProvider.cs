using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace B64Hunt.Intel
{
    /// <summary>
    /// IBM X-Force Exchange with HTTP Basic ApiID:AuthKey: /ipr/{ip}, /url/{url or domain}, /malware/{hash}.
    /// Severity from the risk score (under 2 → information, 2 to under 5 → medium, 5+ → high) or, for a hash,
    /// a malware family → high. 402 (quota) and 429 are rate limits.
    /// </summary>
    public sealed class XForceProvider : HttpTiProvider
    {
        public static readonly Uri DefaultEndpoint = new Uri("https://api.xforce.ibmcloud.com");
        private static readonly string[] Types =
        {
            IndicatorTypes.IPv4, IndicatorTypes.IPv6, IndicatorTypes.Dns, IndicatorTypes.Hostname, IndicatorTypes.Url,
            IndicatorTypes.Md5, IndicatorTypes.Sha1, IndicatorTypes.Sha256, IndicatorTypes.FileHash,
        };

        private readonly string _basic;

        public XForceProvider(string apiId, string apiKey, Uri? endpoint, HttpClient http, RequestPacer pacer, ITiClock clock)
            : base(TiProviderNames.XForce, endpoint ?? DefaultEndpoint, http, pacer, clock)
        {
            if (apiId == null) throw new ArgumentNullException(nameof(apiId));
            if (apiKey == null) throw new ArgumentNullException(nameof(apiKey));
            _basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(apiId + ":" + apiKey));
        }

        public override IReadOnlyList<string> SupportedTypes => Types;

        protected override bool IsRateLimit(HttpStatusCode status) => (int)status == 429 || (int)status == 402;

        protected override string RelativePath(TiIndicator indicator)
        {
            if (IndicatorTypes.IsIp(indicator.Type)) return "/ipr/" + Uri.EscapeDataString(indicator.Value);
            if (IndicatorTypes.IsHash(indicator.Type)) return "/malware/" + Uri.EscapeDataString(indicator.Value);
            return "/url/" + Uri.EscapeDataString(indicator.Value);
        }

        public override string? WebReference(TiIndicator indicator)
        {
            const string site = "https://exchange.xforce.ibmcloud.com";
            if (IndicatorTypes.IsIp(indicator.Type)) return site + "/ip/" + Uri.EscapeDataString(indicator.Value);
            if (IndicatorTypes.IsHash(indicator.Type)) return site + "/malware/" + Uri.EscapeDataString(indicator.Value);
            return site + "/url/" + Uri.EscapeDataString(indicator.Value);
        }

        protected override void Authenticate(HttpRequestMessage request) =>
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _basic);

        protected override TiVerdict Interpret(JsonElement root, TiIndicator indicator)
        {
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException("the reply is not a JSON object");
            if (IndicatorTypes.IsHash(indicator.Type)) return InterpretMalware(root);

            // /url answers {"result": {...}}; /ipr answers the report itself.
            var report = TryGetObject(root, "result", out var result) ? result : root;
            // A report without a score says nothing: a bad response, never "Information".
            if (!report.TryGetProperty("score", out _)) throw new FormatException("the reply has no score");
            var score = ReadNumber(report, "score");
            var details = "score=" + (score?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");
            if (TryGetObject(report, "cats", out var cats))
            {
                var names = new List<string>();
                foreach (var cat in cats.EnumerateObject()) names.Add(cat.Name);
                if (names.Count > 0) details += "; categories: " + JoinSome(names, 6);
            }
            var reason = ReadString(report, "reasonDescription") ?? ReadString(report, "reason");
            if (!string.IsNullOrEmpty(reason)) details += "; reason: " + reason;
            return new TiVerdict(TiSeverityRules.FromXForceScore(score), details);
        }

        private static TiVerdict InterpretMalware(JsonElement root)
        {
            if (!TryGetObject(root, "malware", out var malware))
            {
                throw new FormatException("the reply has no malware report");
            }
            var families = new List<string>();
            AddFamilies(malware, families);
            if (TryGetObject(malware, "origins", out var origins) && TryGetObject(origins, "external", out var external))
            {
                AddFamilies(external, families);
            }
            var risk = ReadString(malware, "risk");
            var details = "risk=" + (risk ?? "none");
            if (families.Count > 0) details += "; family: " + JoinSome(families, 5);
            return new TiVerdict(TiSeverityRules.FromXForceMalware(families.Count > 0, risk), details);
        }

        private static void AddFamilies(JsonElement element, List<string> families)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("family", out var family)) return;
            if (family.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(family.GetString()))
            {
                if (!families.Contains(family.GetString()!)) families.Add(family.GetString()!);
            }
            else if (family.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in family.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()) && !families.Contains(item.GetString()!))
                    {
                        families.Add(item.GetString()!);
                    }
                }
            }
        }
    }
}

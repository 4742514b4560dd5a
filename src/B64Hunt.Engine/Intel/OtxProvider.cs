using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;

namespace B64Hunt.Intel
{
    /// <summary>
    /// AlienVault OTX: GET /api/v1/indicators/{IPv4|IPv6|domain|hostname|url|file}/{value}/general with the
    /// X-OTX-API-KEY header. Severity from the pulse count (pulse_info.count): 0 → information, 1 → medium, 2+ → high.
    /// </summary>
    public sealed class OtxProvider : HttpTiProvider
    {
        public static readonly Uri DefaultEndpoint = new Uri("https://otx.alienvault.com");
        private static readonly string[] Types =
        {
            IndicatorTypes.IPv4, IndicatorTypes.IPv6, IndicatorTypes.Dns, IndicatorTypes.Hostname, IndicatorTypes.Url,
            IndicatorTypes.Md5, IndicatorTypes.Sha1, IndicatorTypes.Sha256, IndicatorTypes.FileHash,
        };

        private readonly string _apiKey;

        public OtxProvider(string apiKey, Uri? endpoint, HttpClient http, RequestPacer pacer, ITiClock clock)
            : base(TiProviderNames.Otx, endpoint ?? DefaultEndpoint, http, pacer, clock)
        {
            _apiKey = apiKey ?? throw new ArgumentNullException(nameof(apiKey));
        }

        public override IReadOnlyList<string> SupportedTypes => Types;

        internal static string Section(string type)
        {
            switch (type)
            {
                case IndicatorTypes.IPv4: return "IPv4";
                case IndicatorTypes.IPv6: return "IPv6";
                case IndicatorTypes.Dns: return "domain";
                case IndicatorTypes.Hostname: return "hostname";
                case IndicatorTypes.Url: return "url";
                default: return "file";
            }
        }

        // OTX answers 404 for unencoded URLs, so the value is always escaped into the path.
        protected override string RelativePath(TiIndicator indicator) =>
            $"/api/v1/indicators/{Section(indicator.Type)}/{Uri.EscapeDataString(indicator.Value)}/general";

        public override string? WebReference(TiIndicator indicator)
        {
            var section = Section(indicator.Type);
            if (section == "IPv4" || section == "IPv6") section = "ip";
            return $"https://otx.alienvault.com/indicator/{section}/{Uri.EscapeDataString(indicator.Value)}";
        }

        protected override void Authenticate(HttpRequestMessage request) =>
            request.Headers.TryAddWithoutValidation("X-OTX-API-KEY", _apiKey);

        protected override TiVerdict Interpret(JsonElement root, TiIndicator indicator)
        {
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException("the reply is not a JSON object");
            // An answer without pulse_info says nothing about the indicator: a bad response, never "Information".
            if (!TryGetObject(root, "pulse_info", out var pulseInfo))
            {
                throw new FormatException("the reply has no pulse_info");
            }
            if (!pulseInfo.TryGetProperty("count", out _) && !pulseInfo.TryGetProperty("pulses", out _))
            {
                throw new FormatException("pulse_info has neither count nor pulses");
            }
            var names = new List<string>();
            var tags = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            var listed = 0;
            if (pulseInfo.TryGetProperty("pulses", out var pulses) && pulses.ValueKind == JsonValueKind.Array)
            {
                foreach (var pulse in pulses.EnumerateArray())
                {
                    listed++;
                    var name = ReadString(pulse, "name");
                    if (!string.IsNullOrEmpty(name)) names.Add(name!);
                    if (pulse.ValueKind == JsonValueKind.Object && pulse.TryGetProperty("tags", out var tagArray) && tagArray.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var tag in tagArray.EnumerateArray())
                        {
                            if (tag.ValueKind == JsonValueKind.String) tags.Add(tag.GetString()!);
                        }
                    }
                }
            }
            // "count" is the total; "pulses" may be a truncated page of it.
            var count = (int)(ReadNumber(pulseInfo, "count") ?? listed);
            var details = "pulses=" + count;
            if (names.Count > 0) details += "; names: " + JoinSome(names, 5);
            if (tags.Count > 0) details += "; tags: " + JoinSome(new List<string>(tags), 8);
            return new TiVerdict(TiSeverityRules.FromOtxPulseCount(count), details);
        }
    }
}

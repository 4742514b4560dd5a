using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using B64Hunt.Model;

namespace B64Hunt.Intel
{
    /// <summary>
    /// GreyNoise Community API: GET /v3/community/{ip}, with the "key" header when a key is given (the
    /// unauthenticated tier allows a few lookups a day). IPv4 only. 404 means "not observed scanning the internet
    /// and not in RIOT". Severity from classification: malicious → high; benign, or riot (a known business service)
    /// → information; a scanner seen but not classified ("unknown") → low.
    /// </summary>
    public sealed class GreyNoiseProvider : HttpTiProvider
    {
        public static readonly Uri DefaultEndpoint = new Uri("https://api.greynoise.io");
        private static readonly string[] Types = { IndicatorTypes.IPv4 };
        private readonly string? _apiKey;

        public GreyNoiseProvider(string? apiKey, Uri? endpoint, HttpClient http, RequestPacer pacer, ITiClock clock)
            : base(TiProviderNames.GreyNoise, endpoint ?? DefaultEndpoint, http, pacer, clock)
        {
            _apiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey;
        }

        public override IReadOnlyList<string> SupportedTypes => Types;

        protected override string RelativePath(TiIndicator indicator) => "/v3/community/" + Uri.EscapeDataString(indicator.Value);

        public override string? WebReference(TiIndicator indicator) => "https://viz.greynoise.io/ip/" + Uri.EscapeDataString(indicator.Value);

        protected override void Authenticate(HttpRequestMessage request)
        {
            if (_apiKey != null) request.Headers.TryAddWithoutValidation("key", _apiKey);
        }

        public static TiSeverity Severity(string? classification, bool riot)
        {
            switch (classification?.ToLowerInvariant())
            {
                case "malicious": return TiSeverity.High;
                case "benign": return TiSeverity.Information;
                default: return riot ? TiSeverity.Information : TiSeverity.Low;
            }
        }

        protected override TiVerdict Interpret(JsonElement root, TiIndicator indicator)
        {
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException("the reply is not a JSON object");
            var classification = ReadString(root, "classification");
            var riot = root.TryGetProperty("riot", out var r) && r.ValueKind == JsonValueKind.True;
            var noise = root.TryGetProperty("noise", out var n) && n.ValueKind == JsonValueKind.True;
            var details = $"classification={classification ?? "none"}; noise={(noise ? "true" : "false")}; riot={(riot ? "true" : "false")}";
            var name = ReadString(root, "name");
            if (!string.IsNullOrEmpty(name) && name != "unknown") details += "; name=" + name;
            var lastSeen = ReadString(root, "last_seen");
            if (!string.IsNullOrEmpty(lastSeen)) details += "; last seen " + lastSeen;
            return new TiVerdict(Severity(classification, riot), details);
        }
    }
}

using System;
using System.Collections.Generic;
using B64Hunt.Configuration;
using B64Hunt.Model;

namespace B64Hunt.Intel
{
    /// <summary>What the resolver takes: parameter values and the loaded configuration files.</summary>
    public sealed class TiResolveRequest
    {
        /// <summary>-ApiKey: provider name → key (XForce: "ApiID:AuthKey"). Secret.</summary>
        public IReadOnlyDictionary<string, string>? ApiKeys { get; set; }

        /// <summary>-Endpoint: provider name → base URL.</summary>
        public IReadOnlyDictionary<string, string>? Endpoints { get; set; }

        /// <summary>-WorkspaceId: the workspace whose threat-intelligence tables SentinelTI asks.</summary>
        public Guid? WorkspaceId { get; set; }

        /// <summary>-LocalFeed paths (absolute).</summary>
        public IReadOnlyList<string>? LocalFeedPaths { get; set; }

        public B64HuntConfig? B64HuntConfig { get; set; }
        public B64HuntConfig? MsticpyConfig { get; set; }
        public ConfigEnvironment Environment { get; set; } = ConfigEnvironment.FromProcess();
    }

    /// <summary>
    /// Decides, for each provider, its key and where it came from: parameter, then environment variable
    /// (B64HUNT_OTX_KEY, B64HUNT_VT_KEY, B64HUNT_XFORCE_ID + B64HUNT_XFORCE_KEY), then B64Hunt's config, then
    /// msticpyconfig.yaml. Endpoint: parameter, then B64Hunt's config, then the provider's public URL.
    /// </summary>
    public static class TiProviderResolver
    {
        public const string OtxKeyVariable = "B64HUNT_OTX_KEY";
        public const string VirusTotalKeyVariable = "B64HUNT_VT_KEY";
        public const string XForceIdVariable = "B64HUNT_XFORCE_ID";
        public const string XForceKeyVariable = "B64HUNT_XFORCE_KEY";
        public const string GreyNoiseKeyVariable = "B64HUNT_GREYNOISE_KEY";
        public const string AbuseIpdbKeyVariable = "B64HUNT_ABUSEIPDB_KEY";

        /// <summary>The environment variable that holds a single-key provider's key.</summary>
        private static string KeyVariable(string kind)
        {
            switch (kind)
            {
                case TiProviderNames.Otx: return OtxKeyVariable;
                case TiProviderNames.GreyNoise: return GreyNoiseKeyVariable;
                case TiProviderNames.AbuseIpdb: return AbuseIpdbKeyVariable;
                default: return VirusTotalKeyVariable;
            }
        }

        /// <summary>
        /// The providers a lookup uses: those <paramref name="requested"/> names (any spelling) or, without it, the
        /// usable primary providers and any the parameters name (so a bad -LocalFeed path is reported, not skipped).
        /// </summary>
        public static List<TiProviderSettings> Choose(IReadOnlyList<TiProviderSettings> settings, IEnumerable<string>? requested)
        {
            HashSet<string>? wanted = null;
            if (requested != null)
            {
                wanted = new HashSet<string>(StringComparer.Ordinal);
                foreach (var name in requested)
                {
                    var kind = TiProviderNames.Canonical(name);
                    if (kind != null) wanted.Add(kind);
                }
            }
            var chosen = new List<TiProviderSettings>();
            foreach (var s in settings)
            {
                if (s.Kind == null) continue;
                if (wanted != null ? wanted.Contains(s.Kind) : (s.Usable && s.Primary) || s.KeySource == TiKeySource.Parameter) chosen.Add(s);
            }
            return chosen;
        }

        /// <summary>The verbose line that says where a provider's answers come from (never its key).</summary>
        public static string Describe(TiProviderSettings settings, ITiProvider provider) =>
            settings.Kind == TiProviderNames.Workspace
                ? $"{settings.Name}: workspace {settings.WorkspaceId} (from {settings.KeySource}), {provider.Pacing}."
                : settings.Kind == TiProviderNames.LocalFeed
                ? $"{settings.Name}: {string.Join("; ", settings.FeedPaths)} (from {settings.KeySource}), offline."
                : $"{settings.Name}: {settings.Endpoint?.AbsoluteUri}, key from {settings.KeySource}, pacing {provider.Pacing}.";

        public static IReadOnlyList<TiProviderSettings> Resolve(TiResolveRequest request)
        {
            var apiKeys = Canonicalise(request.ApiKeys, "-ApiKey");
            var endpoints = Canonicalise(request.Endpoints, "-Endpoint");
            var result = new List<TiProviderSettings>();
            foreach (var kind in TiProviderNames.All)
            {
                result.Add(ResolveOne(kind, request, apiKeys, endpoints));
            }
            // Sections of providers B64Hunt does not implement are shown, as not usable, like msticpy's confirm cell would.
            AddUnknown(request.B64HuntConfig, result);
            AddUnknown(request.MsticpyConfig, result);
            return result;
        }

        private static TiProviderSettings ResolveOne(string kind, TiResolveRequest request,
            Dictionary<string, string> apiKeys, Dictionary<string, string> endpoints)
        {
            var settings = new TiProviderSettings(kind, kind);
            var own = FindSection(request.B64HuntConfig, kind);
            var msticpy = FindSection(request.MsticpyConfig, kind);
            settings.Primary = own?.Primary ?? msticpy?.Primary ?? true;
            if (own?.Notes.Count > 0) settings.Notes.AddRange(Prefix(own.SourceFile, own.Notes));
            if (msticpy?.Notes.Count > 0) settings.Notes.AddRange(Prefix(msticpy.SourceFile, msticpy.Notes));

            if (kind == TiProviderNames.LocalFeed)
            {
                if (request.LocalFeedPaths != null && request.LocalFeedPaths.Count > 0)
                {
                    settings.FeedPaths = request.LocalFeedPaths;
                    settings.KeySource = TiKeySource.Parameter;
                }
                else if (own != null && own.Paths.Count > 0)
                {
                    settings.FeedPaths = own.Paths;
                    settings.KeySource = TiKeySource.B64HuntConfig;
                }
                settings.Configured = settings.FeedPaths.Count > 0;
                foreach (var path in settings.FeedPaths)
                {
                    if (!System.IO.File.Exists(path)) settings.Notes.Add($"feed file not found: {path}");
                }
                if (!settings.Configured) settings.Notes.Add("no feed file (use -LocalFeed or TIProviders.LocalFeed.Args.Path)");
                return settings;
            }

            if (kind == TiProviderNames.Workspace) return ResolveWorkspace(settings, request, own, msticpy, endpoints);

            // Endpoint and pacing.
            var endpointText = endpoints.TryGetValue(kind, out var fromParameter) ? fromParameter : own?.Endpoint;
            settings.Endpoint = TiProviderFactory.DefaultEndpoint(kind);
            if (!string.IsNullOrWhiteSpace(endpointText))
            {
                if (Uri.TryCreate(endpointText, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                {
                    settings.Endpoint = uri;
                }
                else
                {
                    settings.Endpoint = null;
                    settings.Notes.Add($"endpoint '{endpointText}' is not an http(s) URL");
                }
            }
            var (perMinute, perDay) = TiProviderFactory.DefaultPacing(kind);
            settings.RequestsPerMinute = Limit(own?.RequestsPerMinute, perMinute);
            settings.RequestsPerDay = Limit(own?.RequestsPerDay, perDay);

            // Keys: the first source that has them wins.
            var env = request.Environment;
            if (apiKeys.TryGetValue(kind, out var parameterKey))
            {
                Assign(settings, kind, parameterKey, TiKeySource.Parameter);
            }
            else if (kind == TiProviderNames.XForce && env.GetVariable(XForceKeyVariable) is string xfKey)
            {
                settings.AuthKey = xfKey;
                settings.ApiId = env.GetVariable(XForceIdVariable);
                settings.KeySource = TiKeySource.Environment;
                if (settings.ApiId == null) settings.Notes.Add($"{XForceIdVariable} is not set (X-Force needs ApiID and AuthKey)");
            }
            else if (kind != TiProviderNames.XForce && env.GetVariable(KeyVariable(kind)) is string envKey)
            {
                settings.AuthKey = envKey;
                settings.KeySource = TiKeySource.Environment;
            }
            else if (HasKey(own))
            {
                FromSection(settings, own!, TiKeySource.B64HuntConfig);
            }
            else if (HasKey(msticpy))
            {
                FromSection(settings, msticpy!, TiKeySource.MsticpyConfig);
            }
            settings.Configured = settings.KeySource != TiKeySource.None || own != null || msticpy != null;
            if (kind == TiProviderNames.GreyNoise && string.IsNullOrEmpty(settings.AuthKey))
            {
                // Keyless GreyNoise works, but a hunt never starts sending addresses to a service nobody set up.
                if (!settings.Configured) settings.Primary = false;
                settings.Notes.Add($"no API key: the community API's unauthenticated tier is used (few lookups a day); used only when chosen with -Provider GreyNoise or configured (-ApiKey, {GreyNoiseKeyVariable}, or TIProviders.GreyNoise.Args.AuthKey)");
            }
            else if (string.IsNullOrEmpty(settings.AuthKey))
            {
                settings.Notes.Add(kind == TiProviderNames.XForce
                    ? $"no API key (-ApiKey @{{ XForce = 'ApiID:AuthKey' }}, {XForceIdVariable}/{XForceKeyVariable}, or TIProviders.XForce.Args ApiID/AuthKey)"
                    : $"no API key (-ApiKey, {KeyVariable(kind)}, or TIProviders.{kind}.Args.AuthKey)");
            }
            return settings;
        }

        /// <summary>SentinelTI: -WorkspaceId, else TIProviders.{section}.Args.WorkspaceID of B64Hunt's config, else of msticpyconfig.yaml.</summary>
        private static TiProviderSettings ResolveWorkspace(TiProviderSettings settings, TiResolveRequest request,
            TiProviderSection? own, TiProviderSection? msticpy, Dictionary<string, string> endpoints)
        {
            if (request.WorkspaceId is Guid fromParameter)
            {
                settings.WorkspaceId = fromParameter;
                settings.KeySource = TiKeySource.Parameter;
            }
            else if (WorkspaceIdOf(own, settings) is Guid fromOwn)
            {
                settings.WorkspaceId = fromOwn;
                settings.KeySource = TiKeySource.B64HuntConfig;
            }
            else if (WorkspaceIdOf(msticpy, settings) is Guid fromMsticpy)
            {
                settings.WorkspaceId = fromMsticpy;
                settings.KeySource = TiKeySource.MsticpyConfig;
            }
            if (endpoints.TryGetValue(TiProviderNames.Workspace, out var endpointText) || (endpointText = own?.Endpoint) != null)
            {
                if (Uri.TryCreate(endpointText, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)) settings.Endpoint = uri;
                else settings.Notes.Add($"endpoint '{endpointText}' is not an http(s) URL");
            }
            settings.Configured = settings.WorkspaceId != null || own != null || msticpy != null;
            if (settings.WorkspaceId == null) settings.Notes.Add("no workspace (-WorkspaceId, or TIProviders.AzureSentinel.Args.WorkspaceID with Provider: AzSTI)");
            if (settings.KeySource == TiKeySource.None) settings.Primary = false;
            return settings;
        }

        private static Guid? WorkspaceIdOf(TiProviderSection? section, TiProviderSettings settings)
        {
            if (section == null) return null;
            foreach (var name in new[] { "WorkspaceID", "WorkspaceId" })
            {
                if (!section.Args.TryGetValue(name, out var text) || string.IsNullOrWhiteSpace(text)) continue;
                if (Guid.TryParse(text, out var id)) return id;
                settings.Notes.Add($"{section.SourceFile}: TIProviders.{section.SectionName}.Args.{name} is not a workspace id (a GUID)");
            }
            return null;
        }

        private static int? Limit(int? configured, int? fallback) => configured == null ? fallback : configured.Value == 0 ? null : configured;

        private static void Assign(TiProviderSettings settings, string kind, string key, TiKeySource source)
        {
            settings.KeySource = source;
            if (kind != TiProviderNames.XForce)
            {
                settings.AuthKey = key;
                return;
            }
            var colon = key.IndexOf(':');
            if (colon <= 0 || colon == key.Length - 1)
            {
                settings.Notes.Add("the X-Force key must be given as 'ApiID:AuthKey' (or a PSCredential with the ApiID as user name)");
                return;
            }
            settings.ApiId = key.Substring(0, colon);
            settings.AuthKey = key.Substring(colon + 1);
        }

        private static bool HasKey(TiProviderSection? section) =>
            section != null && section.Args.TryGetValue("AuthKey", out var key) && !string.IsNullOrEmpty(key);

        private static void FromSection(TiProviderSettings settings, TiProviderSection section, TiKeySource source)
        {
            settings.KeySource = source;
            settings.AuthKey = section.Args["AuthKey"];
            if (section.Args.TryGetValue("ApiID", out var id)) settings.ApiId = id;
            if (settings.Kind == TiProviderNames.XForce && string.IsNullOrEmpty(settings.ApiId))
            {
                settings.Notes.Add($"{section.SourceFile}: TIProviders.{section.SectionName}.Args.ApiID is missing (X-Force needs ApiID and AuthKey)");
            }
        }

        private static TiProviderSection? FindSection(B64HuntConfig? config, string kind)
        {
            if (config == null) return null;
            foreach (var section in config.TiProviders)
            {
                if (TiProviderNames.Canonical(section.Provider) == kind) return section;
            }
            return null;
        }

        private static void AddUnknown(B64HuntConfig? config, List<TiProviderSettings> result)
        {
            if (config == null) return;
            foreach (var section in config.TiProviders)
            {
                if (TiProviderNames.Canonical(section.Provider) != null) continue;
                if (result.Exists(s => string.Equals(s.Name, section.SectionName, StringComparison.OrdinalIgnoreCase))) continue;
                var settings = new TiProviderSettings(section.SectionName, null)
                {
                    Configured = true,
                    Primary = section.Primary ?? false,
                };
                settings.Notes.Add($"{section.SourceFile}: provider '{section.Provider}' is not implemented by B64Hunt (OTX, VirusTotal, XForce, LocalFeed, GreyNoise, AbuseIPDB are)");
                result.Add(settings);
            }
        }

        private static IEnumerable<string> Prefix(string file, IEnumerable<string> notes)
        {
            foreach (var note in notes) yield return file + ": " + note;
        }

        private static Dictionary<string, string> Canonicalise(IReadOnlyDictionary<string, string>? values, string parameter)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            if (values == null) return result;
            foreach (var pair in values)
            {
                var name = TiProviderNames.Canonical(pair.Key)
                    ?? throw new ArgumentException($"{parameter}: '{pair.Key}' is not a provider (use OTX, VirusTotal, XForce, LocalFeed, GreyNoise or AbuseIPDB).");
                if (!string.IsNullOrEmpty(pair.Value)) result[name] = pair.Value;
            }
            return result;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Net.Http;
using B64Hunt.Errors;
using B64Hunt.Model;
using B64Hunt.Reporting;

namespace B64Hunt.Intel
{
    /// <summary>Builds providers from resolved settings.</summary>
    public static class TiProviderFactory
    {
        /// <summary>Default pacing: VirusTotal's free tier (4/min, 500/day); OTX 60/min; X-Force's free tier (5,000 a month ≈ 160/day) at 6/min.</summary>
        public static (int? PerMinute, int? PerDay) DefaultPacing(string? kind)
        {
            switch (kind)
            {
                case TiProviderNames.VirusTotal: return (4, 500);
                case TiProviderNames.Otx: return (60, null);
                case TiProviderNames.XForce: return (6, 160);
                case TiProviderNames.GreyNoise: return (10, 100);
                case TiProviderNames.AbuseIpdb: return (30, 1000);
                default: return (null, null);
            }
        }

        public static Uri? DefaultEndpoint(string? kind)
        {
            switch (kind)
            {
                case TiProviderNames.Otx: return OtxProvider.DefaultEndpoint;
                case TiProviderNames.VirusTotal: return VirusTotalProvider.DefaultEndpoint;
                case TiProviderNames.XForce: return XForceProvider.DefaultEndpoint;
                case TiProviderNames.GreyNoise: return GreyNoiseProvider.DefaultEndpoint;
                case TiProviderNames.AbuseIpdb: return AbuseIpdbProvider.DefaultEndpoint;
                default: return null;
            }
        }

        private static readonly string[] HttpTypesOtx = { "ipv4", "ipv6", "dns", "hostname", "url", "md5_hash", "sha1_hash", "sha256_hash" };
        private static readonly string[] HttpTypesVt = { "ipv4", "dns", "hostname", "url", "md5_hash", "sha1_hash", "sha256_hash" };
        private static readonly string[] Ipv4Only = { "ipv4" };
        private static readonly string[] IpTypes = { "ipv4", "ipv6" };
        private static readonly string[] LocalTypes = { "ipv4", "ipv6", "dns", "hostname", "url", "md5_hash", "sha1_hash", "sha256_hash", "email" };

        /// <summary>The indicator types a provider kind answers for (as shown by Get-B64TiProvider).</summary>
        public static IReadOnlyList<string> SupportedTypes(string? kind)
        {
            switch (kind)
            {
                case TiProviderNames.Otx:
                case TiProviderNames.XForce: return HttpTypesOtx;
                case TiProviderNames.VirusTotal: return HttpTypesVt;
                case TiProviderNames.LocalFeed: return LocalTypes;
                case TiProviderNames.GreyNoise: return Ipv4Only;
                case TiProviderNames.Workspace: return LocalTypes;
                case TiProviderNames.AbuseIpdb: return IpTypes;
                default: return Array.Empty<string>();
            }
        }

        /// <summary>An HttpClient for the providers: it never follows redirects itself (HttpTiProvider decides, same origin only).</summary>
        public static HttpClient CreateHttpClient() =>
            new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };

        /// <summary>Creates the provider, or returns null (with a reason told to <paramref name="reporter"/>) when it is not usable.</summary>
        public static ITiProvider? Create(TiProviderSettings settings, HttpClient http, ITiClock clock, IHuntReporter reporter)
        {
            if (!settings.Usable)
            {
                reporter.Problem(new Problem(ErrorIds.TiProviderNotUsable, ProblemKind.Warning,
                    $"{settings.Name} is not usable: {(settings.Notes.Count > 0 ? string.Join("; ", settings.Notes) : "not configured")}.", settings.Name));
                return null;
            }
            if (settings.Kind != TiProviderNames.LocalFeed && settings.Endpoint != null && TiEndpointPolicy.Check(settings.Endpoint) is string insecure)
            {
                reporter.Problem(new Problem(ErrorIds.TiEndpointInsecure, ProblemKind.InvalidArgument, $"{settings.Name} is not used: {insecure}.", settings.Endpoint.AbsoluteUri));
                return null;
            }
            var pacer = new RequestPacer(settings.RequestsPerMinute, settings.RequestsPerDay, clock);
            switch (settings.Kind)
            {
                case TiProviderNames.Otx: return new OtxProvider(settings.AuthKey!, settings.Endpoint, http, pacer, clock);
                case TiProviderNames.VirusTotal: return new VirusTotalProvider(settings.AuthKey!, settings.Endpoint, http, pacer, clock);
                case TiProviderNames.XForce: return new XForceProvider(settings.ApiId!, settings.AuthKey!, settings.Endpoint, http, pacer, clock);
                case TiProviderNames.LocalFeed: return LocalFeedProvider.Load(settings.FeedPaths, reporter);
                case TiProviderNames.GreyNoise: return new GreyNoiseProvider(settings.AuthKey, settings.Endpoint, http, pacer, clock);
                case TiProviderNames.AbuseIpdb: return new AbuseIpdbProvider(settings.AuthKey!, settings.Endpoint, http, pacer, clock);
                case TiProviderNames.Workspace:
                    if (settings.WorkspaceConnection == null)
                    {
                        reporter.Problem(new Problem(ErrorIds.TiProviderNotUsable, ProblemKind.Warning, $"{settings.Name} is not usable: no sign-in for the workspace.", settings.Name));
                        return null;
                    }
                    return new WorkspaceTiProvider(new LogAnalytics.LogAnalyticsQueryClient(settings.WorkspaceConnection), settings.WorkspaceId!.Value);
                default: return null;
            }
        }
    }
}

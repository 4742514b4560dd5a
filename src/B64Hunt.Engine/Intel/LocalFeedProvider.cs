using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.Model;
using B64Hunt.Reporting;

namespace B64Hunt.Intel
{
    /// <summary>
    /// Offline threat intelligence from local feed files. An indicator matches an entry of the same kind and value;
    /// a URL also matches when its host is listed, and a domain when a parent domain is listed (blocklists list
    /// the registered domain). Nothing leaves the machine, so the private guard and the cache do not apply.
    /// </summary>
    public sealed class LocalFeedProvider : ITiProvider
    {
        private static readonly string[] Types =
        {
            IndicatorTypes.IPv4, IndicatorTypes.IPv6, IndicatorTypes.Dns, IndicatorTypes.Hostname, IndicatorTypes.Url,
            IndicatorTypes.Md5, IndicatorTypes.Sha1, IndicatorTypes.Sha256, IndicatorTypes.FileHash, "email",
        };

        private readonly Dictionary<string, LocalFeedEntry> _entries = new Dictionary<string, LocalFeedEntry>(StringComparer.Ordinal);

        public LocalFeedProvider(IEnumerable<LocalFeedEntry> entries, IReadOnlyList<string> paths)
        {
            Paths = paths;
            foreach (var entry in entries)
            {
                // The first listing wins, so a feed can be read top-down.
                var key = MatchKey(entry.Type, entry.Value);
                _entries.TryAdd(key, entry);
            }
        }

        /// <summary>Reads the feed files; unreadable files and bad rows are reported through <paramref name="reporter"/>.</summary>
        public static LocalFeedProvider Load(IReadOnlyList<string> paths, IHuntReporter reporter)
        {
            var entries = new List<LocalFeedEntry>();
            foreach (var path in paths) entries.AddRange(LocalFeedReader.Read(path, reporter));
            return new LocalFeedProvider(entries, paths);
        }

        public string Name => TiProviderNames.LocalFeed;
        public IReadOnlyList<string> Paths { get; }
        public int Count => _entries.Count;
        public IReadOnlyList<string> SupportedTypes => Types;
        public bool SendsRequests => false;
        public string Pacing => "offline";

        public bool Supports(string indicatorType) => Array.IndexOf(Types, IndicatorTypes.Canonical(indicatorType)) >= 0;

        public Task<TiLookupOutcome> LookupAsync(TiIndicator indicator, IHuntReporter reporter, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(new TiLookupOutcome(Lookup(indicator)));
        }

        public TiResult Lookup(TiIndicator indicator)
        {
            if (!Supports(indicator.Type))
            {
                return Result(indicator, TiStatus.Unsupported, TiSeverity.Unknown, $"LocalFeed does not hold {indicator.Type} indicators.", null);
            }
            if (_entries.TryGetValue(MatchKey(indicator.Type, indicator.Value), out var entry))
            {
                return Hit(indicator, entry, null);
            }
            if (indicator.Type == IndicatorTypes.Url)
            {
                var host = IndicatorTypes.UrlHost(indicator.Value);
                if (host != null && TryHost(host, out entry)) return Hit(indicator, entry, $"host {entry.Value} is listed");
            }
            else if (IndicatorTypes.IsHost(indicator.Type) && TryParentDomain(indicator.Value, out entry))
            {
                return Hit(indicator, entry, $"parent domain {entry.Value} is listed");
            }
            return Result(indicator, TiStatus.NotFound, TiSeverity.Unknown, "Not in the local feed.", null);
        }

        private bool TryHost(string host, out LocalFeedEntry entry)
        {
            var hostType = IndicatorTypes.Infer(host);
            if (_entries.TryGetValue(MatchKey(hostType, host), out entry!)) return true;
            return hostType == IndicatorTypes.Dns && TryParentDomain(host, out entry);
        }

        private bool TryParentDomain(string domain, out LocalFeedEntry entry)
        {
            var dot = domain.IndexOf('.');
            // Stop before the last label: "example" alone is never a match.
            while (dot > 0 && domain.IndexOf('.', dot + 1) > 0)
            {
                domain = domain.Substring(dot + 1);
                if (_entries.TryGetValue(MatchKey(IndicatorTypes.Dns, domain), out entry!)) return true;
                dot = domain.IndexOf('.');
            }
            entry = null!;
            return false;
        }

        private TiResult Hit(TiIndicator indicator, LocalFeedEntry entry, string? how)
        {
            var details = entry.Description ?? "Listed in the local feed.";
            if (how != null) details = how + ": " + details;
            return Result(indicator, TiStatus.Ok, entry.Severity, details, entry.Reference ?? entry.Source);
        }

        private TiResult Result(TiIndicator indicator, TiStatus status, TiSeverity severity, string details, string? reference) => new TiResult
        {
            Provider = Name,
            Ioc = indicator.Value,
            IocType = indicator.Type,
            Severity = severity,
            Details = details,
            Reference = reference,
            Status = status,
        };

        /// <summary>Hash kinds are told apart by length and domain/hostname count as one kind, so feeds need not be exact about types.</summary>
        private static string MatchKey(string type, string value)
        {
            var kind = type;
            if (IndicatorTypes.IsHash(type)) kind = "hash";
            else if (IndicatorTypes.IsHost(type)) kind = "host";
            else if (IndicatorTypes.IsIp(type) || type == "ip") kind = "ip";
            return kind + "|" + value;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.Model;
using B64Hunt.Reporting;

namespace B64Hunt.Intel
{
    /// <summary>What to look up.</summary>
    public sealed class TiLookupOptions
    {
        /// <summary>Send private/reserved addresses and internal names to outside providers too.</summary>
        public bool IncludePrivate { get; set; }

        /// <summary>Only these indicator types (null or empty: all).</summary>
        public IReadOnlyCollection<string>? IocTypes { get; set; }
    }

    /// <summary>The counts of one run, for -Verbose.</summary>
    public sealed class TiLookupSummary
    {
        internal int requests, cacheHits, skippedPrivate, unsupported, failed, notFound, answered;

        public int UniqueIndicators { get; internal set; }
        public int Providers { get; internal set; }
        public int Requests => requests;
        public int CacheHits => cacheHits;
        public int SkippedPrivate => skippedPrivate;
        public int Unsupported => unsupported;
        public int Failed => failed;
        public int NotFound => notFound;
        /// <summary>Lookups that got a verdict (Ok), from the provider or the cache.</summary>
        public int Answered => answered;
    }

    /// <summary>
    /// Looks up every indicator of a batch of events with each provider, once per provider per distinct
    /// indicator, then attaches the results to the events (in place). Providers run side by side; the
    /// lookups of one provider run one after another under its pacing.
    /// </summary>
    public sealed class TiLookupService
    {
        private readonly IReadOnlyList<ITiProvider> _providers;
        private readonly TiCache? _cache;

        public TiLookupService(IReadOnlyList<ITiProvider> providers, TiCache? cache)
        {
            _providers = providers ?? throw new ArgumentNullException(nameof(providers));
            _cache = cache;
        }

        public Task<TiLookupSummary> LookupAsync(IReadOnlyList<CommandEvent> events, TiLookupOptions options,
            IHuntReporter reporter, CancellationToken cancellationToken) =>
            LookupAsync(events.Select(e => new TiLookupTarget(e, e.Iocs)).ToList(), options, reporter, cancellationToken);

        /// <summary>Looks up only the given indicators of each event (the Iocs an analyst picked) and attaches the results to that event.</summary>
        public async Task<TiLookupSummary> LookupAsync(IReadOnlyList<TiLookupTarget> targets, TiLookupOptions options,
            IHuntReporter reporter, CancellationToken cancellationToken)
        {
            var wanted = WantedTypes(options);
            var ordered = DistinctIndicators(targets, wanted);

            var summary = new TiLookupSummary { UniqueIndicators = ordered.Count, Providers = _providers.Count };
            var answers = await Task.WhenAll(_providers.Select(p =>
                RunProviderAsync(p, ordered, options, summary, reporter, cancellationToken))).ConfigureAwait(false);

            foreach (var target in targets)
            {
                var e = target.Event;
                var attached = new HashSet<string>(StringComparer.Ordinal);
                foreach (var ioc in target.Iocs)
                {
                    var indicator = Wanted(ioc, wanted);
                    if (indicator == null || !attached.Add(indicator.Key)) continue;
                    foreach (var providerAnswers in answers)
                    {
                        if (providerAnswers.TryGetValue(indicator.Key, out var result)) Attach(e, result);
                    }
                }
            }
            return summary;
        }

        /// <summary>Adds the answer, replacing an earlier answer of the same provider about the same indicator (a second lookup of picked Iocs).</summary>
        private static void Attach(CommandEvent e, TiResult result)
        {
            var results = e.TiResults;
            for (var i = 0; i < results.Count; i++)
            {
                var old = results[i];
                if (old != null && old.Provider == result.Provider && old.IocType == result.IocType && old.Ioc == result.Ioc)
                {
                    results[i] = result;
                    return;
                }
            }
            results.Add(result);
        }

        /// <summary>
        /// What a lookup of the given indicators of each event would send, sending nothing (-WhatIf): per provider that
        /// leaves the machine, the distinct indicators it supports that are neither private (unless included) nor cached.
        /// </summary>
        public IReadOnlyList<KeyValuePair<ITiProvider, IReadOnlyList<TiIndicator>>> PlanRequests(IReadOnlyList<TiLookupTarget> targets, TiLookupOptions options)
        {
            var ordered = DistinctIndicators(targets, WantedTypes(options));
            var plan = new List<KeyValuePair<ITiProvider, IReadOnlyList<TiIndicator>>>();
            foreach (var provider in _providers.Where(p => p.SendsRequests))
            {
                var sent = ordered.Where(i => provider.Supports(i.Type)
                    && (options.IncludePrivate || !PrivateIndicators.IsPrivate(i))
                    && _cache?.TryGet(provider.Name, i) == null).ToList();
                plan.Add(new KeyValuePair<ITiProvider, IReadOnlyList<TiIndicator>>(provider, sent));
            }
            return plan;
        }

        private static HashSet<string>? WantedTypes(TiLookupOptions options) =>
            options.IocTypes != null && options.IocTypes.Count > 0
                ? new HashSet<string>(options.IocTypes.Select(IndicatorTypes.Canonical), StringComparer.Ordinal)
                : null;

        /// <summary>Distinct indicators of the wanted types, in order of first appearance.</summary>
        private static List<TiIndicator> DistinctIndicators(IReadOnlyList<TiLookupTarget> targets, HashSet<string>? wanted)
        {
            var unique = new HashSet<string>(StringComparer.Ordinal);
            var ordered = new List<TiIndicator>();
            foreach (var target in targets)
            {
                foreach (var ioc in target.Iocs)
                {
                    var indicator = Wanted(ioc, wanted);
                    if (indicator != null && unique.Add(indicator.Key)) ordered.Add(indicator);
                }
            }
            return ordered;
        }

        private static TiIndicator? Wanted(Ioc ioc, HashSet<string>? wanted)
        {
            if (ioc == null || string.IsNullOrWhiteSpace(ioc.Value) && string.IsNullOrWhiteSpace(ioc.Normalized)) return null;
            var indicator = TiIndicator.FromIoc(ioc);
            return wanted == null || wanted.Contains(indicator.Type) ? indicator : null;
        }

        private async Task<Dictionary<string, TiResult>> RunProviderAsync(ITiProvider provider, IReadOnlyList<TiIndicator> indicators,
            TiLookupOptions options, TiLookupSummary summary, IHuntReporter reporter, CancellationToken cancellationToken)
        {
            // Off the caller's thread at once, so providers really run side by side.
            await Task.Yield();
            var providerReporter = new ProviderReporter(reporter, provider.Name);
            var results = new Dictionary<string, TiResult>(StringComparer.Ordinal);
            if (provider is ITiBatchProvider batch)
            {
                providerReporter.Counts(new TiProgress(provider.Name, 0, indicators.Count, $"{provider.Name}: asking about {indicators.Count} indicator(s) in batches"));
                await batch.PrefetchAsync(indicators.Where(i => provider.Supports(i.Type)).ToList(), providerReporter, cancellationToken).ConfigureAwait(false);
            }
            var done = 0;
            foreach (var indicator in indicators)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var counts = new TiProgress(provider.Name, done, indicators.Count, string.Empty).Counts;
                providerReporter.Counts(new TiProgress(provider.Name, done, indicators.Count, $"{provider.Name}: {counts}; now {indicator}"));
                results[indicator.Key] = await LookupOneAsync(provider, indicator, options, summary, providerReporter, cancellationToken).ConfigureAwait(false);
                done++;
            }
            providerReporter.Counts(new TiProgress(provider.Name, done, indicators.Count, $"{provider.Name}: {done} of {indicators.Count} looked up, done", finished: true));
            return results;
        }

        private async Task<TiResult> LookupOneAsync(ITiProvider provider, TiIndicator indicator, TiLookupOptions options,
            TiLookupSummary summary, IHuntReporter reporter, CancellationToken cancellationToken)
        {
            if (!provider.Supports(indicator.Type))
            {
                Interlocked.Increment(ref summary.unsupported);
                return new TiResult
                {
                    Provider = provider.Name, Ioc = indicator.Value, IocType = indicator.Type, Severity = TiSeverity.Unknown,
                    Status = TiStatus.Unsupported, Details = $"{provider.Name} does not support {indicator.Type} indicators.",
                };
            }
            if (provider.SendsRequests && !options.IncludePrivate && PrivateIndicators.IsPrivate(indicator))
            {
                Interlocked.Increment(ref summary.skippedPrivate);
                return new TiResult
                {
                    Provider = provider.Name, Ioc = indicator.Value, IocType = indicator.Type, Severity = TiSeverity.Unknown,
                    Status = TiStatus.SkippedPrivate, Details = "Private or internal indicator: not sent (use -IncludePrivate to send it).",
                };
            }

            TiResult result;
            var endpoint = (provider as HttpTiProvider)?.Endpoint;
            var cached = provider.SendsRequests ? _cache?.TryGet(provider.Name, endpoint, indicator) : null;
            if (cached != null)
            {
                Interlocked.Increment(ref summary.cacheHits);
                result = cached;
            }
            else
            {
                var outcome = await provider.LookupAsync(indicator, reporter, cancellationToken).ConfigureAwait(false);
                Interlocked.Add(ref summary.requests, outcome.Requests);
                if (outcome.Problem != null) reporter.Problem(outcome.Problem);
                if (provider.SendsRequests && outcome.IsCacheable) _cache?.Store(outcome.Result, endpoint);
                result = outcome.Result;
            }

            switch (result.Status)
            {
                case TiStatus.Ok: Interlocked.Increment(ref summary.answered); break;
                case TiStatus.NotFound: Interlocked.Increment(ref summary.notFound); break;
                case TiStatus.Failed: Interlocked.Increment(ref summary.failed); break;
            }
            return result;
        }
    }

    /// <summary>One event and the indicators of it to look up (all of its Iocs, or the ones an analyst picked).</summary>
    public sealed class TiLookupTarget
    {
        public TiLookupTarget(CommandEvent commandEvent, IEnumerable<Ioc> iocs)
        {
            Event = commandEvent ?? throw new ArgumentNullException(nameof(commandEvent));
            Iocs = iocs ?? throw new ArgumentNullException(nameof(iocs));
        }

        /// <summary>The event the verdicts are attached to.</summary>
        public CommandEvent Event { get; }

        public IEnumerable<Ioc> Iocs { get; }
    }
}

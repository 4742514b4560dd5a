using System;
using System.Collections.Generic;
using B64Hunt.Model;

namespace B64Hunt.Scoring
{
    /// <summary>
    /// The severity score of a command's indicators: for each unique indicator, the worst (highest-weighted)
    /// verdict any provider gave, summed over the indicators.
    /// </summary>
    /// <remarks>
    /// What counts as a verdict:
    /// <list type="bullet">
    /// <item>Status Ok: its Severity (High, Medium, Low, Information, or Unknown when the provider answered without one).</item>
    /// <item>Status NotFound: the provider does not know the indicator; counts as Information (msticpy treats 404 as "not a hit").</item>
    /// <item>Status Unsupported and SkippedPrivate: no question was asked; not a verdict, adds nothing.</item>
    /// <item>Status Failed: counts as Unknown, but only when no provider gave a verdict (Ok or NotFound) for that indicator,
    /// so an outage is neither hidden (0) nor allowed to outweigh a real answer.</item>
    /// </list>
    /// An indicator with no TI results at all (never looked up) adds nothing. Indicators are keyed by the TiResult's Ioc
    /// value, ignoring case, so the same IP found in three events of the command counts once.
    /// </remarks>
    public static class IndicatorSeverity
    {
        /// <summary>The worst score per unique indicator (key: indicator value, case-insensitive) over the given results.</summary>
        public static IReadOnlyDictionary<string, double> WorstByIndicator(IEnumerable<TiResult> results, ScoreWeights weights)
        {
            var verdicts = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            var failed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var result in results)
            {
                if (result == null || string.IsNullOrEmpty(result.Ioc))
                {
                    continue;
                }
                double points;
                switch (result.Status)
                {
                    case TiStatus.Ok:
                        points = weights.ForTi(result.Severity);
                        break;
                    case TiStatus.NotFound:
                        points = weights.Information;
                        break;
                    case TiStatus.Failed:
                        failed.Add(result.Ioc);
                        continue;
                    default:
                        continue;
                }
                if (!verdicts.TryGetValue(result.Ioc, out double worst) || points > worst)
                {
                    verdicts[result.Ioc] = points;
                }
            }
            foreach (var ioc in failed)
            {
                verdicts.TryAdd(ioc, weights.Unknown);
            }
            return verdicts;
        }

        /// <summary>
        /// SevScore counting each threat once: a URL's verdict and its host's (a local feed gives a URL its listed host's
        /// verdict) are one threat, scored at the worse of the two. Used by the default model.
        /// </summary>
        public static double ScoreOncePerThreat(IEnumerable<TiResult> results, ScoreWeights weights)
        {
            var worst = WorstByIndicator(results, weights);
            if (worst.Count == 0) return 0;
            var byThreat = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in worst)
            {
                string key = pair.Key;
                if (key.IndexOf("://", StringComparison.Ordinal) > 0)
                {
                    string? host = B64Hunt.Intel.IndicatorTypes.UrlHost(key);
                    if (!string.IsNullOrEmpty(host) && worst.ContainsKey(host!)) key = host!;
                }
                if (!byThreat.TryGetValue(key, out double have) || pair.Value > have) byThreat[key] = pair.Value;
            }
            double sum = 0;
            foreach (var points in byThreat.Values) sum += points;
            return sum;
        }

        /// <summary>SevScore: the sum of <see cref="WorstByIndicator"/>.</summary>
        public static double Score(IEnumerable<TiResult> results, ScoreWeights weights)
        {
            if (results is ICollection<TiResult> collection && collection.Count == 0)
            {
                return 0;
            }
            double sum = 0;
            foreach (var points in WorstByIndicator(results, weights).Values)
            {
                sum += points;
            }
            return sum;
        }
    }
}

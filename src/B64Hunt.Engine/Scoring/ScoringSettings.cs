using System;
using System.Collections.Generic;
using B64Hunt.Configuration;
using B64Hunt.Model;

namespace B64Hunt.Scoring
{
    /// <summary>
    /// Measure-B64Score's settings from its parameters and B64Hunt's configuration: a parameter beats the
    /// configuration, which beats the notebook's defaults. Weights merge per key, so a config that sets High and a
    /// -Weight that sets Unknown give both.
    /// </summary>
    public static class ScoringSettings
    {
        /// <summary>
        /// The defaults, then <paramref name="config"/>'s Scoring.Weights, then <paramref name="parameter"/> (later wins per key).
        /// A bad entry in either returns the defaults and a Problem (UnknownScoreWeight or InvalidScoreWeight, InvalidArgument);
        /// one from the configuration names the file and the key (Scoring.Weights.NAME), its target is the key.
        /// A bad configured weight is an error even when the parameter sets the same key: the file is wrong either way.
        /// </summary>
        public static ScoreWeights ResolveWeights(B64HuntConfig? config, IEnumerable<KeyValuePair<string, double>>? parameter, out Problem? problem)
        {
            problem = null;
            var weights = ScoreWeights.Default;
            if (config != null)
            {
                foreach (var pair in config.ScoringWeights)
                {
                    var bad = weights.Apply(pair.Key, pair.Value);
                    if (bad != null)
                    {
                        problem = new Problem(bad.ErrorId, bad.Kind,
                            $"{config.FilePath ?? "configuration"}: Scoring.Weights.{pair.Key}: {bad.Message}", pair.Key);
                        return ScoreWeights.Default;
                    }
                }
            }
            if (parameter != null)
            {
                foreach (var pair in parameter)
                {
                    var bad = weights.Apply(pair.Key, pair.Value);
                    if (bad != null)
                    {
                        problem = bad;
                        return ScoreWeights.Default;
                    }
                }
            }
            return weights;
        }

        /// <summary>The parameter's window when given, else the configuration's Scoring.AlertWindow, else null (the notebook's rule).</summary>
        public static TimeSpan? ResolveAlertWindow(B64HuntConfig? config, TimeSpan? parameter) => parameter ?? config?.ScoringAlertWindow;
    }
}

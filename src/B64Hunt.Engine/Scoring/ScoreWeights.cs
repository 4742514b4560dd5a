using System.Collections.Generic;
using System.Linq;
using B64Hunt.Errors;
using B64Hunt.Model;

namespace B64Hunt.Scoring
{
    /// <summary>
    /// The points a TI verdict or a related alert adds to a command's score. Defaults are the notebook's:
    /// TI high 3, medium 1.5, low 1, information 0, unknown 1; alerts High 3, Medium 2, Low 1, Informational 0.
    /// </summary>
    public sealed class ScoreWeights
    {
        /// <summary>The keys <see cref="Apply"/> accepts (case-insensitive).</summary>
        public static readonly IReadOnlyList<string> Keys = new[]
        {
            "High", "Medium", "Low", "Information", "Unknown",
            "AlertHigh", "AlertMedium", "AlertLow", "AlertInformational",
        };

        public double High { get; private set; } = 3;
        public double Medium { get; private set; } = 1.5;
        public double Low { get; private set; } = 1;
        public double Information { get; private set; }
        public double Unknown { get; private set; } = 1;
        public double AlertHigh { get; private set; } = 3;
        public double AlertMedium { get; private set; } = 2;
        public double AlertLow { get; private set; } = 1;
        public double AlertInformational { get; private set; }

        /// <summary>The notebook's weights.</summary>
        public static ScoreWeights Default => new ScoreWeights();

        /// <summary>Every weight by its key ("High 3, Medium 1.5, ..."), for a report that records how it was scored.</summary>
        public string Describe() => string.Join(", ", new[]
        {
            ("High", High), ("Medium", Medium), ("Low", Low), ("Information", Information), ("Unknown", Unknown),
            ("AlertHigh", AlertHigh), ("AlertMedium", AlertMedium), ("AlertLow", AlertLow), ("AlertInformational", AlertInformational),
        }.Select(w => w.Item1 + " " + w.Item2.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)));

        /// <summary>
        /// A copy of the defaults with the given weights replaced. Returns a Problem (UnknownScoreWeight or
        /// InvalidScoreWeight, kind InvalidArgument) for the first bad entry instead of weights.
        /// </summary>
        public static ScoreWeights FromOverrides(IEnumerable<KeyValuePair<string, double>>? overrides, out Problem? problem)
        {
            var weights = new ScoreWeights();
            problem = null;
            if (overrides == null)
            {
                return weights;
            }
            foreach (var pair in overrides)
            {
                problem = weights.Apply(pair.Key, pair.Value);
                if (problem != null)
                {
                    return Default;
                }
            }
            return weights;
        }

        /// <summary>Sets one weight; returns a Problem when the key is unknown or the value is negative or not finite.</summary>
        public Problem? Apply(string key, double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value) || value < 0)
            {
                return new Problem(ErrorIds.InvalidScoreWeight, ProblemKind.InvalidArgument,
                    $"Score weight '{key}' must be a finite number of 0 or more, not {value}.", key);
            }
            switch ((key ?? string.Empty).Trim().ToLowerInvariant())
            {
                case "high": High = value; break;
                case "medium": Medium = value; break;
                case "low": Low = value; break;
                case "information": case "informational": Information = value; break;
                case "unknown": Unknown = value; break;
                case "alerthigh": AlertHigh = value; break;
                case "alertmedium": AlertMedium = value; break;
                case "alertlow": AlertLow = value; break;
                case "alertinformational": case "alertinformation": AlertInformational = value; break;
                default:
                    return new Problem(ErrorIds.UnknownScoreWeight, ProblemKind.InvalidArgument,
                        $"Unknown score weight '{key}'. Known weights: {string.Join(", ", Keys)}.", key);
            }
            return null;
        }

        /// <summary>The points of one TI severity.</summary>
        public double ForTi(TiSeverity severity) => severity switch
        {
            TiSeverity.High => High,
            TiSeverity.Medium => Medium,
            TiSeverity.Low => Low,
            TiSeverity.Information => Information,
            _ => Unknown,
        };

        /// <summary>The points of one alert severity; null for Unknown (a name Sentinel does not define).</summary>
        public double? ForAlert(AlertSeverity severity) => severity switch
        {
            AlertSeverity.High => AlertHigh,
            AlertSeverity.Medium => AlertMedium,
            AlertSeverity.Low => AlertLow,
            AlertSeverity.Informational => AlertInformational,
            _ => null,
        };
    }
}

using B64Hunt.Model;

namespace B64Hunt.Reports
{
    /// <summary>Bands of TotalScore used to mark commands on the timelines.</summary>
    public enum ScoreBand
    {
        /// <summary>Below 1: rarity alone.</summary>
        Low,
        /// <summary>1 to below 3.</summary>
        Medium,
        /// <summary>3 to below 6.</summary>
        High,
        /// <summary>6 or more.</summary>
        Critical,
    }

    public static class ScoreBands
    {
        /// <summary>
        /// The band of a score under the model that computed it. The default model's totals run higher (behaviour points),
        /// so its bands are wider: below 3 (rarity and routine work), 3 to 6, 6 to 10, 10 or more.
        /// </summary>
        public static ScoreBand Of(CommandScore score) =>
            IsDefaultModel(score.Model) ? OfDefault(score.TotalScore) : Of(score.TotalScore);

        private static ScoreBand OfDefault(double totalScore) =>
            totalScore >= 10 ? ScoreBand.Critical : totalScore >= 6 ? ScoreBand.High : totalScore >= 3 ? ScoreBand.Medium : ScoreBand.Low;

        internal static bool IsDefaultModel(string? model) => string.Equals(model, "Default", System.StringComparison.Ordinal);

        /// <summary>The legend text of a band under a model ("Default" or anything else for the notebook's bands).</summary>
        public static string Describe(ScoreBand band, string? model) => !IsDefaultModel(model) ? Describe(band) : band switch
        {
            ScoreBand.Critical => "score 10 or more",
            ScoreBand.High => "score 6 to < 10",
            ScoreBand.Medium => "score 3 to < 6",
            _ => "score < 3",
        };

        public static ScoreBand Of(double totalScore) =>
            totalScore >= 6 ? ScoreBand.Critical : totalScore >= 3 ? ScoreBand.High : totalScore >= 1 ? ScoreBand.Medium : ScoreBand.Low;

        /// <summary>The plain-text mark of a band on the console timeline.</summary>
        public static char Mark(ScoreBand band) => band switch
        {
            ScoreBand.Critical => '@',
            ScoreBand.High => 'O',
            ScoreBand.Medium => 'o',
            _ => '.',
        };

        public static string Describe(ScoreBand band) => band switch
        {
            ScoreBand.Critical => "score 6 or more",
            ScoreBand.High => "score 3 to < 6",
            ScoreBand.Medium => "score 1 to < 3",
            _ => "score < 1",
        };
    }
}

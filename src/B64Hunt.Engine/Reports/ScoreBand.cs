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

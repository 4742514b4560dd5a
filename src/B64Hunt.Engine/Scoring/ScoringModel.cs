namespace B64Hunt.Scoring
{
    /// <summary>Which ranking Measure-B64Score computes.</summary>
    public enum ScoringModel
    {
        /// <summary>
        /// B64Hunt's ranking: FreqScore + BehaviourScore discounted for routine use + SevScore + AlertScore of the alerts that
        /// belong to the command (same host, close in time, weighted by closeness and by how often the command runs).
        /// </summary>
        Default,

        /// <summary>The notebook's TotalScore: FreqScore + SevScore + AlertScore with every related alert of the command's hosts.</summary>
        Notebook,
    }
}

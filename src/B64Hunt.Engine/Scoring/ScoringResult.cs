using System.Collections.Generic;
using B64Hunt.Model;

namespace B64Hunt.Scoring
{
    /// <summary>The ranked scores, best first, and the problems met on the way (bad counts, unattributable alerts).</summary>
    public sealed class ScoringResult
    {
        public ScoringResult(IReadOnlyList<CommandScore> scores, IReadOnlyList<Problem> problems)
        {
            Scores = scores;
            Problems = problems;
        }

        public IReadOnlyList<CommandScore> Scores { get; }
        public IReadOnlyList<Problem> Problems { get; }
    }
}

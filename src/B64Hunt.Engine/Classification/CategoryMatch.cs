using System.Collections.Generic;

namespace B64Hunt.Classification
{
    /// <summary>What the rules found in one decoded command: categories, ATT&amp;CK techniques and the rules that fired.</summary>
    public sealed class CategoryMatch
    {
        internal CategoryMatch(IReadOnlyList<string> categories, IReadOnlyList<string> techniques, IReadOnlyList<string> ruleIds)
        {
            Categories = categories;
            Techniques = techniques;
            RuleIds = ruleIds;
        }

        /// <summary>Distinct categories, in rule order.</summary>
        public IReadOnlyList<string> Categories { get; }

        /// <summary>Distinct technique ids, in rule order.</summary>
        public IReadOnlyList<string> Techniques { get; }

        /// <summary>Ids of the rules that matched.</summary>
        public IReadOnlyList<string> RuleIds { get; }
    }
}

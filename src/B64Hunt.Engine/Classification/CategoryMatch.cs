using System.Collections.Generic;
using B64Hunt.Model;

namespace B64Hunt.Classification
{
    /// <summary>What the rules found in one decoded command: categories, ATT&amp;CK techniques and the rules that fired.</summary>
    public sealed class CategoryMatch
    {
        internal CategoryMatch(string[] categories, string[] techniques, string[] ruleIds)
        {
            CategoryArray = categories;
            TechniqueArray = techniques;
            RuleIds = ruleIds;
        }

        // The arrays behind the lists: fresh events share them (JoinedList.OverShared), so they never change.
        internal string[] CategoryArray { get; }
        internal string[] TechniqueArray { get; }

        /// <summary>The classifier's behaviour hits of these rules, made on first use; shared like the arrays.</summary>
        internal BehaviourHit[]? Hits { get; set; }

        /// <summary>Distinct categories, in rule order.</summary>
        public IReadOnlyList<string> Categories => CategoryArray;

        /// <summary>Distinct technique ids, in rule order.</summary>
        public IReadOnlyList<string> Techniques => TechniqueArray;

        /// <summary>Ids of the rules that matched.</summary>
        public IReadOnlyList<string> RuleIds { get; }
    }
}

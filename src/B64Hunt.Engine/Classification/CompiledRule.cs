using System.Collections.Generic;
using B64Hunt.Model;

namespace B64Hunt.Classification
{
    /// <summary>A loaded rule with its compiled conditions: what the classifier matches; <see cref="Rule"/> is what the analyst sees.</summary>
    internal sealed class CompiledRule
    {
        public CompiledRule(CategoryRule rule, RuleCondition? condition, IReadOnlyList<RuleCondition>? sequence)
        {
            Rule = rule;
            Condition = condition;
            Sequence = sequence;
        }

        public CategoryRule Rule { get; }

        /// <summary>The conditions of a plain rule; null for a sequence rule.</summary>
        public RuleCondition? Condition { get; }

        /// <summary>The steps of a sequence rule; null otherwise.</summary>
        public IReadOnlyList<RuleCondition>? Sequence { get; }

        public string Id => Rule.Id;

        public string Category => Rule.Category;

        public IReadOnlyList<string> Techniques => Rule.Techniques;

        public bool IsTextScope => Rule.IsTextScope;
    }
}

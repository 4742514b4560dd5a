using System.Collections.Generic;

namespace B64Hunt.Model
{
    /// <summary>
    /// One category rule that matched a decoded command, with the risk its rule file gives it: what the default
    /// ranking (Measure-B64Score) counts as "what the command does".
    /// </summary>
    public sealed class BehaviourHit
    {
        /// <summary>The rule's id in the category rules YAML.</summary>
        public string RuleId { get; set; } = string.Empty;

        /// <summary>The rule's category.</summary>
        public string Category { get; set; } = string.Empty;

        /// <summary>The rule's ATT&amp;CK technique ids.</summary>
        public IList<string> Techniques { get => _techniques ??= new JoinedList<string>(); set => _techniques = JoinedList.Wrap(value); } private IList<string>? _techniques;

        /// <summary>The ATT&amp;CK tactics the rule's category stands for (from the rules YAML's risk section).</summary>
        public IList<string> Tactics { get => _tactics ??= new JoinedList<string>(); set => _tactics = JoinedList.Wrap(value); } private IList<string>? _tactics;

        /// <summary>The rule's risk points (the rules YAML's risk section; 0 for harmless work).</summary>
        public double Risk { get; set; }

        public override string ToString() => RuleId + " (" + Category + ", risk " + Risk + ")";
    }
}

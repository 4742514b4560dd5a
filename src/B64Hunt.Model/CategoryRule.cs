using System.Collections.Generic;

namespace B64Hunt.Model
{
    /// <summary>One categorisation rule in force, as Get-B64CategoryRule lists it: when its conditions hold, a command gets its category and techniques.</summary>
    public sealed class CategoryRule
    {
        public CategoryRule(string id, string category, IReadOnlyList<string> techniques, string description, string sourceFile, int line,
            bool isTextScope, string conditions)
        {
            Id = id;
            Category = category;
            Techniques = techniques;
            Description = description;
            SourceFile = sourceFile;
            Line = line;
            IsTextScope = isTextScope;
            Conditions = conditions;
        }

        /// <summary>Stable id; a user's rule file overrides or disables a rule by id.</summary>
        public string Id { get; }

        /// <summary>The category the rule adds, e.g. "Reverse shell".</summary>
        public string Category { get; }

        /// <summary>MITRE ATT&amp;CK technique ids the rule evidences, e.g. T1059.004.</summary>
        public IReadOnlyList<string> Techniques { get; }

        public string Description { get; }

        /// <summary>The rule file the rule was read from.</summary>
        public string SourceFile { get; }

        /// <summary>Line of the rule in <see cref="SourceFile"/> (1-based).</summary>
        public int Line { get; }

        /// <summary>The rule's conditions as written in its file, on one line (e.g. "commands: chmod; args: u+s, 4???").</summary>
        public string Conditions { get; }

        /// <summary>True when the rule's text conditions apply to the whole decoded command (scope: text).</summary>
        public bool IsTextScope { get; }

        public override string ToString() => Id + " → " + Category;
    }
}

using System;
using System.Collections.Generic;

namespace B64Hunt.Classification
{
    /// <summary>
    /// Category names follow ATT&amp;CK's spelling ("Defense evasion"). Older spellings stay accepted wherever a category
    /// is named (users' rule files, their risk sections, saved hunts' categories, -Category filters) and are read as the
    /// current name, so a rule file written for an earlier release keeps working.
    /// </summary>
    public static class CategoryNames
    {
        private static readonly Dictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Defence evasion"] = "Defense evasion",
        };

        /// <summary>The current name for <paramref name="name"/>: itself, or the name an old spelling stands for.</summary>
        public static string Canonical(string name) => Aliases.TryGetValue(name.Trim(), out var current) ? current : name;

        /// <summary>The name and every old spelling of it, for matching a user's pattern.</summary>
        public static IEnumerable<string> Spellings(string name)
        {
            yield return name;
            foreach (var pair in Aliases)
            {
                if (string.Equals(pair.Value, name, StringComparison.OrdinalIgnoreCase)) yield return pair.Key;
            }
        }
    }
}

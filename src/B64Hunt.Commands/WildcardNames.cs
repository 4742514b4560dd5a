using System.Management.Automation;

namespace B64Hunt.Commands
{
    /// <summary>The -Name, -Id and -Category wildcards of the Get- cmdlets.</summary>
    internal static class WildcardNames
    {
        /// <summary>True when <paramref name="patterns"/> is null or one of its wildcards matches (case-insensitively).</summary>
        internal static bool Matches(string[]? patterns, string value)
        {
            if (patterns == null) return true;
            foreach (string p in patterns)
            {
                if (WildcardPattern.Get(p, WildcardOptions.IgnoreCase).IsMatch(value)) return true;
            }
            return false;
        }
    }
}

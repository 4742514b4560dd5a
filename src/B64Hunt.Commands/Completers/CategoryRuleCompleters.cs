using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using B64Hunt.Classification;
using B64Hunt.Model;

namespace B64Hunt.Commands.Completers
{
    /// <summary>
    /// Tab completion for category names (Get-B64CategoryRule -Category): the categories of the rules in force,
    /// the bundled ones merged with any -RulePath files already typed on the line.
    /// </summary>
    public sealed class CategoryCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var rules = LoadedRules.Of(fakeBoundParameters);
            return CompletionValues.Complete(rules.Select(r => r.Category), wordToComplete,
                category => category + " (" + rules.Count(r => r.Category == category) + " rules)");
        }
    }

    /// <summary>Tab completion for rule ids (Get-B64CategoryRule -Id), with each rule's category and description as tool tip.</summary>
    public sealed class CategoryRuleIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var byId = new Dictionary<string, CategoryRule>(StringComparer.OrdinalIgnoreCase);
            foreach (var rule in LoadedRules.Of(fakeBoundParameters)) byId[rule.Id] = rule;
            return CompletionValues.Complete(byId.Keys, wordToComplete, id => byId[id].Category + ": " + byId[id].Description);
        }
    }

    internal static class LoadedRules
    {
        // The bundled rules are read once per process; completion must answer while the user waits.
        private static readonly Lazy<CategoryRuleSet?> Bundled = new Lazy<CategoryRuleSet?>(() => TryLoad(() => CategoryRuleSet.LoadBundled(B64HuntCmdlet.ModuleDataDirectory)));

        internal static IReadOnlyList<CategoryRule> Of(IDictionary fakeBoundParameters)
        {
            var set = Bundled.Value;
            if (set == null) return Array.Empty<CategoryRule>();
            foreach (string path in CompletionValues.BoundPaths(fakeBoundParameters, "RulePath"))
            {
                var current = set;
                // A rule file that does not load yet (the user is still writing it) completes as the rules before it.
                set = TryLoad(() => current.Merge(path)) ?? current;
            }
            return set.Rules;
        }

        private static CategoryRuleSet? TryLoad(Func<CategoryRuleSet> load)
        {
            try
            {
                return load();
            }
            catch (Exception ex) when (ex is CategoryRuleFileException || ex is System.IO.IOException || ex is UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}

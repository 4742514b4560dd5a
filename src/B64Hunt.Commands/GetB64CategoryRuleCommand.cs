using System.Linq;
using System.Management.Automation;
using B64Hunt.Commands.Completers;
using B64Hunt.Classification;
using B64Hunt.Model;

namespace B64Hunt.Commands
{
    /// <summary>Lists the category rules in force: the bundled ones merged with any -RulePath files.</summary>
    [Cmdlet(VerbsCommon.Get, "B64CategoryRule", HelpUri = "https://github.com/b64hunt/B64Hunt#add-b64category-and-get-b64categoryrule-what-a-command-does")]
    [OutputType(typeof(CategoryRule))]
    public sealed class GetB64CategoryRuleCommand : B64HuntCmdlet
    {
        /// <summary>Rule ids to list (wildcards allowed).</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(CategoryRuleIdCompleter))]
        public string[]? Id { get; set; }

        /// <summary>Categories to list (wildcards allowed).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(CategoryCompleter))]
        public string[]? Category { get; set; }

        /// <summary>Rule files merged over the bundled rules, in order.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? RulePath { get; set; }

        protected override void EndProcessing()
        {
            var set = CategoryRuleLoading.LoadRuleSet(this, RulePath);
            int listed = 0;
            foreach (var rule in set.Rules)
            {
                // A category matches under its old spellings too (-Category 'Defence evasion').
                if (!WildcardNames.Matches(Id, rule.Id) || !CategoryNames.Spellings(rule.Category).Any(name => WildcardNames.Matches(Category, name))) continue;
                listed++;
                WriteObject(rule);
            }
            WriteVerbose($"Listed {listed} of {set.Rules.Count} rule(s) in force, in {set.Rules.Select(r => r.Category).Distinct().Count()} categories.");
        }
    }
}

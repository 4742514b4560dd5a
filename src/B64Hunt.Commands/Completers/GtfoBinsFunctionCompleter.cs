using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using B64Hunt.GtfoBins;
using B64Hunt.Model;

namespace B64Hunt.Commands.Completers
{
    /// <summary>Tab completion for GTFOBins function names (Get-GtfoBinsFunction -Name), from the bundled index, with each function's meaning as tool tip.</summary>
    public sealed class GtfoBinsFunctionCompleter : IArgumentCompleter
    {
        private static readonly Lazy<IReadOnlyList<GtfoBinsFunction>> Functions = new Lazy<IReadOnlyList<GtfoBinsFunction>>(Load);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var functions = Functions.Value;
            return CompletionValues.Complete(functions.Select(f => f.Name), wordToComplete,
                name => functions.First(f => f.Name == name).Description ?? name);
        }

        private static IReadOnlyList<GtfoBinsFunction> Load()
        {
            try
            {
                return GtfoBinsIndex.LoadBundled(B64HuntCmdlet.ModuleDataDirectory).Functions.ToList();
            }
            catch (Exception)
            {
                // Completion must never break the prompt: a missing or damaged index just offers nothing.
                return Array.Empty<GtfoBinsFunction>();
            }
        }
    }
}

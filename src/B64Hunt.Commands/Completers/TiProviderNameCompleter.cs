using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using B64Hunt.Intel;

namespace B64Hunt.Commands.Completers
{
    /// <summary>Tab completion for provider names (Get-B64TiProvider -Name): the providers B64Hunt implements.</summary>
    public sealed class TiProviderNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionValues.Complete(TiProviderNames.All, wordToComplete);
    }
}

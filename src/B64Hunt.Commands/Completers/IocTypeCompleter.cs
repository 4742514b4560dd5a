using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace B64Hunt.Commands.Completers
{
    /// <summary>Tab completion for -IocType (Find-B64Ioc, Invoke-B64TiLookup): the names ValidateIocType accepts.</summary>
    public sealed class IocTypeCompleter : IArgumentCompleter
    {
        private static readonly IReadOnlyList<string> Types = ValidateIocTypeAttribute.Names;

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionValues.Complete(Types, wordToComplete);
    }
}

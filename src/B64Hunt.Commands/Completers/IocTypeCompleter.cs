using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace B64Hunt.Commands.Completers
{
    /// <summary>Tab completion for Invoke-B64TiLookup -IocType: the indicator types a provider can be asked about.</summary>
    public sealed class IocTypeCompleter : IArgumentCompleter
    {
        private static readonly string[] Types = { "ipv4", "ipv6", "dns", "hostname", "url", "md5_hash", "sha1_hash", "sha256_hash", "email" };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionValues.Complete(Types, wordToComplete);
    }
}

using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace B64Hunt.Commands
{
    /// <summary>Unrolls an -InputObject given an array (Add-B64Category -InputObject $events) into its items.</summary>
    internal static class PipelineItems
    {
        public static IEnumerable<object?> Of(object? input)
        {
            object? value = input is PSObject ps ? ps.BaseObject : input;
            if (value is string || value is not IEnumerable items || value is IDictionary)
            {
                yield return input;
                yield break;
            }
            foreach (object? item in items) yield return item;
        }
    }
}

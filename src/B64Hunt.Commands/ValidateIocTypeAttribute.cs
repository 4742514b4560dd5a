using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using B64Hunt.Iocs;

namespace B64Hunt.Commands
{
    /// <summary>
    /// One -IocType check for every cmdlet that takes it (Find-B64Ioc, Invoke-B64TiLookup): the type names the
    /// extractor writes in Ioc.Type, any case. A typo such as "ip" is refused with the list, never silently matching nothing.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ValidateIocTypeAttribute : ValidateEnumeratedArgumentsAttribute
    {
        /// <summary>The accepted names, sorted as tab completion offers them.</summary>
        internal static IReadOnlyList<string> Names { get; } = IocTypeNames.All.OrderBy(n => n, StringComparer.Ordinal).ToArray();

        protected override void ValidateElement(object element)
        {
            string? name = (element is PSObject ps ? ps.BaseObject : element)?.ToString();
            if (name == null || !Names.Contains(name.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                throw new ValidationMetadataException(
                    $"'{name}' is not an indicator type. Use one of: {string.Join(", ", Names)}.");
            }
        }
    }
}

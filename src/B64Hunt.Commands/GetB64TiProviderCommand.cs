using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using B64Hunt.Commands.Completers;
using B64Hunt.Model;

namespace B64Hunt.Commands
{
    /// <summary>
    /// Shows which threat-intelligence providers are configured and usable, where their keys come from,
    /// their endpoints and pacing; like the notebook's confirm cell, and never the keys.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "B64TiProvider", HelpUri = "https://github.com/b64hunt/B64Hunt#invoke-b64tilookup-and-get-b64tiprovider-threat-intelligence", DefaultParameterSetName = DefaultSet)]
    [OutputType(typeof(TiProviderInfo))]
    public sealed class GetB64TiProviderCommand : B64HuntCmdlet
    {
        private const string DefaultSet = "Default";

        /// <summary>Only these providers (wildcards allowed).</summary>
        [Parameter(Position = 0, ParameterSetName = DefaultSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TiProviderNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Only providers that can be queried now.</summary>
        [Parameter]
        public SwitchParameter Usable { get; set; }

        /// <summary>Keys as Invoke-B64TiLookup takes them, to check them before a hunt.</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? ApiKey { get; set; }

        /// <summary>Base URLs as Invoke-B64TiLookup takes them.</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? Endpoint { get; set; }

        /// <summary>Local feed files as Invoke-B64TiLookup takes them.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? LocalFeed { get; set; }

        /// <summary>The workspace SentinelTI would ask, as Invoke-B64TiLookup takes it.</summary>
        [Parameter]
        public Guid? WorkspaceId { get; set; }

        /// <summary>B64Hunt's config file (default: $env:B64HUNT_CONFIG, else ~/.config/b64hunt/config.yaml).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ConfigPath { get; set; }

        protected override void EndProcessing()
        {
            var settings = TiCommandSupport.Resolve(this, ApiKey, Endpoint, LocalFeed, ConfigPath, Reporter, WorkspaceId);
            var patterns = Name?.Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToList();
            int usable = 0;
            foreach (var provider in settings)
            {
                var info = provider.ToInfo();
                if (info.Usable) usable++;
                if (patterns != null && !patterns.Any(p => p.IsMatch(provider.Name))) continue;
                if (Usable && !info.Usable) continue;
                WriteObject(info);
            }
            WriteVerbose($"{settings.Count} provider(s) known, {usable} usable now.");
        }
    }
}

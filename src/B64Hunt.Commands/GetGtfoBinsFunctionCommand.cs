using System.Management.Automation;
using B64Hunt.Commands.Completers;
using B64Hunt.GtfoBins;
using B64Hunt.Model;

namespace B64Hunt.Commands
{
    /// <summary>Lists the GTFOBins functions (shell, reverse-shell, file-read, ...) with what each means and its MITRE ids.</summary>
    [Cmdlet(VerbsCommon.Get, "GtfoBinsFunction", HelpUri = "https://github.com/b64hunt/B64Hunt#add-gtfobinstag-and-get-gtfobinsfunction-abusable-binaries")]
    [OutputType(typeof(GtfoBinsFunction))]
    public sealed class GetGtfoBinsFunctionCommand : B64HuntCmdlet
    {
        /// <summary>Function names to list (wildcards allowed).</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(GtfoBinsFunctionCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Read the functions from a GTFOBins checkout instead of the bundled index.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? GtfoBinsPath { get; set; }

        protected override void EndProcessing()
        {
            GtfoBinsIndex index;
            if (GtfoBinsPath == null) index = GtfoBinsIndex.LoadBundled(ModuleDataDirectory);
            else index = GtfoBinsLoading.LoadCheckout(this, GtfoBinsPath);
            int listed = 0;
            foreach (var function in index.Functions)
            {
                if (!WildcardNames.Matches(Name, function.Name)) continue;
                listed++;
                WriteObject(function);
            }
            WriteVerbose($"Listed {listed} of {index.Functions.Count} GTFOBins function(s); the index knows {index.Entries.Count} binaries.");
        }
    }
}

using System.Collections.Concurrent;
using System.Management.Automation;
using B64Hunt.GtfoBins;
using B64Hunt.Model;

namespace B64Hunt.Commands
{
    /// <summary>
    /// Tags command events (or plain decoded commands) with the GTFOBins executables they run, from the bundled
    /// index or from a GTFOBins checkout (-GtfoBinsPath).
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "GtfoBinsTag", HelpUri = "https://github.com/b64hunt/B64Hunt#add-gtfobinstag-and-get-gtfobinsfunction-abusable-binaries")]
    [OutputType(typeof(CommandEvent))]
    public sealed class AddGtfoBinsTagCommand : B64HuntCmdlet
    {
        private static readonly ConcurrentDictionary<string, GtfoBinsTagger> BundledTaggers = new ConcurrentDictionary<string, GtfoBinsTagger>();

        private GtfoBinsTagger _tagger = null!;
        private readonly VerboseTally _binaries = new VerboseTally();
        private readonly VerboseTally _functions = new VerboseTally();

        /// <summary>A CommandEvent, or a decoded command as a string.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        public object? InputObject { get; set; }

        /// <summary>A GTFOBins checkout (GTFOBins.github.io clone, current or older layout) to use instead of the bundled index.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? GtfoBinsPath { get; set; }

        protected override void BeginProcessing()
        {
            if (GtfoBinsPath == null)
            {
                _tagger = BundledTaggers.GetOrAdd(ModuleDataDirectory, dir => new GtfoBinsTagger(GtfoBinsIndex.LoadBundled(dir)));
                return;
            }
            var index = GtfoBinsLoading.LoadCheckout(this, GtfoBinsPath);
            _tagger = new GtfoBinsTagger(index);
        }

        protected override void ProcessRecord()
        {
            foreach (object? item in PipelineItems.Of(InputObject))
            {
                var commandEvent = ToCommandEvent(item);
                if (commandEvent == null) continue;
                _tagger.Enrich(commandEvent);
                _binaries.Add(commandEvent.GtfoBins.Count);
                _functions.Add(commandEvent.GtfoFunctions);
                WriteObject(commandEvent);
            }
        }

        protected override void EndProcessing()
        {
            WriteVerbose($"Tagged {_binaries.Events} event(s), {_binaries.EventsWithAny} with at least one GTFOBins binary" + _functions.Breakdown("; by function: ") + ".");
        }
    }
}

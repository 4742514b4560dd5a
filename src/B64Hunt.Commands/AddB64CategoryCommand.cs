using System.Management.Automation;
using B64Hunt.Classification;
using B64Hunt.Model;

namespace B64Hunt.Commands
{
    /// <summary>
    /// Adds behaviour categories and MITRE ATT&amp;CK technique ids to command events (or plain decoded commands),
    /// from the bundled rules merged with any -RulePath files.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "B64Category", HelpUri = "https://github.com/b64hunt/B64Hunt#add-b64category-and-get-b64categoryrule-what-a-command-does")]
    [OutputType(typeof(CommandEvent))]
    public sealed class AddB64CategoryCommand : B64HuntCmdlet
    {
        // The bundled rules and their lookup tables are built once per process (import cost matters).

        private CommandClassifier _classifier = null!;
        private readonly VerboseTally _tally = new VerboseTally();

        /// <summary>A CommandEvent, or a decoded command as a string.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        public object? InputObject { get; set; }

        /// <summary>Rule files merged over the bundled rules, in order.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? RulePath { get; set; }

        protected override void BeginProcessing()
        {
            _classifier = CategoryRuleLoading.LoadClassifier(this, RulePath);
            _patternTimeoutsAtStart = CommandClassifier.PatternTimeouts;
        }

        private long _patternTimeoutsAtStart;

        protected override void ProcessRecord()
        {
            foreach (object? item in PipelineItems.Of(InputObject))
            {
                var commandEvent = ToCommandEvent(item);
                if (commandEvent == null) continue;
                _classifier.Enrich(commandEvent);
                _tally.Add(commandEvent.Categories);
                WriteObject(commandEvent);
            }
        }

        protected override void EndProcessing()
        {
            WriteVerbose($"Categorised {_tally.Events} event(s), {_tally.EventsWithAny} with at least one category" + _tally.Breakdown("; by category: ") + ".");
            // Counted across the process, so a parallel run may add to it: a warning too many, never one too few.
            long timeouts = CommandClassifier.PatternTimeouts - _patternTimeoutsAtStart;
            if (timeouts > 0)
            {
                WriteWarning($"A rule pattern timed out {timeouts} time(s) even on 64 KB windows of a command: those commands may lack a category. Simplify the pattern (lookarounds and backreferences backtrack).");
            }
        }
    }
}

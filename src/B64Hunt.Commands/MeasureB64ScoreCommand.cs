using System.Collections;
using System.Management.Automation;
using B64Hunt.Model;
using B64Hunt.Scoring;

namespace B64Hunt.Commands
{
    /// <summary>
    /// Measure-B64Score: groups CommandEvents by decoded command and ranks them by rarity, threat intelligence and
    /// related alerts. Buffers its input (it must see every event), then writes CommandScores, best first.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "B64Score", DefaultParameterSetName = DefaultSet)]
    [OutputType(typeof(CommandScore))]
    public sealed class MeasureB64ScoreCommand : B64HuntCmdlet
    {
        private const string DefaultSet = "Default";
        private CommandScorer? _scorer;

        /// <summary>CommandEvents (or strings, taken as decoded commands), RelatedAlerts, or CommandScores to score again.</summary>
        [Parameter(ParameterSetName = DefaultSet, Position = 0, ValueFromPipeline = true)]
        [AllowNull]
        public object[]? InputObject { get; set; }

        /// <summary>Related alerts (Get-B64RelatedAlert); attributed to commands by host name.</summary>
        [Parameter(ParameterSetName = DefaultSet)]
        [ValidateNotNull]
        public RelatedAlert[]? Alert { get; set; }

        /// <summary>Weight overrides: High, Medium, Low, Information, Unknown (TI); AlertHigh, AlertMedium, AlertLow, AlertInformational.</summary>
        [Parameter(ParameterSetName = DefaultSet)]
        [ValidateNotNull]
        public Hashtable? Weight { get; set; }

        protected override void BeginProcessing()
        {
            var weights = WeightParameter.Parse(Weight, out var problem);
            if (problem != null)
            {
                ThrowTerminatingError(ToErrorRecord(problem));
            }
            _scorer = new CommandScorer(weights);
        }

        protected override void ProcessRecord()
        {
            if (InputObject == null)
            {
                return;
            }
            foreach (var item in InputObject)
            {
                object? value = item is PSObject ps ? ps.BaseObject : item;
                switch (value)
                {
                    case null:
                        continue;
                    case RelatedAlert alert:
                        _scorer!.AddAlert(alert);
                        continue;
                    case CommandScore score:
                        // Scoring again (e.g. with other weights): its events are the input.
                        foreach (var e in score.Events) AddEvent(e);
                        continue;
                }
                var commandEvent = ToCommandEvent(item);
                if (commandEvent != null)
                {
                    AddEvent(commandEvent);
                }
            }
        }

        protected override void EndProcessing()
        {
            if (Alert != null)
            {
                foreach (var alert in Alert) _scorer!.AddAlert(alert);
            }
            var result = _scorer!.Complete();
            foreach (var problem in result.Problems)
            {
                WriteProblem(problem);
            }
            WriteVerbose($"Scored {result.Scores.Count} unique command(s).");
            foreach (var score in result.Scores)
            {
                WriteObject(score);
            }
        }

        private void AddEvent(CommandEvent commandEvent)
        {
            var problem = _scorer!.Add(commandEvent);
            if (problem != null)
            {
                WriteProblem(problem);
            }
        }
    }
}

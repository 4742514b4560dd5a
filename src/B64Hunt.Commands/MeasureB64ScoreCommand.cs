using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using B64Hunt.Model;
using B64Hunt.Reporting;
using B64Hunt.Scoring;

namespace B64Hunt.Commands
{
    /// <summary>
    /// Measure-B64Score: groups CommandEvents by decoded command and ranks them by rarity, threat intelligence and
    /// related alerts. Buffers its input (it must see every event), then writes CommandScores, best first.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "B64Score", HelpUri = "https://github.com/b64hunt/B64Hunt#measure-b64score-the-ranking", DefaultParameterSetName = DefaultSet)]
    [OutputType(typeof(CommandScore))]
    public sealed class MeasureB64ScoreCommand : ScoringCmdlet
    {
        private const string DefaultSet = "Default";
        private CommandScorer? _scorer;

        /// <summary>CommandEvents (or strings, taken as decoded commands), RelatedAlerts, or CommandScores to score again.</summary>
        [Parameter(ParameterSetName = DefaultSet, Position = 0, ValueFromPipeline = true)]
        [AllowNull]
        public object? InputObject { get; set; }

        /// <summary>Related alerts (Get-B64RelatedAlert); attributed to commands by host name.</summary>
        [Parameter(ParameterSetName = DefaultSet)]
        [ValidateNotNull]
        [DeserializedModelArgument]
        public RelatedAlert[]? Alert { get; set; }

        /// <summary>Keep every event in its score's Events as it came (each run's Source and ReportId), instead of one
        /// event per command line, host and account with EventCount and ExecutionTimes. The scores are the same.</summary>
        [Parameter(ParameterSetName = DefaultSet)]
        public SwitchParameter KeepEvents { get; set; }

        private const int ProgressActivityId = 0x65;
        private const string ProgressActivity = "Scoring base64 commands";
        private readonly ProgressThrottle _progress = new ProgressThrottle();
        private long _events;
        private long _alerts;

        protected override void BeginProcessing() => _scorer = CreateScorer(KeepEvents);

        protected override void ProcessRecord() => Route(InputObject);

        protected override void OnAlert(RelatedAlert alert)
        {
            _scorer!.AddAlert(alert);
            _alerts++;
        }

        // Scoring again (e.g. with other weights): its events are the input.
        protected override void OnScore(CommandScore score)
        {
            foreach (var e in score.Events) OnEvent(e);
        }

        protected override void EndProcessing()
        {
            if (Alert != null)
            {
                foreach (var alert in Alert) _scorer!.AddAlert(alert);
                _alerts += Alert.Length;
            }
            if (_progress.Shown)
            {
                WriteProgress(new ProgressRecord(ProgressActivityId, ProgressActivity, $"Ranking {_events:N0} event(s)"));
            }
            var result = _scorer!.Complete();
            if (_progress.Shown)
            {
                WriteProgress(new ProgressRecord(ProgressActivityId, ProgressActivity, "Done") { RecordType = ProgressRecordType.Completed });
            }
            foreach (var problem in result.Problems)
            {
                WriteProblem(problem);
            }
            var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var score in result.Scores)
            {
                foreach (var host in score.Hostnames) hosts.Add(host);
            }
            WriteVerbose($"Scored {result.Scores.Count} unique command(s) from {_events} event(s) on {hosts.Count} host(s), " +
                         $"{_alerts} alert(s) considered; " +
                         $"{result.Scores.Count(s => s.SevScore > 0)} with threat-intelligence points, {result.Scores.Count(s => s.AlertScore > 0)} with alert points.");
            foreach (var score in result.Scores)
            {
                WriteObject(score);
            }
        }

        protected override void OnEvent(CommandEvent commandEvent)
        {
            var problem = _scorer!.Add(commandEvent);
            if (problem != null)
            {
                WriteProblem(problem);
            }
            _events++;
            if (_progress.Tick())
            {
                WriteProgress(new ProgressRecord(ProgressActivityId, ProgressActivity, $"Grouping: {_progress.Count:N0} event(s) read"));
            }
        }
    }
}

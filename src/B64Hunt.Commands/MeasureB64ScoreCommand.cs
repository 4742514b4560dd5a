using System;
using System.Collections;
using System.IO;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using B64Hunt.Configuration;
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

        /// <summary>Weight overrides: High, Medium, Low, Information, Unknown (TI); AlertHigh, AlertMedium, AlertLow, AlertInformational.
        /// They beat the configuration's Scoring.Weights, key by key.</summary>
        [Parameter(ParameterSetName = DefaultSet)]
        [ValidateNotNull]
        public Hashtable? Weight { get; set; }

        /// <summary>Count an alert only when it lies within ±this of one of the command's executions on the alert's host.
        /// Not given: the configuration's Scoring.AlertWindow, else every alert of the host counts (the notebook's rule).</summary>
        [Parameter(ParameterSetName = DefaultSet)]
        public TimeSpan AlertWindow { get; set; }

        /// <summary>Use the notebook's rule (every alert of the host counts) even when the configuration sets Scoring.AlertWindow.</summary>
        [Parameter(ParameterSetName = DefaultSet)]
        public SwitchParameter NoAlertWindow { get; set; }

        /// <summary>B64Hunt's config file (default: $env:B64HUNT_CONFIG, else ~/.config/b64hunt/config.yaml); its Scoring section is used.</summary>
        [Parameter(ParameterSetName = DefaultSet)]
        [ValidateNotNullOrEmpty]
        public string? ConfigPath { get; set; }

        private const int ProgressActivityId = 0x65;
        private const string ProgressActivity = "Scoring base64 commands";
        private readonly ProgressThrottle _progress = new ProgressThrottle();
        private long _events;
        private long _alerts;

        protected override void BeginProcessing()
        {
            bool windowGiven = MyInvocation.BoundParameters.ContainsKey(nameof(AlertWindow));
            if (windowGiven && AlertWindow < TimeSpan.Zero)
            {
                ThrowTerminatingError(ToErrorRecord(new Problem("InvalidAlertWindow", ProblemKind.InvalidArgument,
                    $"-AlertWindow must be 0 or more, not {AlertWindow}.", AlertWindow)));
            }
            if (windowGiven && NoAlertWindow)
            {
                ThrowTerminatingError(ToErrorRecord(new Problem("InvalidAlertWindow", ProblemKind.InvalidArgument,
                    "Give -AlertWindow or -NoAlertWindow, not both.", AlertWindow)));
            }
            var parameterWeights = WeightParameter.ToPairs(Weight, out var problem);
            if (problem != null)
            {
                ThrowTerminatingError(ToErrorRecord(problem));
            }
            var config = LoadConfig();
            var weights = ScoringSettings.ResolveWeights(config, parameterWeights, out problem);
            if (problem != null)
            {
                ThrowTerminatingError(ToErrorRecord(problem));
            }
            var window = NoAlertWindow ? null : ScoringSettings.ResolveAlertWindow(config, windowGiven ? AlertWindow : (TimeSpan?)null);
            WriteVerbose(window.HasValue
                ? $"Alerts count only within ±{window.Value} of an execution of the command on the alert's host{(windowGiven ? "" : " (Scoring.AlertWindow of " + config.FilePath + ")")}."
                : "Every related alert of a command's host counts (the notebook's rule; -AlertWindow narrows it).");
            _scorer = new CommandScorer(weights, window);
        }

        /// <summary>
        /// B64Hunt's configuration: -ConfigPath (which must exist), else the default file when there is one. A file that cannot
        /// be read or parsed stops the command (InvalidConfigFile): scoring without the weights the analyst configured would
        /// give a different ranking that looks just as right.
        /// </summary>
        private B64HuntConfig LoadConfig()
        {
            var environment = ConfigEnvironment.FromProcess(SessionState.Path.CurrentFileSystemLocation.ProviderPath);
            string path;
            if (ConfigPath != null)
            {
                path = GetUnresolvedProviderPathFromPSPath(ConfigPath);
                if (!File.Exists(path))
                {
                    ThrowTerminatingError(new ErrorRecord(new FileNotFoundException($"The configuration file '{path}' does not exist.", path),
                        "ConfigFileNotFound", ErrorCategory.ObjectNotFound, ConfigPath));
                }
            }
            else
            {
                path = environment.B64HuntConfigPath();
                if (!File.Exists(path))
                {
                    return B64HuntConfig.Empty;
                }
            }
            WriteVerbose($"Reading configuration {path}.");
            try
            {
                return ConfigLoader.Load(path, environment);
            }
            catch (ConfigFileException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ex.ErrorId, ErrorCategory.InvalidData, path));
                throw; // not reached
            }
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
                        _alerts++;
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

        private void AddEvent(CommandEvent commandEvent)
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

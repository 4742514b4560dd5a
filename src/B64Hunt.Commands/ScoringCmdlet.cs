using System;
using System.Collections;
using System.IO;
using System.Management.Automation;
using B64Hunt.Classification;
using B64Hunt.Configuration;
using B64Hunt.Errors;
using B64Hunt.Model;
using B64Hunt.Scoring;

namespace B64Hunt.Commands
{
    /// <summary>
    /// What Measure-B64Score and Show-B64Timeline share: the scoring parameters and how they combine with the
    /// configuration, so events scored by either cmdlet rank the same way.
    /// </summary>
    public abstract class ScoringCmdlet : B64HuntCmdlet
    {
        /// <summary>Weight overrides: High, Medium, Low, Information, Unknown (TI); AlertHigh, AlertMedium, AlertLow, AlertInformational.
        /// They beat the configuration's Scoring.Weights, key by key.</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? Weight { get; set; }

        /// <summary>Count an alert only when it lies within ±this of one of the command's executions on the alert's host.
        /// Not given: the configuration's Scoring.AlertWindow, else every alert of the host counts (the notebook's rule).</summary>
        [Parameter]
        [TimeSpanArgument]
        public TimeSpan AlertWindow { get; set; }

        /// <summary>Use the notebook's rule (every alert of the host counts) even when the configuration sets Scoring.AlertWindow.</summary>
        [Parameter]
        public SwitchParameter NoAlertWindow { get; set; }

        /// <summary>Default (what the command does, routine use, alerts that belong to it) or Notebook (the notebook's TotalScore, exactly).</summary>
        [Parameter]
        public ScoringModel Model { get; set; } = ScoringModel.Default;

        /// <summary>B64Hunt's config file (default: $env:B64HUNT_CONFIG, else ~/.config/b64hunt/config.yaml); its Scoring section is used.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ConfigPath { get; set; }

        /// <summary>
        /// Sorts piped objects, as both scoring cmdlets take them: alerts, scores (already ranked), and events (a
        /// string becomes an event; anything else is an UnsupportedInputObject error).
        /// </summary>
        protected void Route(object? input)
        {
            foreach (var item in PipelineItems.Of(input))
            {
                switch (DeserializedModel.Unwrap(item))
                {
                    case null:
                        continue;
                    case RelatedAlert alert:
                        OnAlert(alert);
                        continue;
                    case CommandScore score:
                        OnScore(score);
                        continue;
                }
                var commandEvent = ToCommandEvent(item);
                if (commandEvent != null) OnEvent(commandEvent);
            }
        }

        protected abstract void OnEvent(CommandEvent commandEvent);

        protected abstract void OnScore(CommandScore score);

        protected abstract void OnAlert(RelatedAlert alert);

        /// <summary>The scorer both scoring cmdlets use: weights and alert window from the parameters, else the configuration, else the defaults.</summary>
        protected CommandScorer CreateScorer(bool keepEvents)
        {
            var scorer = CreateScorer(out string alertRule, keepEvents);
            WriteVerbose(alertRule);
            return scorer;
        }

        /// <summary>As <see cref="CreateScorer(bool)"/>, handing back the alert rule in words instead of saying it.</summary>
        protected CommandScorer CreateScorer(out string alertRule, bool keepEvents = false)
        {
            bool windowGiven = MyInvocation.BoundParameters.ContainsKey(nameof(AlertWindow));
            if (windowGiven && AlertWindow < TimeSpan.Zero)
            {
                ThrowTerminatingError(ToErrorRecord(new Problem(ErrorIds.InvalidAlertWindow, ProblemKind.InvalidArgument,
                    $"-AlertWindow must be 0 or more, not {AlertWindow}.", AlertWindow)));
            }
            if (windowGiven && NoAlertWindow)
            {
                ThrowTerminatingError(ToErrorRecord(new Problem(ErrorIds.InvalidAlertWindow, ProblemKind.InvalidArgument,
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
            if (Model == ScoringModel.Default && NoAlertWindow)
            {
                ThrowTerminatingError(ToErrorRecord(new Problem(ErrorIds.InvalidAlertWindow, ProblemKind.InvalidArgument,
                    "-NoAlertWindow is the notebook's rule: give it with -Model Notebook. The default model always counts an alert only close in time to an execution.", Model)));
            }
            alertRule = AlertRuleText.Describe(Model.ToString(), window)
                + (window.HasValue && !windowGiven ? " (Scoring.AlertWindow of " + config.FilePath + ")" : string.Empty);
            return Model == ScoringModel.Default
                ? new CommandScorer(weights, window, Model, CategoryRuleSet.LoadBundled(ModuleDataDirectory).Risk) { KeepEvents = keepEvents }
                : new CommandScorer(weights, window, Model) { KeepEvents = keepEvents };
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
                        ErrorIds.ConfigFileNotFound, ErrorCategory.ObjectNotFound, ConfigPath));
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

    }
}

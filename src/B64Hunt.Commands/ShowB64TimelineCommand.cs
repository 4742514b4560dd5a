using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using B64Hunt.Errors;
using B64Hunt.IO;
using B64Hunt.Model;
using B64Hunt.Reports;
using B64Hunt.Scoring;

namespace B64Hunt.Commands
{
    /// <summary>
    /// Show-B64Timeline: the behaviour timeline of a hunt. In the console, plain-text lines (one row per host, marks
    /// by score band, the alerts under each host, then the marked commands); with -OutFile, one self-contained
    /// offline HTML report (ranked table, score composition chart, timeline with alerts).
    /// </summary>
    [Cmdlet(VerbsCommon.Show, "B64Timeline", HelpUri = "https://github.com/b64hunt/B64Hunt#show-b64timeline-the-pictures", DefaultParameterSetName = ConsoleSet, SupportsShouldProcess = true)]
    [OutputType(typeof(string), ParameterSetName = new[] { ConsoleSet })]
    [OutputType(typeof(FileInfo), ParameterSetName = new[] { HtmlSet })]
    public sealed class ShowB64TimelineCommand : ScoringCmdlet
    {
        private const string ConsoleSet = "Console";
        private const string HtmlSet = "Html";

        private CommandScorer? _scorer;
        private bool _hasEvents;
        private bool _hasPrescored;
        private readonly List<CommandScore> _scores = new List<CommandScore>();
        private readonly List<RelatedAlert> _alerts = new List<RelatedAlert>();

        /// <summary>CommandEvents (scored here), CommandScores (from Measure-B64Score), or RelatedAlerts.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [AllowNull]
        public object? InputObject { get; set; }

        /// <summary>Related alerts to draw on the same time axis (and to score events with).</summary>
        [Parameter]
        [ValidateNotNull]
        [DeserializedModelArgument]
        public RelatedAlert[]? Alert { get; set; }

        /// <summary>How many of the best-ranked commands to draw and list.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Top { get; set; } = 25;

        /// <summary>Columns of the console time axis.</summary>
        [Parameter(ParameterSetName = ConsoleSet)]
        [ValidateRange(10, 1000)]
        public int Width { get; set; } = 60;

        /// <summary>Plain text even on a terminal that supports colour.</summary>
        [Parameter(ParameterSetName = ConsoleSet)]
        public SwitchParameter NoColor { get; set; }

        /// <summary>Write the HTML report to this file instead of the console timeline.</summary>
        [Parameter(Mandatory = true, ParameterSetName = HtmlSet)]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        /// <summary>Replace an existing file (or a symbolic link, itself, never its target) at -OutFile.</summary>
        [Parameter(ParameterSetName = HtmlSet)]
        public SwitchParameter Force { get; set; }

        /// <summary>Open the written report with the default browser.</summary>
        [Parameter(ParameterSetName = HtmlSet)]
        public SwitchParameter Open { get; set; }

        /// <summary>The report title.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Title { get; set; } = "B64Hunt report";

        // Said at the end, for the input it applies to: piped CommandScores keep the rule they were ranked with.
        private string _alertRule = string.Empty;

        protected override void BeginProcessing() => _scorer = CreateScorer(out _alertRule);

        protected override void ProcessRecord() => Route(InputObject);

        protected override void OnScore(CommandScore score)
        {
            _scores.Add(score);
            _hasPrescored = true;
        }

        protected override void OnAlert(RelatedAlert alert) => _alerts.Add(alert);

        protected override void OnEvent(CommandEvent commandEvent)
        {
            _hasEvents = true;
            var problem = _scorer!.Add(commandEvent);
            if (problem != null) WriteProblem(problem);
        }

        // The alert rules the piped CommandScores were ranked with (usually one), with how many scores each.
        private IEnumerable<string> PipedScoreRules()
        {
            var groups = _scores.GroupBy(s => (s.Model, s.AlertWindow)).ToList();
            return groups.Select(g =>
                (g.Key.Model.Length == 0 ? "not ranked by Measure-B64Score (no model or alert window recorded)." : AlertRuleText.Describe(g.Key.Model, g.Key.AlertWindow))
                + (groups.Count > 1 ? $" ({g.Count()} of {_scores.Count} scores: they were ranked under different rules)" : string.Empty));
        }

        protected override void EndProcessing()
        {
            if (Alert != null)
            {
                _alerts.AddRange(Alert);
            }
            foreach (string rule in PipedScoreRules()) WriteVerbose("Piped scores: " + rule);
            if (_hasEvents)
            {
                WriteVerbose("Piped events: " + _alertRule);
                foreach (var alert in _alerts) _scorer!.AddAlert(alert);
                var result = _scorer!.Complete();
                foreach (var problem in result.Problems) WriteProblem(problem);
                _scores.AddRange(result.Scores);
            }
            // Scores keep the ranks they came with; mixed inputs are ordered by the same rule.
            _scores.Sort(CommandScorer.Compare);
            IEnumerable<RelatedAlert> alerts = _alerts;
            if (_alerts.Count == 0)
            {
                var fromScores = new List<RelatedAlert>();
                var seen = new HashSet<RelatedAlert>();
                for (int i = 0; i < _scores.Count && i < Top; i++)
                {
                    foreach (var a in _scores[i].Alerts) if (seen.Add(a)) fromScores.Add(a);
                }
                alerts = fromScores;
            }
            var layout = TimelineLayout.Build(_scores, alerts, Top);
            WriteVerbose($"Timeline of {layout.Commands.Count} of {_scores.Count} ranked command(s) (-Top {Top}), with {layout.Alerts.Count} alert(s).");

            if (ParameterSetName == HtmlSet)
            {
                WriteReport(layout);
                return;
            }
            var options = new ConsoleTimelineOptions { Width = Width, Color = UseColor() };
            // Without -Width the timeline fits the console (80 columns when there is none, as in a runbook).
            if (!MyInvocation.BoundParameters.ContainsKey(nameof(Width))) options.TotalWidth = ConsoleColumns();
            foreach (var line in ConsoleTimelineRenderer.Render(layout, options))
            {
                WriteObject(line);
            }
        }

        private int ConsoleColumns()
        {
            try
            {
                int columns = Host?.UI?.RawUI?.WindowSize.Width ?? 0;
                return columns >= 40 ? columns : 80;
            }
            catch (Exception ex) when (ex is NotImplementedException || ex is System.Management.Automation.Host.HostException || ex is System.IO.IOException || ex is PlatformNotSupportedException)
            {
                return 80;
            }
        }

        private void WriteReport(TimelineLayout layout)
        {
            string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile);
            string? existing = SafeFile.ExistingTarget(path);
            if (existing != null && !Force)
            {
                // A planted file or link is never written through; the analyst decides with -Force.
                WriteError(new ErrorRecord(new IOException(existing + "; pass -Force to replace it."),
                    ErrorIds.OutFileExists, ErrorCategory.ResourceExists, path));
                return;
            }
            if (!ShouldProcess(path, existing != null ? "Replace the HTML report" : "Write the HTML report"))
            {
                return;
            }
            string html = HtmlReportRenderer.Render(layout, new HtmlReportOptions
            {
                Title = Title, GeneratedAt = DateTime.UtcNow,
                Scoring = _hasEvents ? _scorer!.DescribeSettings() : null, HasPrescored = _hasPrescored,
            });
            try
            {
                SafeFile.WriteAllText(path, html, overwrite: Force);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                ThrowTerminatingError(ToErrorRecord(new Problem(ErrorIds.ReportWriteFailed, ProblemKind.PermissionDenied,
                    $"Cannot write the report to '{path}': {ex.Message}", path, ex)));
            }
            WriteVerbose($"Wrote the report ({layout.Commands.Count} command(s), {layout.Alerts.Count} alert(s)) to {path}.");
            // The provider's item (a FileInfo with PSPath and the file-system view), as Get-Item would give.
            WriteObject(SessionState.InvokeProvider.Item.Get(new[] { path }, false, true), true);
            if (Open)
            {
                OpenInBrowser(path);
            }
        }

        private void OpenInBrowser(string path)
        {
            try
            {
                ProcessStartInfo start;
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                {
                    start = new ProcessStartInfo(path) { UseShellExecute = true };
                }
                else
                {
                    start = new ProcessStartInfo(RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "open" : "xdg-open") { UseShellExecute = false };
                    start.ArgumentList.Add(path);
                }
                using var process = Process.Start(start);
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception || ex is InvalidOperationException || ex is PlatformNotSupportedException)
            {
                WriteProblem(new Problem(ErrorIds.ReportOpenFailed, ProblemKind.NotSpecified,
                    $"The report was written to '{path}' but could not be opened: {ex.Message}", path, ex));
            }
        }

        // Colour only for a person at a terminal: never with -NoColor, NO_COLOR, $PSStyle.OutputRendering = PlainText,
        // redirected output, or when another command reads the lines.
        private bool UseColor()
        {
            if (NoColor || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")))
            {
                return false;
            }
            object? style = SessionState.PSVariable.GetValue("PSStyle");
            string? rendering = style == null ? null : PSObject.AsPSObject(style).Properties["OutputRendering"]?.Value?.ToString();
            if (string.Equals(rendering, "PlainText", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
            if (Console.IsOutputRedirected || MyInvocation.PipelinePosition < MyInvocation.PipelineLength)
            {
                return false;
            }
            try
            {
                return Host?.UI?.SupportsVirtualTerminal == true;
            }
            catch (NotImplementedException)
            {
                return false;
            }
        }
    }
}

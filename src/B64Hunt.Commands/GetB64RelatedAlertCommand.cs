using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using B64Hunt.Errors;
using B64Hunt.LogAnalytics;
using B64Hunt.QueryEngines;
using B64Hunt.Sources;
using B64Hunt.Model;

namespace B64Hunt.Commands
{
    /// <summary>
    /// Finds the Microsoft Sentinel alerts (SecurityAlert) on the hosts where base64 commands ran, in a Log Analytics
    /// workspace or in an exported file, matched by short and full host name as msticpy's related-alerts query does.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "B64RelatedAlert", HelpUri = "https://github.com/b64hunt/B64Hunt#get-b64relatedalert-microsoft-sentinel-alerts-on-the-hunted-hosts", DefaultParameterSetName = WorkspaceSet)]
    [OutputType(typeof(RelatedAlert))]
    public sealed class GetB64RelatedAlertCommand : LogAnalyticsCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string SampleSet = "Sample";
        private const int ProgressActivityId = 0x66;

        /// <summary>The bundled sample export, beside the module's DLLs.</summary>
        internal static string SamplePath => System.IO.Path.Combine(ModuleDataDirectory, "sample", "alerts.csv");

        private readonly List<string> _hosts = new List<string>();
        private readonly HashSet<string> _seenHosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _paths = new List<string>();
        private readonly HashSet<string> _seenLiterals = new HashSet<string>(StringComparer.Ordinal);

        #region Parameters

        /// <summary>The Log Analytics workspace (its Workspace ID GUID) that holds SecurityAlert; default: Connect-B64Hunt's, else msticpyconfig.yaml's Default.</summary>
        [Parameter(ParameterSetName = WorkspaceSet)]
        public Guid WorkspaceId { get; set; }

        // -WorkspaceId, or the default WorkspaceDefault found (workspace set only).
        private Guid _workspaceId;
        private bool _workspaceResolved;

        /// <summary>Search Defender XDR advanced hunting (AlertInfo joined with AlertEvidence by DeviceName) instead of a workspace.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DefenderXdrSet)]
        public SwitchParameter DefenderXdr { get; set; }

        /// <summary>An Azure Data Explorer cluster's URL whose database (-Database) holds archived SecurityAlert rows.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ClusterSet)]
        [ValidateNotNull]
        public Uri? Cluster { get; set; }

        /// <summary>The cluster's database that holds the archived SecurityAlert table.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ClusterSet)]
        [ValidateNotNullOrEmpty]
        public string? Database { get; set; }

        /// <summary>Exported SecurityAlert rows (CSV or JSON, optionally .gz) to read instead of a workspace.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet, Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Exported SecurityAlert files taken literally (no wildcards: './alerts[1].csv'). Binds from Get-ChildItem output.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Reads the SecurityAlert export bundled with the module (the demo's alerts).</summary>
        [Parameter(Mandatory = true, ParameterSetName = SampleSet)]
        public SwitchParameter Sample { get; set; }

        /// <summary>The hunted hosts; bound from the Computer property of piped CommandEvents.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("HostName", "DeviceName", "ComputerName")]
        [AllowNull]
        [AllowEmptyCollection]
        public string[]? Computer { get; set; }

        /// <summary>The hosts of piped summarized events and CommandScores (their Hostnames property).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        [AllowNull]
        [AllowEmptyCollection]
        public string[]? Hostnames { get; set; }

        /// <summary>Start of the hunt window; alerts are searched from five days before it.</summary>
        [Parameter]
        public DateTime? Start { get; set; }

        /// <summary>End of the hunt window; alerts are searched to one day after it.</summary>
        [Parameter]
        public DateTime? End { get; set; }

        /// <summary>The hunt window as a span back from -End (or now).</summary>
        [Parameter]
        [TimeSpanArgument]
        public TimeSpan? Last { get; set; }

        #endregion

        protected override void BeginProcessing()
        {
            LogAnalyticsParameterBag.HideBoundToken(MyInvocation);
            try
            {
                AlertWindow(required: false);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.InvalidTimeWindow, ErrorCategory.InvalidArgument, null));
            }
            if (IsQuerySet)
            {
                InteractiveSession.RefuseWhenNoPrompt(this, Interactive, DeviceCode);
            }
            // With input coming, the workspace set may only be the default until a piped file's PSPath picks
            // -LiteralPath (Get-ChildItem | Get-B64RelatedAlert): resolve the workspace with the first record then.
            if (!MyInvocation.ExpectingInput) ResolveWorkspace();
            if (ParameterSetName == SampleSet)
            {
                _paths.Add(SamplePath);
            }
            else if (ParameterSetName == PathSet)
            {
                _paths.AddRange(FileSystemPaths.ResolveWildcards(this, Path));
            }
        }

        private void ResolveWorkspace()
        {
            if (_workspaceResolved || ParameterSetName != WorkspaceSet) return;
            _workspaceResolved = true;
            _workspaceId = WorkspaceDefault.Resolve(this, text => WriteVerbose(text));
        }

        protected override void ProcessRecord()
        {
            ResolveWorkspace();
            // Here, not in BeginProcessing: Get-ChildItem | Get-B64RelatedAlert binds each file's PSPath per record.
            // A -LiteralPath argument beside piped events is the same each record: resolve (and report) it once.
            if (ParameterSetName == LiteralPathSet)
            {
                _paths.AddRange(FileSystemPaths.ResolveLiterals(this, LiteralPath.Where(_seenLiterals.Add).ToList()));
            }
            AddHosts(Computer);
            AddHosts(Hostnames);
        }

        private void AddHosts(string[]? hosts)
        {
            if (hosts == null) return;
            foreach (var host in hosts)
            {
                if (string.IsNullOrWhiteSpace(host)) continue;
                var trimmed = host.Trim();
                if (_seenHosts.Add(trimmed)) _hosts.Add(trimmed);
            }
        }

        protected override void EndProcessing()
        {
            ResolveWorkspace();
            if (ParameterSetName == PathSet || ParameterSetName == LiteralPathSet || ParameterSetName == SampleSet)
            {
                ReadFiles();
                return;
            }
            if (_hosts.Count == 0)
            {
                WriteWarning("No host came in (-Computer, or piped objects with a Computer or Hostnames property); no alert to search for.");
                return;
            }
            var (start, end) = AlertWindow(required: true)!.Value;
            WriteVerbose("Searching alerts from " + start.ToString("O") + " to " + end.ToString("O") + " (the hunt window widened: five days before, one day after).");

            var kind = EngineKind;
            IQueryEngine engine;
            try
            {
                engine = OpenEngine(_workspaceId, Cluster, Database, out var connection);
                WriteVerbose(engine.ServiceName + " " + engine.Source + " (" + connection.CredentialKind + ").");
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.InvalidLogAnalyticsParameters, ErrorCategory.InvalidArgument, null));
                return;
            }

            var source = new RelatedAlertSource(engine, defenderXdrTables: kind == QueryEngineKind.DefenderXdr);
            var activity = $"Searching {(kind == QueryEngineKind.DefenderXdr ? "AlertInfo" : "SecurityAlert")} for {_hosts.Count} host(s)";
            WriteProgress(new ProgressRecord(ProgressActivityId, activity, "Querying " + engine.ServiceName));
            int found = 0;
            foreach (var alert in RunOnWorker<RelatedAlert>((yield, token) => source.QueryAsync(_workspaceId, _hosts, start, end, yield, Reporter, token)))
            {
                found++;
                WriteProgress(new ProgressRecord(ProgressActivityId, activity, $"{found} related alert(s)"));
                WriteObject(alert);
            }
            WriteProgress(new ProgressRecord(ProgressActivityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
            WriteVerbose($"Workspace: {found} related alert(s) for {_hosts.Count} host(s).");
        }

        /// <summary>The alert window: the hunt window widened; null when no window was asked for and none is required.</summary>
        private (DateTime Start, DateTime End)? AlertWindow(bool required)
        {
            if (!required && !Start.HasValue && !End.HasValue && !Last.HasValue) return null;
            var (huntStart, huntEnd) = WorkspaceQuery.ResolveWindow(Start, End, Last, DateTime.UtcNow);
            return RelatedAlertKql.WidenHuntWindow(huntStart, huntEnd);
        }

        private void ReadFiles()
        {
            var source = new RelatedAlertFileSource(_hosts, AlertWindow(required: false));
            foreach (var file in _paths)
            {
                foreach (var alert in source.Read(file, Reporter, CancellationToken))
                {
                    WriteObject(alert);
                }
                WriteVerbose("file:" + file + ": " + source.RowsRead + " row(s) read, " + source.AlertsFound + " related alert(s)" +
                             (_hosts.Count > 0 ? " for " + _hosts.Count + " host(s)." : " (no -Computer: every alert)."));
            }
        }
    }
}

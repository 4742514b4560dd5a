using System;
using System.Collections.Generic;
using System.Management.Automation;
using B64Hunt.Errors;
using B64Hunt.LogAnalytics;
using B64Hunt.QueryEngines;

namespace B64Hunt.Commands
{
    /// <summary>
    /// Get-B64Command's query-engine parameter sets: command lines from a Log Analytics workspace (Microsoft Sentinel,
    /// -WorkspaceId), Defender XDR advanced hunting (-DefenderXdr) or an Azure Data Explorer database (-Cluster -Database).
    /// The main part of the class calls <see cref="QueryWorkspace"/> when ParameterSetName is "Workspace", then
    /// decodes the rows (raw Syslog rows through the AUOMS/auditd line parsers) and writes the events.
    /// </summary>
    public sealed partial class GetB64CommandCommand : LogAnalyticsCmdlet
    {
        #region Workspace parameters

        /// <summary>The Log Analytics workspace's Workspace ID (a GUID); default: Connect-B64Hunt's, else msticpyconfig.yaml's Default.</summary>
        [Parameter(ParameterSetName = WorkspaceSet)]
        public Guid WorkspaceId { get; set; }

        /// <summary>Hunt Defender XDR advanced hunting (DeviceProcessEvents, the last 30 days) through Microsoft Graph.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DefenderXdrSet)]
        public SwitchParameter DefenderXdr { get; set; }

        /// <summary>An Azure Data Explorer cluster's URL (https://name.region.kusto.windows.net); also the token's audience.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ClusterSet)]
        [ValidateNotNull]
        public Uri? Cluster { get; set; }

        /// <summary>The cluster's database that holds the archived tables.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ClusterSet)]
        [ValidateNotNullOrEmpty]
        public string? Database { get; set; }

        /// <summary>Start of the hunt window (inclusive). Workspace default: seven days before -End; files, sample, pipeline: open.</summary>
        [Parameter]
        public DateTime? Start { get; set; }

        /// <summary>End of the hunt window (exclusive). Workspace default: now; files, sample, pipeline: open (now with -Last).</summary>
        [Parameter]
        public DateTime? End { get; set; }

        /// <summary>The hunt window as a span back from -End (or now), e.g. 1.00:00:00 or (New-TimeSpan -Hours 12).</summary>
        [Parameter]
        [TimeSpanArgument]
        public TimeSpan? Last { get; set; }

        /// <summary>What to read: Auoms (Syslog AUOMS_EXECVE, default), Auditd (Syslog type=EXECVE), DeviceProcessEvents (the default with -DefenderXdr) or ProcessEvent (ASIM, workspace only).</summary>
        [Parameter(ParameterSetName = WorkspaceSet)]
        [Parameter(ParameterSetName = DefenderXdrSet)]
        [Parameter(ParameterSetName = ClusterSet)]
        [ValidateSet("Auoms", "Auditd", "DeviceProcessEvents", "ProcessEvent", IgnoreCase = true)]
        public string Table { get; set; } = "Auoms";

        /// <summary>Your own KQL; it must return a command-line column (CommandLine, ProcessCommandLine, cmdline or SyslogMessage).</summary>
        [Parameter(ParameterSetName = WorkspaceSet)]
        [Parameter(ParameterSetName = DefenderXdrSet)]
        [Parameter(ParameterSetName = ClusterSet)]
        [ValidateNotNullOrEmpty]
        public string? Query { get; set; }

        /// <summary>
        /// A workspace, Defender XDR or cluster query aggregates per command line on the service, so only unique command
        /// lines travel. Files, the sample and piped lines give one event per command line, host and account, with
        /// EventCount and every run's time in ExecutionTimes, after the whole input is read.
        /// </summary>
        [Parameter(ParameterSetName = PathParameterSet)]
        [Parameter(ParameterSetName = LiteralPathParameterSet)]
        [Parameter(ParameterSetName = SampleParameterSet)]
        [Parameter(ParameterSetName = CommandLineParameterSet)]
        [Parameter(ParameterSetName = WorkspaceSet)]
        [Parameter(ParameterSetName = DefenderXdrSet)]
        [Parameter(ParameterSetName = ClusterSet)]
        public SwitchParameter Summarize { get; set; }

        #endregion

        /// <summary>
        /// Runs the workspace hunt and yields its rows on the pipeline thread as the pieces arrive; verbose text,
        /// partial-result warnings and failures (stable ids, see ErrorIds) are written along the way.
        /// </summary>
        private IEnumerable<WorkspaceRow> QueryWorkspace()
        {
            LogAnalyticsParameterBag.HideBoundToken(MyInvocation);
            InteractiveSession.RefuseWhenNoPrompt(this, Interactive, DeviceCode);
            var kind = EngineKind;
            var workspaceId = kind == QueryEngineKind.Workspace ? WorkspaceDefault.Resolve(this, text => WriteVerbose(text)) : WorkspaceId;
            var query = new WorkspaceQuery { WorkspaceId = workspaceId, Summarize = Summarize };
            try
            {
                (query.Start, query.End) = WorkspaceQuery.ResolveWindow(Start, End, Last, DateTime.UtcNow);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.InvalidTimeWindow, ErrorCategory.InvalidArgument, null));
            }
            IQueryEngine engine;
            try
            {
                if (Query != null)
                {
                    if (MyInvocation.BoundParameters.ContainsKey(nameof(Table)))
                    {
                        throw new ArgumentException("Use -Table or -Query, not both.");
                    }
                    query.Table = WorkspaceTable.Custom;
                    query.Query = Query;
                }
                else if (kind == QueryEngineKind.DefenderXdr && !MyInvocation.BoundParameters.ContainsKey(nameof(Table)))
                {
                    query.Table = WorkspaceTable.DeviceProcessEvents;
                }
                else
                {
                    query.Table = (WorkspaceTable)Enum.Parse(typeof(WorkspaceTable), Table, ignoreCase: true);
                }
                QueryEngineFactory.CheckTable(kind, query.Table);
                engine = OpenEngine(workspaceId, Cluster, Database, out var connection);
                query.Connection = connection;
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.InvalidLogAnalyticsParameters, ErrorCategory.InvalidArgument, null));
                yield break;
            }

            WriteVerbose(engine.ServiceName + " " + engine.Source + " (" + query.Connection.CredentialKind + "): " + query.Table + " from " +
                query.Start.ToString("O") + " to " + query.End.ToString("O") + ".");
            var source = new WorkspaceCommandSource(engine);
            foreach (var row in RunOnWorker<WorkspaceRow>((yield, token) => source.QueryAsync(query, yield, Reporter, token)))
            {
                yield return row;
            }
        }
    }
}

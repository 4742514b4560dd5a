using System;
using System.Management.Automation;
using B64Hunt.LogAnalytics;
using B64Hunt.QueryEngines;

namespace B64Hunt.Commands
{
    /// <summary>
    /// What the cmdlets that query a service share (Get-B64Command's and Get-B64RelatedAlert's Workspace, DefenderXdr
    /// and Cluster sets): the sign-in and cloud parameters, declared once here, and the query engine they open.
    /// </summary>
    /// <remarks>
    /// PowerShell lists a cmdlet's own parameters before those of its base class, so the parameters that choose the
    /// service (-WorkspaceId, -DefenderXdr, -Cluster, -Database) stay on each cmdlet, ahead of its other parameters.
    /// </remarks>
    public abstract class LogAnalyticsCmdlet : B64HuntCmdlet
    {
        private protected const string WorkspaceSet = "Workspace";
        private protected const string DefenderXdrSet = "DefenderXdr";
        private protected const string ClusterSet = "Cluster";

        /// <summary>True when the bound parameter set queries a service (a workspace, Defender XDR or a cluster).</summary>
        private protected bool IsQuerySet => ParameterSetName == WorkspaceSet || ParameterSetName == DefenderXdrSet || ParameterSetName == ClusterSet;

        // The parameters are the bag's: it turns them into the engine's LogAnalyticsConnection.
        private readonly LogAnalyticsParameterBag _signIn = new LogAnalyticsParameterBag { ServerTimeoutSeconds = 180 };

        /// <summary>Sign in with the managed identity (Azure Automation runbooks, VMs).</summary>
        [Parameter(ParameterSetName = WorkspaceSet)]
        [Parameter(ParameterSetName = DefenderXdrSet)]
        [Parameter(ParameterSetName = ClusterSet)]
        [Alias("Identity")]
        public SwitchParameter UseManagedIdentity { get => _signIn.UseManagedIdentity; set => _signIn.UseManagedIdentity = value; }

        /// <summary>The client id of a user-assigned managed identity.</summary>
        [Parameter(ParameterSetName = WorkspaceSet)]
        [Parameter(ParameterSetName = DefenderXdrSet)]
        [Parameter(ParameterSetName = ClusterSet)]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get => _signIn.ClientId; set => _signIn.ClientId = value; }

        /// <summary>The Microsoft Entra tenant to sign in to.</summary>
        [Parameter(ParameterSetName = WorkspaceSet)]
        [Parameter(ParameterSetName = DefenderXdrSet)]
        [Parameter(ParameterSetName = ClusterSet)]
        [ValidateNotNullOrEmpty]
        public string? TenantId { get => _signIn.TenantId; set => _signIn.TenantId = value; }

        /// <summary>A ready token for the Log Analytics audience: a string, a SecureString or Get-AzAccessToken's output.</summary>
        [Parameter(ParameterSetName = WorkspaceSet)]
        [Parameter(ParameterSetName = DefenderXdrSet)]
        [Parameter(ParameterSetName = ClusterSet)]
        [ValidateNotNull]
        public object? AccessToken { get => _signIn.AccessToken; set => _signIn.AccessToken = value; }

        /// <summary>Sign in with a device code (the code is shown as a warning).</summary>
        [Parameter(ParameterSetName = WorkspaceSet)]
        [Parameter(ParameterSetName = DefenderXdrSet)]
        [Parameter(ParameterSetName = ClusterSet)]
        public SwitchParameter DeviceCode { get => _signIn.DeviceCode; set => _signIn.DeviceCode = value; }

        /// <summary>Sign in in a browser window.</summary>
        [Parameter(ParameterSetName = WorkspaceSet)]
        [Parameter(ParameterSetName = DefenderXdrSet)]
        [Parameter(ParameterSetName = ClusterSet)]
        public SwitchParameter Interactive { get => _signIn.Interactive; set => _signIn.Interactive = value; }

        /// <summary>The Azure cloud: AzureCloud (default), AzureUSGovernment or AzureChinaCloud.</summary>
        [Parameter(ParameterSetName = WorkspaceSet)]
        [Parameter(ParameterSetName = DefenderXdrSet)]
        [Parameter(ParameterSetName = ClusterSet)]
        [ValidateSet("AzureCloud", "AzureUSGovernment", "AzureChinaCloud", IgnoreCase = true)]
        public string Environment { get => _signIn.Environment; set => _signIn.Environment = value; }

        /// <summary>Another query endpoint (private link, tests); http only for loopback.</summary>
        [Parameter(ParameterSetName = WorkspaceSet)]
        [Parameter(ParameterSetName = DefenderXdrSet)]
        [Parameter(ParameterSetName = ClusterSet)]
        [ValidateNotNull]
        public Uri? Endpoint { get => _signIn.Endpoint; set => _signIn.Endpoint = value; }

        /// <summary>How long the service may run one query, in seconds (Prefer: wait), 1 to 600; default 180.</summary>
        [Parameter(ParameterSetName = WorkspaceSet)]
        [Parameter(ParameterSetName = DefenderXdrSet)]
        [Parameter(ParameterSetName = ClusterSet)]
        [ValidateRange(1, 600)]
        public int ServerTimeout { get => _signIn.ServerTimeoutSeconds.GetValueOrDefault(); set => _signIn.ServerTimeoutSeconds = value; }

        /// <summary>The service the parameter set names: Defender XDR, Data Explorer, else the Log Analytics workspace.</summary>
        private protected QueryEngineKind EngineKind => ParameterSetName switch
        {
            DefenderXdrSet => QueryEngineKind.DefenderXdr,
            ClusterSet => QueryEngineKind.DataExplorer,
            _ => QueryEngineKind.Workspace,
        };

        /// <summary>
        /// Signs in as the parameters say and opens the engine of <see cref="EngineKind"/>; a device-code prompt (a
        /// warning) and the engine's verbose text reach the pipeline thread through the cmdlet's reporter.
        /// </summary>
        /// <param name="workspaceId">The workspace (the workspace set).</param>
        /// <param name="cluster">The Data Explorer cluster (the cluster set).</param>
        /// <param name="database">The cluster's database (the cluster set).</param>
        /// <param name="connection">The sign-in, for the query and the verbose line that names it.</param>
        /// <exception cref="ArgumentException">Conflicting or unusable sign-in or engine parameters.</exception>
        private protected IQueryEngine OpenEngine(Guid workspaceId, Uri? cluster, string? database, out LogAnalyticsConnection connection)
        {
            connection = _signIn.ToConnection(Reporter);
            return QueryEngineFactory.Create(EngineKind, connection, workspaceId, cluster, database, Reporter);
        }
    }
}

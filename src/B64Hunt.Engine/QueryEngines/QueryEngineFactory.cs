using System;
using B64Hunt.Reporting;
using B64Hunt.LogAnalytics;

namespace B64Hunt.QueryEngines
{
    /// <summary>Where a hunt runs: a workspace, Defender XDR advanced hunting, or a Data Explorer database.</summary>
    public enum QueryEngineKind
    {
        Workspace,
        DefenderXdr,
        DataExplorer,
    }

    /// <summary>
    /// Builds the engine the cmdlets' parameters select, each from the same connection bag (sign-in, cloud, endpoint,
    /// timeout), so the credential is made in one place (<see cref="CredentialFactory"/>) for all of them.
    /// </summary>
    public static class QueryEngineFactory
    {
        /// <exception cref="ArgumentException">A parameter the engine needs is missing or unusable.</exception>
        public static IQueryEngine Create(QueryEngineKind kind, LogAnalyticsConnection connection, Guid workspaceId, Uri? cluster, string? database,
            IHuntReporter reporter)
        {
            switch (kind)
            {
                case QueryEngineKind.DefenderXdr:
                    return new DefenderXdrQueryEngine(connection) { Reporter = reporter };
                case QueryEngineKind.DataExplorer:
                    if (cluster == null) throw new ArgumentException("-Cluster is the cluster's URL, e.g. https://mycluster.westeurope.kusto.windows.net.");
                    return new DataExplorerQueryEngine(cluster, database ?? string.Empty, connection) { Reporter = reporter };
                default:
                    return new LogAnalyticsQueryEngine(new LogAnalyticsQueryClient(connection) { Reporter = reporter }, workspaceId);
            }
        }

        /// <summary>
        /// Checks that the engine has the table: Defender XDR has DeviceProcessEvents (no Syslog, no ASIM parsers), and
        /// the ASIM parsers are workspace functions.
        /// </summary>
        /// <exception cref="ArgumentException">The engine has no such table.</exception>
        public static void CheckTable(QueryEngineKind kind, WorkspaceTable table)
        {
            if (kind == QueryEngineKind.DefenderXdr && table != WorkspaceTable.DeviceProcessEvents && table != WorkspaceTable.Custom)
            {
                throw new ArgumentException("Defender XDR advanced hunting has DeviceProcessEvents, not " + table + ": use -Table DeviceProcessEvents (the default there) or -Query.");
            }
            if (kind == QueryEngineKind.DataExplorer && table == WorkspaceTable.ProcessEvent)
            {
                throw new ArgumentException("-Table ProcessEvent queries Microsoft Sentinel's ASIM parsers, which are workspace functions: use -WorkspaceId.");
            }
        }
    }
}

using System;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.LogAnalytics;

namespace B64Hunt.QueryEngines
{
    /// <summary>A Log Analytics workspace as a query engine: the workspace client bound to one workspace id.</summary>
    public sealed class LogAnalyticsQueryEngine : IQueryEngine
    {
        private readonly LogAnalyticsQueryClient _client;

        public LogAnalyticsQueryEngine(LogAnalyticsQueryClient client, Guid workspaceId)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            WorkspaceId = workspaceId;
        }

        public Guid WorkspaceId { get; }

        public string Source => "workspace:" + WorkspaceId.ToString("D");

        public string ServiceName => "Log Analytics";

        /// <summary>The workspace query API's record limit.</summary>
        public int RowLimit => 500_000;

        public EngineErrorIds ErrorIds => EngineErrorIds.LogAnalytics;

        public TimeSpan? Retention => null;

        public Task<QueryResult> QueryAsync(string query, DateTime start, DateTime end, CancellationToken cancellationToken) =>
            _client.QueryAsync(WorkspaceId, query, start, end, cancellationToken);
    }
}

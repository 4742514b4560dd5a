using System;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.LogAnalytics;

namespace B64Hunt.QueryEngines
{
    /// <summary>
    /// One service that runs KQL over a time window: a Log Analytics workspace, Defender XDR advanced hunting, or an
    /// Azure Data Explorer database. The time-splitting runner and the command and alert sources work through this
    /// seam only, so each engine is a small adapter over <see cref="EngineHttpClient"/>.
    /// </summary>
    public interface IQueryEngine
    {
        /// <summary>The Source of every row ("workspace:&lt;id&gt;", "defenderxdr:&lt;tenant or endpoint&gt;", "adx:&lt;cluster&gt;/&lt;db&gt;").</summary>
        string Source { get; }

        /// <summary>The service's name for messages ("Log Analytics", "Defender XDR", "Azure Data Explorer").</summary>
        string ServiceName { get; }

        /// <summary>A result with this many rows is taken as cut at the service's record limit.</summary>
        int RowLimit { get; }

        /// <summary>The engine's stable error ids.</summary>
        EngineErrorIds ErrorIds { get; }

        /// <summary>How far back the service keeps data (Defender XDR: 30 days); null when the data's own retention decides.</summary>
        TimeSpan? Retention { get; }

        /// <summary>Runs one query; the KQL bounds [start, end) itself, the window is passed on where the API takes one.</summary>
        /// <exception cref="LogAnalyticsException">The service or the sign-in refused; see ErrorId.</exception>
        /// <exception cref="OperationCanceledException">Cancelled.</exception>
        Task<QueryResult> QueryAsync(string query, DateTime start, DateTime end, CancellationToken cancellationToken);
    }
}

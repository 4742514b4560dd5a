using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.Reporting;
using B64Hunt.Model;
using B64Hunt.QueryEngines;

namespace B64Hunt.LogAnalytics
{
    /// <summary>
    /// Runs a time-bounded query on any <see cref="IQueryEngine"/> and, when the service cuts the result at its size limit
    /// (64 MB partial error, E_QUERY_RESULT_SET_TOO_LARGE, Defender's 124 MB) or at its record limit (500,000 rows in a
    /// workspace or a cluster, 100,000 in Defender XDR), throws the cut result away and queries
    /// the two halves of the range instead, recursively up to <see cref="MaxSplitDepth"/> levels.
    /// </summary>
    /// <remarks>
    /// Ranges are half-open, [start, end): the first half ends where the second begins. The API's timespan is
    /// inclusive at both ends, so the KQL itself must say "TimeGenerated &gt;= start and TimeGenerated &lt; end"
    /// (the builders do); for custom queries the rows are also filtered here on their TimeGenerated/Timestamp
    /// column, so a row on a boundary is returned exactly once.
    /// </remarks>
    internal sealed class TimeSplittingQueryRunner
    {
        private readonly IQueryEngine _engine;

        public TimeSplittingQueryRunner(IQueryEngine engine)
        {
            _engine = engine ?? throw new ArgumentNullException(nameof(engine));
            RowLimit = engine.RowLimit;
        }

        /// <summary>A result with this many rows is taken as cut at the record limit (the engine's, unless tests lower it).</summary>
        public int RowLimit { get; set; }

        /// <summary>How often a range may be halved (10 → at most 1,024 pieces).</summary>
        public int MaxSplitDepth { get; set; } = 10;

        /// <summary>Pieces shorter than twice this are not split again.</summary>
        public TimeSpan MinPiece { get; set; } = TimeSpan.FromSeconds(1);

        public int PiecesQueried { get; private set; }
        public int Splits { get; private set; }

        /// <param name="buildQuery">The KQL for one piece [start, end).</param>
        /// <param name="start">Start of the whole range (made UTC).</param>
        /// <param name="end">End of the whole range, exclusive (made UTC).</param>
        /// <param name="onTable">Receives each final piece's table (rows outside the piece already dropped).</param>
        /// <param name="reporter">Receives a PartialError warning for each piece whose answer was partial or cut at the row limit, and verbose text (each query and split).</param>
        /// <param name="cancellationToken">Stops the queries (Ctrl+C).</param>
        public Task RunAsync(Func<DateTime, DateTime, string> buildQuery, DateTime start, DateTime end,
            Action<QueryTable> onTable, IHuntReporter reporter, CancellationToken cancellationToken) =>
            RunPieceAsync(buildQuery, LogAnalyticsQueryClient.ToUtc(start), LogAnalyticsQueryClient.ToUtc(end), 0,
                onTable, reporter, cancellationToken);

        private async Task RunPieceAsync(Func<DateTime, DateTime, string> buildQuery, DateTime start, DateTime end,
            int depth, Action<QueryTable> onTable, IHuntReporter reporter, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            PiecesQueried++;
            reporter.Verbose("Querying " + _engine.ServiceName + " " + _engine.Source + " from " + LogAnalyticsQueryClient.Iso(start) + " to " +
                LogAnalyticsQueryClient.Iso(end) + ".");
            var result = await _engine.QueryAsync(buildQuery(start, end), start, end, cancellationToken).ConfigureAwait(false);
            var table = result.PrimaryTable;
            var cutBySize = result.PartialError?.IsResultTruncation ?? false;
            var cutByCount = table.Rows.Count >= RowLimit;
            var canSplit = depth < MaxSplitDepth && (end - start).Ticks >= 2 * MinPiece.Ticks;
            if ((cutBySize || cutByCount) && canSplit)
            {
                Splits++;
                var middle = new DateTime(start.Ticks + ((end.Ticks - start.Ticks) / 2), DateTimeKind.Utc);
                reporter.Verbose(string.Format(CultureInfo.InvariantCulture,
                    "The service cut the result at its {0} limit ({1} rows came back); querying the two halves of the range instead.",
                    cutBySize ? "size" : "record", table.Rows.Count));
                await RunPieceAsync(buildQuery, start, middle, depth + 1, onTable, reporter, cancellationToken).ConfigureAwait(false);
                await RunPieceAsync(buildQuery, middle, end, depth + 1, onTable, reporter, cancellationToken).ConfigureAwait(false);
                return;
            }

            var range = LogAnalyticsQueryClient.Iso(start) + "/" + LogAnalyticsQueryClient.Iso(end);
            if (result.PartialError != null)
            {
                var why = cutBySize
                    ? " The range cannot be split further, so some rows of " + range + " are missing."
                    : " The rows that came back for " + range + " are kept.";
                reporter.Problem(new Problem(_engine.ErrorIds.PartialError, ProblemKind.Warning,
                    _engine.ServiceName + " returned a partial result: " + result.PartialError.Describe() + why, range));
            }
            else if (cutByCount)
            {
                reporter.Problem(new Problem(_engine.ErrorIds.PartialError, ProblemKind.Warning,
                    _engine.ServiceName + " returned " + table.Rows.Count + " rows, its record limit, for " + range +
                    ", and the range cannot be split further; some rows may be missing.", range));
            }
            onTable(KeepHalfOpen(table, start, end));
        }

        /// <summary>Drops rows whose TimeGenerated (or Timestamp) lies outside [start, end).</summary>
        internal static QueryTable KeepHalfOpen(QueryTable table, DateTime start, DateTime end)
        {
            var ordinal = table.GetOrdinal("TimeGenerated", "Timestamp");
            if (ordinal < 0 || table.Columns[ordinal].Type != "datetime") return table;
            List<object?[]>? kept = null;
            for (var i = 0; i < table.Rows.Count; i++)
            {
                var row = table.Rows[i];
                var inside = !(row[ordinal] is DateTime time) || (time >= start && time < end);
                if (!inside && kept == null)
                {
                    kept = new List<object?[]>(table.Rows.Count);
                    for (var j = 0; j < i; j++) kept.Add(table.Rows[j]);
                }
                else if (inside && kept != null)
                {
                    kept.Add(row);
                }
            }
            return kept == null ? table : new QueryTable(table.Name, table.Columns, kept);
        }
    }
}

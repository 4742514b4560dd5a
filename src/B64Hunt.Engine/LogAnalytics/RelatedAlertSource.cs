using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.Reporting;
using B64Hunt.Model;
using B64Hunt.QueryEngines;

namespace B64Hunt.LogAnalytics
{
    /// <summary>
    /// Get-B64RelatedAlert's query engine: queries SecurityAlert (a workspace) or AlertInfo joined with AlertEvidence
    /// (Defender XDR) for the hunted hosts in batches, then checks each alert against each host on the client and
    /// attributes it (one RelatedAlert per alert and host).
    /// </summary>
    public sealed class RelatedAlertSource
    {
        private readonly LogAnalyticsQueryClient? _client;
        private readonly IQueryEngine? _engine;
        private readonly Func<IEnumerable<string>, DateTime, DateTime, string> _buildQuery = RelatedAlertKql.Build;

        /// <summary>The clock the retention check reads (tests pin it).</summary>
        internal Func<DateTime> UtcNow { get; set; } = () => DateTime.UtcNow;

        /// <summary>SecurityAlert in the workspace the query names.</summary>
        public RelatedAlertSource(LogAnalyticsQueryClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

        /// <summary>Alerts from another engine: Defender XDR's AlertInfo and AlertEvidence, or SecurityAlert elsewhere.</summary>
        public RelatedAlertSource(IQueryEngine engine, bool defenderXdrTables)
        {
            _engine = engine ?? throw new ArgumentNullException(nameof(engine));
            if (defenderXdrTables) _buildQuery = DefenderAlertKql.Build;
        }

        /// <summary>Runs the alert queries over [start, end); alerts come out oldest first once all batches are in.</summary>
        /// <returns>The number of alerts emitted.</returns>
        public async Task<int> QueryAsync(Guid workspaceId, IReadOnlyList<string> hosts, DateTime start, DateTime end,
            Action<RelatedAlert> onAlert, IHuntReporter reporter, CancellationToken cancellationToken)
        {
            var engine = _engine ?? new LogAnalyticsQueryEngine(_client!, workspaceId);
            var source = engine.Source;
            var distinct = new List<string>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var host in hosts)
            {
                if (!string.IsNullOrWhiteSpace(host) && seen.Add(host.Trim())) distinct.Add(host.Trim());
            }
            if (distinct.Count == 0) return 0;
            var clamped = RetentionWindow.Clamp(engine, start, end, UtcNow(), reporter);
            if (clamped == null) return 0;
            start = clamped.Value;

            // One alert per SystemAlertId and host: the latest version wins when pieces or batches overlap.
            var found = new Dictionary<string, RelatedAlert>(StringComparer.OrdinalIgnoreCase);
            for (var offset = 0; offset < distinct.Count; offset += RelatedAlertKql.HostsPerBatch)
            {
                var batch = distinct.GetRange(offset, Math.Min(RelatedAlertKql.HostsPerBatch, distinct.Count - offset));
                reporter.Verbose("Searching " + engine.ServiceName + " alerts for " + batch.Count + " host(s): " + string.Join(", ", batch) + ".");
                var runner = new TimeSplittingQueryRunner(engine);
                try
                {
                    await runner.RunAsync((s, e) => _buildQuery(batch, s, e), start, end, table =>
                    {
                        for (var i = 0; i < table.Rows.Count; i++)
                        {
                            var row = table.GetRowDictionary(i);
                            foreach (var alert in SecurityAlertMapper.Match(row, batch, source))
                            {
                                var key = (alert.SystemAlertId ?? alert.AlertName + "|" + alert.TimeGenerated?.Ticks) + "|" + alert.Computer;
                                if (!found.TryGetValue(key, out var existing) || (alert.TimeGenerated ?? DateTime.MinValue) > (existing.TimeGenerated ?? DateTime.MinValue))
                                {
                                    found[key] = alert;
                                }
                            }
                        }
                    }, reporter, cancellationToken).ConfigureAwait(false);
                }
                catch (LogAnalyticsException ex)
                {
                    reporter.Problem(ex.ToProblem(source));
                    return 0;
                }
            }

            var alerts = new List<RelatedAlert>(found.Values);
            alerts.Sort((a, b) =>
            {
                var byTime = Nullable.Compare(a.TimeGenerated, b.TimeGenerated);
                return byTime != 0 ? byTime : string.CompareOrdinal(a.Computer, b.Computer);
            });
            foreach (var alert in alerts) onAlert(alert);
            return alerts.Count;
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using B64Hunt.LogAnalytics;
using B64Hunt.Model;
using B64Hunt.Reporting;

namespace B64Hunt.Sources
{
    /// <summary>
    /// Get-B64RelatedAlert's file stage: reads exported SecurityAlert files, matches each alert to the hunted hosts
    /// (every alert when there are none) and keeps those inside the alert window. A row that cannot be mapped, or that
    /// has neither AlertName nor SystemAlertId, is a MalformedSecurityAlertRow problem and the next row is read.
    /// </summary>
    public sealed class RelatedAlertFileSource
    {
        private readonly IReadOnlyList<string> _hosts;
        private readonly (DateTime Start, DateTime End)? _window;

        /// <param name="hosts">The hunted hosts; empty for every alert on its own host.</param>
        /// <param name="window">The alert window [Start, End); null for every time. Alerts without a time are kept.</param>
        public RelatedAlertFileSource(IReadOnlyList<string> hosts, (DateTime Start, DateTime End)? window)
        {
            _hosts = hosts ?? throw new ArgumentNullException(nameof(hosts));
            _window = window;
        }

        /// <summary>Rows read from the last file.</summary>
        public long RowsRead { get; private set; }

        /// <summary>Alerts the last file gave.</summary>
        public int AlertsFound { get; private set; }

        /// <summary>The related alerts of one file, streamed; a long file shows a progress bar of rows read.</summary>
        public IEnumerable<RelatedAlert> Read(string path, IHuntReporter reporter, CancellationToken cancellationToken)
        {
            RowsRead = 0;
            AlertsFound = 0;
            var progress = new ProgressThrottle();
            var activity = "Reading SecurityAlert rows from " + Path.GetFileName(path);
            foreach (var row in SecurityAlertFileReader.Read(path, reporter, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                RowsRead++;
                if (progress.Tick()) reporter.Progress(new ProgressReport(activity, $"{progress.Count:N0} row(s) read, {AlertsFound} related alert(s)"));
                List<RelatedAlert> alerts;
                try
                {
                    alerts = new List<RelatedAlert>(SecurityAlertMapper.Match(row.Values, _hosts, row.Location));
                }
                catch (FormatException ex)
                {
                    reporter.Problem(SecurityAlertFileReader.MalformedRow(row.Location, ex.Message, ex));
                    continue;
                }
                foreach (var alert in alerts)
                {
                    if (string.IsNullOrEmpty(alert.AlertName) && string.IsNullOrEmpty(alert.SystemAlertId))
                    {
                        reporter.Problem(SecurityAlertFileReader.MalformedRow(row.Location, "it has neither AlertName nor SystemAlertId."));
                        break;
                    }
                    if (!InWindow(alert.TimeGenerated)) continue;
                    AlertsFound++;
                    yield return alert;
                }
            }
            if (progress.Shown) reporter.Progress(new ProgressReport(activity, "Done", finished: true));
        }

        private bool InWindow(DateTime? time) =>
            !_window.HasValue || !time.HasValue || (time.Value >= _window.Value.Start && time.Value < _window.Value.End);
    }
}

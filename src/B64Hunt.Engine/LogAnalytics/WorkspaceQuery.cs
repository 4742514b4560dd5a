using System;

namespace B64Hunt.LogAnalytics
{
    /// <summary>Which data Get-B64Command -WorkspaceId reads.</summary>
    public enum WorkspaceTable
    {
        /// <summary>Syslog rows of AUOMS_EXECVE records (the notebook's source).</summary>
        Auoms,
        /// <summary>Syslog rows carrying native auditd type=EXECVE records (AMA + the auditd syslog plugin).</summary>
        Auditd,
        /// <summary>Microsoft Defender for Endpoint process events.</summary>
        DeviceProcessEvents,
        /// <summary>A KQL query of the caller's that returns a command-line column.</summary>
        Custom,
        /// <summary>ASIM process-creation events (the _Im_ProcessCreate parser): MDE, auditd, Sysmon for Linux and more, normalised.</summary>
        ProcessEvent,
    }

    /// <summary>One workspace hunt: where, when, what, and how to sign in.</summary>
    public sealed class WorkspaceQuery
    {
        /// <summary>The hunt window when neither a start nor -Last is given.</summary>
        public static readonly TimeSpan DefaultLookback = TimeSpan.FromDays(7);

        public Guid WorkspaceId { get; set; }

        /// <summary>Start of the window (inclusive, UTC).</summary>
        public DateTime Start { get; set; }

        /// <summary>End of the window (exclusive, UTC).</summary>
        public DateTime End { get; set; }

        public WorkspaceTable Table { get; set; } = WorkspaceTable.Auoms;

        /// <summary>The caller's KQL for <see cref="WorkspaceTable.Custom"/>.</summary>
        public string? Query { get; set; }

        /// <summary>Aggregate per command line on the service (count, hosts, first and last seen).</summary>
        public bool Summarize { get; set; }

        public LogAnalyticsConnection Connection { get; set; } = new LogAnalyticsConnection();

        /// <summary>
        /// The window from -Start/-End/-Last: -Last counts back from -End (or now); -Start alone runs to now;
        /// nothing at all means the last <see cref="DefaultLookback"/>. Results are UTC.
        /// </summary>
        public static (DateTime Start, DateTime End) ResolveWindow(DateTime? start, DateTime? end, TimeSpan? last, DateTime utcNow)
        {
            // The same rule as a file's window (EventTimeWindow), with the bounds a query needs: the end is now unless
            // given, and the start is the default look-back unless -Start or -Last says otherwise.
            var window = Sources.EventTimeWindow.Resolve(start, end ?? utcNow, last, utcNow)!;
            var e = window.End!.Value;
            return (window.Start ?? e - DefaultLookback, e);
        }
    }
}

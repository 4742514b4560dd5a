using System;
using B64Hunt.Reporting;
using B64Hunt.Errors;
using B64Hunt.LogAnalytics;
using B64Hunt.Model;

namespace B64Hunt.QueryEngines
{
    /// <summary>Cuts a window to what an engine keeps (Defender XDR: 30 days) and says so, rather than querying nothing silently.</summary>
    internal static class RetentionWindow
    {
        /// <summary>The start to query from, or null when the whole window is older than the engine keeps.</summary>
        public static DateTime? Clamp(IQueryEngine engine, DateTime start, DateTime end, DateTime utcNow, IHuntReporter reporter)
        {
            if (!engine.Retention.HasValue) return start;
            var kept = utcNow - engine.Retention.Value;
            if (start >= kept) return start;
            var gone = end <= kept;
            reporter.Problem(new Problem(ErrorIds.DefenderXdrBeyondRetention, ProblemKind.Warning,
                engine.ServiceName + " keeps only the last " + engine.Retention.Value.TotalDays + " days; " +
                (gone ? "the whole window " : "the part of the window before " + LogAnalyticsQueryClient.Iso(kept) + " ") +
                "has no data there. Hunt older data in a workspace (-WorkspaceId) or an archive cluster (-Cluster).", engine.Source));
            return gone ? (DateTime?)null : kept;
        }
    }
}

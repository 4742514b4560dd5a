using System;
using B64Hunt.Reporting;

namespace B64Hunt.Intel
{
    /// <summary>One progress update of a lookup: how far a provider has got through its indicators.</summary>
    public sealed class TiProgress
    {
        public TiProgress(string provider, int completed, int total, string status, bool finished = false)
        {
            Provider = provider;
            Completed = completed;
            Total = total;
            Status = status;
            Finished = finished;
        }

        public string Provider { get; }
        public int Completed { get; }
        public int Total { get; }
        public string Status { get; }

        /// <summary>True on the last update of a provider.</summary>
        public bool Finished { get; }

        public int PercentComplete => Total <= 0 ? 100 : (int)(100L * Completed / Total);

        /// <summary>"12 of 40 looked up, 28 left": what a paced provider's bar says beside its waits.</summary>
        public string Counts => $"{Completed} of {Total} looked up, {Math.Max(0, Total - Completed)} left";

        /// <summary>The bar of a provider's lookups (one bar per provider).</summary>
        public static string Activity(string provider) => $"Threat-intelligence lookup ({provider})";

        /// <summary>A provider's wait (its pacing, or a rate limit's Retry-After) as it reports it: the reason and the time left.</summary>
        public static ProgressReport Waiting(string provider, TimeSpan remaining, string reason) =>
            new ProgressReport(Activity(provider), reason, remaining: remaining);

        /// <summary>A wait's status line: the counts of the provider's last update (when there was one), then the wait.</summary>
        public static string WaitStatus(string provider, TiProgress? last, TimeSpan remaining, string reason) =>
            $"{provider}: {(last == null ? string.Empty : last.Counts + "; ")}waiting {Math.Ceiling(remaining.TotalSeconds):0} s ({reason})";

        public ProgressReport ToReport() => new ProgressReport(Activity(Provider), Status, PercentComplete, finished: Finished);
    }
}

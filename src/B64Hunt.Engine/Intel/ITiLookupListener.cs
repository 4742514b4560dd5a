using System;
using B64Hunt.Model;

namespace B64Hunt.Intel
{
    /// <summary>
    /// What a lookup reports while it runs. Called from worker threads: the cmdlet queues the calls and
    /// writes them on the pipeline thread.
    /// </summary>
    public interface ITiLookupListener
    {
        void OnProgress(TiProgress progress);

        /// <summary>A provider is waiting (its pacing, or a rate limit's Retry-After); called about once a second.</summary>
        void OnWait(string provider, TimeSpan remaining, string reason);
        void OnProblem(Problem problem);
        void OnVerbose(string message);
    }

    /// <summary>One progress update: how far a provider has got through its indicators.</summary>
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

        /// <summary>A wait's status line: the counts of the provider's last update (when there was one), then the wait.</summary>
        public static string WaitStatus(string provider, TiProgress? last, TimeSpan remaining, string reason) =>
            $"{provider}: {(last == null ? string.Empty : last.Counts + "; ")}waiting {Math.Ceiling(remaining.TotalSeconds):0} s ({reason})";
    }
}

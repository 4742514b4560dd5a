using System;

namespace B64Hunt.Reporting
{
    /// <summary>
    /// One update of a progress bar: the activity names the bar (one bar per activity), the status says where the work
    /// is. A wait (pacing, a rate limit's Retry-After) carries the time left.
    /// </summary>
    public sealed class ProgressReport
    {
        public ProgressReport(string activity, string status, int percentComplete = -1, TimeSpan? remaining = null, bool finished = false)
        {
            Activity = activity;
            Status = status;
            PercentComplete = percentComplete < 0 ? -1 : Math.Min(100, percentComplete);
            Remaining = remaining;
            Finished = finished;
        }

        public string Activity { get; }
        public string Status { get; }

        /// <summary>0 to 100, or -1 when the work cannot say.</summary>
        public int PercentComplete { get; }

        public TimeSpan? Remaining { get; }

        /// <summary>True on the activity's last update: the bar closes.</summary>
        public bool Finished { get; }
    }
}

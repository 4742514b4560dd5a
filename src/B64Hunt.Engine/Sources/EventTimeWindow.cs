using System;

namespace B64Hunt.Sources
{
    /// <summary>
    /// The -Start/-End/-Last window applied to events read from files, the sample or the pipeline (a workspace
    /// query filters on the service instead). Start is inclusive, End exclusive, both UTC. Unlike a workspace
    /// query, a file has no default look-back: a bound that is not given is open.
    /// </summary>
    public sealed class EventTimeWindow
    {
        private EventTimeWindow(DateTime? start, DateTime? end)
        {
            Start = start;
            End = end;
        }

        public DateTime? Start { get; }
        public DateTime? End { get; }

        /// <summary>
        /// Null when no bound is given. -Last is a span back from -End, or from now (and then ends now, as in a
        /// workspace hunt). Throws ArgumentException for -Start with -Last, or a start not before the end.
        /// </summary>
        public static EventTimeWindow? Resolve(DateTime? start, DateTime? end, TimeSpan? last, DateTime utcNow)
        {
            if (start == null && end == null && last == null) return null;
            if (start.HasValue && last.HasValue) throw new ArgumentException("Use -Start (with -End) or -Last, not both.");
            if (last.HasValue && last.Value <= TimeSpan.Zero) throw new ArgumentException("-Last must be a positive time span.");
            var e = end.HasValue ? ToUtc(end.Value) : last.HasValue ? ToUtc(utcNow) : (DateTime?)null;
            var s = last.HasValue ? e!.Value - last.Value : start.HasValue ? ToUtc(start.Value) : (DateTime?)null;
            if (s.HasValue && e.HasValue && s.Value >= e.Value)
            {
                throw new ArgumentException($"The start of the window ({s.Value:O}) is not before its end ({e.Value:O}).");
            }
            return new EventTimeWindow(s, e);
        }

        /// <summary>Whether an event at this time is in the window; an event without a time is not.</summary>
        public bool Contains(DateTime? time)
        {
            if (!time.HasValue) return false;
            var t = ToUtc(time.Value);
            return (!Start.HasValue || t >= Start.Value) && (!End.HasValue || t < End.Value);
        }

        public override string ToString() =>
            (Start.HasValue ? Start.Value.ToString("O") : "the beginning") + " to " + (End.HasValue ? End.Value.ToString("O") : "the end");

        private static DateTime ToUtc(DateTime value) => LogAnalytics.LogAnalyticsQueryClient.ToUtc(value);
    }
}

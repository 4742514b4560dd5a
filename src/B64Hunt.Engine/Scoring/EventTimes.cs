using System;
using System.Collections.Generic;
using B64Hunt.Model;

namespace B64Hunt.Scoring
{
    /// <summary>
    /// The one rule for when an event's command ran, read by the alert window (ExecutionIndex), the closeness of an
    /// alert (AlertEvidence), the routine model and the timeline:
    /// - Get-B64Command -Summarize kept every run: one instant per <see cref="CommandEvent.ExecutionTimes"/> entry, and
    ///   the runs beyond them (EventCount) have no time;
    /// - the service aggregated the rows (FirstSeen, LastSeen): one run from FirstSeen to LastSeen;
    /// - otherwise TimeGenerated, an instant; an event with none of these has no time.
    /// Times are UTC: a local time is converted, an unspecified one is taken as UTC (every source writes UTC).
    /// </summary>
    internal static class EventTimes
    {
        /// <summary>The event's runs, each a UTC interval (an instant has Start == End).</summary>
        public static IEnumerable<(DateTime Start, DateTime End)> Runs(CommandEvent e)
        {
            if (e.ExecutionTimes.Count > 0)
            {
                foreach (var t in e.ExecutionTimes)
                {
                    var at = Utc(t);
                    yield return (at, at);
                }
                yield break;
            }
            if (TryInterval(e, out var start, out var end)) yield return (start, end);
        }

        /// <summary>
        /// The one run of an event without kept runs (ExecutionTimes empty): FirstSeen..LastSeen, else TimeGenerated.
        /// Allocation-free, for the per-event paths.
        /// </summary>
        public static bool TryInterval(CommandEvent e, out DateTime start, out DateTime end)
        {
            DateTime? first = e.FirstSeen ?? e.LastSeen ?? e.TimeGenerated;
            DateTime? last = e.LastSeen ?? e.FirstSeen ?? e.TimeGenerated;
            start = end = default;
            if (!first.HasValue || !last.HasValue) return false;
            start = Utc(first.Value);
            end = Utc(last.Value);
            if (start > end) (start, end) = (end, start);
            return true;
        }

        /// <summary>
        /// The instants to place the event at (timeline marks, schedule times): every kept run, or both ends of an
        /// aggregated run (one when they are the same).
        /// </summary>
        public static IEnumerable<DateTime> Marks(CommandEvent e)
        {
            foreach (var (start, end) in Runs(e))
            {
                yield return start;
                if (end != start) yield return end;
            }
        }

        /// <summary>How many of the event's executions have no time (EventCount counts every execution).</summary>
        public static long Untimed(CommandEvent e)
        {
            long count = Math.Max(1, e.EventCount);
            if (e.ExecutionTimes.Count > 0) return Math.Max(0, count - e.ExecutionTimes.Count);
            return e.FirstSeen.HasValue || e.LastSeen.HasValue || e.TimeGenerated.HasValue ? 0 : count;
        }

        public static DateTime Utc(DateTime t) => t.Kind switch
        {
            DateTimeKind.Utc => t,
            DateTimeKind.Local => t.ToUniversalTime(),
            _ => DateTime.SpecifyKind(t, DateTimeKind.Utc),
        };
    }
}

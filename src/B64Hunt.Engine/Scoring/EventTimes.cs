using System;
using System.Collections;
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
        /// <summary>
        /// The event's runs, each a UTC interval (an instant has Start == End). A struct enumerable: a foreach over it
        /// allocates nothing, so the per-event paths (the routine model, the alert window) read the rule directly.
        /// </summary>
        public static EventRuns Runs(CommandEvent e) => new EventRuns(e);

        /// <summary>
        /// The one run of an event without kept runs (ExecutionTimes empty): FirstSeen..LastSeen, else TimeGenerated.
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
        /// Adds the instants to place the event at (timeline marks, schedule times): every kept run, or both ends of an
        /// aggregated run (one when they are the same).
        /// </summary>
        public static void AddMarks(CommandEvent e, List<DateTime> marks)
        {
            foreach (var (start, end) in Runs(e))
            {
                marks.Add(start);
                if (end != start) marks.Add(end);
            }
        }

        /// <summary>The marks of <see cref="AddMarks"/> as a new list.</summary>
        public static List<DateTime> Marks(CommandEvent e)
        {
            var marks = new List<DateTime>(Math.Max(2, e.ExecutionTimesIfAny?.Count ?? 0));
            AddMarks(e, marks);
            return marks;
        }

        /// <summary>How many of the event's executions have no time (EventCount counts every execution).</summary>
        public static long Untimed(CommandEvent e)
        {
            long count = Math.Max(1, e.EventCount);
            int kept = e.ExecutionTimesIfAny?.Count ?? 0;
            if (kept > 0) return Math.Max(0, count - kept);
            return e.FirstSeen.HasValue || e.LastSeen.HasValue || e.TimeGenerated.HasValue ? 0 : count;
        }

        public static DateTime Utc(DateTime t) => t.Kind switch
        {
            DateTimeKind.Utc => t,
            DateTimeKind.Local => t.ToUniversalTime(),
            _ => DateTime.SpecifyKind(t, DateTimeKind.Utc),
        };
    }

    /// <summary><see cref="EventTimes.Runs"/>: enumerated without an allocation by foreach, and as IEnumerable for LINQ.</summary>
    internal readonly struct EventRuns : IEnumerable<(DateTime Start, DateTime End)>
    {
        private readonly CommandEvent _event;

        public EventRuns(CommandEvent e) => _event = e;

        public Enumerator GetEnumerator() => new Enumerator(_event);

        IEnumerator<(DateTime Start, DateTime End)> IEnumerable<(DateTime Start, DateTime End)>.GetEnumerator() => GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        internal struct Enumerator : IEnumerator<(DateTime Start, DateTime End)>
        {
            private readonly CommandEvent _event;
            private int _index;

            public Enumerator(CommandEvent e)
            {
                _event = e;
                _index = -1;
                Current = default;
            }

            public (DateTime Start, DateTime End) Current { get; private set; }

            object IEnumerator.Current => Current;

            public bool MoveNext()
            {
                _index++;
                var kept = _event.ExecutionTimesIfAny;
                if (kept != null && kept.Count > 0)
                {
                    if (_index >= kept.Count) return false;
                    var at = EventTimes.Utc(kept[_index]);
                    Current = (at, at);
                    return true;
                }
                if (_index > 0 || !EventTimes.TryInterval(_event, out var start, out var end)) return false;
                Current = (start, end);
                return true;
            }

            public void Reset() => _index = -1;

            public void Dispose()
            {
            }
        }
    }
}

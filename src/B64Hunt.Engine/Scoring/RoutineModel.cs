using System;
using System.Collections.Generic;
using System.Globalization;
using B64Hunt.Model;

namespace B64Hunt.Scoring
{
    /// <summary>
    /// How routine a command is in the hunted fleet, from 0 (a one-off or a burst) to 1 (fleet furniture), from three signs:
    /// it ran on a large share of the fleet's hosts; it ran on a schedule (regular intervals on each host, counting more
    /// when several hosts share it); it kept running across the hunt window. A campaign that reaches five hosts within an
    /// hour shows none of them; a cron job on ten hosts every four hours shows two. The default model takes
    /// <see cref="Discount"/> × routine of the BehaviourScore off.
    /// </summary>
    public static class RoutineModel
    {
        /// <summary>Share of BehaviourScore a fully routine command loses.</summary>
        public const double Discount = 0.8;
        /// <summary>At or below this share of the fleet's hosts breadth says nothing; at <see cref="FleetShareFull"/> it says routine.</summary>
        public const double FleetShareNone = 0.1;
        public const double FleetShareFull = 0.5;
        /// <summary>Intervals within ±this share of the median interval count as on schedule.</summary>
        public const double ScheduleTolerance = 0.25;
        /// <summary>Share of a host's intervals that must be on schedule.</summary>
        public const double ScheduleShare = 0.7;

        /// <summary>The routine level and a reason in words ("280 runs on 10 hosts every ~4 h"), or 0 and null.</summary>
        /// <param name="hosts">The command's distinct hosts.</param>
        /// <param name="events">Its executions.</param>
        /// <param name="runs">How many times it ran.</param>
        /// <param name="fleetHosts">Distinct hosts in the whole hunt.</param>
        /// <param name="huntSpan">Time from the hunt's first to its last execution.</param>
        /// <param name="reason">The reason in words, or null at level 0.</param>
        public static double Level(IList<string> hosts, IList<CommandEvent> events, long runs, int fleetHosts, TimeSpan huntSpan, out string? reason)
        {
            reason = null;
            int h = Math.Max(1, hosts.Count);
            double share = fleetHosts > 0 ? (double)h / fleetHosts : 0;
            double breadth = fleetHosts >= 10 ? Clamp((share - FleetShareNone) / (FleetShareFull - FleetShareNone)) : 0;

            // Per-host execution times, for the schedule and the span.
            var byHost = new Dictionary<string, List<long>>(StringComparer.OrdinalIgnoreCase);
            long first = long.MaxValue, last = long.MinValue;
            var marks = new List<DateTime>(2);
            foreach (var e in events)
            {
                marks.Clear();
                EventTimes.AddMarks(e, marks);
                foreach (var time in marks) Add(e.Computer, time);
            }
            void Add(string? computer, DateTime t)
            {
                long ticks = t.Ticks;
                if (ticks < first) first = ticks;
                if (ticks > last) last = ticks;
                string host = computer ?? string.Empty;
                if (!byHost.TryGetValue(host, out var list)) byHost[host] = list = new List<long>();
                list.Add(ticks);
            }
            double medianInterval = 0;
            int scheduledHosts = 0;
            foreach (var times in byHost.Values)
            {
                if (times.Count < 3) continue;
                times.Sort();
                var gaps = new List<long>(times.Count - 1);
                for (int i = 1; i < times.Count; i++) gaps.Add(times[i] - times[i - 1]);
                var sorted = new List<long>(gaps);
                sorted.Sort();
                long median = sorted[sorted.Count / 2];
                if (median <= 0) continue;
                int onSchedule = 0;
                foreach (long g in gaps) if (Math.Abs(g - median) <= median * ScheduleTolerance) onSchedule++;
                if (onSchedule >= ScheduleShare * gaps.Count)
                {
                    scheduledHosts++;
                    medianInterval = Math.Max(medianInterval, median);
                }
            }
            // One host on a schedule is half the evidence; three or more hosts sharing it, all of it.
            double schedule = scheduledHosts == 0 ? 0 : Clamp((scheduledHosts + 1) / 4.0);
            double spanShare = huntSpan.Ticks > 0 && last > first ? Clamp((double)(last - first) / huntSpan.Ticks) : 0;
            // Running across the window counts when the command also repeated there (several runs, more than a couple of hosts or days).
            double persistence = spanShare * Clamp((runs - 2) / 10.0);
            double level = Math.Max(breadth, Math.Max(schedule, 0.8 * persistence));
            if (level <= 0.05) return 0;
            var parts = new List<string> { runs.ToString(CultureInfo.InvariantCulture) + " runs on " + h + " host" + (h == 1 ? string.Empty : "s") };
            if (breadth > 0) parts.Add(Math.Round(share * 100).ToString(CultureInfo.InvariantCulture) + "% of the fleet");
            if (schedule > 0) parts.Add("every ~" + Describe(TimeSpan.FromTicks((long)medianInterval)));
            if (spanShare >= 0.5 && persistence > 0) parts.Add("over " + Math.Round(spanShare * 100).ToString(CultureInfo.InvariantCulture) + "% of the window");
            reason = string.Join(", ", parts);
            return level;
        }

        internal static string Describe(TimeSpan t)
        {
            if (t.TotalDays >= 1.5) return Math.Round(t.TotalDays).ToString(CultureInfo.InvariantCulture) + " d";
            if (t.TotalHours >= 1) return Math.Round(t.TotalHours).ToString(CultureInfo.InvariantCulture) + " h";
            return Math.Max(1, Math.Round(t.TotalMinutes)).ToString(CultureInfo.InvariantCulture) + " min";
        }

        private static double Clamp(double v) => v < 0 ? 0 : v > 1 ? 1 : v;
    }
}

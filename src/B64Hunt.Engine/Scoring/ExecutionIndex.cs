using System;
using System.Collections.Generic;
using B64Hunt.Model;

namespace B64Hunt.Scoring
{
    /// <summary>
    /// When one command ran, per host, by <see cref="EventTimes"/>' rule. An event with several Hostnames ran at those
    /// times on each of them.
    /// Answers "did this command run on the alert's host within ±window of the alert?" with a binary search.
    /// </summary>
    internal sealed class ExecutionIndex
    {
        // Cleaned host name (case-insensitive) -> its execution intervals in ticks, sorted and merged on first query.
        private readonly Dictionary<string, HostTimes> _byHost = new Dictionary<string, HostTimes>(StringComparer.OrdinalIgnoreCase);
        // First label -> the cleaned host names under it, so an alert's "web1" finds "web1.contoso.com" and back.
        private readonly Dictionary<string, List<string>> _byShortName = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);

        public ExecutionIndex(IEnumerable<CommandEvent> events)
        {
            foreach (var e in events)
            {
                if (e == null) continue;
                // An execution with no time matches no alert.
                foreach (var (start, end) in EventTimes.Runs(e))
                {
                    Add(e.Computer, start.Ticks, end.Ticks);
                    if (e.HostnamesIfAny is { } hostnames)
                    {
                        foreach (var host in hostnames) Add(host, start.Ticks, end.Ticks);
                    }
                }
            }
        }

        /// <summary>
        /// True when [<paramref name="alertStart"/>, <paramref name="alertEnd"/>] (ticks, UTC) lies within ±<paramref name="window"/>
        /// of an execution on a host that <see cref="HostNames.Match"/>es <paramref name="alertHost"/>. Bounds are inclusive.
        /// </summary>
        public bool AnyWithin(string alertHost, long alertStart, long alertEnd, TimeSpan window)
        {
            if (!_byShortName.TryGetValue(AlertAttribution.ShortKey(alertHost), out var hosts))
            {
                return false;
            }
            long from = SaturatingAdd(alertStart, -window.Ticks);
            long to = SaturatingAdd(alertEnd, window.Ticks);
            foreach (var host in hosts)
            {
                if (HostNames.Match(host, alertHost) && _byHost[host].Overlaps(from, to))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Ticks of a UTC interval (local times converted, unspecified taken as UTC); swapped when reversed.</summary>
        internal static bool TryTicks(DateTime? first, DateTime? last, out long start, out long end)
        {
            start = end = 0;
            if (!first.HasValue || !last.HasValue)
            {
                return false;
            }
            start = EventTimes.Utc(first.Value).Ticks;
            end = EventTimes.Utc(last.Value).Ticks;
            if (start > end)
            {
                (start, end) = (end, start);
            }
            return true;
        }

        private static long SaturatingAdd(long ticks, long delta)
        {
            long result = ticks + delta;
            if (delta > 0 && result < ticks) return DateTime.MaxValue.Ticks;
            if (delta < 0 && result > ticks) return DateTime.MinValue.Ticks;
            return Math.Min(DateTime.MaxValue.Ticks, Math.Max(DateTime.MinValue.Ticks, result));
        }

        private void Add(string? host, long start, long end)
        {
            if (string.IsNullOrWhiteSpace(host))
            {
                return;
            }
            string name = host!.Trim().TrimEnd('.');
            if (!_byHost.TryGetValue(name, out var times))
            {
                times = new HostTimes();
                _byHost[name] = times;
                string key = AlertAttribution.ShortKey(name);
                if (!_byShortName.TryGetValue(key, out var names))
                {
                    names = new List<string>(1);
                    _byShortName[key] = names;
                }
                names.Add(name);
            }
            times.Add(start, end);
        }

        private sealed class HostTimes
        {
            private List<long> _starts = new List<long>();
            private List<long> _ends = new List<long>();
            private bool _merged;

            public void Add(long start, long end)
            {
                _starts.Add(start);
                _ends.Add(end);
                _merged = false;
            }

            /// <summary>Whether any execution interval meets [from, to] (inclusive).</summary>
            public bool Overlaps(long from, long to)
            {
                if (!_merged) Merge();
                // The last interval starting at or before 'to'; merged intervals are disjoint and sorted, so it has the latest end of those.
                int lo = 0, hi = _starts.Count - 1, found = -1;
                while (lo <= hi)
                {
                    int mid = lo + ((hi - lo) >> 1);
                    if (_starts[mid] <= to) { found = mid; lo = mid + 1; }
                    else hi = mid - 1;
                }
                return found >= 0 && _ends[found] >= from;
            }

            private void Merge()
            {
                int n = _starts.Count;
                var order = new int[n];
                for (int i = 0; i < n; i++) order[i] = i;
                var keys = _starts.ToArray();
                Array.Sort(keys, order);
                var starts = new List<long>(n);
                var ends = new List<long>(n);
                for (int i = 0; i < n; i++)
                {
                    long s = keys[i], e = _ends[order[i]];
                    int last = starts.Count - 1;
                    if (last >= 0 && s <= ends[last])
                    {
                        if (e > ends[last]) ends[last] = e;
                    }
                    else
                    {
                        starts.Add(s);
                        ends.Add(e);
                    }
                }
                _starts = starts;
                _ends = ends;
                _merged = true;
            }
        }
    }
}

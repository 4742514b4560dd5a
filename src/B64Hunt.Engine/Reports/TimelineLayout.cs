using System;
using System.Collections.Generic;
using B64Hunt.Model;
using B64Hunt.Scoring;

namespace B64Hunt.Reports
{
    /// <summary>One execution of a plotted command on one host at one time.</summary>
    public sealed class TimelineMark
    {
        public TimelineMark(CommandScore score, CommandEvent commandEvent, string host, DateTime time)
        {
            Score = score;
            Event = commandEvent;
            Host = host;
            Time = time;
        }

        public CommandScore Score { get; }
        public CommandEvent Event { get; }
        public string Host { get; }
        /// <summary>UTC.</summary>
        public DateTime Time { get; }
        public ScoreBand Band => ScoreBands.Of(Score);
    }

    /// <summary>One host row: its command marks and the related alerts on it, both in time order.</summary>
    public sealed class TimelineHost
    {
        public TimelineHost(string name) => Name = name;

        public string Name { get; }
        public List<TimelineMark> Marks { get; } = new List<TimelineMark>();
        public List<RelatedAlert> Alerts { get; } = new List<RelatedAlert>();
        /// <summary>The best (lowest) rank among the commands on this host; rows are ordered by it.</summary>
        public int BestRank { get; internal set; } = int.MaxValue;
    }

    /// <summary>
    /// What the timelines draw, worked out once for the console and the HTML renderers: the plotted commands (the top
    /// of the ranking), their executions per host, the alerts on those hosts, and the time window that holds them all.
    /// </summary>
    public sealed class TimelineLayout
    {
        /// <summary>The row of events that name no host.</summary>
        public const string UnknownHost = "(unknown host)";

        private TimelineLayout(IReadOnlyList<CommandScore> commands, List<TimelineHost> hosts, DateTime start, DateTime end, int untimed, IReadOnlyList<RelatedAlert> alerts)
        {
            Commands = commands;
            Hosts = hosts;
            Start = start;
            End = end;
            UntimedEvents = untimed;
            Alerts = alerts;
        }

        /// <summary>The plotted commands, in rank order.</summary>
        public IReadOnlyList<CommandScore> Commands { get; }
        /// <summary>Host rows, the host of the best-ranked command first.</summary>
        public IReadOnlyList<TimelineHost> Hosts { get; }
        /// <summary>Every alert shown (those on the hosts of the drawn commands; all of them when no command is drawn), in time order.</summary>
        public IReadOnlyList<RelatedAlert> Alerts { get; }
        /// <summary>The window (UTC); Start &lt; End always.</summary>
        public DateTime Start { get; }
        public DateTime End { get; }
        /// <summary>Events of plotted commands with no time at all (listed, not plotted).</summary>
        public int UntimedEvents { get; }
        public bool IsEmpty => Commands.Count == 0 && Alerts.Count == 0;
        /// <summary>False when nothing drawn has a time: there is no window, only the list of commands.</summary>
        public bool HasWindow { get; private set; }

        /// <summary>Commands in the whole ranking (the drawn ones are its top).</summary>
        public int TotalCommands { get; private set; }

        /// <summary>Executions of the whole ranking, and of the drawn commands.</summary>
        public long TotalExecutions { get; private set; }
        public long ShownExecutions { get; private set; }

        /// <summary>The -Top the layout was built with (0 = all).</summary>
        public int Top { get; private set; }

        /// <summary>The model that scored the drawn commands (empty when they were not scored by Measure-B64Score).</summary>
        public string Model => Commands.Count > 0 ? Commands[0].Model : string.Empty;

        /// <summary>"top 25 of 43 commands (443 of 531 executions)", or "43 commands (531 executions)" when all are drawn.</summary>
        public string Summary() => Commands.Count < TotalCommands
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, "top {0} of {1} commands ({2} of {3} executions)", Commands.Count, TotalCommands, ShownExecutions, TotalExecutions)
            : string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0} command(s) ({1} execution(s))", TotalCommands, TotalExecutions);

        /// <summary>Lays out the first <paramref name="top"/> scores (already ranked) and the alerts (0 = all scores).</summary>
        public static TimelineLayout Build(IReadOnlyList<CommandScore> ranked, IEnumerable<RelatedAlert>? alerts, int top)
        {
            var commands = new List<CommandScore>();
            for (int i = 0; i < ranked.Count && (top <= 0 || i < top); i++)
            {
                commands.Add(ranked[i]);
            }
            var hosts = new List<TimelineHost>();
            var byName = new Dictionary<string, TimelineHost>(StringComparer.OrdinalIgnoreCase);
            DateTime? min = null, max = null;
            int untimed = 0;

            TimelineHost Row(string name)
            {
                if (!byName.TryGetValue(name, out var row))
                {
                    row = new TimelineHost(name);
                    byName[name] = row;
                    hosts.Add(row);
                }
                return row;
            }
            void Widen(DateTime t)
            {
                if (!min.HasValue || t < min.Value) min = t;
                if (!max.HasValue || t > max.Value) max = t;
            }

            foreach (var score in commands)
            {
                foreach (var e in score.Events)
                {
                    // A mark per run, as the runs one by one would give (EventTimes' rule); the runs without a time are untimed.
                    var times = EventTimes.Marks(e);
                    untimed += (int)Math.Min(int.MaxValue, EventTimes.Untimed(e));
                    if (times.Count == 0) continue;
                    var eventHosts = new List<string>();
                    if (!string.IsNullOrWhiteSpace(e.Computer)) eventHosts.Add(e.Computer!.Trim());
                    if (e.Hostnames != null)
                    {
                        foreach (var h in e.Hostnames)
                        {
                            if (!string.IsNullOrWhiteSpace(h) && !Contains(eventHosts, h.Trim())) eventHosts.Add(h.Trim());
                        }
                    }
                    if (eventHosts.Count == 0) eventHosts.Add(UnknownHost);
                    foreach (var host in eventHosts)
                    {
                        var row = Row(host);
                        row.BestRank = Math.Min(row.BestRank, score.Rank);
                        foreach (var t in times)
                        {
                            row.Marks.Add(new TimelineMark(score, e, host, t));
                            Widen(t);
                        }
                    }
                }
            }

            var shownAlerts = new List<RelatedAlert>();
            if (alerts != null)
            {
                var seen = new HashSet<RelatedAlert>();
                foreach (var alert in alerts)
                {
                    if (alert == null || !seen.Add(alert)) continue;
                    var row = FindRow(hosts, alert.Computer);
                    if (row == null)
                    {
                        // With commands drawn, only the alerts of their hosts belong on the picture; alone, every alert does.
                        if (commands.Count > 0) continue;
                        row = Row(string.IsNullOrWhiteSpace(alert.Computer) ? UnknownHost : alert.Computer!.Trim());
                    }
                    row.Alerts.Add(alert);
                    shownAlerts.Add(alert);
                    var t = AlertTime(alert);
                    if (t.HasValue) Widen(t.Value);
                }
            }

            foreach (var row in hosts)
            {
                row.Marks.Sort((a, b) => a.Time.CompareTo(b.Time));
                row.Alerts.Sort((a, b) => Nullable.Compare(AlertTime(a), AlertTime(b)));
            }
            // Stable order: best rank first, then name (List.Sort is not stable, so compare names too).
            hosts.Sort((a, b) => a.BestRank != b.BestRank ? a.BestRank.CompareTo(b.BestRank) : NaturalCompare(a.Name, b.Name));
            shownAlerts.Sort((a, b) => Nullable.Compare(AlertTime(a), AlertTime(b)));

            DateTime start = min ?? new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            DateTime end = max ?? start;
            if (end - start < TimeSpan.FromMinutes(1))
            {
                // A single instant: give it room so marks sit in the middle.
                // Saturating: a hostile time at DateTime.MinValue/MaxValue must not throw.
                var room = TimeSpan.FromMinutes(30);
                start = start.Ticks > room.Ticks ? start - room : new DateTime(0, DateTimeKind.Utc);
                end = DateTime.MaxValue.Ticks - end.Ticks > room.Ticks ? end + room : DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);
            }
            long total = 0, shown = 0;
            for (int i = 0; i < ranked.Count; i++)
            {
                total += ranked[i].CommandCount;
                if (i < commands.Count) shown += ranked[i].CommandCount;
            }
            return new TimelineLayout(commands, hosts, start, end, untimed, shownAlerts)
            {
                HasWindow = min.HasValue, TotalCommands = ranked.Count, TotalExecutions = total, ShownExecutions = shown, Top = top,
            };
        }

        /// <summary>The time of tick <paramref name="k"/> of <paramref name="count"/> across the window (no overflow for windows of millennia).</summary>
        internal DateTime TickTime(int k, int count)
        {
            long span = (End - Start).Ticks;
            return Start.AddTicks(span / count * k + span % count * k / count);
        }

        /// <summary>Where t falls in the window, 0 to 1.</summary>
        public double Position(DateTime t)
        {
            double span = (End - Start).Ticks;
            double p = (Utc(t) - Start).Ticks / span;
            return p < 0 ? 0 : p > 1 ? 1 : p;
        }

        public static DateTime? AlertTime(RelatedAlert alert)
        {
            var t = alert.TimeGenerated ?? alert.StartTime ?? alert.EndTime;
            return t.HasValue ? Utc(t.Value) : (DateTime?)null;
        }

        /// <summary>Times without a kind are taken as UTC (Log Analytics and the sources give UTC): <see cref="EventTimes.Utc"/>.</summary>
        public static DateTime Utc(DateTime t) => EventTimes.Utc(t);

        private static TimelineHost? FindRow(List<TimelineHost> hosts, string? name)
        {
            if (string.IsNullOrWhiteSpace(name)) return null;
            foreach (var row in hosts)
            {
                if (string.Equals(row.Name, name!.Trim(), StringComparison.OrdinalIgnoreCase)) return row;
            }
            foreach (var row in hosts)
            {
                if (HostNames.Match(row.Name, name)) return row;
            }
            return null;
        }

        /// <summary>Host names in the order a person expects: srv2 before srv10; ties broken ordinally.</summary>
        internal static int NaturalCompare(string a, string b)
        {
            int i = 0, j = 0;
            while (i < a.Length && j < b.Length)
            {
                if (char.IsDigit(a[i]) && char.IsDigit(b[j]))
                {
                    int si = i, sj = j;
                    while (i < a.Length && char.IsDigit(a[i])) i++;
                    while (j < b.Length && char.IsDigit(b[j])) j++;
                    string na = a.Substring(si, i - si).TrimStart('0'), nb = b.Substring(sj, j - sj).TrimStart('0');
                    int c = na.Length != nb.Length ? na.Length.CompareTo(nb.Length) : string.CompareOrdinal(na, nb);
                    if (c != 0) return c;
                }
                else
                {
                    int c = char.ToLowerInvariant(a[i]).CompareTo(char.ToLowerInvariant(b[j]));
                    if (c != 0) return c;
                    i++;
                    j++;
                }
            }
            int rest = (a.Length - i).CompareTo(b.Length - j);
            return rest != 0 ? rest : string.CompareOrdinal(a, b);
        }

        private static bool Contains(List<string> list, string value)
        {
            foreach (var s in list)
            {
                if (string.Equals(s, value, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }
    }
}

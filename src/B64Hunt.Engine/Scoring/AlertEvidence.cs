using System;
using System.Collections.Generic;
using System.Globalization;
using B64Hunt.Model;

namespace B64Hunt.Scoring
{
    /// <summary>
    /// The default model's AlertScore: the alerts that belong to a command. An alert counts only on the same host (one
    /// host-identity rule, <see cref="HostNames.Match"/>) and within the window of one of the command's executions there;
    /// its severity points are weighted by closeness (full at the execution, half at the window's edge), by how much of
    /// the host's time the command's windows leave uncovered (a job running every hour "explains" every alert), and
    /// doubled when the alert names one of the command's own indicators; an alert name counts once per host (its best
    /// weight); the sum is divided by √hosts, so a job on 200 hosts does not collect 200 hosts' alerts.
    /// </summary>
    public static class AlertEvidence
    {
        /// <summary>The default model's alert window when none is configured.</summary>
        public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(1);
        /// <summary>Factor for an alert that names an IP, domain, URL, file path or file name of the command.</summary>
        public const double EntityMatch = 2;
        /// <summary>Weight of an alert at the window's edge (1 at the execution itself).</summary>
        public const double EdgeWeight = 0.5;
        /// <summary>At most this many alert reasons are listed; the rest are summed in one line.</summary>
        public const int ReasonLines = 3;

        public static double Score(AlertAttribution attribution, CommandScore score, TimeSpan window, TimeSpan huntSpan, ScoreWeights weights,
            List<string> reasons, out List<RelatedAlert> matched)
        {
            attribution.Attribute(score.Hostnames, score.Events, out matched);
            if (matched.Count == 0) return 0;
            var times = TimesByHost(score.Events);
            var needles = Indicators(score);
            var best = new Dictionary<string, (double Points, string Reason)>(StringComparer.OrdinalIgnoreCase);
            foreach (var alert in matched)
            {
                double severity = weights.ForAlert(alert.Severity) ?? 0;
                if (severity <= 0) continue;
                string? host = OwnerHost(score.Hostnames, alert.Computer);
                if (host == null || !times.TryGetValue(host, out var ticks)) continue;
                long at = AlertTicks(alert);
                long nearest = Nearest(ticks, at);
                double distance = Math.Abs((double)(at - nearest));
                double closeness = window.Ticks <= 0 ? 1 : 1 - (1 - EdgeWeight) * Math.Min(1, distance / window.Ticks);
                double covered = huntSpan.Ticks <= 0 ? 0 : Math.Min(1, ticks.Count * 2.0 * window.Ticks / Math.Max(huntSpan.Ticks, TimeSpan.FromDays(1).Ticks));
                bool entity = NamesIndicator(alert, needles, out string? which);
                double points = severity * closeness * (1 - covered) * (entity ? EntityMatch : 1);
                string key = host + "\n" + (alert.AlertName ?? string.Empty).Trim();
                if (best.TryGetValue(key, out var have) && have.Points >= points) continue;
                string when = DescribeOffset(at - nearest);
                string reason = AlertSeverities.Describe(alert.Severity, alert.SeverityText) + " alert '" + alert.AlertName + "' on " + host + ", " + when
                                + (entity ? ", names " + which : string.Empty)
                                + (covered >= 0.05 ? ", the command covers " + Math.Round(covered * 100).ToString(CultureInfo.InvariantCulture) + "% of the host's time" : string.Empty);
                best[key] = (points, reason);
            }
            if (best.Count == 0) return 0;
            double scale = 1 / Math.Sqrt(Math.Max(1, score.Hostnames.Count));
            var entries = new List<(double Points, string Reason)>(best.Values);
            entries.Sort((a, b) => b.Points.CompareTo(a.Points));
            double sum = 0;
            for (int i = 0; i < entries.Count; i++)
            {
                double p = entries[i].Points * scale;
                sum += p;
                if (i < ReasonLines) reasons.Add(BehaviourModel.Plus(p) + " " + entries[i].Reason);
            }
            if (entries.Count > ReasonLines)
            {
                double rest = 0;
                for (int i = ReasonLines; i < entries.Count; i++) rest += entries[i].Points * scale;
                reasons.Add(BehaviourModel.Plus(rest) + " " + (entries.Count - ReasonLines) + " more alert(s)");
            }
            if (scale < 1) reasons.Add("  (alert points divided by √" + score.Hostnames.Count + " hosts)");
            return sum;
        }

        // The command host the alert belongs to: written like the alert's host, else the first that names the same machine.
        private static string? OwnerHost(IList<string> hosts, string? alertHost)
        {
            string? first = null;
            foreach (var h in hosts)
            {
                if (!HostNames.Match(h, alertHost)) continue;
                if (string.Equals(h.Trim().TrimEnd('.'), alertHost!.Trim().TrimEnd('.'), StringComparison.OrdinalIgnoreCase)) return h;
                first ??= h;
            }
            return first;
        }

        private static Dictionary<string, List<long>> TimesByHost(IList<CommandEvent> events)
        {
            var byHost = new Dictionary<string, List<long>>(StringComparer.OrdinalIgnoreCase);
            foreach (var e in events)
            {
                foreach (var (start, _) in EventTimes.Runs(e))
                {
                    Add(e.Computer, start.Ticks);
                    if (e.HostnamesIfAny is { } hostnames) foreach (var h in hostnames) Add(h, start.Ticks);
                }
            }
            void Add(string? host, long start)
            {
                if (string.IsNullOrWhiteSpace(host)) return;
                string name = host!.Trim();
                if (!byHost.TryGetValue(name, out var list)) byHost[name] = list = new List<long>();
                list.Add(start);
            }
            foreach (var list in byHost.Values) list.Sort();
            return byHost;
        }

        private static long AlertTicks(RelatedAlert alert)
        {
            var t = alert.TimeGenerated ?? alert.StartTime ?? alert.EndTime;
            return ExecutionIndex.TryTicks(t, t, out long at, out _) ? at : 0;
        }

        private static long Nearest(List<long> sorted, long at)
        {
            int i = sorted.BinarySearch(at);
            if (i >= 0) return sorted[i];
            i = ~i;
            if (i == 0) return sorted[0];
            if (i == sorted.Count) return sorted[sorted.Count - 1];
            return at - sorted[i - 1] <= sorted[i] - at ? sorted[i - 1] : sorted[i];
        }

        private static string DescribeOffset(long ticks)
        {
            var span = TimeSpan.FromTicks(Math.Abs(ticks));
            if (span.TotalMinutes < 1) return "at the execution";
            return RoutineModel.Describe(span) + (ticks >= 0 ? " after" : " before");
        }

        // The command's own indicators an alert may name: addresses, domains, URL hosts, file paths and their file names.
        private static List<string> Indicators(CommandScore score)
        {
            var needles = new List<string>();
            foreach (var ioc in score.Iocs)
            {
                if (ioc == null || string.IsNullOrEmpty(ioc.Normalized)) continue;
                switch (ioc.Type)
                {
                    case "ipv4": case "ipv6": case "dns":
                        needles.Add(ioc.Normalized);
                        break;
                    case "url":
                        needles.Add(ioc.Normalized);
                        string? host = B64Hunt.Intel.IndicatorTypes.UrlHost(ioc.Normalized);
                        if (!string.IsNullOrEmpty(host)) needles.Add(host!);
                        break;
                    case "linux_path":
                        needles.Add(ioc.Normalized);
                        int slash = ioc.Normalized.LastIndexOf('/');
                        string name = slash >= 0 ? ioc.Normalized.Substring(slash + 1) : ioc.Normalized;
                        if (name.Length >= 4) needles.Add(name);
                        break;
                }
            }
            return needles;
        }

        private static bool NamesIndicator(RelatedAlert alert, List<string> needles, out string? which)
        {
            which = null;
            foreach (string needle in needles)
            {
                if (Contains(alert.Description, needle) || Contains(alert.AlertName, needle) || Contains(alert.CompromisedEntity, needle))
                {
                    which = needle;
                    return true;
                }
            }
            return false;
        }

        // Whole-term containment, as KQL has: "1.2.3.4" is not found in "11.2.3.45".
        private static bool Contains(string? text, string needle) => B64Hunt.LogAnalytics.AlertHostMatcher.Has(text, needle);
    }
}

using System;
using System.Collections.Generic;
using B64Hunt.Errors;
using B64Hunt.Model;

namespace B64Hunt.Scoring
{
    /// <summary>
    /// Attributes related alerts to a command by host name (never by list position, the notebook's bug) and
    /// scores them: each host of the command adds the weight of each distinct alert name that fired on it,
    /// once however often it fired (the worst severity when the same name came with several).
    /// With a window, an alert counts for the command only when its time (TimeGenerated, or any part of
    /// StartTime..EndTime) lies within ±window of one of the command's executions on the alert's host.
    /// </summary>
    public sealed class AlertAttribution
    {
        private readonly ScoreWeights _weights;
        // Alerts by the first label of their host, lower-cased: a cheap pre-filter before HostNames.Match.
        private readonly Dictionary<string, List<RelatedAlert>> _byShortName = new Dictionary<string, List<RelatedAlert>>(StringComparer.OrdinalIgnoreCase);
        private readonly List<Problem> _problems = new List<Problem>();
        private readonly TimeSpan? _window;

        /// <param name="alerts">The related alerts.</param>
        /// <param name="weights">Points per alert severity.</param>
        /// <param name="window">Null: the notebook's rule (every alert of the host counts). Else the ±time around an execution
        /// on the alert's host within which the alert must lie; 0 or more.</param>
        public AlertAttribution(IEnumerable<RelatedAlert>? alerts, ScoreWeights weights, TimeSpan? window = null)
        {
            if (window.HasValue && window.Value < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(window), window, "The alert window must be 0 or more.");
            }
            _weights = weights;
            _window = window;
            var unknownSeverities = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (alerts == null)
            {
                return;
            }
            foreach (var alert in alerts)
            {
                if (alert == null)
                {
                    continue;
                }
                if (string.IsNullOrWhiteSpace(alert.Computer))
                {
                    _problems.Add(new Problem(ErrorIds.UnattributedAlert, ProblemKind.Warning,
                        $"Alert '{alert.AlertName}' has no Computer, so it cannot be matched to a host and adds nothing to any score.", alert));
                    continue;
                }
                if (_window.HasValue && !HasTime(alert))
                {
                    _problems.Add(new Problem(ErrorIds.UntimedAlert, ProblemKind.Warning,
                        $"Alert '{alert.AlertName}' on '{alert.Computer}' has no TimeGenerated, StartTime or EndTime, so it cannot be placed in the alert window and adds nothing to any score.", alert));
                    continue;
                }
                if (_weights.ForAlert(alert.Severity) == null && unknownSeverities.Add(alert.SeverityText ?? string.Empty))
                {
                    _problems.Add(new Problem(ErrorIds.UnknownAlertSeverity, ProblemKind.Warning,
                        $"Alert severity '{alert.SeverityText}' (alert '{alert.AlertName}') is not High, Medium, Low or Informational; such alerts are shown but add 0 points.", alert));
                }
                string key = ShortKey(alert.Computer!);
                if (!_byShortName.TryGetValue(key, out var list))
                {
                    list = new List<RelatedAlert>();
                    _byShortName[key] = list;
                }
                list.Add(alert);
            }
        }

        /// <summary>Problems met while indexing the alerts (UnattributedAlert, UnknownAlertSeverity; warnings).</summary>
        public IReadOnlyList<Problem> Problems => _problems;

        /// <summary>
        /// The alerts on the given hosts (sorted by time) and their score. With a window, <paramref name="events"/> are the
        /// command's executions, and only alerts within the window of one on the alert's host count (and are returned).
        /// </summary>
        public double Attribute(IList<string> hosts, IEnumerable<CommandEvent>? events, out List<RelatedAlert> matched)
        {
            matched = new List<RelatedAlert>();
            if (_byShortName.Count == 0 || hosts.Count == 0)
            {
                return 0;
            }
            HashSet<RelatedAlert>? seen = null;
            Dictionary<string, string>? byName = null;
            // (host the alert is attributed to, alert name) -> worst points for that name on that host.
            Dictionary<(string Host, string Name), double>? perHostName = null;
            ExecutionIndex? times = null;
            foreach (var host in hosts)
            {
                if (!_byShortName.TryGetValue(ShortKey(host), out var candidates))
                {
                    continue;
                }
                foreach (var alert in candidates)
                {
                    if ((seen != null && seen.Contains(alert)) || !HostNames.Match(host, alert.Computer))
                    {
                        continue;
                    }
                    (seen ??= new HashSet<RelatedAlert>()).Add(alert);
                    if (_window.HasValue)
                    {
                        // Checked against the executions on every command host that names the alert's machine, so the
                        // result does not depend on which of them matched first; an alert on another host never counts.
                        times ??= new ExecutionIndex(events ?? Array.Empty<CommandEvent>());
                        if (!InWindow(alert, times, _window.Value)) continue;
                    }
                    matched.Add(alert);
                    string owner = host;
                    if (!SameName(host, alert.Computer!))
                    {
                        // Prefer the command host written exactly like the alert's host, else the first that matched.
                        byName ??= IndexByName(hosts);
                        if (byName.TryGetValue(Clean(alert.Computer!), out var exact)) owner = exact;
                    }
                    var key = (owner, (alert.AlertName ?? string.Empty).Trim());
                    perHostName ??= new Dictionary<(string Host, string Name), double>(HostAndNameComparer.Instance);
                    double points = _weights.ForAlert(alert.Severity) ?? 0;
                    if (!perHostName.TryGetValue(key, out double worst) || points > worst)
                    {
                        perHostName[key] = points;
                    }
                }
            }
            if (perHostName == null)
            {
                return 0;
            }
            matched.Sort(CompareByTime);
            double sum = 0;
            foreach (var points in perHostName.Values)
            {
                sum += points;
            }
            return sum;
        }

        private static bool HasTime(RelatedAlert alert) => alert.TimeGenerated.HasValue || alert.StartTime.HasValue || alert.EndTime.HasValue;

        // TimeGenerated, or the StartTime..EndTime span (one end alone is an instant): either within the window counts.
        private static bool InWindow(RelatedAlert alert, ExecutionIndex times, TimeSpan window)
        {
            string host = alert.Computer!;
            if (ExecutionIndex.TryTicks(alert.TimeGenerated, alert.TimeGenerated, out long at, out _)
                && times.AnyWithin(host, at, at, window))
            {
                return true;
            }
            return ExecutionIndex.TryTicks(alert.StartTime ?? alert.EndTime, alert.EndTime ?? alert.StartTime, out long start, out long end)
                && times.AnyWithin(host, start, end, window);
        }

        // The command's hosts by cleaned name, so "web1" and "web1.contoso.com" alerts of one name on a command seen only
        // as "web1" count once, and a command seen as both attributes each alert to the host written like it.
        private static Dictionary<string, string> IndexByName(IList<string> hosts)
        {
            var index = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var host in hosts)
            {
                string key = Clean(host);
                index.TryAdd(key, host);
            }
            return index;
        }

        private static string Clean(string host) => host.Trim().TrimEnd('.');

        private static bool SameName(string a, string b) =>
            string.Equals(a, b, StringComparison.OrdinalIgnoreCase)
            || string.Equals(Clean(a), Clean(b), StringComparison.OrdinalIgnoreCase);

        private sealed class HostAndNameComparer : IEqualityComparer<(string Host, string Name)>
        {
            public static readonly HostAndNameComparer Instance = new HostAndNameComparer();

            public bool Equals((string Host, string Name) x, (string Host, string Name) y) =>
                string.Equals(x.Host, y.Host, StringComparison.OrdinalIgnoreCase) && string.Equals(x.Name, y.Name, StringComparison.OrdinalIgnoreCase);

            public int GetHashCode((string Host, string Name) obj) =>
                StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Host) * 31 + StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Name);
        }

        internal static string ShortKey(string host)
        {
            string name = host.Trim().TrimEnd('.');
            if (HostNames.LooksLikeIPv4(name))
            {
                return name;
            }
            int dot = name.IndexOf('.');
            return dot < 0 ? name : name.Substring(0, dot);
        }

        private static int CompareByTime(RelatedAlert a, RelatedAlert b) =>
            Nullable.Compare(a.TimeGenerated ?? a.StartTime, b.TimeGenerated ?? b.StartTime);
    }
}

using System;
using System.Collections.Generic;
using B64Hunt.Model;

namespace B64Hunt.Scoring
{
    /// <summary>
    /// Attributes related alerts to a command by host name (never by list position, the notebook's bug) and
    /// scores them: each host of the command adds the weight of each distinct alert name that fired on it,
    /// once however often it fired (the worst severity when the same name came with several).
    /// </summary>
    public sealed class AlertAttribution
    {
        private readonly ScoreWeights _weights;
        // Alerts by the first label of their host, lower-cased: a cheap pre-filter before HostNames.Match.
        private readonly Dictionary<string, List<RelatedAlert>> _byShortName = new Dictionary<string, List<RelatedAlert>>(StringComparer.OrdinalIgnoreCase);
        private readonly List<Problem> _problems = new List<Problem>();

        public AlertAttribution(IEnumerable<RelatedAlert>? alerts, ScoreWeights weights)
        {
            _weights = weights;
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
                    _problems.Add(new Problem("UnattributedAlert", ProblemKind.Warning,
                        $"Alert '{alert.AlertName}' has no Computer, so it cannot be matched to a host and adds nothing to any score.", alert));
                    continue;
                }
                if (_weights.ForAlert(alert.Severity) == null && unknownSeverities.Add(alert.Severity ?? string.Empty))
                {
                    _problems.Add(new Problem("UnknownAlertSeverity", ProblemKind.Warning,
                        $"Alert severity '{alert.Severity}' (alert '{alert.AlertName}') is not High, Medium, Low or Informational; such alerts are shown but add 0 points.", alert));
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

        /// <summary>The alerts on the given hosts (in input order) and their score.</summary>
        public double Attribute(IList<string> hosts, out List<RelatedAlert> matched)
        {
            matched = new List<RelatedAlert>();
            if (_byShortName.Count == 0 || hosts.Count == 0)
            {
                return 0;
            }
            var seen = new HashSet<RelatedAlert>();
            // (host the alert is attributed to, alert name) -> worst points for that name on that host.
            var perHostName = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            foreach (var host in hosts)
            {
                if (!_byShortName.TryGetValue(ShortKey(host), out var candidates))
                {
                    continue;
                }
                foreach (var alert in candidates)
                {
                    if (seen.Contains(alert) || !HostNames.Match(host, alert.Computer))
                    {
                        continue;
                    }
                    seen.Add(alert);
                    matched.Add(alert);
                    string owner = OwnerHost(hosts, alert.Computer!, host);
                    string key = owner.ToLowerInvariant() + "\n" + (alert.AlertName ?? string.Empty).Trim();
                    double points = _weights.ForAlert(alert.Severity) ?? 0;
                    if (!perHostName.TryGetValue(key, out double worst) || points > worst)
                    {
                        perHostName[key] = points;
                    }
                }
            }
            matched.Sort(CompareByTime);
            double sum = 0;
            foreach (var points in perHostName.Values)
            {
                sum += points;
            }
            return sum;
        }

        // The command host an alert belongs to: the one written exactly like the alert's host if any, else the first match,
        // so "web1" and "web1.contoso.com" alerts of the same name on a command seen only as "web1" count once.
        private static string OwnerHost(IList<string> hosts, string alertHost, string firstMatch)
        {
            foreach (var host in hosts)
            {
                if (string.Equals(host.Trim().TrimEnd('.'), alertHost.Trim().TrimEnd('.'), StringComparison.OrdinalIgnoreCase))
                {
                    return host;
                }
            }
            return firstMatch;
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

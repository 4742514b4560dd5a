using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using B64Hunt.Classification;
using B64Hunt.Model;

namespace B64Hunt.Scoring
{
    /// <summary>
    /// BehaviourScore: what a command does, from the category rules that matched it (their risk points, each category once
    /// at its highest rule), the GTFOBins functions of the binaries it runs, its indicators and the number of ATT&amp;CK
    /// tactics it spans. Nothing here names a command: the points come from the rules YAML's risk section and the
    /// constants below (documented in about_B64Hunt).
    /// </summary>
    public static class BehaviourModel
    {
        /// <summary>Per tactic beyond the first among the categories worth 1 point or more; at most <see cref="TacticBonusCap"/>.</summary>
        public const double TacticBonus = 1;
        public const double TacticBonusCap = 3;
        /// <summary>An IP address outside private, loopback, link-local and shared ranges written in the command.</summary>
        public const double ExternalAddress = 1.5;
        /// <summary>A URL whose host is a raw IP address (on top of <see cref="ExternalAddress"/>).</summary>
        public const double UrlOnRawIp = 1;

        /// <summary>Points of the strongest GTFOBins function among the binaries the command runs (one function counts).</summary>
        public static readonly IReadOnlyDictionary<string, double> GtfoFunctionPoints = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
        {
            ["reverse-shell"] = 1, ["bind-shell"] = 1, ["non-interactive-reverse-shell"] = 1, ["non-interactive-bind-shell"] = 1,
            ["library-load"] = 0.75, ["upload"] = 0.5, ["download"] = 0.5, ["suid"] = 0.5, ["capabilities"] = 0.5,
            ["sudo"] = 0.25, ["limited-suid"] = 0.25, ["file-write"] = 0.25, ["shell"] = 0.25, ["command"] = 0.25, ["file-read"] = 0.1,
        };

        /// <summary>The points and, in <paramref name="reasons"/>, one line per contribution.</summary>
        /// <param name="behaviours">The matched rules (Add-B64Category); when empty, <paramref name="categories"/> are scored by <paramref name="risk"/>.</param>
        /// <param name="categories">The command's categories.</param>
        /// <param name="gtfoFunctions">The GTFOBins functions of the binaries it runs (Add-GtfoBinsTag).</param>
        /// <param name="iocs">Its indicators (Find-B64Ioc).</param>
        /// <param name="risk">Points per category, for commands without matched rules.</param>
        /// <param name="reasons">Receives one line per contribution.</param>
        public static double Score(IEnumerable<BehaviourHit> behaviours, IEnumerable<string> categories, IEnumerable<string> gtfoFunctions,
            IEnumerable<Ioc> iocs, RiskTable risk, List<string> reasons)
        {
            // Category -> (points, the rule's techniques, tactics): the highest-risk rule of each category.
            var best = new Dictionary<string, (double Points, IList<string> Techniques, IList<string> Tactics)>(StringComparer.OrdinalIgnoreCase);
            var order = new List<string>();
            bool anyHit = false;
            foreach (var hit in behaviours)
            {
                if (hit == null) continue;
                anyHit = true;
                Keep(best, order, hit.Category, hit.Risk, hit.Techniques, hit.Tactics);
            }
            if (!anyHit)
            {
                foreach (string category in categories)
                {
                    Keep(best, order, category, risk.CategoryRisk(category) ?? RiskTable.DefaultRisk, Array.Empty<string>(), ToList(risk.TacticsOf(category)));
                }
            }
            double total = 0;
            var tactics = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            order.Sort((a, b) => best[b].Points.CompareTo(best[a].Points));
            foreach (string category in order)
            {
                var (points, techniques, categoryTactics) = best[category];
                if (points <= 0) continue;
                total += points;
                reasons.Add(Plus(points) + " " + category + (techniques.Count > 0 ? " (" + string.Join(", ", techniques) + ")" : string.Empty));
                if (points >= 1) foreach (string t in categoryTactics) tactics.Add(t);
            }
            if (tactics.Count > 1)
            {
                double bonus = Math.Min(TacticBonusCap, TacticBonus * (tactics.Count - 1));
                total += bonus;
                var names = new List<string>(tactics);
                names.Sort(StringComparer.Ordinal);
                reasons.Add(Plus(bonus) + " spans " + tactics.Count + " ATT&CK tactics (" + string.Join(", ", names) + ")");
            }
            total += GtfoPoints(gtfoFunctions, reasons);
            total += IndicatorPoints(iocs, reasons);
            return total;
        }

        private static void Keep(Dictionary<string, (double, IList<string>, IList<string>)> best, List<string> order, string category, double points,
            IList<string> techniques, IList<string> tactics)
        {
            if (string.IsNullOrEmpty(category)) return;
            if (!best.TryGetValue(category, out var have)) order.Add(category);
            else if (have.Item1 >= points) return;
            best[category] = (points, techniques ?? Array.Empty<string>(), tactics ?? Array.Empty<string>());
        }

        private static IList<string> ToList(IReadOnlyList<string> values) => new List<string>(values);

        private static double GtfoPoints(IEnumerable<string> functions, List<string> reasons)
        {
            double max = 0;
            string? strongest = null;
            foreach (string f in functions)
            {
                if (f != null && GtfoFunctionPoints.TryGetValue(f, out double p) && p > max) { max = p; strongest = f; }
            }
            if (strongest != null) reasons.Add(Plus(max) + " runs a binary with the GTFOBins function " + strongest);
            return max;
        }

        private static double IndicatorPoints(IEnumerable<Ioc> iocs, List<string> reasons)
        {
            string? address = null, rawIpUrl = null;
            foreach (var ioc in iocs)
            {
                if (ioc == null) continue;
                if (address == null && (ioc.Type == "ipv4" || ioc.Type == "ipv6") && IsExternal(ioc.Normalized)) address = ioc.Normalized;
                if (rawIpUrl == null && ioc.Type == "url" && UrlHostIsIp(ioc.Normalized, out string host) && IsExternal(host)) rawIpUrl = ioc.Normalized;
            }
            double points = 0;
            if (address != null) { points += ExternalAddress; reasons.Add(Plus(ExternalAddress) + " external IP address " + address); }
            if (rawIpUrl != null) { points += UrlOnRawIp; reasons.Add(Plus(UrlOnRawIp) + " URL on a raw IP address " + rawIpUrl); }
            return points;
        }

        /// <summary>
        /// True for an address that is not internal: not RFC 1918, loopback, link-local, shared (100.64/10), unspecified or
        /// IPv6 unique-local. Documentation ranges count as external: they stand for public addresses in samples.
        /// </summary>
        public static bool IsExternal(string? text)
        {
            if (string.IsNullOrEmpty(text) || !IPAddress.TryParse(text!.Trim('[', ']'), out var ip)) return false;
            if (IPAddress.IsLoopback(ip)) return false;
            var b = ip.GetAddressBytes();
            if (b.Length == 4)
            {
                return !(b[0] == 10 || b[0] == 0 || b[0] == 127 || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168)
                         || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && (b[1] & 0xC0) == 64) || b[0] >= 224);
            }
            if (ip.IsIPv4MappedToIPv6) return IsExternal(ip.MapToIPv4().ToString());
            return !(ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || (b[0] & 0xFE) == 0xFC || ip.Equals(IPAddress.IPv6None) || ip.IsIPv6Multicast);
        }

        private static bool UrlHostIsIp(string url, out string host)
        {
            host = string.Empty;
            int scheme = url.IndexOf("://", StringComparison.Ordinal);
            int start = scheme < 0 ? 0 : scheme + 3;
            int end = start;
            if (end < url.Length && url[end] == '[')
            {
                int close = url.IndexOf(']', end);
                if (close < 0) return false;
                host = url.Substring(end + 1, close - end - 1);
                return IPAddress.TryParse(host, out _);
            }
            while (end < url.Length && url[end] != '/' && url[end] != ':' && url[end] != '?' && url[end] != '#') end++;
            host = url.Substring(start, end - start);
            int at = host.LastIndexOf('@');
            if (at >= 0) host = host.Substring(at + 1);
            return host.Length > 0 && IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && host.Split('.').Length == 4;
        }

        internal static string Plus(double points) => (points >= 0 ? "+" : "-") + Math.Abs(points).ToString("0.##", CultureInfo.InvariantCulture);
    }
}

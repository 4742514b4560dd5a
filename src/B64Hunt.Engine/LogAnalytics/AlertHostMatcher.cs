using System;
using System.Collections.Generic;
using System.Net;

namespace B64Hunt.LogAnalytics
{
    /// <summary>
    /// Matches hunted hosts to SecurityAlert rows as msticpy's related-alerts query does: KQL `has` (whole terms,
    /// any case) on the short host name or the FQDN, in Entities, ExtendedProperties and CompromisedEntity.
    /// Whole terms mean "web1" finds "web1.contoso.com" and "WEB1" but never "web10".
    /// </summary>
    public static class AlertHostMatcher
    {
        /// <summary>The host name before the first dot; an IP address stays whole.</summary>
        public static string ShortName(string host)
        {
            if (string.IsNullOrEmpty(host)) return string.Empty;
            host = host.Trim();
            if (IPAddress.TryParse(host, out _)) return host;
            var dot = host.IndexOf('.');
            return dot > 0 ? host.Substring(0, dot) : host;
        }

        /// <summary>The terms a host is searched by: the name as given and its short name.</summary>
        public static IReadOnlyList<string> SearchTerms(string host)
        {
            var trimmed = (host ?? string.Empty).Trim();
            var shortName = ShortName(trimmed);
            if (trimmed.Length == 0) return Array.Empty<string>();
            return string.Equals(shortName, trimmed, StringComparison.OrdinalIgnoreCase) || shortName.Length == 0
                ? new[] { trimmed }
                : new[] { trimmed, shortName };
        }

        /// <summary>KQL `has`: <paramref name="term"/> occurs in <paramref name="text"/> with no letter or digit glued to either end.</summary>
        public static bool Has(string? text, string term)
        {
            if (string.IsNullOrEmpty(text) || string.IsNullOrEmpty(term)) return false;
            var from = 0;
            while (from <= text!.Length - term.Length)
            {
                var at = text.IndexOf(term, from, StringComparison.OrdinalIgnoreCase);
                if (at < 0) return false;
                var end = at + term.Length;
                var startOk = at == 0 || !IsTermChar(text[at - 1]) || !IsTermChar(term[0]);
                var endOk = end == text.Length || !IsTermChar(text[end]) || !IsTermChar(term[term.Length - 1]);
                if (startOk && endOk) return true;
                from = at + 1;
            }
            return false;
        }

        /// <summary>True when the alert names the host (short or full name) in any of the three fields.</summary>
        public static bool Matches(string host, string? entities, string? extendedProperties, string? compromisedEntity)
        {
            foreach (var term in SearchTerms(host))
            {
                if (Has(entities, term) || Has(extendedProperties, term) || Has(compromisedEntity, term)) return true;
            }
            return false;
        }

        private static bool IsTermChar(char c) => char.IsLetterOrDigit(c);
    }
}

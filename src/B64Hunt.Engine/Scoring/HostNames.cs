using System;

namespace B64Hunt.Scoring
{
    /// <summary>
    /// Host-name comparison across sources that disagree on qualification: Syslog says "web1", SecurityAlert
    /// says "web1.contoso.com". Equal ignoring case, or a short name equal to the other's first label.
    /// Two different FQDNs never match (web1.contoso.com is not web1.fabrikam.com).
    /// </summary>
    public static class HostNames
    {
        public static bool Match(string? a, string? b)
        {
            if (string.IsNullOrWhiteSpace(a) || string.IsNullOrWhiteSpace(b))
            {
                return false;
            }
            string x = a!.Trim().TrimEnd('.');
            string y = b!.Trim().TrimEnd('.');
            if (string.Equals(x, y, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            bool xShort = IsShortName(x);
            bool yShort = IsShortName(y);
            if (xShort == yShort)
            {
                return false;
            }
            string shortName = xShort ? x : y;
            string fqdn = xShort ? y : x;
            if (LooksLikeIPv4(fqdn))
            {
                return false;
            }
            return fqdn.Length > shortName.Length
                && fqdn[shortName.Length] == '.'
                && string.Compare(fqdn, 0, shortName, 0, shortName.Length, StringComparison.OrdinalIgnoreCase) == 0;
        }

        /// <summary>A name without a dot; an IP address is never treated as a short name or as an FQDN to cut.</summary>
        private static bool IsShortName(string name) => name.IndexOf('.') < 0 && name.IndexOf(':') < 0;

        /// <summary>True for dotted names that are really IPv4 addresses (never cut to a first label).</summary>
        internal static bool LooksLikeIPv4(string name)
        {
            foreach (char c in name)
            {
                if (c != '.' && (c < '0' || c > '9'))
                {
                    return false;
                }
            }
            return true;
        }
    }
}

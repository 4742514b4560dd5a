using System;
using System.Net;
using System.Net.Sockets;

namespace B64Hunt.Intel
{
    /// <summary>
    /// Says whether an indicator names something inside the organisation (private, loopback, link-local,
    /// shared, multicast, reserved or documentation addresses; single-label and internal-suffix host names),
    /// which must never be sent to an outside provider unless the analyst asks.
    /// </summary>
    public static class PrivateIndicators
    {
        private static readonly string[] InternalSuffixes =
        {
            ".local", ".localdomain", ".lan", ".internal", ".intranet", ".corp", ".home", ".home.arpa", ".private", ".localhost", ".test", ".invalid",
        };

        public static bool IsPrivate(TiIndicator indicator)
        {
            if (indicator.IsPrivate) return true;
            if (IndicatorTypes.IsIp(indicator.Type)) return IPAddress.TryParse(indicator.Value, out var ip) && IsPrivateAddress(ip);
            if (IndicatorTypes.IsHost(indicator.Type)) return IsInternalHost(indicator.Value);
            if (indicator.Type == IndicatorTypes.Url)
            {
                var host = IndicatorTypes.UrlHost(indicator.Value);
                if (host == null) return false;
                return IPAddress.TryParse(host, out var hostIp) ? IsPrivateAddress(hostIp) : IsInternalHost(host);
            }
            return false;
        }

        public static bool IsInternalHost(string host)
        {
            var h = host.Trim().TrimEnd('.').ToLowerInvariant();
            if (h.Length == 0 || h == "localhost" || h.IndexOf('.') < 0) return true;
            foreach (var suffix in InternalSuffixes)
            {
                if (h.EndsWith(suffix, StringComparison.Ordinal)) return true;
            }
            return false;
        }

        public static bool IsPrivateAddress(IPAddress ip)
        {
            if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
            if (ip.AddressFamily == AddressFamily.InterNetwork)
            {
                var b = ip.GetAddressBytes();
                return b[0] == 0 || b[0] == 10 || b[0] == 127
                    || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)      // shared address space (CGNAT)
                    || (b[0] == 169 && b[1] == 254)
                    || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                    || (b[0] == 192 && b[1] == 0 && (b[2] == 0 || b[2] == 2))
                    || (b[0] == 192 && b[1] == 168)
                    || (b[0] == 198 && (b[1] == 18 || b[1] == 19))
                    || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                    || (b[0] == 203 && b[1] == 0 && b[2] == 113)
                    || b[0] >= 224;                                     // multicast, reserved, broadcast
            }
            if (ip.AddressFamily == AddressFamily.InterNetworkV6)
            {
                if (IPAddress.IPv6Loopback.Equals(ip) || IPAddress.IPv6None.Equals(ip)) return true;
                var b = ip.GetAddressBytes();
                return (b[0] & 0xFE) == 0xFC                           // unique local fc00::/7
                    || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)        // link-local fe80::/10
                    || b[0] == 0xFF                                    // multicast
                    || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8); // documentation 2001:db8::/32
            }
            return false;
        }
    }
}

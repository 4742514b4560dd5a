using System;
using System.Net;
using System.Net.Sockets;

namespace B64Hunt.Iocs
{
    /// <summary>Strict IP address parsing and the "not worth a threat-intelligence lookup" ranges.</summary>
    public static class IpAddresses
    {
        /// <summary>
        /// Parses dotted-quad IPv4 text strictly: exactly four decimal octets, each 0-255, without leading
        /// zeros (010 could mean octal 8 to some tools, so it is rejected rather than guessed).
        /// </summary>
        public static bool TryParseIpv4(string text, int start, int length, out uint address)
        {
            address = 0;
            if (length < 7 || length > 15) return false;
            int end = start + length;
            int octets = 0;
            int i = start;
            while (true)
            {
                int digits = 0;
                int value = 0;
                while (i < end && text[i] >= '0' && text[i] <= '9')
                {
                    if (digits == 3) return false;
                    if (digits == 1 && value == 0) return false; // leading zero
                    value = value * 10 + (text[i] - '0');
                    digits++;
                    i++;
                }
                if (digits == 0 || value > 255) return false;
                address = (address << 8) | (uint)value;
                octets++;
                if (i == end) return octets == 4;
                if (text[i] != '.' || octets == 4) return false;
                i++;
            }
        }

        /// <summary>Dotted-quad text of an address.</summary>
        public static string FormatIpv4(uint address) =>
            (address >> 24) + "." + ((address >> 16) & 0xFF) + "." + ((address >> 8) & 0xFF) + "." + (address & 0xFF);

        /// <summary>
        /// Parses IPv6 text with the platform parser, after checks that keep times, MAC addresses and
        /// language tokens out: a bare "::" is not an address, there must be a digit, and the text must be
        /// a full eight groups, use "::" compression, or end in an embedded IPv4 address.
        /// </summary>
        public static bool TryParseIpv6(string text, out IPAddress? address)
        {
            address = null;
            if (string.IsNullOrEmpty(text) || text.Length < 3 || text.Length > 45) return false;
            int colons = 0;
            bool digit = false;
            bool dot = false;
            foreach (char c in text)
            {
                if (c == ':') colons++;
                else if (c >= '0' && c <= '9') digit = true;
                else if (c == '.') dot = true;
                else if (!((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
            }
            if (colons < 2 || !digit) return false;
            bool compressed = text.IndexOf("::", StringComparison.Ordinal) >= 0;
            if (!compressed && colons != 7 && !(dot && colons == 6)) return false;
            if (!IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6) return false;
            if (parsed.Equals(IPAddress.IPv6None)) return false; // "::" and its spellings (all zeros)
            address = parsed;
            return true;
        }

        /// <summary>
        /// True for addresses that are not public unicast: RFC 1918, loopback, link-local, CGNAT (100.64/10),
        /// multicast, reserved (240/4, 0/8, broadcast), IETF protocol space (192.0.0/24), benchmarking
        /// (198.18/15), 6to4 relay anycast (192.88.99/24) and the documentation nets.
        /// </summary>
        public static bool IsPrivateIpv4(uint a)
        {
            return InNet(a, 0x00000000, 8)      // 0.0.0.0/8 "this network"
                || InNet(a, 0x0A000000, 8)      // 10/8
                || InNet(a, 0x64400000, 10)     // 100.64/10 CGNAT
                || InNet(a, 0x7F000000, 8)      // 127/8 loopback
                || InNet(a, 0xA9FE0000, 16)     // 169.254/16 link-local
                || InNet(a, 0xAC100000, 12)     // 172.16/12
                || InNet(a, 0xC0000000, 24)     // 192.0.0/24 IETF protocol assignments
                || InNet(a, 0xC0000200, 24)     // 192.0.2/24 TEST-NET-1
                || InNet(a, 0xC0586300, 24)     // 192.88.99/24 6to4 relay anycast (deprecated)
                || InNet(a, 0xC0A80000, 16)     // 192.168/16
                || InNet(a, 0xC6120000, 15)     // 198.18/15 benchmarking
                || InNet(a, 0xC6336400, 24)     // 198.51.100/24 TEST-NET-2
                || InNet(a, 0xCB007100, 24)     // 203.0.113/24 TEST-NET-3
                || InNet(a, 0xE0000000, 4)      // 224/4 multicast
                || InNet(a, 0xF0000000, 4);     // 240/4 reserved, including 255.255.255.255
        }

        /// <summary>
        /// True for IPv6 addresses outside public unicast: everything outside 2000::/3 (unspecified, loopback,
        /// unique-local fc00::/7, link-local fe80::/10, site-local, multicast ff00::/8, discard 100::/64, ...),
        /// the IETF protocol block 2001::/23, documentation 2001:db8::/32 and 3fff::/20, and IPv4-mapped,
        /// IPv4-compatible or NAT64 (64:ff9b::/96) addresses whose IPv4 part is private.
        /// </summary>
        public static bool IsPrivateIpv6(IPAddress address)
        {
            byte[] b = address.GetAddressBytes();
            if (b.Length != 16) return true;
            if (address.IsIPv4MappedToIPv6 || IsNat64(b))
            {
                return IsPrivateIpv4(Embedded(b));
            }
            if ((b[0] & 0xE0) != 0x20) return true;                               // outside 2000::/3
            if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] < 0x02) return true; // 2001::/23
            if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) return true; // 2001:db8::/32
            if (b[0] == 0x3F && b[1] == 0xFF && (b[2] & 0xF0) == 0x00) return true;       // 3fff::/20
            return false;
        }

        private static bool IsNat64(byte[] b)
        {
            if (b[0] != 0x00 || b[1] != 0x64 || b[2] != 0xFF || b[3] != 0x9B) return false;
            for (int i = 4; i < 12; i++) if (b[i] != 0) return false;
            return true;
        }

        private static uint Embedded(byte[] b) => ((uint)b[12] << 24) | ((uint)b[13] << 16) | ((uint)b[14] << 8) | b[15];

        private static bool InNet(uint address, uint network, int prefix) =>
            (address & (prefix == 0 ? 0u : uint.MaxValue << (32 - prefix))) == network;
    }
}

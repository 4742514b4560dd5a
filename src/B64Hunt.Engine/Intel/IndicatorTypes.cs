using System;
using System.Net;
using System.Net.Sockets;

namespace B64Hunt.Intel
{
    /// <summary>Indicator type names and value normalisation shared by the providers and the local feed.</summary>
    public static class IndicatorTypes
    {
        public const string IPv4 = "ipv4";
        public const string IPv6 = "ipv6";
        public const string Dns = "dns";
        public const string Hostname = "hostname";
        public const string Url = "url";
        public const string Md5 = "md5_hash";
        public const string Sha1 = "sha1_hash";
        public const string Sha256 = "sha256_hash";
        public const string FileHash = "file_hash";

        /// <summary>Lower-cases the type and maps common aliases (ip, domain, md5, sha256, hash, ...).</summary>
        public static string Canonical(string? type)
        {
            var t = (type ?? string.Empty).Trim().ToLowerInvariant();
            switch (t)
            {
                case "domain": case "fqdn": return Dns;
                case "md5": return Md5;
                case "sha1": return Sha1;
                case "sha256": return Sha256;
                case "hash": case "filehash": return FileHash;
                default: return t;
            }
        }

        public static bool IsHash(string type) => type == Md5 || type == Sha1 || type == Sha256 || type == FileHash;

        public static bool IsHost(string type) => type == Dns || type == Hostname;

        public static bool IsIp(string type) => type == IPv4 || type == IPv6;

        /// <summary>Re-fangs and lower-cases what is case-insensitive (hosts, hashes, a URL's scheme and host).</summary>
        public static string NormalizeValue(string type, string? value)
        {
            var v = Refang((value ?? string.Empty).Trim());
            if (type == Url) return NormalizeUrl(v);
            if (IsHost(type)) return v.TrimEnd('.').ToLowerInvariant();
            if (IsHash(type) || IsIp(type)) return v.ToLowerInvariant();
            return v;
        }

        /// <summary>Guesses a type for a feed entry that did not give one: an IP, a hash by length, a URL, else a domain.</summary>
        public static string Infer(string value)
        {
            var v = Refang(value.Trim());
            if (v.IndexOf("://", StringComparison.Ordinal) > 0) return Url;
            if (IPAddress.TryParse(v, out var ip) && (v.IndexOf(':') >= 0 || v.Split('.').Length == 4))
            {
                return ip.AddressFamily == AddressFamily.InterNetworkV6 ? IPv6 : IPv4;
            }
            if (IsHex(v))
            {
                switch (v.Length)
                {
                    case 32: return Md5;
                    case 40: return Sha1;
                    case 64: return Sha256;
                }
            }
            return Dns;
        }

        /// <summary>The host of a URL (lower-cased), or null.</summary>
        public static string? UrlHost(string url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host)) return null;
            return uri.Host.Trim('[', ']').ToLowerInvariant();
        }

        private static string NormalizeUrl(string url)
        {
            // Scheme and host are case-insensitive; the path is not.
            var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd <= 0) return url;
            // Credentials never leave for a provider or reach the cache: user info and signed query strings go.
            url = UrlSecrets.Strip(url);
            var hostStart = schemeEnd + 3;
            var hostEnd = url.IndexOfAny(new[] { '/', '?', '#' }, hostStart);
            if (hostEnd < 0) hostEnd = url.Length;
            return url.Substring(0, hostEnd).ToLowerInvariant() + url.Substring(hostEnd);
        }

        private static string Refang(string v)
        {
            if (v.IndexOf('[') < 0 && v.IndexOf('(') < 0 && !v.StartsWith("hxx", StringComparison.OrdinalIgnoreCase)
                && !v.StartsWith("fxp", StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
            v = v.Replace("[.]", ".").Replace("(.)", ".").Replace("[dot]", ".").Replace("[:]", ":").Replace("[://]", "://");
            if (v.StartsWith("hxxp", StringComparison.OrdinalIgnoreCase)) v = "http" + v.Substring(4);
            else if (v.StartsWith("fxp", StringComparison.OrdinalIgnoreCase)) v = "ftp" + v.Substring(3);
            return v;
        }

        private static bool IsHex(string v)
        {
            if (v.Length == 0) return false;
            foreach (var c in v)
            {
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
            }
            return true;
        }
    }
}

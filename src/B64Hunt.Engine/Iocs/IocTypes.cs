using System;
using System.Collections.Generic;

namespace B64Hunt.Iocs
{
    /// <summary>The indicator types the extractor can look for; combine them to restrict a search.</summary>
    [Flags]
    public enum IocTypes
    {
        None = 0,
        Ipv4 = 1,
        Ipv6 = 2,
        Dns = 4,
        Url = 8,
        WindowsPath = 16,
        LinuxPath = 32,
        Md5Hash = 64,
        Sha1Hash = 128,
        Sha256Hash = 256,
        Email = 512,
        All = Ipv4 | Ipv6 | Dns | Url | WindowsPath | LinuxPath | Md5Hash | Sha1Hash | Sha256Hash | Email,
    }

    /// <summary>The type names written in <see cref="B64Hunt.Model.Ioc.Type"/> (msticpy's names, plus email).</summary>
    public static class IocTypeNames
    {
        public const string Ipv4 = "ipv4";
        public const string Ipv6 = "ipv6";
        public const string Dns = "dns";
        public const string Url = "url";
        public const string WindowsPath = "windows_path";
        public const string LinuxPath = "linux_path";
        public const string Md5Hash = "md5_hash";
        public const string Sha1Hash = "sha1_hash";
        public const string Sha256Hash = "sha256_hash";
        public const string Email = "email";

        /// <summary>Every name, in the order the types are declared.</summary>
        public static IReadOnlyList<string> All { get; } = new[]
        {
            Ipv4, Ipv6, Dns, Url, WindowsPath, LinuxPath, Md5Hash, Sha1Hash, Sha256Hash, Email,
        };

        /// <summary>The flag of one type name (case-insensitive); false for an unknown name.</summary>
        public static bool TryParse(string? name, out IocTypes type)
        {
            type = IocTypes.None;
            if (name == null) return false;
            switch (name.Trim().ToLowerInvariant())
            {
                case Ipv4: type = IocTypes.Ipv4; return true;
                case Ipv6: type = IocTypes.Ipv6; return true;
                case Dns: type = IocTypes.Dns; return true;
                case Url: type = IocTypes.Url; return true;
                case WindowsPath: type = IocTypes.WindowsPath; return true;
                case LinuxPath: type = IocTypes.LinuxPath; return true;
                case Md5Hash: type = IocTypes.Md5Hash; return true;
                case Sha1Hash: type = IocTypes.Sha1Hash; return true;
                case Sha256Hash: type = IocTypes.Sha256Hash; return true;
                case Email: type = IocTypes.Email; return true;
                default: return false;
            }
        }

        /// <summary>The union of the flags of several names; throws <see cref="ArgumentException"/> on an unknown name.</summary>
        public static IocTypes Parse(IEnumerable<string> names)
        {
            var result = IocTypes.None;
            foreach (var name in names)
            {
                if (!TryParse(name, out var one))
                {
                    throw new ArgumentException($"Unknown indicator type '{name}'. Known types: {string.Join(", ", All)}.", nameof(names));
                }
                result |= one;
            }
            return result;
        }
    }
}

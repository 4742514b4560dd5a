namespace B64Hunt.Model
{
    /// <summary>An indicator of compromise found in a decoded command.</summary>
    public sealed class Ioc
    {
        /// <summary>ipv4, ipv6, dns, url, windows_path, linux_path, md5_hash, sha1_hash, sha256_hash or email.</summary>
        public string Type { get; set; } = string.Empty;

        /// <summary>The indicator as written (defanged forms kept).</summary>
        public string Value { get; set; } = string.Empty;

        /// <summary>The usable form (re-fanged, lower-cased host, ...).</summary>
        public string Normalized { get; set; } = string.Empty;

        /// <summary>True for private, loopback, link-local, multicast, reserved and documentation addresses and internal names.</summary>
        public bool IsPrivate { get; set; }

        /// <summary>
        /// True when the indicator is only visible once the shell's obfuscation is undone (c\u\r\l, $'\x2e', a=ev;b=il.com;$a$b):
        /// it was found in <see cref="CommandEvent.NormalizedCommand"/>, not in the decoded text as written.
        /// </summary>
        public bool Deobfuscated { get; set; }

        /// <summary>The event the indicator came from (set on the records Find-B64Ioc -Expand emits).</summary>
        public CommandEvent? Event { get; set; }

        public override string ToString() => Type + ":" + Normalized;
    }
}

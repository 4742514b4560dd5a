namespace B64Hunt.Model
{
    /// <summary>One file inside a decoded tar or zip archive: what it is and how to look it up.</summary>
    public sealed class ArchiveMember
    {
        /// <summary>The member's path as the archive names it (control characters escaped).</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>The member's size in bytes, as stored (for a member cut at a limit, the size the archive declares).</summary>
        public long Size { get; set; }

        /// <summary>What the member is: "ELF 64-bit LSB executable, x86-64", "shell script", "text", "data", ...</summary>
        public string FileType { get; set; } = string.Empty;

        /// <summary>Hashes of the member's content (lower-case hex); empty when it could not be read whole (cut, encrypted, unsupported method).</summary>
        public string Md5 { get; set; } = string.Empty;

        public string Sha1 { get; set; } = string.Empty;

        public string Sha256 { get; set; } = string.Empty;

        /// <summary>True when the member is text: it is then also emitted as its own event (Depth one more than the archive).</summary>
        public bool IsText { get; set; }

        /// <summary>True when the name climbs out of the extraction folder ("../", an absolute path): a path-traversal drop.</summary>
        public bool IsUnsafePath { get; set; }

        /// <summary>True when the member was cut at a limit or is corrupt, so the hashes are missing.</summary>
        public bool IsTruncated { get; set; }

        public override string ToString() => Name;
    }
}

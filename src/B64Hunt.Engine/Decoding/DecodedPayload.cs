using System;
using System.Collections.Generic;
using B64Hunt.Model;

namespace B64Hunt.Decoding
{
    /// <summary>One payload found in a command line (Depth 0) or inside another decoded payload (Depth 1+).</summary>
    public sealed class DecodedPayload
    {
        internal DecodedPayload(string encodedText, string decodedText, IReadOnlyList<string> chain, bool isBinary,
            int depth, string? parentEncodedText, bool isTruncated)
        {
            EncodedText = encodedText;
            DecodedText = decodedText;
            // A copy: the events of this payload share it (JoinedList.OverShared), so nothing may change it later.
            ChainArray = new string[chain.Count];
            for (int i = 0; i < ChainArray.Length; i++) ChainArray[i] = chain[i];
            IsBinary = isBinary;
            Depth = depth;
            ParentEncodedText = parentEncodedText;
            IsTruncated = isTruncated;
        }

        /// <summary>
        /// The payload as it stood in the input: the raw span from its first to its last encoded character, so a
        /// payload split over adjacent quotes or wrapped over lines keeps its quotes and line breaks.
        /// </summary>
        public string EncodedText { get; }

        /// <summary>
        /// The decoded text. Control characters other than tab, CR and LF are shown as \xNN. For binary
        /// payloads: an escaped preview (printable ASCII kept, everything else \xNN, backslash doubled).
        /// </summary>
        public string DecodedText { get; }

        /// <summary>Layers removed, outermost first: base64, base64url, base32, uuencode, hex, octal, percent, dns-label, gzip, zlib, deflate, bzip2, xz, xor, utf16le, tar, zip.</summary>
        public IReadOnlyList<string> Chain => ChainArray;

        internal string[] ChainArray { get; }

        /// <summary>True when the payload decoded to binary data rather than text; never to be taken for a command.</summary>
        public bool IsBinary { get; }

        /// <summary>0 = found in the command line; 1 or more = found inside a decoded payload.</summary>
        public int Depth { get; }

        /// <summary>For Depth 1 or more: the EncodedText of the payload this one was found in.</summary>
        public string? ParentEncodedText { get; }

        /// <summary>True when decoding stopped at a limit (size, depth) or at corrupt data, so DecodedText is partial.</summary>
        public bool IsTruncated { get; }

        /// <summary>What a binary payload or archive member is ("ELF 64-bit LSB executable, x86-64", "tar", "data", ...); empty for text.</summary>
        public string FileType { get; internal set; } = string.Empty;

        /// <summary>Decoded size in bytes, for binary payloads, archive members and text kept as a preview; otherwise null.</summary>
        public long? Size { get; internal set; }

        /// <summary>Hashes (lower-case hex) of the whole decoded bytes, where <see cref="Size"/> is set; otherwise empty.</summary>
        public string Md5 { get; internal set; } = string.Empty;

        public string Sha1 { get; internal set; } = string.Empty;

        public string Sha256 { get; internal set; } = string.Empty;

        /// <summary>The members of a tar or zip payload.</summary>
        public IReadOnlyList<ArchiveMember> Members { get; internal set; } = Array.Empty<ArchiveMember>();

        /// <summary>For a payload that is a text member of an archive: the member's name.</summary>
        public string? MemberName { get; internal set; }

        public override string ToString() => DecodedText;
    }
}

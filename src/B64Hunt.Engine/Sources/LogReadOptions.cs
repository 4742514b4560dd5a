using System;

namespace B64Hunt.Sources
{
    /// <summary>How <see cref="LogFileReader"/> reads a file.</summary>
    public sealed class LogReadOptions
    {
        /// <summary>The file's format; Auto (default) detects it from the content.</summary>
        public LogFormat Format { get; set; } = LogFormat.Auto;

        /// <summary>
        /// When set, records whose command line fails it are counted (RecordsFiltered) and not yielded;
        /// it runs before any CommandRecord is allocated.
        /// </summary>
        public Func<string, bool>? CommandLineFilter { get; set; }

        /// <summary>
        /// Optional prefilter on the command line's raw UTF-8 bytes, run before the bytes are decoded to a
        /// string (and before <see cref="CommandLineFilter"/>). Records failing it count as RecordsFiltered.
        /// This is what keeps the 1M-line AUOMS path allocation-free for lines without a payload. The span is
        /// only valid during the call. For AUOMS the bytes are the cmdline as logged (tty-escaped); for
        /// auditd the decoded arguments joined with spaces; for CSV/JSON the cell re-encoded as UTF-8.
        /// </summary>
        public ByteFilter? CommandLineByteFilter { get; set; }

        /// <summary>Lines (CSV records, JSON elements) longer than this many bytes are skipped with a "LineTooLong" problem.</summary>
        public int MaxLineLength { get; set; } = 16 * 1024 * 1024;

        /// <summary>
        /// Decompressed bytes a gzip file may give before reading stops with a DecompressedSizeLimit error;
        /// null (default) allows 100 times the compressed size, at least 1 GiB (logs compress 5-20 times;
        /// a file of newlines 1,000 times).
        /// </summary>
        public long? MaxDecompressedBytes { get; set; }

        /// <summary>How many auditd events may wait for their EOE at once; the oldest is emitted when more arrive.</summary>
        public int MaxOpenAuditEvents { get; set; } = 10_000;
    }

    /// <summary>A predicate over UTF-8 bytes (Func cannot take a span).</summary>
    public delegate bool ByteFilter(ReadOnlySpan<byte> commandLine);
}

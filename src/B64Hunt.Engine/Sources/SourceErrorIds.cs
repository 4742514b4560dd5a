namespace B64Hunt.Sources
{
    /// <summary>The stable error ids the log readers report (a tested contract).</summary>
    public static class SourceErrorIds
    {
        /// <summary>A line said AUOMS_EXECVE but had no usable cmdline. Target "path:line".</summary>
        public const string MalformedAuomsRecord = "MalformedAuomsRecord";

        /// <summary>An auditd EXECVE record or event that could not be used. Target "path:line".</summary>
        public const string MalformedAuditdRecord = "MalformedAuditdRecord";

        /// <summary>A table (CSV header, JSON columns or objects) has no command-line column. Once per file; target the path.</summary>
        public const string MissingCommandLineColumn = "MissingCommandLineColumn";

        /// <summary>A CSV/JSON row that cannot be read (wrong field count, unterminated quote, not an object). Target "path:line".</summary>
        public const string MalformedRow = "MalformedRow";

        /// <summary>JSON that does not parse. Target "path:line"; the message carries the byte offset.</summary>
        public const string MalformedJson = "MalformedJson";

        /// <summary>A line (CSV record, JSON element) over MaxLineLength; skipped without being held in memory. Target "path:line".</summary>
        public const string LineTooLong = "LineTooLong";

        /// <summary>A line the parsers failed on unexpectedly (a parser bug, never an I/O error): reported, and the file goes on. Target "path:line".</summary>
        public const string UnparsableLine = "UnparsableLine";

        /// <summary>The file could not be opened or read (missing, denied, I/O error, corrupt gzip). Target the path; the file ends there.</summary>
        public const string FileReadError = "FileReadError";
    

        /// <summary>A gzip file decompressed past LogReadOptions.MaxDecompressedBytes (a compression bomb, or a file to split): the rest is not read. Target the path.</summary>
        public const string DecompressedSizeLimit = "DecompressedSizeLimit";

        /// <summary>Warning: the detected format gave no records although the file's first lines carry AUOMS/auditd command records. Target the path.</summary>
        public const string DetectedFormatYieldedNothing = "DetectedFormatYieldedNothing";

        /// <summary>Warning: a path named something other than a regular file (FIFO, socket, device); it is skipped so the run cannot hang on it. Target the path.</summary>
        public const string NotARegularFile = "NotARegularFile";
    }
}

namespace B64Hunt.Sources
{
    /// <summary>
    /// Counters a read accumulates; the cmdlet reports them with -Verbose. One instance may be shared by
    /// the reads of several files (the counters add up). Not thread-safe: one reader at a time.
    /// </summary>
    public sealed class ReadStatistics
    {
        /// <summary>Physical lines read (CSV: physical lines; JSON array/table: elements and rows).</summary>
        public long LinesRead;

        /// <summary>Records yielded.</summary>
        public long Records;

        /// <summary>Records whose command line failed the options' filter (counted, not yielded).</summary>
        public long RecordsFiltered;

        /// <summary>Lines or rows that carry no command (syslog noise, other audit record types, empty cells, too-long lines).</summary>
        public long LinesSkipped;

        /// <summary>Records that looked like command records but could not be used (each also yields a Problem).</summary>
        public long Malformed;

        /// <summary>Bytes of (decompressed) content read.</summary>
        public long BytesRead;

        public override string ToString() =>
            $"LinesRead={LinesRead} Records={Records} RecordsFiltered={RecordsFiltered} LinesSkipped={LinesSkipped} Malformed={Malformed} BytesRead={BytesRead}";
    }
}

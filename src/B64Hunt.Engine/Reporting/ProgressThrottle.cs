using System.Diagnostics;

namespace B64Hunt.Reporting
{
    /// <summary>
    /// Says when a progress record is due on a long stream: at most every quarter second, and the clock is read
    /// only every 1,024 items, so a million-line hunt pays almost nothing for its progress bar.
    /// </summary>
    public sealed class ProgressThrottle
    {
        private const long IntervalMilliseconds = 250;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _last = long.MinValue / 2;
        private long _count;

        /// <summary>Items counted so far.</summary>
        public long Count => _count;

        /// <summary>Counts one item; true when a progress record should be written now.</summary>
        public bool Tick()
        {
            if ((++_count & 1023) != 0) return false;
            long now = _clock.ElapsedMilliseconds;
            if (now - _last < IntervalMilliseconds) return false;
            _last = now;
            return true;
        }

        /// <summary>True once any progress record was written, so the bar must be closed with a Completed record.</summary>
        public bool Shown => _last >= 0;
    }
}

using System;

namespace B64Hunt.Http
{
    /// <summary>
    /// One kind of retriable answer for <see cref="ServiceRetryPolicy"/>: which statuses it covers, how many
    /// times it is retried, and how long each retry waits (what the service asked, a fixed wait, or a doubling backoff).
    /// </summary>
    public sealed class RetryRule
    {
        /// <param name="reason">What the wait is for, as reported ("rate limited" gives "rate limited (HTTP 429)").</param>
        /// <param name="matches">Whether an HTTP status belongs to the rule; 0 stands for a dropped or refused connection.</param>
        public RetryRule(string reason, Func<int, bool> matches)
        {
            Reason = reason ?? throw new ArgumentNullException(nameof(reason));
            Matches = matches ?? throw new ArgumentNullException(nameof(matches));
        }

        public string Reason { get; }

        public Func<int, bool> Matches { get; }

        /// <summary>Retries of this rule before its answer is returned as it is (negative counts as 0).</summary>
        public int MaxRetries { get; set; } = int.MaxValue;

        /// <summary>The first backoff wait, doubled with each retry.</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The backoff never waits longer than this.</summary>
        public TimeSpan MaxBackoff { get; set; } = TimeSpan.MaxValue;

        /// <summary>Spreads each backoff wait over 80 % to 120 % so that clients do not retry in step.</summary>
        public bool Jitter { get; set; }

        /// <summary>Waits what the answer asks (retry-after-ms, x-ms-retry-after-ms, Retry-After) instead of the backoff.</summary>
        public bool HonourRetryAfter { get; set; }

        /// <summary>A Retry-After of zero means "retry now"; when false it falls back to the backoff.</summary>
        public bool ZeroRetryAfterIsImmediate { get; set; }

        /// <summary>A wait the service asks beyond this is cut to it.</summary>
        public TimeSpan RetryAfterCap { get; set; } = TimeSpan.MaxValue;

        /// <summary>The wait when the answer asks none; null for the backoff.</summary>
        public Func<TimeSpan>? WaitWithoutRetryAfter { get; set; }

        /// <summary>A wait longer than this is not waited: the answer is returned as it is.</summary>
        public TimeSpan MaxWait { get; set; } = TimeSpan.MaxValue;

        /// <summary>The backoff before retry number <paramref name="retry"/> (1 for the first).</summary>
        internal TimeSpan Backoff(int retry, Random jitter)
        {
            var factor = Math.Pow(2, retry - 1);
            if (Jitter)
            {
                lock (jitter) factor *= 0.8 + (jitter.NextDouble() * 0.4);
            }
            var ticks = Math.Min(MaxBackoff.Ticks, BaseDelay.Ticks * factor);
            return ticks >= long.MaxValue ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
        }
    }
}

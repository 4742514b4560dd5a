using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace B64Hunt.Intel
{
    /// <summary>
    /// Sliding-window request limiter for one provider: at most N requests in any 60 s and M in any 24 h.
    /// A wait for the minute window is served (in one-second slices, so the caller can show a countdown);
    /// a daily budget that would need a long wait is reported as spent instead of blocking for hours.
    /// </summary>
    public sealed class RequestPacer
    {
        private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
        private static readonly TimeSpan Day = TimeSpan.FromDays(1);
        private static readonly TimeSpan Slice = TimeSpan.FromSeconds(1);

        private readonly ITiClock _clock;
        private readonly Queue<DateTimeOffset> _lastMinute = new Queue<DateTimeOffset>();
        private readonly Queue<DateTimeOffset> _lastDay = new Queue<DateTimeOffset>();
        private readonly object _gate = new object();

        public RequestPacer(int? requestsPerMinute, int? requestsPerDay, ITiClock clock)
        {
            RequestsPerMinute = requestsPerMinute > 0 ? requestsPerMinute : null;
            RequestsPerDay = requestsPerDay > 0 ? requestsPerDay : null;
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        }

        public int? RequestsPerMinute { get; }
        public int? RequestsPerDay { get; }

        /// <summary>The longest wait served for the daily window; beyond it the budget counts as spent.</summary>
        public TimeSpan MaxDailyWait { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>Requests granted so far.</summary>
        public int Granted { get; private set; }

        /// <summary>"4/min, 500/day" or "unlimited".</summary>
        public string Description => Describe(RequestsPerMinute, RequestsPerDay);

        public static string Describe(int? perMinute, int? perDay)
        {
            if (perMinute == null && perDay == null) return "unlimited";
            var parts = new List<string>(2);
            if (perMinute != null) parts.Add(perMinute + "/min");
            if (perDay != null) parts.Add(perDay + "/day");
            return string.Join(", ", parts);
        }

        /// <summary>
        /// Waits until one more request fits both windows and records it. <paramref name="onWait"/> gets the time
        /// still to wait before each slice. Returns false (recording nothing) when the daily budget is spent.
        /// </summary>
        public async Task<bool> AcquireAsync(Action<TimeSpan>? onWait, CancellationToken cancellationToken)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                TimeSpan wait;
                lock (_gate)
                {
                    var now = _clock.UtcNow;
                    Trim(_lastMinute, now - Minute);
                    Trim(_lastDay, now - Day);
                    var dayWait = WaitFor(_lastDay, RequestsPerDay, Day, now);
                    if (dayWait > MaxDailyWait) return false;
                    wait = Max(dayWait, WaitFor(_lastMinute, RequestsPerMinute, Minute, now));
                    if (wait <= TimeSpan.Zero)
                    {
                        if (RequestsPerMinute != null) _lastMinute.Enqueue(now);
                        if (RequestsPerDay != null) _lastDay.Enqueue(now);
                        Granted++;
                        return true;
                    }
                }
                onWait?.Invoke(wait);
                await _clock.Delay(wait < Slice ? wait : Slice, cancellationToken).ConfigureAwait(false);
            }
        }

        private static TimeSpan WaitFor(Queue<DateTimeOffset> window, int? limit, TimeSpan length, DateTimeOffset now)
        {
            if (limit == null || window.Count < limit.Value) return TimeSpan.Zero;
            // The window frees a slot when its oldest request leaves it.
            return window.Peek() + length - now;
        }

        private static void Trim(Queue<DateTimeOffset> window, DateTimeOffset cutoff)
        {
            while (window.Count > 0 && window.Peek() <= cutoff) window.Dequeue();
        }

        private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
    }
}

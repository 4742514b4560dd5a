using System;
using System.Threading;
using System.Threading.Tasks;

namespace B64Hunt.Intel
{
    /// <summary>Time as the lookup sees it: injectable so pacing can be tested without waiting a real minute.</summary>
    public interface ITiClock
    {
        DateTimeOffset UtcNow { get; }

        /// <summary>Waits (or, in tests, pretends to); must honour the cancellation token.</summary>
        Task Delay(TimeSpan delay, CancellationToken cancellationToken);
    }

    /// <summary>The real clock: wall time and Task.Delay.</summary>
    public sealed class SystemTiClock : ITiClock
    {
        public static SystemTiClock Instance { get; } = new SystemTiClock();

        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

        public Task Delay(TimeSpan delay, CancellationToken cancellationToken) =>
            delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, cancellationToken);
    }
}

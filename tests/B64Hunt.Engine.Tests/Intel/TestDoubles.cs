using System;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.Intel;
using B64Hunt.Model;

namespace B64Hunt.Tests.Intel
{
    /// <summary>A clock whose Delay moves time forward at once, and remembers how long it was asked to wait.</summary>
    public sealed class FakeClock : ITiClock
    {
        private readonly object _gate = new object();
        private DateTimeOffset _now;

        public FakeClock(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

        public DateTimeOffset UtcNow { get { lock (_gate) return _now; } }

        public TimeSpan Waited { get; private set; }

        public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (_gate)
            {
                if (delay > TimeSpan.Zero)
                {
                    _now += delay;
                    Waited += delay;
                }
            }
            return Task.CompletedTask;
        }

        public void Advance(TimeSpan by)
        {
            lock (_gate) _now += by;
        }
    }

    internal static class Events
    {
        public static CommandEvent With(params (string Type, string Value)[] iocs)
        {
            var e = new CommandEvent { CommandLine = "echo x | base64 -d | sh", DecodedCommand = "x" };
            foreach (var (type, value) in iocs) e.Iocs.Add(new Ioc { Type = type, Value = value, Normalized = value });
            return e;
        }
    }
}

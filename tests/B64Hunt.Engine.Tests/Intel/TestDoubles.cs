using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.Intel;
using B64Hunt.Model;
using B64Hunt.Reporting;

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

    /// <summary>Records what the engine reports.</summary>
    public sealed class RecordingReporter : IHuntReporter
    {
        public ConcurrentQueue<ProgressReport> Progress { get; } = new ConcurrentQueue<ProgressReport>();
        public ConcurrentQueue<Problem> Problems { get; } = new ConcurrentQueue<Problem>();
        public ConcurrentQueue<string> Verbose { get; } = new ConcurrentQueue<string>();
        public ConcurrentQueue<string> Warnings { get; } = new ConcurrentQueue<string>();

        /// <summary>The progress reports that are waits: the provider their bar names, the time left, the status.</summary>
        public IEnumerable<(string Provider, TimeSpan Remaining, string Reason)> Waits =>
            Progress.Where(p => p.Remaining.HasValue).Select(p => (BarProvider(p.Activity), p.Remaining!.Value, p.Status));

        void IHuntReporter.Progress(ProgressReport progress) => Progress.Enqueue(progress);
        void IHuntReporter.Problem(Problem problem) => Problems.Enqueue(problem);
        void IHuntReporter.Verbose(string message) => Verbose.Enqueue(message);
        void IHuntReporter.Warning(string message) => Warnings.Enqueue(message);

        // "Threat-intelligence lookup (VirusTotal)" is VirusTotal's bar.
        private static string BarProvider(string activity)
        {
            int open = activity.LastIndexOf('(');
            return open < 0 ? activity : activity.Substring(open + 1).TrimEnd(')');
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

using System;
using System.Collections.Generic;
using B64Hunt.Model;

namespace B64Hunt.Sources
{
    /// <summary>
    /// Get-B64Command -Summarize on files, the sample and the pipeline: the executions of one command line on one host by
    /// one account become one event with their count and every execution's time, so the later stages do their work once per
    /// distinct command instead of once per execution. Scores, ranks, categories, tags, indicators and the timeline come
    /// out as they do from the events one by one (the scorer, alert windows, routine model and timeline read
    /// <see cref="CommandEvent.ExecutionTimes"/>); what is lost is each execution's own Source, ReportId and raw time order.
    /// Measure-B64Score folds the events it keeps the same way, leaving the events it was given unchanged. Only single
    /// runs fold: a service-aggregated row (FirstSeen..LastSeen, Hostnames) or an aggregate is kept as it is.
    /// </summary>
    public sealed class ExecutionAggregator
    {
        private readonly bool _leaveEventsUnchanged;

        /// <param name="leaveEventsUnchanged">False when the caller owns the events (the reader: the first run's event
        /// becomes the aggregate); true when they belong to someone else (the scorer: an aggregate is a copy).</param>
        public ExecutionAggregator(bool leaveEventsUnchanged = false) => _leaveEventsUnchanged = leaveEventsUnchanged;

        // (command line, host, account) -> its first slot; a slot's Next holds the same line's other payloads.
        private Dictionary<RunKey, Slot>? _byRun;
        private readonly List<Slot> _order = new List<Slot>();

        /// <summary>Executions added so far.</summary>
        public long Executions { get; private set; }

        /// <summary>Adds one execution's event (EventCount counts); the event object may be kept and changed.</summary>
        public void Add(CommandEvent commandEvent)
        {
            if (commandEvent == null) throw new ArgumentNullException(nameof(commandEvent));
            long count = Math.Max(1, commandEvent.EventCount);
            Executions += count;
            if (!IsOneRun(commandEvent))
            {
                _order.Add(new Slot(commandEvent, count, _leaveEventsUnchanged));
                return;
            }
            var key = new RunKey(commandEvent);
            _byRun ??= new Dictionary<RunKey, Slot>();
            _byRun.TryGetValue(key, out var first);
            for (var slot = first; slot != null; slot = slot.Next)
            {
                if (slot.SamePayload(commandEvent))
                {
                    slot.Add(commandEvent, count);
                    return;
                }
            }
            var added = new Slot(commandEvent, count, _leaveEventsUnchanged) { Next = first };
            _byRun[key] = added;
            _order.Add(added);
        }

        /// <summary>
        /// True for an event that is one run at TimeGenerated (or at no known time), what an aggregate's ExecutionTimes
        /// hold. Anything else is kept as it is: a FirstSeen..LastSeen row is an interval, Hostnames put one run on several
        /// hosts, and an event with ExecutionTimes is already an aggregate.
        /// </summary>
        private static bool IsOneRun(CommandEvent e) =>
            e.EventCount <= 1 && !e.FirstSeen.HasValue && !e.LastSeen.HasValue
            && (e.ExecutionTimesIfAny?.Count ?? 0) == 0 && (e.HostnamesIfAny?.Count ?? 0) == 0;

        /// <summary>The aggregated events, in the order their command lines were first met.</summary>
        public List<CommandEvent> Complete()
        {
            var events = new List<CommandEvent>(_order.Count);
            foreach (var slot in _order) events.Add(slot.Finish());
            return events;
        }

        // Both the values the reader cleaned and the raw ones: an event built by hand may carry only one of them.
        private readonly struct RunKey : IEquatable<RunKey>
        {
            private readonly string _commandLine, _commandLineRaw;
            private readonly string? _host, _hostRaw, _account, _accountRaw, _device;

            public RunKey(CommandEvent e)
            {
                _commandLine = e.CommandLine ?? string.Empty;
                _commandLineRaw = e.CommandLineRaw ?? string.Empty;
                _host = e.Computer;
                _hostRaw = e.ComputerRaw;
                _account = e.Account;
                _accountRaw = e.AccountRaw;
                _device = e.DeviceId;
            }

            public bool Equals(RunKey other) =>
                string.Equals(_commandLine, other._commandLine, StringComparison.Ordinal)
                && string.Equals(_commandLineRaw, other._commandLineRaw, StringComparison.Ordinal)
                && string.Equals(_host, other._host, StringComparison.Ordinal)
                && string.Equals(_hostRaw, other._hostRaw, StringComparison.Ordinal)
                && string.Equals(_account, other._account, StringComparison.Ordinal)
                && string.Equals(_accountRaw, other._accountRaw, StringComparison.Ordinal)
                && string.Equals(_device, other._device, StringComparison.Ordinal);

            public override bool Equals(object? obj) => obj is RunKey other && Equals(other);

            // The raw command line is left out: it is usually the cleaned one, and equal keys have equal cleaned lines.
            public override int GetHashCode()
            {
                unchecked
                {
                    int h = Hash(_commandLine);
                    h = h * 31 + Hash(_host);
                    h = h * 31 + Hash(_account);
                    return h * 31 + Hash(_device);
                }
            }

            private static int Hash(string? value) => value == null ? 0 : StringComparer.Ordinal.GetHashCode(value);
        }

        /// <summary>One payload of one command line on one host: the first execution's event, and every execution's time.</summary>
        private sealed class Slot
        {
            private readonly CommandEvent _event;
            private readonly bool _copy;
            private List<DateTime>? _times; // made at the second event: most slots hold one
            private long _count;
            private int _events;

            public Slot(CommandEvent first, long count, bool copy)
            {
                _event = first;
                _copy = copy;
                Add(first, count);
            }

            /// <summary>The slot of another payload of the same command line, host and account.</summary>
            public Slot? Next { get; set; }

            // The same command line decodes the same way, but a run's decode budget or a cut record can change a payload.
            public bool SamePayload(CommandEvent e) =>
                string.Equals(_event.EncodedText, e.EncodedText, StringComparison.Ordinal)
                && string.Equals(_event.DecodedCommand, e.DecodedCommand, StringComparison.Ordinal)
                && _event.Depth == e.Depth
                && _event.IsTruncated == e.IsTruncated
                && _event.IsBinary == e.IsBinary
                && string.Equals(_event.ArchiveMemberName, e.ArchiveMemberName, StringComparison.Ordinal)
                && string.Equals(_event.ParentEncodedText, e.ParentEncodedText, StringComparison.Ordinal);

            public void Add(CommandEvent e, long count)
            {
                _events++;
                _count += count;
                if (_events == 1) return;
                if (_times == null)
                {
                    _times = new List<DateTime>(4);
                    if (_event.TimeGenerated.HasValue) _times.Add(_event.TimeGenerated.Value);
                }
                if (e.TimeGenerated.HasValue) _times.Add(e.TimeGenerated.Value);
            }

            public CommandEvent Finish()
            {
                // One event in (one run, or an event kept as it is): exactly that event out.
                if (_events == 1) return _event;
                var times = _times!;
                times.Sort();
                var aggregate = _copy ? _event.ShallowCopy() : _event;
                aggregate.EventCount = _count;
                aggregate.ExecutionTimes = times;
                if (times.Count > 0)
                {
                    aggregate.TimeGenerated = times[0];
                    aggregate.FirstSeen = times[0];
                    aggregate.LastSeen = times[times.Count - 1];
                }
                return aggregate;
            }
        }
    }
}

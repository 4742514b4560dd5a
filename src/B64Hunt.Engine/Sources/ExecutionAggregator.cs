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
    /// </summary>
    public sealed class ExecutionAggregator
    {
        // (command line, host, account) -> the events of its first record (one per payload), each standing for every run.
        private readonly Dictionary<RunKey, List<Slot>> _byRun = new Dictionary<RunKey, List<Slot>>();
        private readonly List<Slot> _order = new List<Slot>();

        /// <summary>Executions added so far.</summary>
        public long Executions { get; private set; }

        /// <summary>Adds one execution's event (EventCount counts); the event object may be kept and changed.</summary>
        public void Add(CommandEvent commandEvent)
        {
            if (commandEvent == null) throw new ArgumentNullException(nameof(commandEvent));
            long count = Math.Max(1, commandEvent.EventCount);
            Executions += count;
            var key = new RunKey(commandEvent.CommandLineRaw, commandEvent.ComputerRaw, commandEvent.AccountRaw, commandEvent.DeviceId);
            if (!_byRun.TryGetValue(key, out var slots))
            {
                slots = new List<Slot>(1);
                _byRun.Add(key, slots);
            }
            foreach (var slot in slots)
            {
                if (slot.SamePayload(commandEvent))
                {
                    slot.Add(commandEvent, count);
                    return;
                }
            }
            var added = new Slot(commandEvent, count);
            slots.Add(added);
            _order.Add(added);
        }

        /// <summary>The aggregated events, in the order their command lines were first met.</summary>
        public IReadOnlyList<CommandEvent> Complete()
        {
            var events = new List<CommandEvent>(_order.Count);
            foreach (var slot in _order) events.Add(slot.Finish());
            return events;
        }

        private readonly struct RunKey : IEquatable<RunKey>
        {
            private readonly string _commandLine;
            private readonly string? _host, _account, _device;

            public RunKey(string commandLine, string? host, string? account, string? device)
            {
                _commandLine = commandLine ?? string.Empty;
                _host = host;
                _account = account;
                _device = device;
            }

            public bool Equals(RunKey other) =>
                string.Equals(_commandLine, other._commandLine, StringComparison.Ordinal)
                && string.Equals(_host, other._host, StringComparison.Ordinal)
                && string.Equals(_account, other._account, StringComparison.Ordinal)
                && string.Equals(_device, other._device, StringComparison.Ordinal);

            public override bool Equals(object? obj) => obj is RunKey other && Equals(other);

            public override int GetHashCode()
            {
                unchecked
                {
                    int h = StringComparer.Ordinal.GetHashCode(_commandLine);
                    h = h * 31 + (_host == null ? 0 : StringComparer.Ordinal.GetHashCode(_host));
                    h = h * 31 + (_account == null ? 0 : StringComparer.Ordinal.GetHashCode(_account));
                    return h * 31 + (_device == null ? 0 : StringComparer.Ordinal.GetHashCode(_device));
                }
            }
        }

        /// <summary>One payload of one command line on one host: the first execution's event, and every execution's time.</summary>
        private sealed class Slot
        {
            private readonly CommandEvent _event;
            private readonly List<DateTime> _times = new List<DateTime>(1);
            private long _count;

            public Slot(CommandEvent first, long count)
            {
                _event = first;
                Add(first, count);
            }

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
                _count += count;
                if (e.ExecutionTimes.Count > 0)
                {
                    _times.AddRange(e.ExecutionTimes);
                }
                else if (e.TimeGenerated.HasValue)
                {
                    _times.Add(e.TimeGenerated.Value);
                }
            }

            public CommandEvent Finish()
            {
                if (_count <= 1) return _event; // one execution: the event is exactly what the plain read gives
                _times.Sort();
                _event.EventCount = _count;
                _event.ExecutionTimes = _times;
                if (_times.Count > 0)
                {
                    _event.TimeGenerated = _times[0];
                    _event.FirstSeen = _times[0];
                    _event.LastSeen = _times[_times.Count - 1];
                }
                return _event;
            }
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using B64Hunt.Intel;
using B64Hunt.Model;

namespace B64Hunt.Commands
{
    /// <summary>
    /// Invoke-B64TiLookup's input: whole events (every indicator is looked up) and single Ioc records an analyst
    /// picked (only those, with the verdicts going to the event each came from). Each event is emitted once, in
    /// order of first appearance, whether it arrived whole, through its Iocs, or both.
    /// </summary>
    internal sealed class PickedIndicators
    {
        private readonly List<CommandEvent> _events = new List<CommandEvent>();
        private readonly Dictionary<CommandEvent, List<Ioc>?> _picked = new Dictionary<CommandEvent, List<Ioc>?>(ReferenceEqualityComparer.Instance);
        private int _iocs;

        public IReadOnlyList<CommandEvent> Events => _events;

        /// <summary>" (N picked indicators)" when Ioc records came in; empty otherwise.</summary>
        public string PickedSummary => _iocs == 0 ? string.Empty : $" ({_iocs} picked indicator(s))";

        /// <summary>A whole event: all of its indicators are looked up.</summary>
        public void Add(CommandEvent commandEvent)
        {
            if (!_picked.ContainsKey(commandEvent)) _events.Add(commandEvent);
            _picked[commandEvent] = null;
        }

        /// <summary>One picked indicator. Without an Event (typed by hand) it becomes an event of its own, so its verdict is not lost.</summary>
        public void Add(Ioc ioc)
        {
            _iocs++;
            var owner = ioc.Event ?? new CommandEvent { CommandLine = ioc.Value, DecodedCommand = ioc.Value, Source = "pipeline" };
            if (!owner.Iocs.Any(i => SameIndicator(i, ioc))) owner.Iocs.Add(ioc);
            if (!_picked.TryGetValue(owner, out var list))
            {
                _events.Add(owner);
                _picked[owner] = new List<Ioc> { ioc };
            }
            else
            {
                list?.Add(ioc); // null: the whole event is already wanted
            }
        }

        public IReadOnlyList<TiLookupTarget> Targets() =>
            _events.Select(e => new TiLookupTarget(e, (IEnumerable<Ioc>?)_picked[e] ?? e.Iocs)).ToList();

        private static bool SameIndicator(Ioc a, Ioc b) =>
            a != null && a.Type == b.Type && (a.Normalized == b.Normalized || a.Value == b.Value);
    }
}

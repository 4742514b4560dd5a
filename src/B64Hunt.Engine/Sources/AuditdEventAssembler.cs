using System;
using System.Collections.Generic;

namespace B64Hunt.Sources
{
    /// <summary>
    /// One auditd event (all records sharing node and serial) while its records arrive: the EXECVE
    /// arguments, possibly in chunks over several records, and the SYSCALL record's identity fields.
    /// </summary>
    internal sealed class PendingAuditEvent
    {
        public PendingAuditEvent(string? node, long serial)
        {
            Node = node;
            Serial = serial;
        }

        public string? Node { get; }
        public long Serial { get; }
        public LinkedListNode<PendingAuditEvent>? OrderNode;

        public DateTime? Time;
        public string? SyslogHost;
        public DateTime? ContextTime;
        public string? ContextComputer;
        public bool HasExecve;
        public long FirstExecveLine;
        public int Argc = -1;
        public long ArgBytes;
        public bool Truncated;
        /// <summary>A record of the event was malformed (already reported): the event is not emitted.</summary>
        public bool Malformed;
        /// <summary>Argument index → its bytes (whole) or its chunks by index.</summary>
        public readonly List<AuditArgument?> Args = new List<AuditArgument?>();

        public string? Uid;
        public string? UidName;
        public string? Auid;
        public string? AuidName;
        public string? Comm;
        public string? Exe;
    }

    internal sealed class AuditArgument
    {
        public byte[]? Whole;
        public SortedList<int, byte[]>? Chunks;

        public int Length
        {
            get
            {
                if (Whole != null) return Whole.Length;
                int n = 0;
                if (Chunks != null) foreach (var chunk in Chunks.Values) n += chunk.Length;
                return n;
            }
        }
    }

    /// <summary>
    /// Reassembles auditd events from records that may interleave with other events' records. An event is
    /// complete at its EOE record; when more than the capacity are open the oldest is completed anyway,
    /// and <see cref="DrainAll"/> completes the rest at the end, so memory stays bounded.
    /// </summary>
    internal sealed class AuditdEventAssembler
    {
        private readonly Dictionary<(string? Node, long Serial), PendingAuditEvent> _open = new Dictionary<(string?, long), PendingAuditEvent>();
        private readonly LinkedList<PendingAuditEvent> _order = new LinkedList<PendingAuditEvent>();
        private readonly int _capacity;
        private readonly long _maxEventBytes;

        public AuditdEventAssembler(int capacity, long maxEventBytes)
        {
            _capacity = Math.Max(1, capacity);
            _maxEventBytes = maxEventBytes;
        }

        public PendingAuditEvent GetOrAdd(string? node, long serial, List<PendingAuditEvent> completed, out bool added)
        {
            if (_open.TryGetValue((node, serial), out var pending))
            {
                added = false;
                return pending;
            }
            while (_open.Count >= _capacity && _order.First != null)
            {
                completed.Add(Remove(_order.First.Value));
            }
            pending = new PendingAuditEvent(node, serial);
            pending.OrderNode = _order.AddLast(pending);
            _open.Add((node, serial), pending);
            added = true;
            return pending;
        }

        public PendingAuditEvent? TryComplete(string? node, long serial)
            => _open.TryGetValue((node, serial), out var pending) ? Remove(pending) : null;

        public void DrainAll(List<PendingAuditEvent> completed)
        {
            while (_order.First != null) completed.Add(Remove(_order.First.Value));
        }

        private PendingAuditEvent Remove(PendingAuditEvent pending)
        {
            _open.Remove((pending.Node, pending.Serial));
            if (pending.OrderNode != null) _order.Remove(pending.OrderNode);
            pending.OrderNode = null;
            return pending;
        }

        /// <summary>Adds one argument (or chunk) value; false when the event is over its size budget.</summary>
        public bool AddArgument(PendingAuditEvent pending, int index, int chunk, byte[] value)
        {
            if (pending.ArgBytes + value.Length > _maxEventBytes)
            {
                pending.Truncated = true;
                return false;
            }
            pending.ArgBytes += value.Length;
            while (pending.Args.Count <= index) pending.Args.Add(null);
            var argument = pending.Args[index] ??= new AuditArgument();
            if (chunk < 0)
            {
                argument.Whole = value;
            }
            else
            {
                argument.Chunks ??= new SortedList<int, byte[]>();
                argument.Chunks[chunk] = value;
            }
            return true;
        }
    }
}

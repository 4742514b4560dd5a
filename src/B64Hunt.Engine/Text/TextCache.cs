using System;
using System.Collections.Generic;

namespace B64Hunt.Text
{
    /// <summary>
    /// Results per text, for the texts a hunt sees again and again (the decode memo's command lines; the shell reader,
    /// the normaliser, the classifier, the GTFOBins tagger: pure functions of the text). Bounded in entries and in the
    /// characters it keeps: the texts', plus what the optional weight says a result holds (longer texts are not kept at
    /// all). When full it evicts by CLOCK (second chance): an entry hit since the hand last passed survives, so a fleet with more distinct commands than the bound keeps its busy ones
    /// instead of starting over, as a cache that empties itself does (beyond 8,192 commands that re-did every one).
    /// Thread-safe; the result is computed outside the lock.
    /// </summary>
    internal sealed class TextCache<T>
    {
        /// <summary>Entries kept at most.</summary>
        public const int DefaultCapacity = 32 * 1024;

        /// <summary>Characters of kept texts at most (32 MB of strings), so long texts cannot fill memory.</summary>
        public const long DefaultMaxCharacters = 16L * 1024 * 1024;

        /// <summary>Longer texts are not cached.</summary>
        public const int CacheableLength = 4096;

        private readonly Dictionary<string, int> _slots;
        private readonly string?[] _keys;
        private readonly T[] _values;
        private readonly bool[] _referenced;
        private readonly long[] _weights;
        private readonly long _maxCharacters;
        private readonly int _cacheableLength;
        private readonly Func<T, long>? _weigh;
        private readonly object _lock = new object();
        private int _used;
        private int _hand;
        private long _characters;

        /// <param name="capacity">Entries kept at most.</param>
        /// <param name="maxCharacters">Characters kept at most (texts and weights).</param>
        /// <param name="cacheableLength">Longer texts are not kept.</param>
        /// <param name="weigh">Characters a result holds beside its text (the decode memo's payloads); null for none.</param>
        public TextCache(int capacity = DefaultCapacity, long maxCharacters = DefaultMaxCharacters, int cacheableLength = CacheableLength, Func<T, long>? weigh = null)
        {
            if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity));
            if (cacheableLength < 1) throw new ArgumentOutOfRangeException(nameof(cacheableLength));
            if (maxCharacters < cacheableLength) throw new ArgumentOutOfRangeException(nameof(maxCharacters));
            _slots = new Dictionary<string, int>(StringComparer.Ordinal);
            _keys = new string?[capacity];
            _values = new T[capacity];
            _referenced = new bool[capacity];
            _weights = new long[capacity];
            _maxCharacters = maxCharacters;
            _cacheableLength = cacheableLength;
            _weigh = weigh;
        }

        /// <summary>Entries kept now.</summary>
        public int Count
        {
            get { lock (_lock) return _slots.Count; }
        }

        /// <summary>Characters of the texts kept now.</summary>
        public long Characters
        {
            get { lock (_lock) return _characters; }
        }

        /// <summary>The cached result of <paramref name="text"/>, or <paramref name="compute"/>'s, kept when the text is short enough.</summary>
        public T Get(string text, Func<string, T> compute)
        {
            lock (_lock)
            {
                if (_slots.TryGetValue(text, out int slot))
                {
                    _referenced[slot] = true;
                    return _values[slot];
                }
            }
            var result = compute(text);
            if (text.Length > _cacheableLength) return result;
            long weight = text.Length + (_weigh == null ? 0 : _weigh(result));
            if (weight > _maxCharacters) return result;
            lock (_lock)
            {
                // Another thread may have kept it meanwhile: the answers are equal, keep the first.
                if (_slots.TryGetValue(text, out int kept)) return _values[kept];
                // Room in characters first (what that evicts is reused below), then a slot.
                while (_characters + weight > _maxCharacters) _free.Push(Evict());
                int free = _free.Count > 0 ? _free.Pop() : _used < _keys.Length ? _used++ : Evict();
                _keys[free] = text;
                _values[free] = result;
                _referenced[free] = false;
                _weights[free] = weight;
                _slots[text] = free;
                _characters += weight;
            }
            return result;
        }

        // Slots emptied to make room in characters, taken before new or evicted ones.
        private readonly Stack<int> _free = new Stack<int>();

        /// <summary>Empties one kept entry: the first the hand finds not hit since it last passed (clearing the marks it passes).</summary>
        private int Evict()
        {
            while (true)
            {
                int slot = _hand;
                _hand = (_hand + 1) % _used;
                string? key = _keys[slot];
                if (key == null) continue; // a free slot
                if (_referenced[slot])
                {
                    _referenced[slot] = false;
                    continue;
                }
                _slots.Remove(key);
                _characters -= _weights[slot];
                _keys[slot] = null;
                _values[slot] = default!;
                return slot;
            }
        }
    }
}

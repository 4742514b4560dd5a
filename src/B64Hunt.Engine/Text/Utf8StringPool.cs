using System;
using B64Hunt.Sources;

namespace B64Hunt.Text
{
    /// <summary>
    /// One string per distinct UTF-8 span a log repeats: command lines, host, user and program names. A million-line
    /// AUOMS file mentions base64 on 240,000 lines but in about 3,000 distinct command lines, and names a few hundred
    /// hosts: decoded once each, they cost 3,000 strings instead of 240,000, and the stages after (the decode memo,
    /// -Summarize, the caches) find them equal by reference. Bounded: 4-way sets, each evicting its oldest entry, and
    /// spans longer than <see cref="MaxPooledBytes"/> are decoded every time. One reader's, not thread-safe.
    /// </summary>
    internal sealed class Utf8StringPool
    {
        /// <summary>Longer spans are not kept (a pool holds at most Sets × Ways of them).</summary>
        public const int MaxPooledBytes = 2048;

        private const int Ways = 4;
        private readonly int _setMask;
        private readonly byte[]?[] _keys;
        private readonly string?[] _values;
        private readonly int[] _hashes;
        private readonly byte[] _oldest;

        /// <param name="sets">A power of two; the pool keeps up to 4 × this many spans.</param>
        public Utf8StringPool(int sets = 2048)
        {
            if (sets < 1 || (sets & (sets - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(sets), sets, "A power of two.");
            _setMask = sets - 1;
            _keys = new byte[sets * Ways][];
            _values = new string[sets * Ways];
            _hashes = new int[sets * Ways];
            _oldest = new byte[sets];
        }

        /// <summary>The string of <paramref name="bytes"/> (invalid UTF-8 becomes U+FFFD), the same instance for equal spans while kept.</summary>
        public string Get(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length > MaxPooledBytes) return Utf8Text.ToString(bytes);
            var hasher = new HashCode();
            hasher.AddBytes(bytes);
            int hash = hasher.ToHashCode();
            int set = hash & _setMask;
            int first = set * Ways;
            for (int slot = first; slot < first + Ways; slot++)
            {
                byte[]? key = _keys[slot];
                if (key == null) break; // a set fills in order: nothing kept beyond an empty slot
                if (_hashes[slot] == hash && bytes.SequenceEqual(key)) return _values[slot]!;
            }
            string value = Utf8Text.ToString(bytes);
            int victim = first;
            while (victim < first + Ways && _keys[victim] != null) victim++;
            if (victim == first + Ways)
            {
                victim = first + _oldest[set];
                _oldest[set] = (byte)((_oldest[set] + 1) % Ways);
            }
            _keys[victim] = bytes.ToArray();
            _values[victim] = value;
            _hashes[victim] = hash;
            return value;
        }

        /// <summary>As <see cref="Get"/>, for an optional value: null for an empty span.</summary>
        public string? GetOrNull(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? null : Get(bytes);
    }
}

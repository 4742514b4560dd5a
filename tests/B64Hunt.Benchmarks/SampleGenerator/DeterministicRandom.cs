using System;
using System.Collections.Generic;

namespace B64Hunt.Benchmarks.SampleGenerator
{
    /// <summary>
    /// A small seeded PRNG (SplitMix64). Our own, not System.Random, so the generated files stay byte-identical
    /// whatever the .NET version: the committed sample must always be reproducible from its seed.
    /// </summary>
    public sealed class DeterministicRandom
    {
        private ulong state;

        public DeterministicRandom(ulong seed) => state = seed;

        public ulong NextUInt64()
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>A value in [0, maxExclusive).</summary>
        public int Next(int maxExclusive)
        {
            if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive));
            return (int)(NextUInt64() % (ulong)maxExclusive);
        }

        /// <summary>A value in [minInclusive, maxInclusive].</summary>
        public int Between(int minInclusive, int maxInclusive) => minInclusive + Next(maxInclusive - minInclusive + 1);

        /// <summary>A value in [0, 1).</summary>
        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        public bool Chance(double probability) => NextDouble() < probability;

        public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

        /// <summary>Lower-case hex digits, e.g. for register values and container ids.</summary>
        public string Hex(int digits)
        {
            var chars = new char[digits];
            for (int i = 0; i < digits; i++) chars[i] = "0123456789abcdef"[Next(16)];
            return new string(chars);
        }

        /// <summary>A version-4-shaped GUID drawn from this generator (Guid.NewGuid is not reproducible).</summary>
        public Guid NextGuid()
        {
            var bytes = new byte[16];
            for (int i = 0; i < 16; i++) bytes[i] = (byte)Next(256);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes);
        }
    }
}

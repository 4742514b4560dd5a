using System;

namespace B64Hunt.Tests.Fuzz
{
    /// <summary>
    /// SplitMix64: a tiny PRNG whose sequence depends only on the seed (System.Random's algorithm may
    /// change between runtimes), so a printed seed reproduces a case anywhere.
    /// </summary>
    internal sealed class FuzzRng
    {
        private ulong _state;

        public FuzzRng(ulong seed) => _state = seed;

        public ulong NextULong()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>0 &lt;= result &lt; max (max &gt; 0).</summary>
        public int Next(int max) => max <= 1 ? 0 : (int)(NextULong() % (ulong)max);

        /// <summary>min &lt;= result &lt; max.</summary>
        public int Next(int min, int max) => min + Next(max - min);

        public bool Chance(int percent) => Next(100) < percent;

        public T Pick<T>(T[] items) => items[Next(items.Length)];

        public T Pick<T>(System.Collections.Generic.IReadOnlyList<T> items) => items[Next(items.Count)];

        public byte[] Bytes(int length)
        {
            var bytes = new byte[length];
            for (int i = 0; i < length; i++) bytes[i] = (byte)NextULong();
            return bytes;
        }

        /// <summary>Mixes a base seed, a stage name and a case index into one case seed.</summary>
        public static ulong CaseSeed(ulong baseSeed, string stage, int index)
        {
            ulong h = 14695981039346656037UL; // FNV-1a over the stage name
            foreach (char c in stage) h = (h ^ c) * 1099511628211UL;
            var mix = new FuzzRng(baseSeed ^ h ^ ((ulong)(uint)index << 32 | (uint)index));
            return mix.NextULong();
        }
    }
}

using System;
using System.Collections.Generic;

namespace B64Hunt.Shell
{
    /// <summary>
    /// Results per decoded text, for the texts a hunt sees again and again: bounded in entries (cleared when full)
    /// and in text length (longer texts are not kept), so it stays small (8192 × 4 KB at most). Thread-safe.
    /// </summary>
    internal sealed class TextCache<T>
    {
        private const int Limit = 8192;

        /// <summary>Longer texts are not cached.</summary>
        public const int CacheableLength = 4096;

        private readonly Dictionary<string, T> _entries = new Dictionary<string, T>(StringComparer.Ordinal);
        private readonly object _lock = new object();

        /// <summary>The cached result of <paramref name="text"/>, or <paramref name="compute"/>'s, kept when the text is short enough.</summary>
        public T Get(string text, Func<string, T> compute)
        {
            lock (_lock)
            {
                if (_entries.TryGetValue(text, out var cached)) return cached;
            }
            var result = compute(text);
            if (text.Length > CacheableLength) return result;
            lock (_lock)
            {
                if (_entries.Count >= Limit) _entries.Clear();
                _entries[text] = result;
            }
            return result;
        }
    }
}

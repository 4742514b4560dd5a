using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace B64Hunt.Sources
{
    /// <summary>
    /// Vectorised byte searches for the per-line hot path. The BCL has equivalents, but on a busy machine a
    /// one-shot hunt spends much of its time in their tier-0 and instrumented (PGO) versions before tier 1
    /// arrives; these are compiled fully optimised on first call (Vector&lt;byte&gt; is AVX2-wide on .NET).
    /// </summary>
    internal static class ByteSearch
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static int IndexOf(ReadOnlySpan<byte> span, byte value)
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated && span.Length >= Vector<byte>.Count)
            {
                ref byte start = ref MemoryMarshal.GetReference(span);
                var target = new Vector<byte>(value);
                int last = span.Length - Vector<byte>.Count;
                while (true)
                {
                    var block = Unsafe.ReadUnaligned<Vector<byte>>(ref Unsafe.Add(ref start, i));
                    if (Vector.EqualsAny(block, target))
                    {
                        for (int k = 0; k < Vector<byte>.Count; k++)
                        {
                            if (Unsafe.Add(ref start, i + k) == value) return i + k;
                        }
                    }
                    if (i == last) return -1;
                    i += Vector<byte>.Count;
                    if (i > last) i = last; // the final block overlaps the previous one
                }
            }
            for (; i < span.Length; i++)
            {
                if (span[i] == value) return i;
            }
            return -1;
        }

        /// <summary>First occurrence of <paramref name="needle"/> (at least 2 bytes) in <paramref name="span"/>, or -1.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static int IndexOf(ReadOnlySpan<byte> span, ReadOnlySpan<byte> needle)
        {
            int n = needle.Length;
            if (n < 2) return n == 0 ? 0 : IndexOf(span, needle[0]);
            int lastStart = span.Length - n;
            if (lastStart < 0) return -1;
            byte first = needle[0];
            byte final = needle[n - 1];
            ref byte hay = ref MemoryMarshal.GetReference(span);
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                int width = Vector<byte>.Count;
                var firsts = new Vector<byte>(first);
                var finals = new Vector<byte>(final);
                // Compare the first and last needle byte at width candidate starts at once.
                for (; i + width - 1 <= lastStart; i += width)
                {
                    var a = Unsafe.ReadUnaligned<Vector<byte>>(ref Unsafe.Add(ref hay, i));
                    var b = Unsafe.ReadUnaligned<Vector<byte>>(ref Unsafe.Add(ref hay, i + n - 1));
                    var both = Vector.BitwiseAnd(Vector.Equals(a, firsts), Vector.Equals(b, finals));
                    if (both == Vector<byte>.Zero) continue;
                    for (int k = 0; k < width; k++)
                    {
                        if (both[k] != 0 && Matches(ref Unsafe.Add(ref hay, i + k), needle)) return i + k;
                    }
                }
            }
            for (; i <= lastStart; i++)
            {
                if (Unsafe.Add(ref hay, i) == first && Unsafe.Add(ref hay, i + n - 1) == final && Matches(ref Unsafe.Add(ref hay, i), needle)) return i;
            }
            return -1;
        }

        /// <summary>Last occurrence of <paramref name="needle"/>; scans backwards, so anchors near the end are found at once.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static int LastIndexOf(ReadOnlySpan<byte> span, ReadOnlySpan<byte> needle)
        {
            int n = needle.Length;
            if (n == 0) return span.Length;
            byte first = needle[0];
            ref byte hay = ref MemoryMarshal.GetReference(span);
            for (int i = span.Length - n; i >= 0; i--)
            {
                if (Unsafe.Add(ref hay, i) == first && Matches(ref Unsafe.Add(ref hay, i), needle)) return i;
            }
            return -1;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool Matches(ref byte at, ReadOnlySpan<byte> needle)
        {
            for (int j = 0; j < needle.Length; j++)
            {
                if (Unsafe.Add(ref at, j) != needle[j]) return false;
            }
            return true;
        }
    }
}

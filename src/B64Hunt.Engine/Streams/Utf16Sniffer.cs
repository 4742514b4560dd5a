using System;
using System.Text;

namespace B64Hunt.Streams
{
    /// <summary>
    /// Recognises UTF-16 text that has no byte-order mark (some Windows exports): log text is mostly ASCII,
    /// so one byte of nearly every pair is zero, the low byte second for little-endian, first for big-endian.
    /// </summary>
    internal static class Utf16Sniffer
    {
        private const int Sample = 4096;

        /// <summary>The UTF-16 encoding <paramref name="head"/> is in, or null when it does not look like UTF-16.</summary>
        public static Encoding? Detect(ReadOnlySpan<byte> head)
        {
            int pairs = Math.Min(head.Length, Sample) / 2;
            if (pairs < 4) return null;
            int evenZeros = 0, oddZeros = 0;
            for (int i = 0; i < pairs; i++)
            {
                if (head[2 * i] == 0) evenZeros++;
                if (head[2 * i + 1] == 0) oddZeros++;
            }
            // 90% of one side zero and almost none of the other: text, not a binary file or UTF-8.
            if (oddZeros * 10 >= pairs * 9 && evenZeros * 10 < pairs) return Encoding.Unicode;
            if (evenZeros * 10 >= pairs * 9 && oddZeros * 10 < pairs) return Encoding.BigEndianUnicode;
            return null;
        }
    }
}

using System.IO;
using B64Hunt.Sources;

namespace B64Hunt.Streams
{
    /// <summary>Counts the bytes a text reader pulls, for <see cref="ReadStatistics.BytesRead"/>.</summary>
    internal sealed class CountingStream : B64Hunt.IO.ReadOnlyStream
    {
        private readonly Stream _inner;
        private readonly ReadStatistics _stats;

        public CountingStream(Stream inner, ReadStatistics stats)
        {
            _inner = inner;
            _stats = stats;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = _inner.Read(buffer, offset, count);
            _stats.BytesRead += n;
            return n;
        }

    }
}

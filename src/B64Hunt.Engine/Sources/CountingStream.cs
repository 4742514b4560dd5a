using System;
using System.IO;

namespace B64Hunt.Sources
{
    /// <summary>Counts the bytes a text reader pulls, for <see cref="ReadStatistics.BytesRead"/>.</summary>
    internal sealed class CountingStream : Stream
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

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using System;
using System.IO;

namespace B64Hunt.Streams
{
    /// <summary>
    /// A read-only stream that first replays bytes already peeked from an inner stream, then reads the rest
    /// of it: format and gzip detection peek without needing a seekable stream.
    /// </summary>
    internal sealed class PrefixedStream : B64Hunt.IO.ReadOnlyStream
    {
        private readonly byte[] _prefix;
        private readonly int _prefixLength;
        private int _prefixPosition;
        private readonly Stream _inner;
        private readonly bool _ownsInner;

        public PrefixedStream(byte[] prefix, int prefixLength, Stream inner, bool ownsInner)
        {
            _prefix = prefix;
            _prefixLength = prefixLength;
            _inner = inner;
            _ownsInner = ownsInner;
        }

        /// <summary>The peeked bytes this stream replays first.</summary>
        public ReadOnlySpan<byte> Prefix => new ReadOnlySpan<byte>(_prefix, 0, _prefixLength);

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_prefixPosition < _prefixLength)
            {
                int n = Math.Min(count, _prefixLength - _prefixPosition);
                Buffer.BlockCopy(_prefix, _prefixPosition, buffer, offset, n);
                _prefixPosition += n;
                return n;
            }
            return _inner.Read(buffer, offset, count);
        }

        /// <summary>Reads until <paramref name="count"/> bytes or the end: Stream.Read may return less.</summary>
        public static int ReadFully(Stream stream, byte[] buffer, int offset, int count)
        {
            int total = 0;
            while (total < count)
            {
                int n = stream.Read(buffer, offset + total, count - total);
                if (n == 0) break;
                total += n;
            }
            return total;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _ownsInner) _inner.Dispose();
            base.Dispose(disposing);
        }

    }
}

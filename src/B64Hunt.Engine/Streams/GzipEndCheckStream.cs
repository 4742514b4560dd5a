using System;
using System.IO;
using B64Hunt.IO;

namespace B64Hunt.Streams
{
    /// <summary>
    /// Reads decompressed gzip content and tells, at its end, whether the data was cut short or grew past a
    /// cap. GZipStream treats a file cut in its deflate data as a clean end of file (it validates a member's
    /// trailer only when the member completes), so the last member's stored size (ISIZE, the file's last four
    /// bytes) is compared with what came out: a complete member's ISIZE is at most the total output (equal for
    /// a single member); a cut file's last bytes are deflate data, almost never a size that fits.
    /// </summary>
    internal sealed class GzipEndCheckStream : ReadOnlyStream
    {
        private readonly Stream _inner;
        private readonly long? _storedSize;
        private readonly long _maxBytes;

        /// <param name="inner">The GZipStream (owned).</param>
        /// <param name="storedSize">The trailer's ISIZE (the input's last 4 bytes), long.MaxValue for an input too short to be whole, null when unknown.</param>
        /// <param name="maxBytes">Decompressed bytes after which reading stops with <see cref="OverLimit"/>.</param>
        public GzipEndCheckStream(Stream inner, long? storedSize, long maxBytes)
        {
            _inner = inner;
            _storedSize = storedSize;
            _maxBytes = maxBytes;
        }

        /// <summary>Decompressed bytes returned so far.</summary>
        public long Length64 { get; private set; }

        /// <summary>Newlines returned so far (the last line's number is this + 1 when <see cref="EndsWithNewline"/> is false).</summary>
        public long Newlines { get; private set; }

        public bool EndsWithNewline { get; private set; } = true;

        public bool AtEnd { get; private set; }

        /// <summary>The end came before the gzip trailer: the content is incomplete.</summary>
        public bool Truncated { get; private set; }

        /// <summary>Reading stopped at the decompressed-size cap.</summary>
        public bool OverLimit { get; private set; }

        public long MaxBytes => _maxBytes;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (AtEnd) return 0;
            long room = _maxBytes - Length64;
            if (room <= 0)
            {
                OverLimit = true;
                AtEnd = true;
                return 0;
            }
            int n = _inner.Read(buffer, offset, (int)Math.Min(count, room));
            if (n == 0)
            {
                AtEnd = true;
                Truncated = IsCut();
                return 0;
            }
            Length64 += n;
            for (int i = offset; i < offset + n; i++) if (buffer[i] == (byte)'\n') Newlines++;
            EndsWithNewline = buffer[offset + n - 1] == (byte)'\n';
            return n;
        }

        private bool IsCut()
        {
            if (_storedSize == null) return false;
            long stored = _storedSize.Value;
            // Past 4 GiB ISIZE wraps (RFC 1952: size modulo 2^32), so only the comparison with the low bits is left.
            long output = Length64 >= 1L << 32 ? Length64 & 0xFFFFFFFF : Length64;
            return stored > output;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }

    }
}

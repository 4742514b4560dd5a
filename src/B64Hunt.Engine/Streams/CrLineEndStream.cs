using System;
using System.IO;
using B64Hunt.IO;

namespace B64Hunt.Streams
{
    /// <summary>
    /// Turns a file with classic Mac (CR-only) line endings into LF lines, so each record keeps its own
    /// host and time instead of the whole file reading as one line.
    /// </summary>
    internal sealed class CrLineEndStream : ReadOnlyStream
    {
        private readonly Stream _inner;

        public CrLineEndStream(Stream inner) => _inner = inner;

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = _inner.Read(buffer, offset, count);
            for (int i = offset; i < offset + n; i++) if (buffer[i] == (byte)'\r') buffer[i] = (byte)'\n';
            return n;
        }

        /// <summary>True when <paramref name="head"/> has CR line breaks and no LF at all.</summary>
        public static bool IsCrOnly(ReadOnlySpan<byte> head) => head.IndexOf((byte)'\n') < 0 && head.IndexOf((byte)'\r') >= 0;

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }

    }
}

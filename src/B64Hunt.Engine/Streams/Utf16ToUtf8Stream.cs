using System;
using System.IO;
using System.Text;

namespace B64Hunt.Streams
{
    /// <summary>
    /// Re-encodes a UTF-16 stream (Windows PowerShell 5.1's default for Out-File/Export-Csv) as UTF-8 so the
    /// byte-level readers see one encoding.
    /// </summary>
    internal sealed class Utf16ToUtf8Stream : B64Hunt.IO.ReadOnlyStream
    {
        private readonly StreamReader _reader;
        private readonly char[] _chars = new char[16 * 1024];
        private readonly byte[] _bytes = new byte[Encoding.UTF8.GetMaxByteCount(16 * 1024)];
        private int _pos;
        private int _len;

        public Utf16ToUtf8Stream(Stream inner, Encoding encoding)
        {
            _reader = new StreamReader(inner, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_pos >= _len)
            {
                int chars = _reader.Read(_chars, 0, _chars.Length);
                if (chars == 0) return 0;
                _len = Encoding.UTF8.GetBytes(_chars, 0, chars, _bytes, 0);
                _pos = 0;
            }
            int n = Math.Min(count, _len - _pos);
            Buffer.BlockCopy(_bytes, _pos, buffer, offset, n);
            _pos += n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _reader.Dispose();
            base.Dispose(disposing);
        }

    }
}

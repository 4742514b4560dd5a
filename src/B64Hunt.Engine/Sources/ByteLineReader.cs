using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace B64Hunt.Sources
{
    /// <summary>What <see cref="ByteLineReader.Next"/> found.</summary>
    internal enum LineStatus
    {
        End,
        Line,
        /// <summary>A line over the limit was skipped; its bytes were never held together.</summary>
        TooLong,
    }

    /// <summary>
    /// Splits a stream into lines as byte ranges of one reusable buffer: no string per line, vectorised
    /// newline search. The current line (<see cref="Buffer"/>, <see cref="LineStart"/>, <see cref="LineLength"/>)
    /// is valid until the next call. Trailing CR and a leading UTF-8 BOM are dropped.
    /// </summary>
    internal sealed class ByteLineReader
    {
        private const int InitialBufferSize = 1 << 20;

        private readonly Stream _stream;
        private readonly int _maxLineLength;
        private readonly ReadStatistics _stats;
        private byte[] _buffer;
        private int _start;    // first byte of the pending (not yet returned) data
        private int _end;      // end of valid data
        private int _scanned;  // bytes after _start already known to hold no newline
        private bool _eof;

        public ByteLineReader(Stream stream, int maxLineLength, ReadStatistics stats)
        {
            _stream = stream;
            _maxLineLength = Math.Max(1, maxLineLength);
            _stats = stats;
            _buffer = new byte[InitialBufferSize];
        }

        public byte[] Buffer => _buffer;
        public int LineStart { get; private set; }
        public int LineLength { get; private set; }
        public ReadOnlySpan<byte> Line => new ReadOnlySpan<byte>(_buffer, LineStart, LineLength);
        /// <summary>1-based number of the line just returned (or skipped).</summary>
        public long LineNumber { get; private set; }
        /// <summary>Length of the last line skipped as too long (bytes seen, at least).</summary>
        public long SkippedLength { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public LineStatus Next()
        {
            while (true)
            {
                int from = _start + _scanned;
                int newline = from < _end ? new ReadOnlySpan<byte>(_buffer, from, _end - from).IndexOf((byte)'\n') : -1;
                if (newline >= 0)
                {
                    int lineEnd = from + newline;
                    int start = _start;
                    _start = lineEnd + 1;
                    _scanned = 0;
                    return SetLine(start, lineEnd);
                }
                _scanned = _end - _start;
                if (_eof)
                {
                    if (_start >= _end) return LineStatus.End;
                    int start = _start;
                    _start = _end;
                    _scanned = 0;
                    return SetLine(start, _end);
                }
                if (_end - _start > _maxLineLength) return SkipRestOfLine();
                Fill();
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private LineStatus SetLine(int start, int end)
        {
            LineNumber++;
            if (end > start && _buffer[end - 1] == (byte)'\r') end--;
            if (LineNumber == 1 && end - start >= 3 && _buffer[start] == 0xEF && _buffer[start + 1] == 0xBB && _buffer[start + 2] == 0xBF) start += 3;
            if (end - start > _maxLineLength)
            {
                SkippedLength = end - start;
                LineStart = start;
                LineLength = 0;
                return LineStatus.TooLong;
            }
            LineStart = start;
            LineLength = end - start;
            return LineStatus.Line;
        }

        // Drops the pending bytes and reads on, reusing the buffer, until the line ends.
        private LineStatus SkipRestOfLine()
        {
            LineNumber++;
            long skipped = _end - _start;
            _start = _end = _scanned = 0;
            while (true)
            {
                int n = _stream.Read(_buffer, 0, _buffer.Length);
                if (n == 0)
                {
                    _eof = true;
                    break;
                }
                _stats.BytesRead += n;
                int newline = new ReadOnlySpan<byte>(_buffer, 0, n).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    skipped += newline;
                    _start = newline + 1;
                    _end = n;
                    break;
                }
                skipped += n;
            }
            SkippedLength = skipped;
            LineStart = 0;
            LineLength = 0;
            return LineStatus.TooLong;
        }

        private void Fill()
        {
            if (_end == _buffer.Length)
            {
                if (_start > 0)
                {
                    System.Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                    _end -= _start;
                    _start = 0;
                }
                else
                {
                    // A line longer than the buffer: grow, but never past the limit (+ CR LF).
                    int size = (int)Math.Min((long)_buffer.Length * 2, (long)_maxLineLength + 2);
                    if (size <= _buffer.Length) size = _buffer.Length + 1;
                    Array.Resize(ref _buffer, size);
                }
            }
            else if (_start > 0 && _start >= _buffer.Length / 2)
            {
                // Keep reads large: move the pending tail to the front once the head is mostly consumed.
                System.Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            int n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0)
            {
                _eof = true;
                return;
            }
            _end += n;
            _stats.BytesRead += n;
        }
    }
}

using System;
using System.IO;
using System.Text.Json;

namespace B64Hunt.Sources.Rows
{
    internal enum JsonScanStatus
    {
        Value,
        End,
        /// <summary>The value was over the limit; it was skipped without being held whole.</summary>
        TooLong,
        /// <summary>The input ended inside the value.</summary>
        Truncated,
    }

    /// <summary>
    /// Walks the structure of a JSON stream by bytes and captures one value at a time into its buffer
    /// (an array element, a table row), so a file of any size is parsed one small JsonDocument at a time.
    /// The scanner only tracks strings and nesting; the captured slice is parsed by System.Text.Json.
    /// </summary>
    internal sealed class JsonScanner
    {
        private readonly Stream _stream;
        private readonly int _maxValueLength;
        private readonly ReadStatistics _stats;
        private byte[] _buffer;
        private int _pos;
        private int _end;
        private bool _eof;
        private long _bufferOffset; // stream offset of _buffer[0]
        private bool _started;

        /// <param name="stream">The JSON text, read forward once.</param>
        /// <param name="maxValueLength">Bytes one value may span.</param>
        /// <param name="stats">Counts the bytes read (BytesRead).</param>
        /// <param name="bufferSize">The first refill block; it grows only while one value needs more.</param>
        public JsonScanner(Stream stream, int maxValueLength, ReadStatistics stats, int bufferSize = 256 * 1024)
        {
            _buffer = new byte[Math.Max(16, bufferSize)];
            _stream = stream;
            _maxValueLength = Math.Max(16, maxValueLength);
            _stats = stats;
        }

        /// <summary>1-based line of the next unread byte.</summary>
        public long Line { get; private set; } = 1;

        /// <summary>Byte offset of the next unread byte.</summary>
        public long Offset => _bufferOffset + _pos;

        public byte[] Buffer => _buffer;

        /// <summary>Skips whitespace (and a leading BOM); returns the next byte, or -1 at the end.</summary>
        public int Peek()
        {
            while (true)
            {
                if (_pos >= _end && !Fill(keepFrom: _pos)) return -1;
                if (!_started)
                {
                    _started = true;
                    if (_end - _pos >= 3 && _buffer[_pos] == 0xEF && _buffer[_pos + 1] == 0xBB && _buffer[_pos + 2] == 0xBF) _pos += 3;
                    continue;
                }
                byte b = _buffer[_pos];
                if (b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r') { _pos++; continue; }
                if (b == (byte)'\n') { _pos++; Line++; continue; }
                return b;
            }
        }

        /// <summary>Consumes the byte <see cref="Peek"/> returned (a structural character).</summary>
        public void Advance() => _pos++;

        /// <summary>
        /// Captures the value starting at the next non-space byte: on <see cref="JsonScanStatus.Value"/>,
        /// <paramref name="start"/>/<paramref name="length"/> address it in <see cref="Buffer"/> until the next call.
        /// </summary>
        public JsonScanStatus Capture(out int start, out int length, out long skippedLength)
        {
            start = 0;
            length = 0;
            skippedLength = 0;
            int first = Peek();
            if (first < 0) return JsonScanStatus.End;
            bool container = first == '{' || first == '[';
            bool inString = first == '"';
            bool escape = false;
            int depth = container ? 1 : 0;
            int j = _pos + 1;
            long dropped = 0;
            bool discarding = false;
            if (!container && !inString)
            {
                j = _pos; // a scalar: ends at a delimiter
            }
            while (true)
            {
                if (j >= _end)
                {
                    if (!discarding && j - _pos > _maxValueLength) discarding = true;
                    if (discarding)
                    {
                        dropped += j - _pos;
                        _pos = j;
                    }
                    int before = _pos;
                    bool more = Fill(keepFrom: _pos);
                    j -= before - _pos; // the kept bytes moved to the front
                    if (!more)
                    {
                        if (!container && !inString)
                        {
                            break; // a scalar ends with the input
                        }
                        skippedLength = dropped + (j - _pos);
                        _pos = j;
                        return JsonScanStatus.Truncated;
                    }
                    continue;
                }
                byte b = _buffer[j];
                if (b == (byte)'\n') Line++;
                if (inString)
                {
                    if (escape) escape = false;
                    else if (b == (byte)'\\') escape = true;
                    else if (b == (byte)'"')
                    {
                        inString = false;
                        if (depth == 0)
                        {
                            j++;
                            break;
                        }
                    }
                    j++;
                    continue;
                }
                if (container)
                {
                    if (b == (byte)'"') inString = true;
                    else if (b == (byte)'{' || b == (byte)'[') depth++;
                    else if (b == (byte)'}' || b == (byte)']')
                    {
                        if (--depth == 0)
                        {
                            j++;
                            break;
                        }
                    }
                    j++;
                    continue;
                }
                // scalar
                if (b == (byte)',' || b == (byte)']' || b == (byte)'}' || b == (byte)' ' || b == (byte)'\n' || b == (byte)'\r' || b == (byte)'\t')
                {
                    if (b == (byte)'\n') Line--; // not part of the value; Peek counts it
                    break;
                }
                j++;
            }
            if (discarding || j - _pos > _maxValueLength)
            {
                skippedLength = dropped + (j - _pos);
                _pos = j;
                return JsonScanStatus.TooLong;
            }
            start = _pos;
            length = j - _pos;
            _pos = j;
            return JsonScanStatus.Value;
        }

        /// <summary>Reads a string value (a property name).</summary>
        public string? ReadString()
        {
            if (Capture(out int start, out int length, out _) != JsonScanStatus.Value || length < 2 || _buffer[start] != (byte)'"') return null;
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, start, length));
            try
            {
                return reader.Read() ? reader.GetString() : null;
            }
            catch (JsonException)
            {
                return null;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        // Moves the bytes from keepFrom to the front (growing the buffer when they fill it) and reads more.
        private bool Fill(int keepFrom)
        {
            if (_eof) return false;
            int keep = _end - keepFrom;
            if (keepFrom > 0)
            {
                System.Buffer.BlockCopy(_buffer, keepFrom, _buffer, 0, keep);
                _bufferOffset += keepFrom;
                _pos -= keepFrom;
                _end = keep;
            }
            if (_end == _buffer.Length && _buffer.Length < _maxValueLength + 1024)
            {
                Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, (long)_maxValueLength + 1024));
            }
            int n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0)
            {
                _eof = true;
                return false;
            }
            _end += n;
            _stats.BytesRead += n;
            return true;
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace B64Hunt.Sources.Rows
{
    internal enum CsvStatus
    {
        End,
        Record,
        /// <summary>The record was over the limit; its fields were not kept.</summary>
        TooLong,
        /// <summary>The input ended inside a quoted field.</summary>
        Unterminated,
    }

    /// <summary>
    /// Streaming RFC 4180 reader: quoted fields with commas, doubled quotes and line breaks; CRLF or LF.
    /// Text after a closing quote is kept (lenient). A record over the limit is parsed to its end without
    /// keeping its text.
    /// </summary>
    internal sealed class CsvRecordReader
    {
        private readonly TextReader _reader;
        private readonly char[] _buffer;
        private readonly int _maxChars;
        private readonly StringBuilder _field = new StringBuilder();
        private int _pos;
        private int _len;
        private long _line = 1;
        private int _recordChars;
        private bool _tooLong;

        /// <param name="reader">The text, read in blocks of <paramref name="bufferSize"/> characters.</param>
        /// <param name="maxChars">Characters a record may hold; a longer one is <see cref="CsvStatus.TooLong"/>.</param>
        /// <param name="bufferSize">The refill block (tests make it small to put record ends on a refill).</param>
        public CsvRecordReader(TextReader reader, int maxChars, int bufferSize = 64 * 1024)
        {
            _reader = reader;
            _maxChars = maxChars;
            _buffer = new char[bufferSize];
        }

        /// <summary>The fields of one line of text (a header), read as a record.</summary>
        public static List<string> SplitLine(string line)
        {
            var fields = new List<string>();
            new CsvRecordReader(new StringReader(line), int.MaxValue, Math.Max(16, Math.Min(line.Length, 64 * 1024))).Read(fields);
            return fields;
        }

        /// <summary>The physical line the last record started on.</summary>
        public long RecordLine { get; private set; }

        /// <summary>Physical lines the last record spanned.</summary>
        public long RecordLines { get; private set; }

        /// <summary>Characters of the last record (at least, when too long).</summary>
        public long RecordLength => _recordChars;

        public CsvStatus Read(List<string> fields)
        {
            fields.Clear();
            RecordLine = _line;
            _recordChars = 0;
            _tooLong = false;
            if (Peek() < 0)
            {
                RecordLines = 0;
                return CsvStatus.End;
            }
            while (true)
            {
                _field.Clear();
                int c = Next();
                if (c == '"')
                {
                    while (true)
                    {
                        c = Next();
                        if (c < 0)
                        {
                            fields.Add(_field.ToString());
                            RecordLines = _line - RecordLine + 1;
                            return CsvStatus.Unterminated;
                        }
                        if (c == '"')
                        {
                            if (Peek() != '"') break;
                            Next();
                        }
                        Append((char)c);
                    }
                    c = Next();
                }
                while (c >= 0 && c != ',' && c != '\n' && c != '\r')
                {
                    Append((char)c);
                    c = Next();
                }
                fields.Add(_tooLong ? string.Empty : _field.ToString());
                if (c == ',') continue;
                if (c == '\r' && Peek() == '\n') Next();
                RecordLines = _line - RecordLine + (c < 0 ? 1 : 0);
                if (c == '\r') RecordLines++;
                return _tooLong ? CsvStatus.TooLong : CsvStatus.Record;
            }
        }

        private void Append(char c)
        {
            if (_tooLong) return;
            if (++_recordChars > _maxChars)
            {
                _tooLong = true;
                _field.Clear();
                return;
            }
            _field.Append(c);
        }

        private int Peek()
        {
            if (_pos >= _len && !Fill()) return -1;
            return _buffer[_pos];
        }

        private int Next()
        {
            if (_pos >= _len && !Fill()) return -1;
            char c = _buffer[_pos++];
            if (c == '\n') _line++;
            return c;
        }

        private bool Fill()
        {
            _len = _reader.Read(_buffer, 0, _buffer.Length);
            _pos = 0;
            return _len > 0;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace B64Hunt.Sources.Rows
{
    /// <summary>
    /// One row of a JSON source: an object's members (names and cell texts), or a table row's cells (names from the
    /// table's columns). Cells are text as a table shows them: strings unescaped, null as null, anything else (numbers,
    /// booleans, nested objects such as Entities) as its JSON text. Reused from row to row.
    /// </summary>
    internal sealed class JsonRow
    {
        internal static readonly JsonReaderOptions Options = new JsonReaderOptions
        {
            AllowTrailingCommas = true,
            CommentHandling = JsonCommentHandling.Skip,
        };

        private readonly List<string> _names = new List<string>();
        private IReadOnlyList<string> _columns = Array.Empty<string>();

        /// <summary>The cells' names: the members' names, or the table's columns.</summary>
        public IReadOnlyList<string> Names => InTable ? _columns : _names;

        public List<string?> Values { get; } = new List<string?>();

        /// <summary>True for a row of a {"tables":[{"columns","rows"}]} table (an array of cells).</summary>
        public bool InTable { get; private set; }

        /// <summary>1-based line of the row's first byte.</summary>
        public long Line { get; internal set; }

        /// <summary>1-based position of the row in its array (or 1 for a lone object or a JSON line).</summary>
        public long Index { get; internal set; }

        internal void Clear()
        {
            _names.Clear();
            Values.Clear();
            InTable = false;
        }

        internal void Add(string name, string? value)
        {
            _names.Add(name);
            Values.Add(value);
        }

        /// <summary>
        /// Reads one complete element with <see cref="Utf8JsonReader"/>: an object into names and cells, or (for a
        /// table row) an array into cells named by <paramref name="columns"/>. Returns the element's kind; other kinds
        /// leave the row empty.
        /// </summary>
        /// <exception cref="JsonException">The element is not well-formed JSON.</exception>
        /// <exception cref="InvalidOperationException">A name or string is not valid UTF-8.</exception>
        internal JsonTokenType Read(ReadOnlySpan<byte> element, IReadOnlyList<string>? columns)
        {
            Clear();
            var reader = new Utf8JsonReader(element, Options);
            if (!reader.Read()) throw new JsonException("the element is empty");
            var kind = reader.TokenType;
            if (kind == JsonTokenType.StartObject && columns == null)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string name = reader.GetString()!;
                    reader.Read();
                    Add(name, Cell(ref reader, element));
                }
            }
            else if (kind == JsonTokenType.StartArray && columns != null)
            {
                InTable = true;
                _columns = columns;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) Values.Add(Cell(ref reader, element));
            }
            else
            {
                reader.Skip();
            }
            // Text after the value ("{...} {...}" on one line) makes the element malformed, as a parser of whole documents says.
            if (reader.Read()) throw new JsonException("'" + (char)element[(int)reader.TokenStartIndex] + "' follows the value");
            return kind;
        }

        /// <summary>The cell text of one whole value (a member of a row object read by parts).</summary>
        internal static string? ScalarText(ReadOnlySpan<byte> value)
        {
            try
            {
                var reader = new Utf8JsonReader(value, Options);
                return reader.Read() ? Cell(ref reader, value) : null;
            }
            catch (Exception e) when (e is JsonException || e is InvalidOperationException)
            {
                return null;
            }
        }

        // The value at the reader's token, leaving the reader on its last token.
        private static string? Cell(ref Utf8JsonReader reader, ReadOnlySpan<byte> element)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    int start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    return Encoding.UTF8.GetString(element.Slice(start, (int)reader.BytesConsumed - start).ToArray());
                default:
                    return Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
            }
        }
    }
}

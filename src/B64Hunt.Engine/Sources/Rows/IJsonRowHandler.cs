using System.Collections.Generic;

namespace B64Hunt.Sources.Rows
{
    /// <summary>What a JSON row source tells its consumer: rows, a table's columns, and what was wrong where.</summary>
    internal interface IJsonRowHandler
    {
        /// <summary>An element (a row or an object, well-formed or not) was taken from the input.</summary>
        void Element(long line);

        /// <summary>A table's "columns": the names its rows' cells have, in order; null when they are not readable.</summary>
        void Columns(IReadOnlyList<string>? names, long line);

        /// <summary>False when this table's rows can be left unparsed (they cannot give what the consumer needs).</summary>
        bool WantsTableRows { get; }

        /// <summary>A table row left unparsed because <see cref="WantsTableRows"/> was false.</summary>
        void SkippedRow();

        void Row(JsonRow row);

        /// <summary>An element is not well-formed JSON: it alone is lost.</summary>
        void Malformed(long line, long offset, string why);

        /// <summary>The structure between elements broke: the rest of the input is not read.</summary>
        void Broken(long line, long offset, string why);

        /// <summary>A well-formed element that is not a row (a number in an array of objects).</summary>
        void NotARow(long line, string why);

        /// <summary>An element over the length limit, skipped without being held.</summary>
        void TooLong(long line, long length);
    }
}

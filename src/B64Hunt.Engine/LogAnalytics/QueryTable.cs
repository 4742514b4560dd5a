using System;
using System.Collections.Generic;

namespace B64Hunt.LogAnalytics
{
    /// <summary>One column of a result table: its name and KQL type (bool, datetime, dynamic, int, long, real, string, guid, decimal, timespan).</summary>
    public sealed class QueryColumn
    {
        public QueryColumn(string name, string type)
        {
            Name = name;
            Type = type;
        }

        public string Name { get; }
        public string Type { get; }

        public override string ToString() => Name + ":" + Type;
    }

    /// <summary>
    /// A decoded result table. Each row is an object?[] in column order with values as .NET types:
    /// datetime → DateTime (UTC), dynamic → <see cref="KqlDynamic"/>, long → long, int → int, real → double,
    /// bool → bool, guid → Guid, timespan → TimeSpan, decimal → decimal, string → string, null → null.
    /// </summary>
    public sealed class QueryTable
    {
        private readonly Dictionary<string, int> _ordinals;

        public QueryTable(string name, IReadOnlyList<QueryColumn> columns, IReadOnlyList<object?[]> rows)
        {
            Name = name;
            Columns = columns;
            Rows = rows;
            _ordinals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < columns.Count; i++)
            {
                _ordinals.TryAdd(columns[i].Name, i);
            }
        }

        public string Name { get; }
        public IReadOnlyList<QueryColumn> Columns { get; }
        public IReadOnlyList<object?[]> Rows { get; }

        /// <summary>The position of a column (case-insensitive), or -1.</summary>
        public int GetOrdinal(string name) => _ordinals.TryGetValue(name, out var i) ? i : -1;

        /// <summary>The first of the names that is a column, or -1.</summary>
        public int GetOrdinal(params string[] names)
        {
            foreach (var name in names)
            {
                var i = GetOrdinal(name);
                if (i >= 0) return i;
            }
            return -1;
        }

        /// <summary>A row as a name → value dictionary (for PowerShell users and tests).</summary>
        public IReadOnlyDictionary<string, object?> GetRowDictionary(int index)
        {
            var row = Rows[index];
            var map = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < Columns.Count && i < row.Length; i++) map[Columns[i].Name] = row[i];
            return map;
        }

        public override string ToString() => Name + " (" + Rows.Count + " rows)";
    }

    /// <summary>A query's answer: the tables, and the partial error when the service returned only part of the data.</summary>
    public sealed class QueryResult
    {
        public QueryResult(IReadOnlyList<QueryTable> tables, QueryError? partialError)
        {
            Tables = tables;
            PartialError = partialError;
        }

        public IReadOnlyList<QueryTable> Tables { get; }

        /// <summary>The "PrimaryResult" table (or the first one); an empty table when there is none.</summary>
        public QueryTable PrimaryTable
        {
            get
            {
                foreach (var table in Tables)
                {
                    if (table.Name == "PrimaryResult") return table;
                }
                return Tables.Count > 0
                    ? Tables[0]
                    : new QueryTable("PrimaryResult", Array.Empty<QueryColumn>(), Array.Empty<object?[]>());
            }
        }

        /// <summary>Set when the service answered 200 with an error (PartialError).</summary>
        public QueryError? PartialError { get; }
    }

    /// <summary>The service's error object, flattened: the outer code and message, and every nested code and message.</summary>
    public sealed class QueryError
    {
        public QueryError(string code, string message, IReadOnlyList<string> details, string? innermostCode, string? innermostMessage,
            int? line, int? position, string? correlationId)
        {
            Code = code;
            Message = message;
            Details = details;
            InnermostCode = innermostCode;
            InnermostMessage = innermostMessage;
            Line = line;
            Position = position;
            CorrelationId = correlationId;
        }

        public string Code { get; }
        public string Message { get; }
        /// <summary>"code: message" of every nested detail and inner error, outermost first.</summary>
        public IReadOnlyList<string> Details { get; }
        public string? InnermostCode { get; }
        public string? InnermostMessage { get; }
        /// <summary>For syntax errors: where the parser stopped.</summary>
        public int? Line { get; }
        public int? Position { get; }
        public string? CorrelationId { get; }

        /// <summary>True when any part names the result-size or record-count limit (the result was cut).</summary>
        public bool IsResultTruncation
        {
            get
            {
                foreach (var text in AllText())
                {
                    if (text.IndexOf("E_QUERY_RESULT_SET_TOO_LARGE", StringComparison.OrdinalIgnoreCase) >= 0
                        || text.IndexOf("64000000", StringComparison.Ordinal) >= 0
                        || text.IndexOf("67108864", StringComparison.Ordinal) >= 0
                        || text.IndexOf("record count limit", StringComparison.OrdinalIgnoreCase) >= 0
                        || text.IndexOf("data size limit", StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        return true;
                    }
                }
                return false;
            }
        }

        internal IEnumerable<string> AllText()
        {
            yield return Code;
            yield return Message;
            foreach (var detail in Details) yield return detail;
        }

        /// <summary>The most specific message with every detail, for the user.</summary>
        public string Describe()
        {
            var text = Message;
            if (Details.Count > 0) text += " " + string.Join("; ", Details);
            if (!string.IsNullOrEmpty(CorrelationId)) text += " (correlation id " + CorrelationId + ")";
            return text;
        }

        public override string ToString() => Code + ": " + Message;
    }
}

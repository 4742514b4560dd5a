using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace B64Hunt.Tests.QueryEngines
{
    /// <summary>Answers in the documented shapes of Graph's runHuntingQuery and Data Explorer's v1 query API.</summary>
    internal static class EngineAnswers
    {
        /// <summary>{"@odata.context": ..., "schema": [{name, type}], "results": [{...}]} (Graph's .NET type names).</summary>
        public static string Hunting((string Name, string Type)[] schema, IEnumerable<object?[]> rows)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteString("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults");
                writer.WriteStartArray("schema");
                foreach (var (name, type) in schema)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", name);
                    writer.WriteString("type", type);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteStartArray("results");
                foreach (var row in rows)
                {
                    writer.WriteStartObject();
                    for (var i = 0; i < schema.Length; i++)
                    {
                        writer.WritePropertyName(schema[i].Name);
                        Cell(writer, row[i]);
                    }
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            return Encoding.UTF8.GetString(stream.ToArray());
        }

        /// <summary>
        /// {"Tables": [Table_0 (the result), Table_1 (QueryStatus-style completion rows)]}: columns with ColumnName,
        /// DataType and ColumnType; <paramref name="statusPayload"/> goes into the status table's Payload column.
        /// </summary>
        public static string Kusto((string Name, string Type)[] columns, IEnumerable<object?[]> rows, string? statusPayload = null)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("Tables");
                WriteKustoTable(writer, "Table_0", columns, rows);
                var status = new List<object?[]>
                {
                    new object?[] { DateTime.UtcNow, "B64Hunt.Query;1", "a1", "s1", "p1", statusPayload == null ? 4 : 2, statusPayload == null ? "Info" : "Error",
                        statusPayload == null ? 0 : -2133196797, statusPayload == null ? "S_OK (0)" : "E_QUERY_RESULT_SET_TOO_LARGE", 4, "QueryInfo",
                        statusPayload ?? "{\"Count\":1,\"Text\":\"Query completed successfully\"}" },
                };
                WriteKustoTable(writer, "Table_1", new[]
                {
                    ("Timestamp", "datetime"), ("ClientRequestId", "string"), ("ActivityId", "string"), ("SubActivityId", "string"),
                    ("ParentActivityId", "string"), ("Level", "int"), ("LevelName", "string"), ("StatusCode", "int"), ("StatusCodeName", "string"),
                    ("EventType", "int"), ("EventTypeName", "string"), ("Payload", "string"),
                }, status);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            return Encoding.UTF8.GetString(stream.ToArray());
        }

        private static void WriteKustoTable(Utf8JsonWriter writer, string name, (string Name, string Type)[] columns, IEnumerable<object?[]> rows)
        {
            writer.WriteStartObject();
            writer.WriteString("TableName", name);
            writer.WriteStartArray("Columns");
            foreach (var (column, type) in columns)
            {
                writer.WriteStartObject();
                writer.WriteString("ColumnName", column);
                writer.WriteString("DataType", type switch { "datetime" => "DateTime", "long" => "Int64", "int" => "Int32", "dynamic" => "Object", _ => "String" });
                writer.WriteString("ColumnType", type);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("Rows");
            foreach (var row in rows)
            {
                writer.WriteStartArray();
                foreach (var cell in row) Cell(writer, cell);
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        private static void Cell(Utf8JsonWriter writer, object? cell)
        {
            switch (cell)
            {
                case null: writer.WriteNullValue(); break;
                case string s: writer.WriteStringValue(s); break;
                case int i: writer.WriteNumberValue(i); break;
                case long l: writer.WriteNumberValue(l); break;
                case DateTime t: writer.WriteStringValue(t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture)); break;
                default: writer.WriteStringValue(Convert.ToString(cell, CultureInfo.InvariantCulture)); break;
            }
        }
    }
}

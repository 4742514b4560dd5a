using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace B64Hunt.LogAnalytics
{
    /// <summary>Decodes the query API's JSON: tables by column type, and the error object.</summary>
    internal static class QueryResponseReader
    {
        public static QueryResult ReadResult(Stream content)
        {
            using var document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 256 });
            var root = document.RootElement;
            var tables = new List<QueryTable>();
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("tables", out var tablesElement)
                && tablesElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var tableElement in tablesElement.EnumerateArray()) tables.Add(ReadTable(tableElement));
            }
            else
            {
                throw new FormatException("The answer has no 'tables' array.");
            }
            QueryError? error = null;
            if (root.TryGetProperty("error", out var errorElement) && errorElement.ValueKind == JsonValueKind.Object)
            {
                error = ReadError(errorElement, null);
            }
            return new QueryResult(tables, error);
        }

        /// <summary>Reads {"error": {...}} from an error answer; null when the body is not that shape.</summary>
        public static QueryError? TryReadErrorBody(Stream? content)
        {
            if (content == null) return null;
            try
            {
                using var document = JsonDocument.Parse(content);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    return ReadError(error, null);
                }
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is FormatException)
            {
                // Not JSON (a gateway's HTML page), or text that is not UTF-8: the status alone tells the story.
            }
            return null;
        }

        private static QueryTable ReadTable(JsonElement table)
        {
            var name = table.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "PrimaryResult";
            var columns = new List<QueryColumn>();
            if (table.TryGetProperty("columns", out var columnsElement) && columnsElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var column in columnsElement.EnumerateArray())
                {
                    var columnName = column.TryGetProperty("name", out var cn) ? cn.GetString() ?? string.Empty : string.Empty;
                    // The current API says "type"; the older one said "ColumnType".
                    var type = column.TryGetProperty("type", out var ct) ? ct.GetString()
                        : column.TryGetProperty("ColumnType", out var ct2) ? ct2.GetString() : "string";
                    columns.Add(new QueryColumn(columnName, (type ?? "string").ToLowerInvariant()));
                }
            }
            var rows = new List<object?[]>();
            if (table.TryGetProperty("rows", out var rowsElement) && rowsElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var rowElement in rowsElement.EnumerateArray())
                {
                    var row = new object?[columns.Count];
                    var i = 0;
                    foreach (var cell in rowElement.EnumerateArray())
                    {
                        if (i >= columns.Count) break;
                        row[i] = DecodeValue(cell, columns[i].Type);
                        i++;
                    }
                    rows.Add(row);
                }
            }
            return new QueryTable(name, columns, rows);
        }

        /// <summary>One cell by its column's KQL type, as the service encodes it (see the reference notes §1).</summary>
        internal static object? DecodeValue(JsonElement cell, string type)
        {
            if (cell.ValueKind == JsonValueKind.Null || cell.ValueKind == JsonValueKind.Undefined) return null;
            switch (type)
            {
                case "datetime":
                    var dateText = cell.GetString();
                    if (string.IsNullOrEmpty(dateText)) return null;
                    return DateTimeOffset.Parse(dateText, CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal).UtcDateTime;
                case "dynamic":
                    // Sent as JSON text; a service that inlines the JSON value is accepted too.
                    return new KqlDynamic(cell.ValueKind == JsonValueKind.String ? cell.GetString()! : cell.GetRawText());
                case "long":
                    return cell.ValueKind == JsonValueKind.Number ? cell.GetInt64() : long.Parse(cell.GetString()!, CultureInfo.InvariantCulture);
                case "int":
                    return cell.ValueKind == JsonValueKind.Number ? cell.GetInt32() : int.Parse(cell.GetString()!, CultureInfo.InvariantCulture);
                case "real":
                    if (cell.ValueKind == JsonValueKind.Number) return cell.GetDouble();
                    return ParseRealText(cell.GetString()!);
                case "bool":
                    if (cell.ValueKind == JsonValueKind.True) return true;
                    if (cell.ValueKind == JsonValueKind.False) return false;
                    if (cell.ValueKind == JsonValueKind.Number) return cell.GetInt64() != 0;
                    return bool.Parse(cell.GetString()!);
                case "guid":
                    return Guid.Parse(cell.GetString()!);
                case "timespan":
                    return TimeSpan.ParseExact(cell.GetString()!, "c", CultureInfo.InvariantCulture);
                case "decimal":
                    return cell.ValueKind == JsonValueKind.Number
                        ? cell.GetDecimal()
                        : decimal.Parse(cell.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
                default:
                    return cell.ValueKind == JsonValueKind.String ? cell.GetString() : cell.GetRawText();
            }
        }

        private static double ParseRealText(string text) => text switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };

        private static QueryError ReadError(JsonElement error, string? correlationId)
        {
            var code = GetString(error, "code") ?? "Unknown";
            var message = GetString(error, "message") ?? string.Empty;
            correlationId ??= GetString(error, "correlationId");
            var details = new List<string>();
            string? innermostCode = null, innermostMessage = null;
            int? line = null, pos = null;
            Walk(error, isRoot: true);
            return new QueryError(code, message, details, innermostCode, innermostMessage, line, pos, correlationId);

            void Walk(JsonElement node, bool isRoot)
            {
                if (!isRoot)
                {
                    var c = GetString(node, "code");
                    var m = GetString(node, "message");
                    if (c != null || m != null)
                    {
                        details.Add((c ?? "?") + ": " + (m ?? string.Empty));
                        innermostCode = c ?? innermostCode;
                        innermostMessage = m ?? innermostMessage;
                    }
                    if (node.TryGetProperty("line", out var l) && l.ValueKind == JsonValueKind.Number && l.TryGetInt32(out int lineValue)) line = lineValue;
                    if (node.TryGetProperty("pos", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out int posValue)) pos = posValue;
                }
                if (node.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in d.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Object) Walk(item, false);
                    }
                }
                if (node.TryGetProperty("innererror", out var inner) && inner.ValueKind == JsonValueKind.Object) Walk(inner, false);
            }
        }

        private static string? GetString(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
    }
}

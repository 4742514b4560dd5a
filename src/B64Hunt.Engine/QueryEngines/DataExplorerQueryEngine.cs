using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using B64Hunt.Reporting;
using B64Hunt.LogAnalytics;

namespace B64Hunt.QueryEngines
{
    /// <summary>
    /// An Azure Data Explorer database through the Kusto REST API v1: POST {cluster}/v1/rest/query with {db, csl,
    /// properties}, answered {"Tables": [{TableName, Columns: [{ColumnName, DataType, ColumnType}], Rows}]}, the first
    /// table the query's result and the later ones its status. Token scope: the cluster's URL. A result cut at the
    /// engine's limits (500,000 records or 64 MB, E_QUERY_RESULT_SET_TOO_LARGE in the status) is split by the runner.
    /// </summary>
    public sealed class DataExplorerQueryEngine : IQueryEngine
    {
        public const int ServiceRowLimit = 500_000;

        private readonly EngineHttpClient _http;
        private readonly int _serverTimeoutSeconds;

        public DataExplorerQueryEngine(Uri cluster, string database, LogAnalyticsConnection connection) : this(cluster, database, connection, null, null) { }

        internal DataExplorerQueryEngine(Uri cluster, string database, LogAnalyticsConnection connection, TokenCredential? credential,
            Func<TimeSpan, CancellationToken, Task>? delay)
        {
            if (cluster == null) throw new ArgumentNullException(nameof(cluster));
            if (connection == null) throw new ArgumentNullException(nameof(connection));
            if (!cluster.IsAbsoluteUri || (cluster.Scheme != Uri.UriSchemeHttps && !(cluster.Scheme == Uri.UriSchemeHttp && cluster.IsLoopback)))
            {
                throw new ArgumentException("-Cluster must be the cluster's https URL, e.g. https://mycluster.westeurope.kusto.windows.net.");
            }
            if (string.IsNullOrWhiteSpace(database)) throw new ArgumentException("-Database names the cluster's database to query.");
            Cluster = new Uri(cluster.GetLeftPart(UriPartial.Authority));
            Database = database.Trim();
            var seconds = (int)Math.Ceiling(connection.ServerTimeout.TotalSeconds);
            _serverTimeoutSeconds = Math.Min(3600, Math.Max(1, seconds));
            NetworkTimeout = TimeSpan.FromSeconds(_serverTimeoutSeconds + 15);
            // The token is for the cluster itself, even when -Endpoint sends the requests elsewhere (private link, tests).
            _http = new EngineHttpClient(ServiceName, EngineErrorIds.DataExplorer, connection.Endpoint ?? Cluster,
                Cluster.GetLeftPart(UriPartial.Authority) + "/.default", connection, credential, delay, () => Reporter.Verbose);
        }

        public Uri Cluster { get; }
        public string Database { get; }

        public IHuntReporter Reporter { get; set; } = SilentReporter.Instance;

        internal TimeSpan NetworkTimeout { get; set; }

        public string Source => "adx:" + Cluster.Host + "/" + Database;

        public string ServiceName => "Azure Data Explorer";

        public int RowLimit => ServiceRowLimit;

        public EngineErrorIds ErrorIds => EngineErrorIds.DataExplorer;

        public TimeSpan? Retention => null;

        public async Task<QueryResult> QueryAsync(string query, DateTime start, DateTime end, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(query)) throw new ArgumentException("The query is empty.", nameof(query));
            using var message = _http.CreatePost("/v1/rest/query", BuildBody(Database, query, _serverTimeoutSeconds), NetworkTimeout);
            message.Request.Headers.Add("x-ms-app", "B64Hunt");
            message.Request.Headers.Add("x-ms-client-request-id", "B64Hunt.Query;" + Guid.NewGuid().ToString("D"));
            await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var response = message.Response;
            if (response.Status == 200) return _http.ReadResult(response, ReadResult);
            var error = QueryResponseReader.TryReadErrorBody(response.ContentStream);
            throw _http.MapFailure(response.Status, error, "the Viewer role on database '" + Database + "' of " + Cluster.Host);
        }

        internal static byte[] BuildBody(string database, string query, int serverTimeoutSeconds)
        {
            var timeout = TimeSpan.FromSeconds(serverTimeoutSeconds).ToString("c", CultureInfo.InvariantCulture);
            // The v1 API takes the client request properties as a JSON string.
            return EngineHttpClient.JsonBody(("db", database), ("csl", query), ("properties", "{\"Options\":{\"servertimeout\":\"" + timeout + "\"}}"));
        }

        /// <summary>The first table is the result; any later table that reports the result-set limit marks it as cut.</summary>
        internal static QueryResult ReadResult(Stream content)
        {
            using var document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 256 });
            var tables = EngineHttpClient.RootArray(document, "Tables");
            var read = new List<QueryTable>();
            QueryError? partial = null;
            foreach (var table in tables.EnumerateArray())
            {
                var parsed = ReadTable(table, read.Count == 0 ? "PrimaryResult" : null);
                if (read.Count > 0 && partial == null) partial = FindLimitError(parsed);
                read.Add(parsed);
            }
            return new QueryResult(read, partial);
        }

        private static QueryTable ReadTable(JsonElement table, string? name)
        {
            name ??= table.TryGetProperty("TableName", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "Table";
            var columns = new List<QueryColumn>();
            if (table.TryGetProperty("Columns", out var columnsElement) && columnsElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var column in columnsElement.EnumerateArray())
                {
                    var columnName = column.TryGetProperty("ColumnName", out var cn) && cn.ValueKind == JsonValueKind.String ? cn.GetString()! : string.Empty;
                    var type = column.TryGetProperty("ColumnType", out var ct) && ct.ValueKind == JsonValueKind.String ? ct.GetString()!
                        : column.TryGetProperty("DataType", out var dt) && dt.ValueKind == JsonValueKind.String ? DefenderXdrQueryEngine.KqlType(dt.GetString()!) : "string";
                    columns.Add(new QueryColumn(columnName, type.ToLowerInvariant()));
                }
            }
            var rows = new List<object?[]>();
            if (table.TryGetProperty("Rows", out var rowsElement) && rowsElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var rowElement in rowsElement.EnumerateArray())
                {
                    if (rowElement.ValueKind != JsonValueKind.Array) throw new FormatException("A row is not an array.");
                    var row = new object?[columns.Count];
                    var i = 0;
                    foreach (var cell in rowElement.EnumerateArray())
                    {
                        if (i >= columns.Count) break;
                        row[i] = QueryResponseReader.DecodeValue(cell, columns[i].Type);
                        i++;
                    }
                    rows.Add(row);
                }
            }
            return new QueryTable(name, columns, rows);
        }

        private static QueryError? FindLimitError(QueryTable table)
        {
            foreach (var row in table.Rows)
            {
                foreach (var cell in row)
                {
                    var text = cell as string ?? (cell as KqlDynamic)?.Json;
                    if (text == null) continue;
                    var error = new QueryError("PartialError", text, Array.Empty<string>(), null, null, null, null, null);
                    if (error.IsResultTruncation) return error;
                }
            }
            return null;
        }
    }
}

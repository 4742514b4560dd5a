using System;
using System.Collections.Generic;
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
    /// Microsoft Defender XDR advanced hunting through Microsoft Graph: POST {graph}/v1.0/security/runHuntingQuery with
    /// {"Query": kql}, answered {"schema": [{name, type}], "results": [{column: value}]}. Token scope: the cloud's Graph
    /// audience (ThreatHunting.Read.All). Limits: 30 days of data, 100,000 rows and 124 MB an answer (a 400 "exceeded
    /// the allowed result size", which the runner splits like a cut result), about 45 calls a minute (429, retried
    /// honouring Retry-After).
    /// </summary>
    public sealed class DefenderXdrQueryEngine : IQueryEngine
    {
        /// <summary>The rows one answer may carry.</summary>
        public const int ServiceRowLimit = 100_000;

        private readonly EngineHttpClient _http;

        public DefenderXdrQueryEngine(LogAnalyticsConnection connection) : this(connection, null, null) { }

        internal DefenderXdrQueryEngine(LogAnalyticsConnection connection, TokenCredential? credential, Func<TimeSpan, CancellationToken, Task>? delay)
        {
            if (connection == null) throw new ArgumentNullException(nameof(connection));
            var endpoint = connection.Endpoint ?? GetEndpoint(connection.Environment);
            _http = new EngineHttpClient(ServiceName, EngineErrorIds.DefenderXdr, endpoint, GetScope(connection.Environment), connection,
                credential, delay, () => Reporter.Verbose);
            // Advanced hunting stops a query after 3 minutes; the answer may still take a while to arrive.
            NetworkTimeout = TimeSpan.FromMinutes(4);
            Source = "defenderxdr:" + (connection.TenantId ?? endpoint.Host);
        }

        public IHuntReporter Reporter { get; set; } = SilentReporter.Instance;

        internal TimeSpan NetworkTimeout { get; set; }

        public string Source { get; }

        public string ServiceName => "Defender XDR";

        public int RowLimit => ServiceRowLimit;

        public EngineErrorIds ErrorIds => EngineErrorIds.DefenderXdr;

        public TimeSpan? Retention => TimeSpan.FromDays(30);

        /// <summary>The OAuth scope asked for.</summary>
        public string Scope => _http.Scope;

        /// <summary>Microsoft Graph per cloud.</summary>
        public static Uri GetEndpoint(LogAnalyticsEnvironment environment) => environment switch
        {
            LogAnalyticsEnvironment.AzureUSGovernment => new Uri("https://graph.microsoft.us"),
            LogAnalyticsEnvironment.AzureChinaCloud => new Uri("https://microsoftgraph.chinacloudapi.cn"),
            _ => new Uri("https://graph.microsoft.com"),
        };

        public static string GetScope(LogAnalyticsEnvironment environment) => GetEndpoint(environment).GetLeftPart(UriPartial.Authority) + "/.default";

        public async Task<QueryResult> QueryAsync(string query, DateTime start, DateTime end, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(query)) throw new ArgumentException("The query is empty.", nameof(query));
            using var message = _http.CreatePost("/v1.0/security/runHuntingQuery", BuildBody(query), NetworkTimeout);
            await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var response = message.Response;
            if (response.Status == 200) return _http.ReadResult(response, ReadResult);
            var error = QueryResponseReader.TryReadErrorBody(response.ContentStream);
            if (response.Status == 400 && error != null && error.Message.IndexOf("exceeded the allowed result size", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                // Over 124 MB: not a bad query but a cut answer; the runner splits the window.
                return new QueryResult(Array.Empty<QueryTable>(), new QueryError("E_QUERY_RESULT_SET_TOO_LARGE",
                    "Defender XDR refused an answer over its 124 MB limit: " + _http.Scrub(error.Message), Array.Empty<string>(), null, null, null, null, null));
            }
            throw _http.MapFailure(response.Status, error, "the Microsoft Graph application permission ThreatHunting.Read.All (or, signed in as a user, " +
                "the delegated ThreatHunting.Read.All with a Defender XDR role that can run advanced hunting)");
        }

        internal static byte[] BuildBody(string query) => EngineHttpClient.JsonBody(("Query", query));

        /// <summary>The Graph answer as one table: the schema's columns (Graph's type names as KQL types), each result object a row.</summary>
        internal static QueryResult ReadResult(Stream content)
        {
            using var document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 256 });
            var root = document.RootElement;
            var results = EngineHttpClient.RootArray(document, "results");
            var columns = new List<QueryColumn>();
            if (root.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.Array)
            {
                foreach (var column in schema.EnumerateArray())
                {
                    var name = column.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : throw new FormatException("A schema entry has no name.");
                    var type = column.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "String";
                    columns.Add(new QueryColumn(name, KqlType(type)));
                }
            }
            var rows = new List<object?[]>();
            foreach (var result in results.EnumerateArray())
            {
                if (result.ValueKind != JsonValueKind.Object) throw new FormatException("A result is not an object.");
                var row = new object?[columns.Count];
                for (var i = 0; i < columns.Count; i++)
                {
                    if (result.TryGetProperty(columns[i].Name, out var cell)) row[i] = QueryResponseReader.DecodeValue(cell, columns[i].Type);
                }
                rows.Add(row);
            }
            return new QueryResult(new[] { new QueryTable("PrimaryResult", columns, rows) }, null);
        }

        /// <summary>Graph's schema types (the .NET names) as KQL's.</summary>
        internal static string KqlType(string graphType) => graphType.ToLowerInvariant() switch
        {
            "datetime" => "datetime",
            "int64" or "long" => "long",
            "int32" or "int" => "int",
            "double" or "real" => "real",
            "boolean" or "bool" => "bool",
            "guid" => "guid",
            "timespan" => "timespan",
            "decimal" => "decimal",
            "object" or "dynamic" => "dynamic",
            _ => "string",
        };
    }
}

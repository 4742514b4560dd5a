using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace B64Hunt.Tests.LogAnalytics
{
    /// <summary>What the fake service saw of one request.</summary>
    public sealed class FakeRequest
    {
        public string Method { get; init; } = string.Empty;
        public string Path { get; init; } = string.Empty;
        public string? Authorization { get; init; }
        public string? Prefer { get; init; }
        public string? ContentType { get; init; }
        public string Body { get; init; } = string.Empty;
        public string? Query { get; init; }
        public string? Timespan { get; init; }
        /// <summary>The database of a Data Explorer request ("db").</summary>
        public string? Database { get; init; }
        /// <summary>Every request header (Data Explorer's x-ms-app and client request id, ...).</summary>
        public System.Collections.Specialized.NameValueCollection? Headers { get; init; }

        private static readonly Regex Bounds = new Regex(
            @"TimeGenerated >= datetime\((?<s>[^)]+)\) and TimeGenerated < datetime\((?<e>[^)]+)\)|Timestamp >= datetime\((?<s>[^)]+)\) and Timestamp < datetime\((?<e>[^)]+)\)");

        /// <summary>The half-open window the KQL filters on.</summary>
        public (DateTime Start, DateTime End) KqlWindow
        {
            get
            {
                var match = Bounds.Match(Query ?? string.Empty);
                if (!match.Success) throw new InvalidOperationException("No time filter in the KQL: " + Query);
                return (Parse(match.Groups["s"].Value), Parse(match.Groups["e"].Value));
            }
        }

        internal static DateTime Parse(string text) =>
            DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }

    /// <summary>An answer of the fake service.</summary>
    public sealed class FakeResponse
    {
        public int Status { get; init; } = 200;
        public string Body { get; init; } = "{}";
        public Dictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
        /// <summary>When set, the server waits for it before answering (to test cancellation).</summary>
        public Task? HoldUntil { get; init; }
    }

    /// <summary>
    /// A real HTTP server on 127.0.0.1 answering as the Log Analytics query API does, so the client is tested over the
    /// wire (headers, body, status codes), never against a mock.
    /// </summary>
    public sealed class FakeLogAnalyticsServer : IDisposable
    {
        private readonly HttpListener _listener = new HttpListener();
        private readonly Func<FakeRequest, FakeResponse> _handler;
        private readonly List<FakeRequest> _requests = new List<FakeRequest>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Task _loop;

        public FakeLogAnalyticsServer(Func<FakeRequest, FakeResponse> handler)
        {
            _handler = handler;
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Endpoint = new Uri("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + "/");
            _listener.Prefixes.Add(Endpoint.ToString());
            _listener.Start();
            _loop = Task.Run(LoopAsync);
        }

        public Uri Endpoint { get; }

        /// <summary>Set when a request arrived (for cancellation tests).</summary>
        public TaskCompletionSource<bool> RequestArrived { get; } = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<FakeRequest> Requests
        {
            get
            {
                lock (_requests) return _requests.ToArray();
            }
        }

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (HttpListenerException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                _ = Task.Run(() => HandleAsync(context));
            }
        }

        private async Task HandleAsync(HttpListenerContext context)
        {
            try
            {
                string body;
                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8)) body = await reader.ReadToEndAsync().ConfigureAwait(false);
                string? query = null, timespan = null, database = null;
                try
                {
                    using var json = JsonDocument.Parse(body);
                    // Log Analytics says "query", Graph's runHuntingQuery "Query", Data Explorer "csl" (with "db").
                    if (json.RootElement.TryGetProperty("query", out var q) || json.RootElement.TryGetProperty("Query", out q)
                        || json.RootElement.TryGetProperty("csl", out q)) query = q.GetString();
                    if (json.RootElement.TryGetProperty("db", out var db)) database = db.GetString();
                    if (json.RootElement.TryGetProperty("timespan", out var t)) timespan = t.GetString();
                }
                catch (JsonException)
                {
                }
                var request = new FakeRequest
                {
                    Method = context.Request.HttpMethod,
                    Path = context.Request.Url!.AbsolutePath,
                    Authorization = context.Request.Headers["Authorization"],
                    Prefer = context.Request.Headers["Prefer"],
                    ContentType = context.Request.ContentType,
                    Body = body,
                    Query = query,
                    Timespan = timespan,
                    Database = database,
                    Headers = context.Request.Headers,
                };
                lock (_requests) _requests.Add(request);
                RequestArrived.TrySetResult(true);
                FakeResponse response;
                try
                {
                    response = _handler(request);
                }
                catch (Exception ex)
                {
                    response = new FakeResponse { Status = 599, Body = "{\"error\":{\"code\":\"TestServerFault\",\"message\":" + JsonSerializer.Serialize(ex.Message) + "}}" };
                }
                if (response.HoldUntil != null)
                {
                    await Task.WhenAny(response.HoldUntil, Task.Delay(Timeout.Infinite, _stop.Token)).ConfigureAwait(false);
                }
                var bytes = Encoding.UTF8.GetBytes(response.Body);
                context.Response.StatusCode = response.Status;
                context.Response.ContentType = "application/json; charset=utf-8";
                foreach (var header in response.Headers) context.Response.Headers[header.Key] = header.Value;
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
                context.Response.Close();
            }
            catch (Exception)
            {
                // The client went away (cancellation): nothing to answer.
                try { context.Response.Abort(); } catch (Exception) { }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            try { _listener.Stop(); } catch (ObjectDisposedException) { }
            // The managed listener's Close after Stop may bind the port again to remove its prefix, and fail with
            // "Address already in use" when a parallel test has taken the port meanwhile: nothing is left to release then.
            try { _listener.Close(); } catch (HttpListenerException) { }
            try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        }

        // ---- answers in the service's shapes ----

        /// <summary>{"tables":[{"name":"PrimaryResult","columns":[...],"rows":[...]}]} with an optional "error".</summary>
        public static string Table((string Name, string Type)[] columns, IEnumerable<object?[]> rows, string? errorJson = null)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("tables");
                writer.WriteStartObject();
                writer.WriteString("name", "PrimaryResult");
                writer.WriteStartArray("columns");
                foreach (var (name, type) in columns)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", name);
                    writer.WriteString("type", type);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteStartArray("rows");
                foreach (var row in rows)
                {
                    writer.WriteStartArray();
                    foreach (var cell in row) WriteCell(writer, cell);
                    writer.WriteEndArray();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            var text = Encoding.UTF8.GetString(stream.ToArray());
            return errorJson == null ? text : text.Substring(0, text.Length - 1) + ",\"error\":" + errorJson + "}";
        }

        private static void WriteCell(Utf8JsonWriter writer, object? cell)
        {
            switch (cell)
            {
                case null: writer.WriteNullValue(); break;
                case string s: writer.WriteStringValue(s); break;
                case bool b: writer.WriteBooleanValue(b); break;
                case int i: writer.WriteNumberValue(i); break;
                case long l: writer.WriteNumberValue(l); break;
                case double d: writer.WriteNumberValue(d); break;
                case DateTime t: writer.WriteStringValue(t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)); break;
                case RawJson raw: writer.WriteRawValue(raw.Json); break;
                default: writer.WriteStringValue(Convert.ToString(cell, CultureInfo.InvariantCulture)); break;
            }
        }

        /// <summary>The real partial error at the 64 MB limit (from a service recording).</summary>
        public const string SizeLimitPartialError =
            "{\"code\":\"PartialError\",\"message\":\"There were some errors when processing your query.\",\"details\":[{\"code\":\"EngineError\"," +
            "\"message\":\"Something went wrong processing your query on the server.\",\"innererror\":{\"code\":\"-2133196797\"," +
            "\"message\":\"Query result set has exceeded the internal data size limit 64000000 (E_QUERY_RESULT_SET_TOO_LARGE; see https://aka.ms/kustoquerylimits)\"," +
            "\"severity\":2,\"severityName\":\"Error\"}}]}";

        public static FakeResponse Error(int status, string code, string message, string? innerJson = null, Dictionary<string, string>? headers = null) =>
            new FakeResponse
            {
                Status = status,
                Body = "{\"error\":{\"message\":" + JsonSerializer.Serialize(message) + ",\"code\":" + JsonSerializer.Serialize(code) +
                       ",\"correlationId\":\"5f1c4a2e-0000-4000-8000-000000000001\"" + (innerJson != null ? ",\"innererror\":" + innerJson : string.Empty) + "}}",
                Headers = headers ?? new Dictionary<string, string>(),
            };
    }

    /// <summary>A cell written as raw JSON (numbers as the service writes them).</summary>
    public sealed record RawJson(string Json);
}

using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using B64Hunt.Reporting;
using B64Hunt.QueryEngines;

namespace B64Hunt.LogAnalytics
{
    /// <summary>
    /// Runs KQL against a Log Analytics workspace: POST {endpoint}/v1/workspaces/{id}/query on an Azure.Core
    /// pipeline (bearer token for the cloud's Log Analytics audience, retries, Prefer: wait). Failures come back as
    /// <see cref="LogAnalyticsException"/> with a stable id; no message ever carries the token.
    /// </summary>
    public sealed class LogAnalyticsQueryClient
    {
        private readonly EngineHttpClient _http;
        private readonly LogAnalyticsConnection _connection;
        private readonly int _waitSeconds;

        public LogAnalyticsQueryClient(LogAnalyticsConnection connection) : this(connection, null, null) { }

        /// <param name="connection">The workspace's cloud, endpoint, sign-in and server timeout.</param>
        /// <param name="credential">Replaces the credential the connection selects (tests).</param>
        /// <param name="delay">Replaces Task.Delay between retries (tests record the delays instead of sleeping).</param>
        internal LogAnalyticsQueryClient(LogAnalyticsConnection connection, TokenCredential? credential,
            Func<TimeSpan, CancellationToken, Task>? delay)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            var seconds = (int)Math.Ceiling(connection.ServerTimeout.TotalSeconds);
            _waitSeconds = Math.Min(600, Math.Max(1, seconds));
            NetworkTimeout = TimeSpan.FromSeconds(_waitSeconds + 15);
            _http = new EngineHttpClient("Log Analytics", EngineErrorIds.LogAnalytics, connection.EffectiveEndpoint, connection.Scope,
                connection, credential, delay, () => Reporter.Verbose);
        }

        /// <summary>Told of retries (verbose text); may be called on any thread. Never receives a token.</summary>
        public IHuntReporter Reporter { get; set; } = SilentReporter.Instance;

        /// <summary>How long one try may wait for the answer: the server timeout plus 15 s (tests shorten it).</summary>
        internal TimeSpan NetworkTimeout { get; set; }

        /// <summary>Answers over this many bytes are refused (LogAnalyticsResponseTooLarge) without being held (tests lower it).</summary>
        public long MaxResponseBytes
        {
            get => _http.MaxResponseBytes;
            set => _http.MaxResponseBytes = value;
        }

        /// <summary>Runs one query over [start, end] (the API's timespan; null for no time limit).</summary>
        /// <exception cref="LogAnalyticsException">The service or the sign-in refused; see ErrorId.</exception>
        /// <exception cref="OperationCanceledException">The token was cancelled (Ctrl+C).</exception>
        public async Task<QueryResult> QueryAsync(Guid workspaceId, string query, DateTime? start, DateTime? end,
            CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(query)) throw new ArgumentException("The query is empty.", nameof(query));
            // Azure.Core's default network timeout (100 s) is shorter than the server's 3 min default.
            using var message = _http.CreatePost("/v1/workspaces/" + Uri.EscapeDataString(workspaceId.ToString("D")) + "/query",
                BuildBody(query, start, end), NetworkTimeout);
            message.Request.Headers.Add("Prefer", "wait=" + _waitSeconds.ToString(CultureInfo.InvariantCulture));
            await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);

            var response = message.Response;
            if (response.Status == 200) return _http.ReadResult(response, QueryResponseReader.ReadResult);
            var error = QueryResponseReader.TryReadErrorBody(response.ContentStream);
            throw LogAnalyticsErrorMapper.Map(response.Status, error, workspaceId, Scrub);
        }

        private string Scrub(string? text) => TokenScrubber.Scrub(text, _connection.AccessToken);

        internal static byte[] BuildBody(string query, DateTime? start, DateTime? end)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteString("query", query);
                var timespan = FormatTimespan(start, end);
                if (timespan != null) writer.WriteString("timespan", timespan);
                writer.WriteEndObject();
            }
            return stream.ToArray();
        }

        /// <summary>The API's ISO 8601 interval "start/end" (or "start/duration" forms when one end is open).</summary>
        internal static string? FormatTimespan(DateTime? start, DateTime? end)
        {
            if (start.HasValue && end.HasValue) return Iso(start.Value) + "/" + Iso(end.Value);
            if (start.HasValue) return Iso(start.Value) + "/" + Iso(DateTime.UtcNow.AddMinutes(5));
            if (end.HasValue) return Iso(DateTime.MinValue.AddYears(2000)) + "/" + Iso(end.Value);
            return null;
        }

        internal static string Iso(DateTime value) => ToUtc(value).ToString("O", CultureInfo.InvariantCulture);

        internal static DateTime ToUtc(DateTime value) =>
            value.Kind == DateTimeKind.Utc ? value
            : value.Kind == DateTimeKind.Local ? value.ToUniversalTime()
            : DateTime.SpecifyKind(value, DateTimeKind.Utc);
    }
}

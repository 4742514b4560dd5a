using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using B64Hunt.Model;

namespace B64Hunt.LogAnalytics
{
    /// <summary>
    /// Runs KQL against a Log Analytics workspace: POST {endpoint}/v1/workspaces/{id}/query on an Azure.Core
    /// pipeline (bearer token for the cloud's Log Analytics audience, retries, Prefer: wait). Failures come back as
    /// <see cref="LogAnalyticsException"/> with a stable id; no message ever carries the token.
    /// </summary>
    public sealed class LogAnalyticsQueryClient
    {
        private readonly HttpPipeline _pipeline;
        private readonly LogAnalyticsConnection _connection;
        private readonly Uri _requestBase;
        private readonly int _waitSeconds;

        public LogAnalyticsQueryClient(LogAnalyticsConnection connection) : this(connection, null, null) { }

        /// <param name="credential">Replaces the credential the connection selects (tests).</param>
        /// <param name="delay">Replaces Task.Delay between retries (tests record the delays instead of sleeping).</param>
        internal LogAnalyticsQueryClient(LogAnalyticsConnection connection, TokenCredential? credential,
            Func<TimeSpan, CancellationToken, Task>? delay)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            var endpoint = connection.EffectiveEndpoint;
            var loopbackHttp = endpoint.Scheme == Uri.UriSchemeHttp;
            if (loopbackHttp && !endpoint.IsLoopback)
            {
                throw new ArgumentException("The endpoint " + endpoint + " is not https; plain http is accepted only for a loopback test server.");
            }
            if (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)
            {
                throw new ArgumentException("The endpoint " + endpoint + " is not an http(s) address.");
            }
            var builder = new UriBuilder(endpoint) { Scheme = Uri.UriSchemeHttps };
            if (loopbackHttp) builder.Port = endpoint.Port;
            _requestBase = builder.Uri;
            var seconds = (int)Math.Ceiling(connection.ServerTimeout.TotalSeconds);
            _waitSeconds = Math.Min(600, Math.Max(1, seconds));
            NetworkTimeout = TimeSpan.FromSeconds(_waitSeconds + 15);
            var options = new LogAnalyticsClientOptions(loopbackHttp);
            var retry = new LogAnalyticsRetryPolicy(connection.MaxRetries, delay, () => Verbose);
            var auth = new BearerTokenAuthenticationPolicy(credential ?? CredentialFactory.Create(connection), connection.Scope);
            _pipeline = HttpPipelineBuilder.Build(options, new HttpPipelinePolicy[] { retry }, new HttpPipelinePolicy[] { auth }, null);
        }

        /// <summary>Receives progress text (retries); may be called on any thread. Never receives a token.</summary>
        public Action<string>? Verbose { get; set; }

        /// <summary>How long one try may wait for the answer: the server timeout plus 15 s (tests shorten it).</summary>
        internal TimeSpan NetworkTimeout { get; set; }

        /// <summary>
        /// Answers over this many bytes are refused (LogAnalyticsResponseTooLarge) without being held: the service
        /// cuts results at 64 MB itself, so a bigger body is not a real answer. Tests lower it.
        /// </summary>
        public long MaxResponseBytes { get; set; } = 128L * 1024 * 1024;

        private const long MaxErrorBodyBytes = 1024 * 1024;

        /// <summary>The query endpoint requests go to.</summary>
        public Uri Endpoint => _connection.EffectiveEndpoint;

        /// <summary>The server timeout sent as Prefer: wait=N, in seconds.</summary>
        public int ServerTimeoutSeconds => _waitSeconds;

        /// <summary>Runs one query over [start, end] (the API's timespan; null for no time limit).</summary>
        /// <exception cref="LogAnalyticsException">The service or the sign-in refused; see ErrorId.</exception>
        /// <exception cref="OperationCanceledException">The token was cancelled (Ctrl+C).</exception>
        public async Task<QueryResult> QueryAsync(Guid workspaceId, string query, DateTime? start, DateTime? end,
            CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(query)) throw new ArgumentException("The query is empty.", nameof(query));
            using var message = _pipeline.CreateMessage();
            var request = message.Request;
            request.Method = RequestMethod.Post;
            request.Uri.Reset(_requestBase);
            request.Uri.AppendPath("/v1/workspaces/", false);
            request.Uri.AppendPath(workspaceId.ToString("D"), true);
            request.Uri.AppendPath("/query", false);
            request.Headers.Add("Content-Type", "application/json");
            request.Headers.Add("Accept", "application/json");
            request.Headers.Add("Prefer", "wait=" + _waitSeconds.ToString(CultureInfo.InvariantCulture));
            request.Content = RequestContent.Create(BuildBody(query, start, end));
            // Azure.Core's default network timeout (100 s) is shorter than the server's 3 min default.
            message.NetworkTimeout = NetworkTimeout;
            // The body is read here, capped, not buffered whole by the pipeline; and NetworkTimeout bounds each read
            // only, so a server dripping a byte at a time is bounded by an overall deadline on the whole exchange.
            message.BufferResponse = false;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(NetworkTimeout);

            MemoryStream? body = null;
            try
            {
                await _pipeline.SendAsync(message, deadline.Token).ConfigureAwait(false);
                var status = message.Response.Status;
                body = await IO.CappedRead.ReadAsync(message.Response.ContentStream, status == 200 ? MaxResponseBytes : MaxErrorBodyBytes, deadline.Token).ConfigureAwait(false);
                if (body == null && status == 200)
                {
                    throw new LogAnalyticsException(LogAnalyticsErrorIds.ResponseTooLarge, ProblemKind.LimitsExceeded,
                        "Log Analytics sent an answer over " + MaxResponseBytes.ToString("N0", CultureInfo.InvariantCulture) +
                        " bytes; it was not read. Narrow the time range or the query.", 200);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException)
            {
                throw new LogAnalyticsException(LogAnalyticsErrorIds.Timeout, ProblemKind.OperationTimeout,
                    "Log Analytics did not answer within " + NetworkTimeout.TotalSeconds + " s (server timeout " + _waitSeconds +
                    " s, -ServerTimeout); narrow the time range or the query.");
            }
            catch (AuthenticationFailedException ex) // also CredentialUnavailableException
            {
                throw SignInFailed(ex);
            }
            catch (RequestFailedException ex) when (ex.Status == 0)
            {
                throw new LogAnalyticsException(LogAnalyticsErrorIds.ConnectionFailed, ProblemKind.ConnectionError,
                    "Could not reach Log Analytics at " + Endpoint + ": " + Scrub(ex.Message));
            }
            catch (IOException ex)
            {
                throw new LogAnalyticsException(LogAnalyticsErrorIds.ConnectionFailed, ProblemKind.ConnectionError,
                    "The connection to Log Analytics at " + Endpoint + " dropped during the answer: " + Scrub(ex.Message));
            }

            var response = message.Response;
            using var content = body ?? new MemoryStream();
            if (response.Status == 200)
            {
                try
                {
                    return QueryResponseReader.ReadResult(content);
                }
                catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is InvalidOperationException || ex is OverflowException)
                {
                    throw new LogAnalyticsException(LogAnalyticsErrorIds.InvalidResponse, ProblemKind.InvalidData,
                        "Log Analytics answered 200 with a body that is not the documented result shape: " + Scrub(ex.Message), 200);
                }
            }
            var error = QueryResponseReader.TryReadErrorBody(body);
            throw LogAnalyticsErrorMapper.Map(response.Status, error, workspaceId, Scrub);
        }

        private LogAnalyticsException SignInFailed(Exception ex) =>
            new LogAnalyticsException(LogAnalyticsErrorIds.Unauthorized, ProblemKind.AuthenticationError,
                "Sign-in for Log Analytics failed (" + _connection.CredentialKind + "): " + Scrub(ex.Message) +
                " Sign in (Connect-AzAccount, az login), use -UseManagedIdentity in a runbook, -DeviceCode or -Interactive at a prompt, or pass -AccessToken.");

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

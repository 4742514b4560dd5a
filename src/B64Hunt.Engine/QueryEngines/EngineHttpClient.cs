using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using B64Hunt.Http;
using B64Hunt.LogAnalytics;
using B64Hunt.Model;

namespace B64Hunt.QueryEngines
{
    /// <summary>
    /// What every query engine shares: an Azure.Core pipeline (B64Hunt's retry policy honouring Retry-After, a bearer
    /// token for the engine's scope, http only to loopback), the POST of a JSON body with a network timeout, and the
    /// mapping of transport, sign-in and cancellation failures to <see cref="LogAnalyticsException"/>s whose text
    /// never carries the token.
    /// </summary>
    internal sealed class EngineHttpClient
    {
        private readonly HttpPipeline _pipeline;
        private readonly Uri _requestBase;
        private readonly string _serviceName;
        private readonly EngineErrorIds _ids;
        private readonly LogAnalyticsConnection _connection;

        /// <param name="serviceName">The service named in messages and errors ("Log Analytics", "Defender XDR" ...).</param>
        /// <param name="ids">The service's error ids.</param>
        /// <param name="endpoint">The base address requests go to.</param>
        /// <param name="scope">The token scope the sign-in asks for.</param>
        /// <param name="connection">The cloud, sign-in and timeouts.</param>
        /// <param name="credential">Replaces the credential the connection selects (tests).</param>
        /// <param name="delay">Replaces Task.Delay between retries (tests).</param>
        /// <param name="log">Gives the current receiver of retry messages (may be null).</param>
        public EngineHttpClient(string serviceName, EngineErrorIds ids, Uri endpoint, string scope, LogAnalyticsConnection connection,
            TokenCredential? credential, Func<TimeSpan, CancellationToken, Task>? delay, Func<Action<string>?> log)
        {
            _serviceName = serviceName;
            _ids = ids;
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
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
            Endpoint = endpoint;
            Scope = scope;
            var options = new LogAnalyticsClientOptions(loopbackHttp);
            var retry = CreateRetryPolicy(connection.MaxRetries, delay, log, serviceName);
            var auth = new BearerTokenAuthenticationPolicy(credential ?? CredentialFactory.Create(connection), scope);
            _pipeline = HttpPipelineBuilder.Build(options, new HttpPipelinePolicy[] { retry }, new HttpPipelinePolicy[] { auth }, null);
        }

        public Uri Endpoint { get; }

        /// <summary>
        /// Retries throttling (429), 408 and 5xx answers and dropped connections with exponential backoff (0.8 s doubling,
        /// jittered, at most a minute) that gives way to the service's retry-after-ms / x-ms-retry-after-ms / Retry-After
        /// (at most 5 minutes). A 504 (the query timed out on the service) is deterministic, so it is retried at most once
        /// instead of multiplying a 10-minute wait. Each retry is logged as "{service} answered HTTP 429; retry 1 of 3 in 7 s".
        /// </summary>
        internal static ServiceRetryPolicy CreateRetryPolicy(int maxRetries, Func<TimeSpan, CancellationToken, Task>? delay,
            Func<Action<string>?> log, string serviceName)
        {
            var sleep = delay ?? ((wait, token) => Task.Delay(wait, token));
            RetryRule Rule(Func<int, bool> matches, int max) => new RetryRule("retry", matches)
            {
                MaxRetries = max,
                BaseDelay = TimeSpan.FromSeconds(0.8),
                MaxBackoff = TimeSpan.FromMinutes(1),
                Jitter = true,
                HonourRetryAfter = true,
                RetryAfterCap = TimeSpan.FromMinutes(5),
            };
            var rules = new[]
            {
                Rule(status => status == 0 || status == 408 || status == 429 || status == 500 || status == 502 || status == 503, int.MaxValue),
                Rule(status => status == 504, 1),
            };
            return new ServiceRetryPolicy(rules, (retry, token) =>
            {
                log()?.Invoke(string.Format(CultureInfo.InvariantCulture, "{5} answered {0}; retry {1} of {2} in {3:0.###} s{4}.",
                    retry.Status == 0 ? "with a dropped connection" : "HTTP " + retry.Status.ToString(CultureInfo.InvariantCulture),
                    retry.Retry, retry.MaxRetries, retry.Wait.TotalSeconds, retry.AsServiceAsked ? " (as the service asked)" : string.Empty, serviceName));
                return sleep(retry.Wait, token);
            })
            { MaxRetries = Math.Max(0, maxRetries) };
        }

        /// <summary>
        /// Answers over this many bytes are refused (the engine's ResponseTooLarge) without being held: the services cut
        /// results at 64 to 124 MB themselves, so a bigger body is not a real answer. Tests lower it.
        /// </summary>
        public long MaxResponseBytes { get; set; } = 128L * 1024 * 1024;

        private const long MaxErrorBodyBytes = 1024 * 1024;

        /// <summary>The OAuth scope the token is asked for.</summary>
        public string Scope { get; }

        /// <summary>A POST to the endpoint's path with a JSON body (the caller adds headers and disposes it).</summary>
        public HttpMessage CreatePost(string path, byte[] body, TimeSpan networkTimeout)
        {
            var message = _pipeline.CreateMessage();
            var request = message.Request;
            request.Method = RequestMethod.Post;
            request.Uri.Reset(_requestBase);
            request.Uri.AppendPath(path, false);
            request.Headers.Add("Content-Type", "application/json");
            request.Headers.Add("Accept", "application/json");
            request.Content = RequestContent.Create(body);
            message.NetworkTimeout = networkTimeout;
            return message;
        }

        /// <summary>
        /// Sends the message; afterwards message.Response holds the answer, whatever its status, with its body read into
        /// memory (capped). NetworkTimeout bounds each read only, so a server dripping a byte at a time is bounded by an
        /// overall deadline on the whole exchange.
        /// </summary>
        public async Task SendAsync(HttpMessage message, CancellationToken cancellationToken)
        {
            message.BufferResponse = false;
            var timeout = message.NetworkTimeout ?? TimeSpan.FromSeconds(100);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await _pipeline.SendAsync(message, deadline.Token).ConfigureAwait(false);
                var status = message.Response.Status;
                var body = await IO.CappedRead.ReadAsync(message.Response.ContentStream, status == 200 ? MaxResponseBytes : MaxErrorBodyBytes, deadline.Token).ConfigureAwait(false);
                if (body == null && status == 200)
                {
                    throw new LogAnalyticsException(_ids.ResponseTooLarge, ProblemKind.LimitsExceeded,
                        _serviceName + " sent an answer over " + MaxResponseBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) +
                        " bytes; it was not read. Narrow the time range or the query.", 200);
                }
                message.Response.ContentStream = body ?? new MemoryStream();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException)
            {
                throw new LogAnalyticsException(_ids.Timeout, ProblemKind.OperationTimeout,
                    _serviceName + " did not answer within " + timeout.TotalSeconds + " s; narrow the time range or the query.");
            }
            catch (CredentialUnavailableException)
            {
                // Azure.Identity's text lists every credential it tried (about 11 lines): the fix comes first instead.
                throw new LogAnalyticsException(_ids.Unauthorized, ProblemKind.AuthenticationError,
                    "No sign-in for " + _serviceName + ": run Connect-B64Hunt (or Connect-AzAccount / az login), use -Identity in a runbook, " +
                    "or pass -AccessToken. No Azure credential (environment, managed identity, Azure CLI, Azure PowerShell) was available.");
            }
            catch (AuthenticationFailedException ex) when (ex.InnerException is System.Net.Http.HttpRequestException || ex.InnerException is System.Net.Sockets.SocketException)
            {
                throw new LogAnalyticsException(_ids.ConnectionFailed, ProblemKind.ConnectionError,
                    "Could not reach the sign-in service for " + _serviceName + " (" + _connection.CredentialKind + "): " + Scrub(ex.InnerException!.Message));
            }
            catch (AuthenticationFailedException ex)
            {
                throw new LogAnalyticsException(_ids.Unauthorized, ProblemKind.AuthenticationError,
                    "Sign-in for " + _serviceName + " (scope " + Scope + ") failed (" + _connection.CredentialKind + "): " + Scrub(ex.Message) +
                    " Sign in (Connect-AzAccount, az login), use -UseManagedIdentity in a runbook, -DeviceCode or -Interactive at a prompt, or pass -AccessToken.");
            }
            catch (RequestFailedException ex) when (ex.Status == 0)
            {
                throw new LogAnalyticsException(_ids.ConnectionFailed, ProblemKind.ConnectionError,
                    "Could not reach " + _serviceName + " at " + Endpoint + ": " + Scrub(ex.Message));
            }
            catch (IOException ex)
            {
                throw new LogAnalyticsException(_ids.ConnectionFailed, ProblemKind.ConnectionError,
                    "The connection to " + _serviceName + " at " + Endpoint + " dropped during the answer: " + Scrub(ex.Message));
            }
        }

        /// <summary>A request body of string fields: {"name": "value", ...}.</summary>
        public static byte[] JsonBody(params (string Name, string Value)[] fields)
        {
            using var stream = new MemoryStream();
            using (var writer = new System.Text.Json.Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                foreach (var (name, value) in fields) writer.WriteString(name, value);
                writer.WriteEndObject();
            }
            return stream.ToArray();
        }

        /// <summary>The answer's top-level array <paramref name="name"/>.</summary>
        /// <exception cref="FormatException">The answer is not an object with that array.</exception>
        public static System.Text.Json.JsonElement RootArray(System.Text.Json.JsonDocument document, string name)
        {
            var root = document.RootElement;
            if (root.ValueKind != System.Text.Json.JsonValueKind.Object || !root.TryGetProperty(name, out var array)
                || array.ValueKind != System.Text.Json.JsonValueKind.Array)
            {
                throw new FormatException("The answer has no '" + name + "' array.");
            }
            return array;
        }

        public string Scrub(string? text) => TokenScrubber.Scrub(text, _connection.AccessToken);

        /// <summary>
        /// A failed answer as a stable id and a message that says what to do; <paramref name="permission"/> names what the
        /// identity needs (for 403).
        /// </summary>
        public LogAnalyticsException MapFailure(int status, QueryError? error, string permission)
        {
            var detail = error != null ? Scrub(error.Describe()) : "(no error body)";
            var code = error?.InnermostCode ?? error?.Code;
            switch (status)
            {
                case 400:
                    var syntax = code != null && (code.IndexOf("Syntax", StringComparison.OrdinalIgnoreCase) >= 0 || code.StartsWith("SYN", StringComparison.Ordinal))
                        || detail.IndexOf("Syntax error", StringComparison.OrdinalIgnoreCase) >= 0;
                    return new LogAnalyticsException(syntax ? _ids.SyntaxError : _ids.BadRequest, ProblemKind.InvalidArgument,
                        _serviceName + " rejected the query (HTTP 400): " + detail, status, code);
                case 401:
                    return new LogAnalyticsException(_ids.Unauthorized, ProblemKind.AuthenticationError,
                        _serviceName + " refused the request as unauthenticated (HTTP 401): the token is missing, expired or for another audience " +
                        "(it must be for " + Scope + "). " + detail, status, code);
                case 403:
                    return new LogAnalyticsException(_ids.Forbidden, ProblemKind.PermissionDenied,
                        _serviceName + " denied access (HTTP 403): the signed-in identity needs " + permission + ". " + detail, status, code);
                case 404:
                    return new LogAnalyticsException(_ids.NotFound, ProblemKind.ObjectNotFound,
                        _serviceName + " found no such resource (HTTP 404) at " + Endpoint + ". " + detail, status, code);
                case 429:
                    return new LogAnalyticsException(_ids.Throttled, ProblemKind.LimitsExceeded,
                        _serviceName + " is throttling the requests (HTTP 429) and still did after the retries; wait and run again, or narrow " +
                        "the window. " + detail, status, code);
                case 408:
                case 504:
                    return new LogAnalyticsException(_ids.Timeout, ProblemKind.OperationTimeout,
                        "The query timed out on " + _serviceName + " (HTTP " + status + "); narrow the time range or use -Summarize. " + detail, status, code);
                default:
                    return status >= 500
                        ? new LogAnalyticsException(_ids.ServerError, ProblemKind.ConnectionError,
                            _serviceName + " failed with HTTP " + status + " after the retries. " + detail, status, code)
                        : new LogAnalyticsException(_ids.BadRequest, ProblemKind.InvalidArgument,
                            _serviceName + " answered HTTP " + status + ". " + detail, status, code);
            }
        }

        /// <summary>Reads a 200 answer's body; a body that is not the documented shape becomes the engine's InvalidResponse.</summary>
        public QueryResult ReadResult(Response response, Func<Stream, QueryResult> read)
        {
            try
            {
                return read(response.ContentStream ?? new MemoryStream());
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException || ex is FormatException || ex is InvalidOperationException
                || ex is OverflowException || ex is System.Collections.Generic.KeyNotFoundException)
            {
                throw InvalidResponse(ex);
            }
        }

        private LogAnalyticsException InvalidResponse(Exception ex) =>
            new LogAnalyticsException(_ids.InvalidResponse, ProblemKind.InvalidData,
                _serviceName + " answered 200 with a body that is not the documented result shape: " + Scrub(ex.Message), 200);
    }
}

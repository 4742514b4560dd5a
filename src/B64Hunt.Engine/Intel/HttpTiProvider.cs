using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using B64Hunt.Errors;
using B64Hunt.Http;
using B64Hunt.Model;
using B64Hunt.Reporting;

namespace B64Hunt.Intel
{
    /// <summary>
    /// What the web providers share: pacing, the request, and the meaning of HTTP statuses. 404 is "not found";
    /// 429 (and each provider's quota replies) is waited out and retried, never taken as a clean answer;
    /// 401/403 and a rate limit that outlasts the retries stop the provider for the rest of the run, so one
    /// bad key or spent quota costs one error, not one per indicator. Hostile servers are bounded: https only
    /// (plain http for a loopback test server), the key never follows a redirect to another origin, answers
    /// over <see cref="MaxResponseBytes"/> are refused, each request (headers and body) has an overall
    /// deadline, and <see cref="MaxConsecutiveTimeouts"/> timeouts in a row stop the provider for the run.
    /// </summary>
    public abstract class HttpTiProvider : ITiProvider
    {
        private static readonly TimeSpan Slice = TimeSpan.FromSeconds(1);
        private readonly HttpPipeline _pipeline;
        private readonly ITiClock _clock;
        private readonly RetryRule _rateLimit;
        private readonly RetryRule _serverError;
        private string? _stoppedReason;
        private int _consecutiveTimeouts;

        protected HttpTiProvider(string name, Uri endpoint, HttpClient http, RequestPacer pacer, ITiClock clock)
        {
            Name = name;
            Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
            string? insecure = TiEndpointPolicy.Check(endpoint);
            if (insecure != null) throw new ArgumentException($"{name}: {insecure}", nameof(endpoint));
            if (http == null) throw new ArgumentNullException(nameof(http));
            Pacer = pacer ?? throw new ArgumentNullException(nameof(pacer));
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));

            // 429 and the provider's quota replies: what Retry-After asks (DefaultRateLimitWait without one), and none
            // longer than MaxRetryWait. 5xx: ServerRetryDelay, doubled each time. Connection failures are not retried.
            _rateLimit = new RetryRule("rate limited", status => IsRateLimit((HttpStatusCode)status))
            {
                MaxRetries = 3,
                HonourRetryAfter = true,
                ZeroRetryAfterIsImmediate = true,
                WaitWithoutRetryAfter = () => DefaultRateLimitWait,
                MaxWait = TimeSpan.FromMinutes(5),
            };
            _serverError = new RetryRule("server error", status => status >= 500) { MaxRetries = 2, BaseDelay = TimeSpan.FromSeconds(2) };
            var retry = new ServiceRetryPolicy(new[] { _rateLimit, _serverError }, RetryWaitAsync) { BackoffPerRule = true, Now = () => _clock.UtcNow };
            // No Azure.Core defaults (client request ids, its own retry and redirect policies): the retry policy, then
            // pacing before every attempt, then the HttpClient given, through a handler that authenticates and bounds each attempt.
            var transport = new HttpClientTransport(new HttpClient(new AttemptHandler(this, http), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan });
            _pipeline = new HttpPipeline(transport, new HttpPipelinePolicy[] { retry, new PacingPolicy(this) });
        }

        public string Name { get; }
        public Uri Endpoint { get; }
        public RequestPacer Pacer { get; }
        public bool SendsRequests => true;
        public string Pacing => Pacer.Description;
        public abstract IReadOnlyList<string> SupportedTypes { get; }

        /// <summary>Retries after a rate-limit reply before the lookup fails (TiRateLimited).</summary>
        public int MaxRateLimitRetries { get => _rateLimit.MaxRetries; set => _rateLimit.MaxRetries = value; }

        /// <summary>A Retry-After longer than this is not waited for: the lookup fails instead.</summary>
        public TimeSpan MaxRetryWait { get => _rateLimit.MaxWait; set => _rateLimit.MaxWait = value; }

        /// <summary>Retries after a 5xx before the lookup fails (TiServerError).</summary>
        public int MaxServerRetries { get => _serverError.MaxRetries; set => _serverError.MaxRetries = value; }

        /// <summary>Wait before the first 5xx retry (doubled each time).</summary>
        public TimeSpan ServerRetryDelay { get => _serverError.BaseDelay; set => _serverError.BaseDelay = value; }

        /// <summary>Answers larger than this many bytes are refused (TiResponseTooLarge), read no further.</summary>
        public long MaxResponseBytes { get; set; } = 4 * 1024 * 1024;

        /// <summary>Deadline for one request, from sending it to the last byte of the answer (TiTimeout).</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Timeouts in a row after which the provider is stopped for the rest of the run, with the error saying so.</summary>
        public int MaxConsecutiveTimeouts { get; set; } = 3;

        /// <summary>Same-origin redirects followed for one request; a redirect to another origin is never followed.</summary>
        public int MaxRedirects { get; set; } = 3;

        /// <summary>Details longer than this are cut (a hostile answer cannot make a huge property).</summary>
        public const int MaxDetailsLength = 2000;

        public bool Supports(string indicatorType)
        {
            var type = IndicatorTypes.Canonical(indicatorType);
            foreach (var supported in SupportedTypes)
            {
                if (supported == type) return true;
            }
            return false;
        }

        /// <summary>The request path (and query) for a supported indicator, already escaped.</summary>
        protected abstract string RelativePath(TiIndicator indicator);

        /// <summary>The provider's public web page for the indicator.</summary>
        public abstract string? WebReference(TiIndicator indicator);

        protected abstract void Authenticate(HttpRequestMessage request);

        /// <summary>Reads a 200 reply into a severity and a short human-readable summary.</summary>
        protected abstract TiVerdict Interpret(JsonElement root, TiIndicator indicator);

        /// <summary>Statuses that mean "slow down" or "quota spent" for this provider (429 for all).</summary>
        protected virtual bool IsRateLimit(HttpStatusCode status) => (int)status == 429;

        /// <summary>The wait after a rate-limit reply that carries no Retry-After.</summary>
        protected virtual TimeSpan DefaultRateLimitWait => TimeSpan.FromSeconds(60);

        public async Task<TiLookupOutcome> LookupAsync(TiIndicator indicator, IHuntReporter reporter, CancellationToken cancellationToken)
        {
            if (!Supports(indicator.Type))
            {
                return new TiLookupOutcome(NewResult(indicator, TiStatus.Unsupported, TiSeverity.Unknown,
                    $"{Name} does not support {indicator.Type} indicators."));
            }
            if (_stoppedReason != null)
            {
                return new TiLookupOutcome(NewResult(indicator, TiStatus.Failed, TiSeverity.Unknown, _stoppedReason));
            }

            // The one place the lookup's waits and notes go to the reporter.
            var lookup = new Lookup(indicator, (remaining, reason) => reporter.Progress(TiProgress.Waiting(Name, remaining, reason)), reporter.Verbose);
            var target = Combine(Endpoint, RelativePath(indicator));
            var redirects = 0;
            while (true)
            {
                using var message = _pipeline.CreateMessage();
                message.Request.Method = RequestMethod.Get;
                message.Request.Uri.Reset(target);
                message.Request.Headers.Add("Accept", "application/json");
                message.Request.Headers.Add("User-Agent", "B64Hunt/0.1");
                message.BufferResponse = false;
                message.SetProperty(typeof(Lookup), lookup);
                ServiceRetryPolicy.CountIn(message, lookup.Retries);
                try
                {
                    await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return TimedOut(indicator, lookup.Requests);
                }
                catch (RequestFailedException ex) when (ex.Status == 0)
                {
                    return Fail(indicator, lookup.Requests, ErrorIds.TiConnectionFailed, ProblemKind.ConnectionError,
                        $"{Name} could not be reached ({Endpoint.Host}) for {indicator}: {(ex.InnerException ?? ex).Message}");
                }
                catch (TransportRefusal refusal)
                {
                    return Refused(indicator, lookup.Requests, refusal);
                }

                var response = message.Response;
                var code = response.Status;
                if (code >= 300 && code < 400 && response.Headers.TryGetValue("Location", out var location)
                    && Uri.TryCreate(target, location, out var next))
                {
                    if (!SameOrigin(next, target) || ++redirects > MaxRedirects)
                    {
                        return Fail(indicator, lookup.Requests, ErrorIds.TiRedirectRefused, ProblemKind.InvalidData,
                            SameOrigin(next, target)
                                ? $"{Name} redirected {indicator} more than {MaxRedirects} times; not followed."
                                : $"{Name} redirected {indicator} to another origin ({next.GetLeftPart(UriPartial.Authority)}); not followed, so the API key is not sent there.");
                    }
                    target = next;
                    continue;
                }
                _consecutiveTimeouts = 0;
                if (code >= 200 && code < 300)
                {
                    // The transport has read the body already, within the cap and the deadline.
                    byte[] body;
                    using (var copy = new MemoryStream())
                    {
                        response.ContentStream?.CopyTo(copy);
                        body = copy.ToArray();
                    }
                    try
                    {
                        using var doc = JsonDocument.Parse(body);
                        var verdict = Interpret(doc.RootElement, indicator);
                        var answered = NewResult(indicator, TiStatus.Ok, verdict.Severity, verdict.Details);
                        answered.Raw = System.Text.Encoding.UTF8.GetString(body); // the evidence to pivot on, kept whole
                        return new TiLookupOutcome(answered, null, lookup.Requests);
                    }
                    catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is FormatException)
                    {
                        return Fail(indicator, lookup.Requests, ErrorIds.TiBadResponse, ProblemKind.InvalidData,
                            $"{Name} sent a reply for {indicator} that is not the expected JSON: {ex.Message}");
                    }
                }
                if (code == (int)HttpStatusCode.NotFound)
                {
                    return new TiLookupOutcome(NewResult(indicator, TiStatus.NotFound, TiSeverity.Unknown,
                        $"{Name} has no record of this indicator."), null, lookup.Requests);
                }
                if (_rateLimit.Matches(code))
                {
                    // The retry policy gave up: out of retries, or the wait asked is longer than MaxRetryWait.
                    _stoppedReason = $"{Name}: rate limit or quota reached (HTTP {code}); not queried.";
                    return Fail(indicator, lookup.Requests, ErrorIds.TiRateLimited, ProblemKind.LimitsExceeded,
                        $"{Name} is still rate-limiting (HTTP {code}) after {lookup.Retries.Seen(_rateLimit) - 1} retries for {indicator}; the quota may be spent. The remaining {Name} lookups are skipped.");
                }
                if (code == (int)HttpStatusCode.Unauthorized || code == (int)HttpStatusCode.Forbidden)
                {
                    _stoppedReason = $"{Name}: the API key was refused (HTTP {code}); not queried.";
                    return Fail(indicator, lookup.Requests, ErrorIds.TiUnauthorized,
                        code == (int)HttpStatusCode.Unauthorized ? ProblemKind.AuthenticationError : ProblemKind.PermissionDenied,
                        $"{Name} refused the API key (HTTP {code}) looking up {indicator}; check the key (Get-B64TiProvider shows where it comes from). The remaining {Name} lookups are skipped.");
                }
                if (_serverError.Matches(code))
                {
                    return Fail(indicator, lookup.Requests, ErrorIds.TiServerError, ProblemKind.ConnectionError,
                        $"{Name} answered HTTP {code} for {indicator} after {lookup.Retries.Seen(_serverError)} attempts.");
                }
                return Fail(indicator, lookup.Requests, ErrorIds.TiRequestFailed, ProblemKind.InvalidArgument,
                    $"{Name} rejected the lookup of {indicator} (HTTP {code}).");
            }
        }

        private TiLookupOutcome Refused(TiIndicator indicator, int requests, TransportRefusal refusal)
        {
            switch (refusal.Reason)
            {
                case RefusalReason.QuotaSpent:
                    _stoppedReason = $"{Name}: the daily request budget ({Pacer.RequestsPerDay}/day) is spent; not queried.";
                    return Fail(indicator, requests, ErrorIds.TiQuotaExhausted, ProblemKind.LimitsExceeded,
                        $"{Name}: the daily request budget ({Pacer.RequestsPerDay} a day) is spent; {indicator} and the remaining indicators were not looked up.");
                case RefusalReason.AnsweredElsewhere:
                    // An HttpClient that follows redirects itself already went elsewhere: its answer is not used.
                    return Fail(indicator, requests, ErrorIds.TiRedirectRefused, ProblemKind.InvalidData,
                        $"{Name} was redirected to another origin ({refusal.AnsweredFrom!.GetLeftPart(UriPartial.Authority)}) for {indicator}; that answer is not used.");
                case RefusalReason.TooLarge:
                    _consecutiveTimeouts = 0;
                    return Fail(indicator, requests, ErrorIds.TiResponseTooLarge, ProblemKind.LimitsExceeded,
                        $"{Name} sent an answer over {MaxResponseBytes:N0} bytes for {indicator}; it was not read.");
                default:
                    return Fail(indicator, requests, ErrorIds.TiConnectionFailed, ProblemKind.ConnectionError,
                        $"{Name}: the answer for {indicator} broke off: {refusal.InnerException?.Message}");
            }
        }

        // A slow server costs RequestTimeout per indicator at most, and only MaxConsecutiveTimeouts times in a row.
        private TiLookupOutcome TimedOut(TiIndicator indicator, int requests)
        {
            _consecutiveTimeouts++;
            var message = $"{Name} did not answer in time ({RequestTimeout.TotalSeconds:0.#} s) for {indicator}.";
            if (_consecutiveTimeouts >= MaxConsecutiveTimeouts)
            {
                _stoppedReason = $"{Name}: stopped after {_consecutiveTimeouts} timeouts in a row; not queried.";
                message += $" {Name} timed out {_consecutiveTimeouts} times in a row: the remaining {Name} lookups are skipped.";
            }
            return Fail(indicator, requests, ErrorIds.TiTimeout, ProblemKind.OperationTimeout, message);
        }

        private static bool SameOrigin(Uri a, Uri b) =>
            string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

        /// <summary>The body, or null when it is larger than <paramref name="max"/> bytes (read no further than that).</summary>
        internal static async Task<byte[]?> ReadCappedAsync(HttpContent content, long max, CancellationToken cancellationToken)
        {
            if (content.Headers.ContentLength is long declared && declared > max) return null;
            using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
            using var body = await IO.CappedRead.ReadAsync(stream, max, cancellationToken).ConfigureAwait(false);
            return body?.ToArray();
        }

        /// <summary>The retry policy's wait: noted for a rate limit, then waited on the clock in 1-second slices, each reported.</summary>
        private async Task RetryWaitAsync(RetryWait retry, CancellationToken cancellationToken)
        {
            var lookup = Lookup.Of(retry.Message);
            _consecutiveTimeouts = 0; // an answer came
            if (retry.Rule == _rateLimit)
            {
                lookup.Note($"{Name}: rate limited (HTTP {retry.Status}); waiting {retry.Wait.TotalSeconds:0} s before retrying {lookup.Indicator}.");
            }
            var end = _clock.UtcNow + retry.Wait;
            while (true)
            {
                var remaining = end - _clock.UtcNow;
                if (remaining <= TimeSpan.Zero) return;
                lookup.Wait(remaining, retry.Reason);
                await _clock.Delay(remaining < Slice ? remaining : Slice, cancellationToken).ConfigureAwait(false);
            }
        }

        private TiLookupOutcome Fail(TiIndicator indicator, int requests, string errorId, ProblemKind kind, string message)
        {
            var result = NewResult(indicator, TiStatus.Failed, TiSeverity.Unknown, message);
            return new TiLookupOutcome(result, new Problem(errorId, kind, message, (object?)indicator.Source ?? indicator.ToString()), requests);
        }

        protected TiResult NewResult(TiIndicator indicator, TiStatus status, TiSeverity severity, string? details) => new TiResult
        {
            Provider = Name,
            Ioc = indicator.Value,
            IocType = indicator.Type,
            Severity = severity,
            // A server's words are data: cut short and neutralised like every other string read in.
            Details = Text.DataText.NeutralizeOrNull(details != null && details.Length > MaxDetailsLength ? details.Substring(0, MaxDetailsLength) + "…" : details),
            Reference = WebReference(indicator),
            Status = status,
        };

        private static Uri Combine(Uri endpoint, string path) =>
            new Uri(endpoint.AbsoluteUri.TrimEnd('/') + path);

        /// <summary>Reads a number that may be sent as a JSON number or string; null when absent.</summary>
        protected static double? ReadNumber(JsonElement element, string property)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value)) return null;
            if (value.ValueKind == JsonValueKind.Number) return value.GetDouble();
            if (value.ValueKind == JsonValueKind.String &&
                double.TryParse(value.GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                return parsed;
            }
            return null;
        }

        protected static string? ReadString(JsonElement element, string property) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;

        protected static bool TryGetObject(JsonElement element, string property, out JsonElement value)
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out value) && value.ValueKind == JsonValueKind.Object)
            {
                return true;
            }
            value = default;
            return false;
        }

        /// <summary>Joins up to <paramref name="max"/> strings, saying how many more there were.</summary>
        protected static string JoinSome(IReadOnlyList<string> items, int max)
        {
            if (items.Count <= max) return string.Join(", ", items);
            var shown = new List<string>(max);
            for (var i = 0; i < max; i++) shown.Add(items[i]);
            return string.Join(", ", shown) + $" (+{items.Count - max} more)";
        }

        /// <summary>One lookup's context, carried by each of its messages (redirect hops share it).</summary>
        private sealed class Lookup
        {
            public Lookup(TiIndicator indicator, Action<TimeSpan, string> wait, Action<string> note)
            {
                Indicator = indicator;
                Wait = wait;
                Note = note;
            }

            public TiIndicator Indicator { get; }

            /// <summary>Reports a wait: the time left and what it is for.</summary>
            public Action<TimeSpan, string> Wait { get; }

            /// <summary>Reports a verbose note.</summary>
            public Action<string> Note { get; }

            public RetryCounts Retries { get; } = new RetryCounts();

            /// <summary>Requests sent (past the pacer).</summary>
            public int Requests { get; set; }

            public static Lookup Of(HttpMessage message) =>
                message.TryGetProperty(typeof(Lookup), out var lookup) && lookup is Lookup found
                    ? found
                    : throw new InvalidOperationException("The message carries no lookup.");
        }

        /// <summary>The pacer before every attempt, retries and redirect hops included: pacing is not a retry.</summary>
        private sealed class PacingPolicy : HttpPipelinePolicy
        {
            private readonly HttpTiProvider _provider;

            public PacingPolicy(HttpTiProvider provider) => _provider = provider;

            public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
                ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

            public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
            {
                var lookup = Lookup.Of(message);
                var pacing = $"pacing ({_provider.Pacing})";
                if (!await _provider.Pacer.AcquireAsync(w => lookup.Wait(w, pacing), message.CancellationToken).ConfigureAwait(false))
                {
                    throw new TransportRefusal(RefusalReason.QuotaSpent);
                }
                lookup.Requests++;
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// One attempt through the HttpClient given: the key added, a deadline from sending to the last byte, an answer
        /// from another origin (a client that follows redirects itself) refused, and a success's body read within the cap.
        /// </summary>
        private sealed class AttemptHandler : HttpMessageHandler
        {
            private readonly HttpTiProvider _provider;
            private readonly HttpClient _http;

            public AttemptHandler(HttpTiProvider provider, HttpClient http)
            {
                _provider = provider;
                _http = http;
            }

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                // The transport's own HttpClient has marked its request as sent: the given client sends a copy (a GET has no body).
                using var attempt = new HttpRequestMessage(request.Method, request.RequestUri);
                foreach (var header in request.Headers) attempt.Headers.TryAddWithoutValidation(header.Key, header.Value);
                _provider.Authenticate(attempt);
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(_provider.RequestTimeout);
                var response = await _http.SendAsync(attempt, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
                try
                {
                    var answeredFrom = response.RequestMessage?.RequestUri;
                    if (answeredFrom != null && attempt.RequestUri != null && !SameOrigin(answeredFrom, attempt.RequestUri))
                    {
                        throw new TransportRefusal(RefusalReason.AnsweredElsewhere) { AnsweredFrom = answeredFrom };
                    }
                    var code = (int)response.StatusCode;
                    if (code >= 200 && code < 300)
                    {
                        byte[]? body;
                        try
                        {
                            body = await ReadCappedAsync(response.Content, _provider.MaxResponseBytes, deadline.Token).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (ex is IOException || ex is HttpRequestException)
                        {
                            throw new TransportRefusal(RefusalReason.BrokeOff, ex);
                        }
                        if (body == null) throw new TransportRefusal(RefusalReason.TooLarge);
                        response.Content.Dispose();
                        response.Content = new ByteArrayContent(body);
                    }
                    return response;
                }
                catch
                {
                    response.Dispose();
                    throw;
                }
            }
        }

        private enum RefusalReason { QuotaSpent, AnsweredElsewhere, TooLarge, BrokeOff }

        /// <summary>An attempt ended by the provider's own rules (not a transport failure, so never retried).</summary>
        private sealed class TransportRefusal : Exception
        {
            public TransportRefusal(RefusalReason reason, Exception? inner = null) : base(reason.ToString(), inner) => Reason = reason;

            public RefusalReason Reason { get; }

            public Uri? AnsweredFrom { get; set; }
        }
    }

    /// <summary>A provider's reading of one answer.</summary>
    public readonly struct TiVerdict
    {
        public TiVerdict(TiSeverity severity, string details)
        {
            Severity = severity;
            Details = details;
        }

        public TiSeverity Severity { get; }
        public string Details { get; }
    }
}

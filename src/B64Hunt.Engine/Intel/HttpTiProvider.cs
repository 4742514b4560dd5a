using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.Errors;
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
        private readonly HttpClient _http;
        private readonly ITiClock _clock;
        private string? _stoppedReason;
        private int _consecutiveTimeouts;

        protected HttpTiProvider(string name, Uri endpoint, HttpClient http, RequestPacer pacer, ITiClock clock)
        {
            Name = name;
            Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
            string? insecure = TiEndpointPolicy.Check(endpoint);
            if (insecure != null) throw new ArgumentException($"{name}: {insecure}", nameof(endpoint));
            _http = http ?? throw new ArgumentNullException(nameof(http));
            Pacer = pacer ?? throw new ArgumentNullException(nameof(pacer));
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        }

        public string Name { get; }
        public Uri Endpoint { get; }
        public RequestPacer Pacer { get; }
        public bool SendsRequests => true;
        public string Pacing => Pacer.Description;
        public abstract IReadOnlyList<string> SupportedTypes { get; }

        /// <summary>Retries after a rate-limit reply before the lookup fails (TiRateLimited).</summary>
        public int MaxRateLimitRetries { get; set; } = 3;

        /// <summary>A Retry-After longer than this is not waited for: the lookup fails instead.</summary>
        public TimeSpan MaxRetryWait { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>Retries after a 5xx before the lookup fails (TiServerError).</summary>
        public int MaxServerRetries { get; set; } = 2;

        /// <summary>Wait before the first 5xx retry (doubled each time).</summary>
        public TimeSpan ServerRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

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

            var target = Combine(Endpoint, RelativePath(indicator));
            int requests = 0, rateLimited = 0, serverErrors = 0, redirects = 0;
            while (true)
            {
                if (!await Pacer.AcquireAsync(w => reporter.Progress(TiProgress.Waiting(Name, w, $"pacing ({Pacing})")), cancellationToken).ConfigureAwait(false))
                {
                    _stoppedReason = $"{Name}: the daily request budget ({Pacer.RequestsPerDay}/day) is spent; not queried.";
                    return Fail(indicator, requests, ErrorIds.TiQuotaExhausted, ProblemKind.LimitsExceeded,
                        $"{Name}: the daily request budget ({Pacer.RequestsPerDay} a day) is spent; {indicator} and the remaining indicators were not looked up.");
                }

                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(RequestTimeout);
                HttpResponseMessage response;
                using (var request = new HttpRequestMessage(HttpMethod.Get, target))
                {
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                    request.Headers.UserAgent.Add(new ProductInfoHeaderValue("B64Hunt", "0.1"));
                    Authenticate(request);
                    try
                    {
                        requests++;
                        response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        return TimedOut(indicator, requests);
                    }
                    catch (HttpRequestException ex)
                    {
                        return Fail(indicator, requests, ErrorIds.TiConnectionFailed, ProblemKind.ConnectionError,
                            $"{Name} could not be reached ({Endpoint.Host}) for {indicator}: {ex.Message}");
                    }
                }

                using (response)
                {
                    var status = response.StatusCode;
                    var code = (int)status;
                    var answeredFrom = response.RequestMessage?.RequestUri;
                    if (answeredFrom != null && !SameOrigin(answeredFrom, target))
                    {
                        // An HttpClient that follows redirects itself already went elsewhere: its answer is not used.
                        return Fail(indicator, requests, ErrorIds.TiRedirectRefused, ProblemKind.InvalidData,
                            $"{Name} was redirected to another origin ({answeredFrom.GetLeftPart(UriPartial.Authority)}) for {indicator}; that answer is not used.");
                    }
                    if (code >= 300 && code < 400 && response.Headers.Location != null)
                    {
                        var next = response.Headers.Location.IsAbsoluteUri ? response.Headers.Location : new Uri(target, response.Headers.Location);
                        if (!SameOrigin(next, target) || ++redirects > MaxRedirects)
                        {
                            return Fail(indicator, requests, ErrorIds.TiRedirectRefused, ProblemKind.InvalidData,
                                SameOrigin(next, target)
                                    ? $"{Name} redirected {indicator} more than {MaxRedirects} times; not followed."
                                    : $"{Name} redirected {indicator} to another origin ({next.GetLeftPart(UriPartial.Authority)}); not followed, so the API key is not sent there.");
                        }
                        target = next;
                        continue;
                    }
                    if (code >= 200 && code < 300)
                    {
                        byte[]? body;
                        try
                        {
                            body = await ReadCappedAsync(response.Content, MaxResponseBytes, deadline.Token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                        {
                            return TimedOut(indicator, requests);
                        }
                        catch (Exception ex) when (ex is IOException || ex is HttpRequestException)
                        {
                            return Fail(indicator, requests, ErrorIds.TiConnectionFailed, ProblemKind.ConnectionError,
                                $"{Name}: the answer for {indicator} broke off: {ex.Message}");
                        }
                        _consecutiveTimeouts = 0;
                        if (body == null)
                        {
                            return Fail(indicator, requests, ErrorIds.TiResponseTooLarge, ProblemKind.LimitsExceeded,
                                $"{Name} sent an answer over {MaxResponseBytes:N0} bytes for {indicator}; it was not read.");
                        }
                        try
                        {
                            using var doc = JsonDocument.Parse(body);
                            var verdict = Interpret(doc.RootElement, indicator);
                            var answered = NewResult(indicator, TiStatus.Ok, verdict.Severity, verdict.Details);
                            answered.Raw = System.Text.Encoding.UTF8.GetString(body); // the evidence to pivot on, kept whole
                            return new TiLookupOutcome(answered, null, requests);
                        }
                        catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is FormatException)
                        {
                            return Fail(indicator, requests, ErrorIds.TiBadResponse, ProblemKind.InvalidData,
                                $"{Name} sent a reply for {indicator} that is not the expected JSON: {ex.Message}");
                        }
                    }
                    _consecutiveTimeouts = 0;
                    if (status == HttpStatusCode.NotFound)
                    {
                        return new TiLookupOutcome(NewResult(indicator, TiStatus.NotFound, TiSeverity.Unknown,
                            $"{Name} has no record of this indicator."), null, requests);
                    }
                    if (IsRateLimit(status))
                    {
                        rateLimited++;
                        var wait = RetryAfter(response) ?? DefaultRateLimitWait;
                        if (rateLimited > MaxRateLimitRetries || wait > MaxRetryWait)
                        {
                            _stoppedReason = $"{Name}: rate limit or quota reached (HTTP {code}); not queried.";
                            return Fail(indicator, requests, ErrorIds.TiRateLimited, ProblemKind.LimitsExceeded,
                                $"{Name} is still rate-limiting (HTTP {code}) after {rateLimited - 1} retries for {indicator}; the quota may be spent. The remaining {Name} lookups are skipped.");
                        }
                        reporter.Verbose($"{Name}: rate limited (HTTP {code}); waiting {wait.TotalSeconds:0} s before retrying {indicator}.");
                        await WaitAsync(wait, $"rate limited (HTTP {code})", reporter, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    if (status == HttpStatusCode.Unauthorized || status == HttpStatusCode.Forbidden)
                    {
                        _stoppedReason = $"{Name}: the API key was refused (HTTP {code}); not queried.";
                        return Fail(indicator, requests, ErrorIds.TiUnauthorized,
                            status == HttpStatusCode.Unauthorized ? ProblemKind.AuthenticationError : ProblemKind.PermissionDenied,
                            $"{Name} refused the API key (HTTP {code}) looking up {indicator}; check the key (Get-B64TiProvider shows where it comes from). The remaining {Name} lookups are skipped.");
                    }
                    if (code >= 500)
                    {
                        serverErrors++;
                        if (serverErrors > MaxServerRetries)
                        {
                            return Fail(indicator, requests, ErrorIds.TiServerError, ProblemKind.ConnectionError,
                                $"{Name} answered HTTP {code} for {indicator} after {serverErrors} attempts.");
                        }
                        var delay = TimeSpan.FromTicks(ServerRetryDelay.Ticks << (serverErrors - 1));
                        await WaitAsync(delay, $"server error (HTTP {code})", reporter, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    return Fail(indicator, requests, ErrorIds.TiRequestFailed, ProblemKind.InvalidArgument,
                        $"{Name} rejected the lookup of {indicator} (HTTP {code}).");
                }
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

        private async Task WaitAsync(TimeSpan total, string reason, IHuntReporter reporter, CancellationToken cancellationToken)
        {
            var end = _clock.UtcNow + total;
            while (true)
            {
                var remaining = end - _clock.UtcNow;
                if (remaining <= TimeSpan.Zero) return;
                reporter.Progress(TiProgress.Waiting(Name, remaining, reason));
                await _clock.Delay(remaining < Slice ? remaining : Slice, cancellationToken).ConfigureAwait(false);
            }
        }

        private TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header == null) return null;
            if (header.Delta is TimeSpan delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            if (header.Date is DateTimeOffset date)
            {
                var wait = date - _clock.UtcNow;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
            return null;
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

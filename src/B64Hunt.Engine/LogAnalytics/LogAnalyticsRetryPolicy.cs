using System;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace B64Hunt.LogAnalytics
{
    /// <summary>
    /// Retries throttling (429), 408 and 5xx answers and dropped connections with exponential backoff that
    /// honours the service's retry-after-ms / x-ms-retry-after-ms / Retry-After. A 504 (the query timed out on
    /// the service) is deterministic, so it is retried at most once instead of multiplying a 10-minute wait.
    /// </summary>
    internal sealed class LogAnalyticsRetryPolicy : HttpPipelinePolicy
    {
        private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(0.8);
        private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);
        private static readonly TimeSpan MaxServerDelay = TimeSpan.FromMinutes(5);

        private readonly int _maxRetries;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;
        private readonly Func<Action<string>?> _log;
        private readonly Random _jitter = new Random();
        private readonly string _serviceName;

        /// <param name="maxRetries">Retries after the first try (negative counts as 0).</param>
        /// <param name="delay">Replaces Task.Delay between retries (tests record the delays instead of sleeping); null for Task.Delay.</param>
        /// <param name="log">Gives the current receiver of retry messages (it may change after construction, or be null).</param>
        /// <param name="serviceName">The engine named in the retry messages.</param>
        public LogAnalyticsRetryPolicy(int maxRetries, Func<TimeSpan, CancellationToken, Task>? delay, Func<Action<string>?> log,
            string serviceName = "Log Analytics")
        {
            _serviceName = serviceName;
            _maxRetries = Math.Max(0, maxRetries);
            _delay = delay ?? ((wait, token) => Task.Delay(wait, token));
            _log = log;
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var attempt = 0;
            var gatewayTimeouts = 0;
            while (true)
            {
                ExceptionDispatchInfo? failure = null;
                try
                {
                    await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
                }
                catch (RequestFailedException ex) when (ex.Status == 0 && !message.CancellationToken.IsCancellationRequested)
                {
                    // The transport's wrapper for refused or dropped connections.
                    failure = ExceptionDispatchInfo.Capture(ex);
                }
                catch (System.IO.IOException ex) when (!message.CancellationToken.IsCancellationRequested)
                {
                    // A connection dropped while the body was buffered ("The response ended prematurely") is not wrapped.
                    failure = ExceptionDispatchInfo.Capture(ex);
                }

                var status = failure == null ? message.Response.Status : 0;
                var retriable = failure != null || status == 408 || status == 429 || status == 500 || status == 502 || status == 503
                    || (status == 504 && gatewayTimeouts == 0);
                if (status == 504) gatewayTimeouts++;
                if (!retriable || attempt >= _maxRetries)
                {
                    failure?.Throw();
                    return;
                }

                attempt++;
                var serverDelay = failure == null ? GetServerDelay(message.Response) : null;
                var wait = serverDelay.HasValue && serverDelay.Value > TimeSpan.Zero ? serverDelay.Value : Backoff(attempt);
                _log()?.Invoke(string.Format(CultureInfo.InvariantCulture,
                    "{5} answered {0}; retry {1} of {2} in {3:0.###} s{4}.",
                    failure != null ? "with a dropped connection" : "HTTP " + status.ToString(CultureInfo.InvariantCulture),
                    attempt, _maxRetries, wait.TotalSeconds, serverDelay.HasValue && serverDelay.Value > TimeSpan.Zero ? " (as the service asked)" : string.Empty, _serviceName));
                await _delay(wait, message.CancellationToken).ConfigureAwait(false);
            }
        }

        private TimeSpan Backoff(int attempt)
        {
            var factor = Math.Pow(2, attempt - 1);
            double jitter;
            lock (_jitter) jitter = 0.8 + (_jitter.NextDouble() * 0.4);
            var ms = Math.Min(MaxBackoff.TotalMilliseconds, BaseDelay.TotalMilliseconds * factor * jitter);
            return TimeSpan.FromMilliseconds(ms);
        }

        /// <summary>The delay the service asked for: retry-after-ms, x-ms-retry-after-ms, then Retry-After (seconds or an HTTP date).</summary>
        internal static TimeSpan? GetServerDelay(Response response)
        {
            TimeSpan? delay = null;
            if ((response.Headers.TryGetValue("retry-after-ms", out var ms) || response.Headers.TryGetValue("x-ms-retry-after-ms", out ms))
                && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
            {
                delay = TimeSpan.FromMilliseconds(milliseconds);
            }
            else if (response.Headers.TryGetValue("Retry-After", out var retryAfter) && retryAfter != null)
            {
                if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                {
                    delay = TimeSpan.FromSeconds(seconds);
                }
                else if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                {
                    var until = at - DateTimeOffset.UtcNow;
                    delay = until > TimeSpan.Zero ? until : TimeSpan.Zero;
                }
            }
            if (delay.HasValue && delay.Value > MaxServerDelay) delay = MaxServerDelay;
            return delay;
        }
    }
}

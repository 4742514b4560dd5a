using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace B64Hunt.Http
{
    /// <summary>
    /// B64Hunt's one retry policy, for every HTTP client (the query engines and the TI providers). An answer or a
    /// dropped connection that matches one of the <see cref="RetryRule"/>s (the first that matches) is retried while
    /// the rule's and the policy's budgets last, after the wait the rule gives; any other answer, and the last one, is
    /// returned as it is for the caller to read. Each wait goes through one delegate, which reports it and decides
    /// how time passes (tests and fake clocks).
    /// </summary>
    public sealed class ServiceRetryPolicy : HttpPipelinePolicy
    {
        private readonly IReadOnlyList<RetryRule> _rules;
        private readonly Func<RetryWait, CancellationToken, Task> _wait;
        private readonly Random _jitter = new Random();

        /// <param name="rules">The retriable answers, first match wins.</param>
        /// <param name="wait">Reports one wait and waits it out (or pretends to, in tests).</param>
        public ServiceRetryPolicy(IReadOnlyList<RetryRule> rules, Func<RetryWait, CancellationToken, Task> wait)
        {
            _rules = rules ?? throw new ArgumentNullException(nameof(rules));
            _wait = wait ?? throw new ArgumentNullException(nameof(wait));
        }

        /// <summary>Retries of all rules together for one request (negative counts as 0).</summary>
        public int MaxRetries { get; set; } = int.MaxValue;

        /// <summary>The backoff doubles with the retries of the answer's rule; when false, with all the request's retries.</summary>
        public bool BackoffPerRule { get; set; }

        /// <summary>The time a Retry-After date is measured from.</summary>
        public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>
        /// Makes <paramref name="message"/> count its retries in <paramref name="counts"/>, so that several messages
        /// (the hops of a redirect) share one budget and the caller can read how many answers of a rule it saw.
        /// </summary>
        public static void CountIn(HttpMessage message, RetryCounts counts) => message.SetProperty(typeof(RetryCounts), counts);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var counts = message.TryGetProperty(typeof(RetryCounts), out var attached) && attached is RetryCounts shared ? shared : new RetryCounts();
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
                var rule = Match(status);
                var wait = rule == null ? null : NextWait(rule, counts, failure == null ? message.Response : null);
                if (wait == null)
                {
                    failure?.Throw();
                    return;
                }

                counts.Retries++;
                if (failure == null) message.Response.Dispose();
                await _wait(new RetryWait(message, rule!, status, counts.Retries, MaxRetries, wait.Value.Wait, wait.Value.AsServiceAsked),
                    message.CancellationToken).ConfigureAwait(false);
            }
        }

        private RetryRule? Match(int status)
        {
            foreach (var rule in _rules)
            {
                if (rule.Matches(status)) return rule;
            }
            return null;
        }

        /// <summary>The wait before retrying an answer of <paramref name="rule"/>, or null when it is not retried.</summary>
        private (TimeSpan Wait, bool AsServiceAsked)? NextWait(RetryRule rule, RetryCounts counts, Response? response)
        {
            var seen = counts.Add(rule);
            if (seen > Math.Max(0, rule.MaxRetries) || counts.Retries >= Math.Max(0, MaxRetries)) return null;
            var asked = rule.HonourRetryAfter && response != null ? GetServerDelay(response, Now()) : null;
            if (asked.HasValue && asked.Value > rule.RetryAfterCap) asked = rule.RetryAfterCap;
            var honoured = asked.HasValue && (asked.Value > TimeSpan.Zero || rule.ZeroRetryAfterIsImmediate);
            var wait = honoured ? asked!.Value
                : rule.WaitWithoutRetryAfter?.Invoke() ?? rule.Backoff(BackoffPerRule ? seen : counts.Retries + 1, _jitter);
            if (wait > rule.MaxWait) return null;
            return (wait, honoured);
        }

        /// <summary>
        /// The delay the service asked for: retry-after-ms, x-ms-retry-after-ms, then Retry-After (seconds or an HTTP
        /// date, measured from <paramref name="now"/>; a date past is zero).
        /// </summary>
        internal static TimeSpan? GetServerDelay(Response response, DateTimeOffset now)
        {
            if ((response.Headers.TryGetValue("retry-after-ms", out var ms) || response.Headers.TryGetValue("x-ms-retry-after-ms", out ms))
                && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
            {
                return TimeSpan.FromMilliseconds(milliseconds);
            }
            if (response.Headers.TryGetValue("Retry-After", out var retryAfter) && retryAfter != null)
            {
                if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                {
                    return seconds >= 0 ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
                }
                if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                {
                    var until = at - now;
                    return until > TimeSpan.Zero ? until : TimeSpan.Zero;
                }
            }
            return null;
        }
    }

    /// <summary>How many retriable answers one request (or several sharing it) has met, per rule and in all.</summary>
    public sealed class RetryCounts
    {
        private readonly Dictionary<RetryRule, int> _seen = new Dictionary<RetryRule, int>();

        /// <summary>Retries made.</summary>
        public int Retries { get; internal set; }

        /// <summary>Answers of <paramref name="rule"/> met, the last (not retried) one included.</summary>
        public int Seen(RetryRule rule)
        {
            lock (_seen) return _seen.TryGetValue(rule, out var n) ? n : 0;
        }

        internal int Add(RetryRule rule)
        {
            lock (_seen)
            {
                _seen.TryGetValue(rule, out var n);
                _seen[rule] = ++n;
                return n;
            }
        }
    }

    /// <summary>One wait before a retry, as the policy hands it to its wait delegate.</summary>
    public sealed class RetryWait
    {
        internal RetryWait(HttpMessage message, RetryRule rule, int status, int retry, int maxRetries, TimeSpan wait, bool asServiceAsked)
        {
            Message = message;
            Rule = rule;
            Status = status;
            Retry = retry;
            MaxRetries = maxRetries;
            Wait = wait;
            AsServiceAsked = asServiceAsked;
        }

        /// <summary>The request being retried (its properties carry the caller's context).</summary>
        public HttpMessage Message { get; }

        public RetryRule Rule { get; }

        /// <summary>The answer's HTTP status; 0 for a dropped or refused connection.</summary>
        public int Status { get; }

        /// <summary>The retry about to be made, 1 for the first.</summary>
        public int Retry { get; }

        /// <summary>The policy's <see cref="ServiceRetryPolicy.MaxRetries"/>.</summary>
        public int MaxRetries { get; }

        public TimeSpan Wait { get; }

        /// <summary>The wait is the one the service asked (Retry-After and kin).</summary>
        public bool AsServiceAsked { get; }

        /// <summary>What is waited for: "rate limited (HTTP 429)", or the rule's reason and "(dropped connection)".</summary>
        public string Reason => Rule.Reason + (Status == 0 ? " (dropped connection)" : " (HTTP " + Status.ToString(CultureInfo.InvariantCulture) + ")");
    }
}

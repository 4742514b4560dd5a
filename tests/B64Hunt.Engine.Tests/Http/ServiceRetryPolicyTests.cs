using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using B64Hunt.Http;
using B64Hunt.Tests.Intel;
using Xunit;

namespace B64Hunt.Tests.Http
{
    /// <summary>The shared retry policy over a real 127.0.0.1 server, with the waits recorded instead of slept.</summary>
    public class ServiceRetryPolicyTests
    {
        private readonly List<RetryWait> _waits = new List<RetryWait>();

        private ServiceRetryPolicy Policy(params RetryRule[] rules) => new ServiceRetryPolicy(rules, (wait, _) =>
        {
            lock (_waits) _waits.Add(wait);
            return Task.CompletedTask;
        });

        private static Azure.Response Send(TiTestServer server, ServiceRetryPolicy policy, RetryCounts? counts = null)
        {
            var pipeline = new HttpPipeline(new HttpClientTransport(), new HttpPipelinePolicy[] { policy });
            using var message = pipeline.CreateMessage();
            message.Request.Method = RequestMethod.Get;
            message.Request.Uri.Reset(new Uri(server.BaseUri, "/x"));
            if (counts != null) ServiceRetryPolicy.CountIn(message, counts);
            pipeline.SendAsync(message, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            return message.Response;
        }

        [Fact]
        public void AServerErrorRuleDoublesItsBackoffPerRetryThenReturnsTheLastAnswer()
        {
            using var server = new TiTestServer((r, n) => new TestReply(503));
            var rule = new RetryRule("server error", s => s >= 500) { MaxRetries = 2, BaseDelay = TimeSpan.FromSeconds(1.5) };
            var response = Send(server, Policy(rule));
            Assert.Equal(503, response.Status);
            Assert.Equal(3, server.Count);
            Assert.Equal(new[] { TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(3) }, _waits.ConvertAll(w => w.Wait));
            Assert.All(_waits, w => Assert.Equal("server error (HTTP 503)", w.Reason));
            Assert.Equal(new[] { 1, 2 }, _waits.ConvertAll(w => w.Retry));
        }

        [Fact]
        public void RetryAfterIsWaitedAsTheServiceAsked()
        {
            using var server = new TiTestServer((r, n) => n == 1 ? TestReply.Status429(7) : TestReply.Json("{}"));
            var rule = new RetryRule("rate limited", s => s == 429) { HonourRetryAfter = true };
            var response = Send(server, Policy(rule));
            Assert.Equal(200, response.Status);
            var wait = Assert.Single(_waits);
            Assert.Equal(TimeSpan.FromSeconds(7), wait.Wait);
            Assert.True(wait.AsServiceAsked);
            Assert.Equal(429, wait.Status);
        }

        [Fact]
        public void AWaitLongerThanMaxWaitIsNotWaitedAndTheAnswerIsReturned()
        {
            using var server = new TiTestServer((r, n) => TestReply.Status429(600));
            var rule = new RetryRule("rate limited", s => s == 429) { HonourRetryAfter = true, MaxWait = TimeSpan.FromMinutes(5) };
            var counts = new RetryCounts();
            var response = Send(server, Policy(rule), counts);
            Assert.Equal(429, response.Status);
            Assert.Equal(1, server.Count);
            Assert.Empty(_waits);
            Assert.Equal(1, counts.Seen(rule));
            Assert.Equal(0, counts.Retries);
        }

        [Fact]
        public void RetryAfterCapCutsTheWaitAndZeroFallsBackToTheBackoffUnlessImmediate()
        {
            using var server = new TiTestServer((r, n) => n switch
            {
                1 => TestReply.Status429(3600),
                2 => TestReply.Status429(0),
                _ => TestReply.Json("{}"),
            });
            var rule = new RetryRule("throttled", s => s == 429)
            {
                HonourRetryAfter = true,
                RetryAfterCap = TimeSpan.FromMinutes(5),
                BaseDelay = TimeSpan.FromSeconds(2),
            };
            Assert.Equal(200, Send(server, Policy(rule)).Status);
            Assert.Equal(new[] { TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(4) }, _waits.ConvertAll(w => w.Wait));
            Assert.Equal(new[] { true, false }, _waits.ConvertAll(w => w.AsServiceAsked));
        }

        [Fact]
        public void ARuleOfItsOwnLimitsOneStatusWhileThePolicyLimitsAll()
        {
            using var server = new TiTestServer((r, n) => new TestReply(n % 2 == 1 ? 503 : 504));
            var transient = new RetryRule("transient", s => s == 503) { BaseDelay = TimeSpan.FromSeconds(1) };
            var gateway = new RetryRule("gateway", s => s == 504) { MaxRetries = 1, BaseDelay = TimeSpan.FromSeconds(1) };
            var policy = Policy(transient, gateway);
            policy.MaxRetries = 5;
            var response = Send(server, policy);
            // 503, 504 (retried once), 503, 504: the second 504 is not retried.
            Assert.Equal(504, response.Status);
            Assert.Equal(4, server.Count);
            // The backoff doubles with all the retries (BackoffPerRule is off): 1, 2, 4 s.
            Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4) }, _waits.ConvertAll(w => w.Wait));
        }

        [Fact]
        public void MessagesSharingCountsShareTheBudget()
        {
            using var server = new TiTestServer((r, n) => new TestReply(500));
            var rule = new RetryRule("server error", s => s >= 500) { MaxRetries = 2, BaseDelay = TimeSpan.Zero };
            var policy = Policy(rule);
            var counts = new RetryCounts();
            Send(server, policy, counts);
            Send(server, policy, counts);
            Assert.Equal(4, server.Count); // 3, then 1: the budget was spent by the first
            Assert.Equal(4, counts.Seen(rule));
            Assert.Equal(2, counts.Retries);
        }
    }
}

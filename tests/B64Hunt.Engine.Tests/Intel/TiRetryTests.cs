using System;
using System.Linq;
using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.Intel
{
    /// <summary>The TI providers' retries, now made by the shared ServiceRetryPolicy, against the local server.</summary>
    public class TiRetryTests
    {
        [Fact]
        public void ARetryAfterIsHonouredInOneSecondSlicesWithTheVerboseLine()
        {
            using var h = new ProviderHarness((r, n) => n == 1 ? TestReply.Status429(3) : TestReply.Json(OtxAnswers.General("45.33.32.156", 0)));
            var outcome = h.Lookup(h.Otx(), "ipv4", "45.33.32.156");
            Assert.Equal(TiStatus.Ok, outcome.Result.Status);
            Assert.Equal(2, outcome.Requests);
            Assert.Equal(TimeSpan.FromSeconds(3), h.Clock.Waited);
            Assert.Equal(new[] { 3.0, 2.0, 1.0 }, h.Listener.Waits.Select(w => w.Remaining.TotalSeconds).ToArray());
            Assert.All(h.Listener.Waits, w => Assert.Equal(("OTX", "rate limited (HTTP 429)"), (w.Provider, w.Reason)));
            Assert.Contains("OTX: rate limited (HTTP 429); waiting 3 s before retrying ipv4:45.33.32.156.", h.Listener.Verbose);
        }

        [Fact]
        public void ServerErrorsAreRetriedWithADoublingDelayAndNoRateLimitLine()
        {
            using var h = new ProviderHarness((r, n) => n <= 2 ? new TestReply(503) : TestReply.Json(OtxAnswers.General("45.33.32.156", 0)));
            var otx = h.Otx();
            otx.ServerRetryDelay = TimeSpan.FromSeconds(1);
            var outcome = h.Lookup(otx, "ipv4", "45.33.32.156");
            Assert.Equal(TiStatus.Ok, outcome.Result.Status);
            Assert.Equal(3, outcome.Requests);
            Assert.Equal(3, h.Server.Count);
            Assert.Equal(TimeSpan.FromSeconds(3), h.Clock.Waited);
            Assert.Equal(new[] { 1.0, 2.0, 1.0 }, h.Listener.Waits.Select(w => w.Remaining.TotalSeconds).ToArray());
            Assert.All(h.Listener.Waits, w => Assert.Equal("server error (HTTP 503)", w.Reason));
            Assert.Empty(h.Listener.Verbose);
        }

        [Fact]
        public void ServerErrorsPastMaxServerRetriesAreTiServerErrorWithTheAttemptCount()
        {
            using var h = new ProviderHarness((r, n) => new TestReply(502));
            var otx = h.Otx();
            otx.MaxServerRetries = 1;
            var outcome = h.Lookup(otx, "ipv4", "45.33.32.156");
            Assert.Equal("TiServerError", outcome.Problem!.ErrorId);
            Assert.Contains("HTTP 502", outcome.Problem.Message);
            Assert.Contains("after 2 attempts", outcome.Problem.Message);
            Assert.Equal(2, h.Server.Count);
            Assert.Equal(2, outcome.Requests);
        }

        [Fact]
        public void RetriesAreStillPaced()
        {
            using var h = new ProviderHarness((r, n) => n == 1 ? TestReply.Status429(0) : TestReply.Json(OtxAnswers.General("45.33.32.156", 0)));
            var outcome = h.Lookup(h.Otx(perMinute: 1), "ipv4", "45.33.32.156");
            Assert.Equal(TiStatus.Ok, outcome.Result.Status);
            Assert.Equal(2, h.Server.Count);
            Assert.Contains(h.Listener.Waits, w => w.Reason.StartsWith("pacing (", StringComparison.Ordinal));
            Assert.True(h.Clock.Waited >= TimeSpan.FromSeconds(59), h.Clock.Waited.ToString());
        }

        [Fact]
        public void RateLimitRetriesAreCountedAcrossASameOriginRedirect()
        {
            using var h = new ProviderHarness((r, n) => n switch
            {
                1 => TestReply.Status429(0),
                2 => new TestReply(302, null, new System.Collections.Generic.Dictionary<string, string> { ["Location"] = "/moved" }),
                _ => TestReply.Status429(0),
            });
            // A client that leaves redirects to the provider (as TiProviderFactory.CreateHttpClient does).
            using var http = new System.Net.Http.HttpClient(new System.Net.Http.HttpClientHandler { AllowAutoRedirect = false });
            var otx = new B64Hunt.Intel.OtxProvider(ProviderHarness.OtxKey, h.Server.BaseUri, http, new B64Hunt.Intel.RequestPacer(null, null, h.Clock), h.Clock);
            otx.MaxRateLimitRetries = 2;
            var outcome = h.Lookup(otx, "ipv4", "45.33.32.156");
            // 429 (retry 1), 302, 429 (retry 2), 429: out of retries, one budget for both hops.
            Assert.Equal("TiRateLimited", outcome.Problem!.ErrorId);
            Assert.Contains("after 2 retries", outcome.Problem.Message);
            Assert.Equal(4, h.Server.Count);
            Assert.Equal(4, outcome.Requests);
        }
    }
}

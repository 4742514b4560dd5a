using System.Linq;
using B64Hunt.Intel;
using B64Hunt.Model;
using Xunit;
using static B64Hunt.Tests.Intel.OtxAnswers;

namespace B64Hunt.Tests.Intel
{
    public class OtxProviderTests
    {
        [Theory]
        [InlineData(0, TiSeverity.Information)]
        [InlineData(1, TiSeverity.Medium)]
        [InlineData(2, TiSeverity.High)]
        [InlineData(7, TiSeverity.High)]
        public void PulseCountSetsSeverity(int pulses, TiSeverity expected)
        {
            using var h = new ProviderHarness((r, n) => TestReply.Json(General("45.33.32.156", pulses)));
            var outcome = h.Lookup(h.Otx(), "ipv4", "45.33.32.156");
            Assert.Equal(TiStatus.Ok, outcome.Result.Status);
            Assert.Equal(expected, outcome.Result.Severity);
            Assert.StartsWith("pulses=" + pulses, outcome.Result.Details);
            Assert.Null(outcome.Problem);
            var request = Assert.Single(h.Server.Requests);
            Assert.Equal("/api/v1/indicators/IPv4/45.33.32.156/general", request.RawPath);
            Assert.Equal(ProviderHarness.OtxKey, request.Headers["X-OTX-API-KEY"]);
            Assert.Equal("https://otx.alienvault.com/indicator/ip/45.33.32.156", outcome.Result.Reference);
        }

        [Fact]
        public void CountWinsOverTheTruncatedPulseList()
        {
            var body = "{\"indicator\":\"evil-domain.com\",\"pulse_info\":{\"count\":12,\"pulses\":[{\"name\":\"One\",\"tags\":[]}]}}";
            using var h = new ProviderHarness((r, n) => TestReply.Json(body));
            var outcome = h.Lookup(h.Otx(), "dns", "Evil-Domain.com");
            Assert.Equal(TiSeverity.High, outcome.Result.Severity);
            Assert.Equal("/api/v1/indicators/domain/evil-domain.com/general", h.Server.Requests.Single().RawPath);
        }

        [Fact]
        public void UrlIsEscapedIntoThePathAndHashesUseFile()
        {
            using var h = new ProviderHarness((r, n) => TestReply.Json(General("x", 0)));
            var otx = h.Otx();
            h.Lookup(otx, "url", "http://evil-domain.com/a.sh?x=1");
            h.Lookup(otx, "sha256_hash", new string('A', 64));
            var paths = h.Server.Requests.Select(r => r.RawPath).ToList();
            Assert.Equal("/api/v1/indicators/url/http%3A%2F%2Fevil-domain.com%2Fa.sh%3Fx%3D1/general", paths[0]);
            Assert.Equal("/api/v1/indicators/file/" + new string('a', 64) + "/general", paths[1]);
        }

        [Fact]
        public void NotFoundIsNotAnError()
        {
            using var h = new ProviderHarness((r, n) => new TestReply(404, "{\"detail\":\"Not found.\"}"));
            var outcome = h.Lookup(h.Otx(), "ipv4", "45.33.32.156");
            Assert.Equal(TiStatus.NotFound, outcome.Result.Status);
            Assert.Null(outcome.Problem);
            Assert.True(outcome.IsCacheable);
        }

        [Fact]
        public void RateLimitIsWaitedOutThenRetried()
        {
            using var h = new ProviderHarness((r, n) => n == 1 ? TestReply.Status429(17) : TestReply.Json(General("45.33.32.156", 1)));
            var outcome = h.Lookup(h.Otx(), "ipv4", "45.33.32.156");
            Assert.Equal(TiStatus.Ok, outcome.Result.Status);
            Assert.Equal(TiSeverity.Medium, outcome.Result.Severity);
            Assert.Equal(2, h.Server.Count);
            Assert.Equal(2, outcome.Requests);
            Assert.Equal(17, h.Clock.Waited.TotalSeconds, 3);
            Assert.Contains(h.Listener.Waits, w => w.Provider == "OTX" && w.Reason.Contains("429"));
        }

        [Theory]
        [InlineData(401, ProblemKind.AuthenticationError)]
        [InlineData(403, ProblemKind.PermissionDenied)]
        public void RefusedKeyFailsOnceThenStopsTheProvider(int status, ProblemKind kind)
        {
            using var h = new ProviderHarness((r, n) => new TestReply(status, "{\"detail\":\"Authentication required\"}"));
            var otx = h.Otx();
            var first = h.Lookup(otx, "ipv4", "45.33.32.156");
            Assert.Equal(TiStatus.Failed, first.Result.Status);
            Assert.Equal("TiUnauthorized", first.Problem!.ErrorId);
            Assert.Equal(kind, first.Problem.Kind);
            Assert.Contains("OTX", first.Problem.Message);
            Assert.False(first.IsCacheable);
            var second = h.Lookup(otx, "ipv4", "45.33.32.157");
            Assert.Equal(TiStatus.Failed, second.Result.Status);
            Assert.Null(second.Problem);
            Assert.Equal(1, h.Server.Count);
        }

        [Fact]
        public void ServerErrorIsRetriedALittleThenFails()
        {
            using var h = new ProviderHarness((r, n) => new TestReply(500, "{\"detail\":\"boom\"}"));
            var outcome = h.Lookup(h.Otx(), "ipv4", "45.33.32.156");
            Assert.Equal(TiStatus.Failed, outcome.Result.Status);
            Assert.Equal("TiServerError", outcome.Problem!.ErrorId);
            Assert.Equal(3, h.Server.Count);
            Assert.Equal(6, h.Clock.Waited.TotalSeconds, 3);
        }

        [Fact]
        public void ServerErrorThenSuccessIsAnAnswer()
        {
            using var h = new ProviderHarness((r, n) => n == 1 ? new TestReply(503) : TestReply.Json(General("45.33.32.156", 0)));
            var outcome = h.Lookup(h.Otx(), "ipv4", "45.33.32.156");
            Assert.Equal(TiStatus.Ok, outcome.Result.Status);
            Assert.Equal(TiSeverity.Information, outcome.Result.Severity);
        }

        [Fact]
        public void UnsupportedTypeMakesNoRequest()
        {
            using var h = new ProviderHarness((r, n) => TestReply.Json("{}"));
            var outcome = h.Lookup(h.Otx(), "linux_path", "/tmp/x");
            Assert.Equal(TiStatus.Unsupported, outcome.Result.Status);
            Assert.Equal(0, h.Server.Count);
        }
    }
}

using System;
using System.Linq;
using System.Text;
using B64Hunt.Intel;
using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.Intel
{
    public class XForceProviderTests
    {
        internal static string Ipr(string ip, string score) =>
            $"{{\"ip\":\"{ip}\",\"history\":[],\"subnets\":[],\"cats\":{{\"Botnet Command and Control Server\":43,\"Scanning IPs\":29}}," +
            $"\"geo\":{{\"country\":\"Netherlands\",\"countrycode\":\"NL\"}},\"score\":{score},\"reason\":\"Content found on multihoster\"," +
            "\"reasonDescription\":\"A web site hosted on this IP is categorized.\",\"tags\":[]}";

        internal static string UrlReport(string url, string score) =>
            $"{{\"result\":{{\"url\":\"{url}\",\"cats\":{{\"Malware\":true}},\"score\":{score},\"categoryDescriptions\":{{\"Malware\":\"This category lists malware sites.\"}}}},\"associated\":[],\"tags\":[]}}";

        internal const string Malware =
            "{\"malware\":{\"origins\":{\"external\":{\"source\":\"reversingLabs\",\"firstSeen\":\"2024-01-02T00:00:00Z\",\"malwareType\":\"Trojan\",\"family\":[\"mirai\"]}}," +
            "\"type\":\"md5\",\"md5\":\"0x44D88612FEA8A8F36DE82E1278ABB02F\",\"hash\":\"0x44D88612FEA8A8F36DE82E1278ABB02F\",\"created\":\"2024-01-02T00:00:00Z\",\"family\":[\"mirai\"],\"risk\":\"high\"}}";

        [Theory]
        [InlineData("0", TiSeverity.Information)]
        [InlineData("1.9", TiSeverity.Information)]
        [InlineData("2", TiSeverity.Medium)]
        [InlineData("4", TiSeverity.Medium)]
        [InlineData("4.9", TiSeverity.Medium)]
        [InlineData("5", TiSeverity.High)]
        [InlineData("10", TiSeverity.High)]
        [InlineData("null", TiSeverity.Information)]
        public void RiskScoreSetsSeverity(string score, TiSeverity expected)
        {
            using var h = new ProviderHarness((r, n) => TestReply.Json(Ipr("45.33.32.156", score)));
            var outcome = h.Lookup(h.XForce(), "ipv4", "45.33.32.156");
            Assert.Equal(TiStatus.Ok, outcome.Result.Status);
            Assert.Equal(expected, outcome.Result.Severity);
            var request = h.Server.Requests.Single();
            Assert.Equal("/ipr/45.33.32.156", request.RawPath);
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(ProviderHarness.XfId + ":" + ProviderHarness.XfKey));
            Assert.Equal("Basic " + basic, request.Headers["Authorization"]);
            Assert.Equal("https://exchange.xforce.ibmcloud.com/ip/45.33.32.156", outcome.Result.Reference);
        }

        [Fact]
        public void UrlScoreIsReadFromResult()
        {
            using var h = new ProviderHarness((r, n) => TestReply.Json(UrlReport("evil-domain.com/a.sh", "10")));
            var outcome = h.Lookup(h.XForce(), "url", "http://evil-domain.com/a.sh");
            Assert.Equal(TiSeverity.High, outcome.Result.Severity);
            Assert.Contains("Malware", outcome.Result.Details);
            Assert.Equal("/url/http://evil-domain.com/a.sh", h.Server.Requests.Single().Path);
        }

        [Fact]
        public void HashWithAMalwareFamilyIsHigh()
        {
            using var h = new ProviderHarness((r, n) => TestReply.Json(Malware));
            var outcome = h.Lookup(h.XForce(), "md5_hash", "44d88612fea8a8f36de82e1278abb02f");
            Assert.Equal(TiSeverity.High, outcome.Result.Severity);
            Assert.Contains("mirai", outcome.Result.Details);
            Assert.Equal("/malware/44d88612fea8a8f36de82e1278abb02f", h.Server.Requests.Single().RawPath);
        }

        [Fact]
        public void HashWithoutFamilyUsesTheRiskWord()
        {
            using var h = new ProviderHarness((r, n) => TestReply.Json("{\"malware\":{\"type\":\"md5\",\"risk\":\"low\",\"family\":[]}}"));
            var outcome = h.Lookup(h.XForce(), "md5_hash", "44d88612fea8a8f36de82e1278abb02f");
            Assert.Equal(TiSeverity.Low, outcome.Result.Severity);
        }

        [Fact]
        public void NotFoundIsNotAnError()
        {
            using var h = new ProviderHarness((r, n) => new TestReply(404, "{\"error\":\"Not found.\"}"));
            var outcome = h.Lookup(h.XForce(), "sha256_hash", new string('c', 64));
            Assert.Equal(TiStatus.NotFound, outcome.Result.Status);
            Assert.Null(outcome.Problem);
        }

        [Theory]
        [InlineData(402)]
        [InlineData(429)]
        public void QuotaRepliesAreRateLimits(int status)
        {
            using var h = new ProviderHarness((r, n) => n == 1
                ? new TestReply(status, "{\"error\":\"Payment Required\"}", new System.Collections.Generic.Dictionary<string, string> { ["Retry-After"] = "5" })
                : TestReply.Json(Ipr("45.33.32.156", "1")));
            var outcome = h.Lookup(h.XForce(), "ipv4", "45.33.32.156");
            Assert.Equal(TiStatus.Ok, outcome.Result.Status);
            Assert.Equal(2, h.Server.Count);
            Assert.Equal(5, h.Clock.Waited.TotalSeconds, 3);
        }

        [Theory]
        [InlineData(401)]
        [InlineData(403)]
        public void RefusedKeyIsTiUnauthorized(int status)
        {
            using var h = new ProviderHarness((r, n) => new TestReply(status, "{\"error\":\"Not authorized.\"}"));
            var outcome = h.Lookup(h.XForce(), "ipv4", "45.33.32.156");
            Assert.Equal("TiUnauthorized", outcome.Problem!.ErrorId);
            Assert.DoesNotContain(ProviderHarness.XfKey, outcome.Problem.Message);
        }

        [Fact]
        public void ServerErrorFailsWithTiServerError()
        {
            using var h = new ProviderHarness((r, n) => new TestReply(502));
            var outcome = h.Lookup(h.XForce(), "ipv4", "45.33.32.156");
            Assert.Equal("TiServerError", outcome.Problem!.ErrorId);
        }

        [Fact]
        public void BrokenJsonIsTiBadResponse()
        {
            using var h = new ProviderHarness((r, n) => TestReply.Json("<html>maintenance</html>"));
            var outcome = h.Lookup(h.XForce(), "ipv4", "45.33.32.156");
            Assert.Equal(TiStatus.Failed, outcome.Result.Status);
            Assert.Equal("TiBadResponse", outcome.Problem!.ErrorId);
        }
    }
}

using System.Linq;
using System.Text;
using B64Hunt.Intel;
using B64Hunt.Model;
using Xunit;
using static B64Hunt.Tests.Intel.VirusTotalAnswers;

namespace B64Hunt.Tests.Intel
{
    public class VirusTotalProviderTests
    {
        [Theory]
        [InlineData(0, 0, TiSeverity.Information)]
        [InlineData(0, 3, TiSeverity.Low)]
        [InlineData(1, 0, TiSeverity.Medium)]
        [InlineData(1, 5, TiSeverity.Medium)]
        [InlineData(2, 0, TiSeverity.High)]
        [InlineData(40, 1, TiSeverity.High)]
        public void AnalysisStatsSetSeverity(int malicious, int suspicious, TiSeverity expected)
        {
            using var h = new ProviderHarness((r, n) => TestReply.Json(Report("ip_address", "45.33.32.156", malicious, suspicious)));
            var outcome = h.Lookup(h.VirusTotal(), "ipv4", "45.33.32.156");
            Assert.Equal(TiStatus.Ok, outcome.Result.Status);
            Assert.Equal(expected, outcome.Result.Severity);
            Assert.Contains($"malicious={malicious}; suspicious={suspicious}", outcome.Result.Details);
            var request = h.Server.Requests.Single();
            Assert.Equal("/api/v3/ip_addresses/45.33.32.156", request.RawPath);
            Assert.Equal(ProviderHarness.VtKey, request.Headers["x-apikey"]);
            Assert.DoesNotContain(ProviderHarness.VtKey, request.RawPath);
            Assert.Equal("https://www.virustotal.com/gui/ip-address/45.33.32.156", outcome.Result.Reference);
        }

        [Fact]
        public void UrlIdIsUnpaddedUrlSafeBase64()
        {
            const string url = "http://evil-domain.com/a.sh?x=1&y=~";
            using var h = new ProviderHarness((r, n) => TestReply.Json(Report("url", "id", 0, 0)));
            h.Lookup(h.VirusTotal(), "url", url);
            var id = h.Server.Requests.Single().RawPath.Substring("/api/v3/urls/".Length);
            Assert.DoesNotContain("=", id);
            Assert.DoesNotContain("+", id);
            Assert.DoesNotContain("/", id);
            var padded = id.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            Assert.Equal(url, Encoding.UTF8.GetString(System.Convert.FromBase64String(padded)));
            Assert.Equal(VirusTotalProvider.UrlId(url), id);
        }

        [Fact]
        public void DomainsAndFilesUseTheirCollections()
        {
            using var h = new ProviderHarness((r, n) => TestReply.Json(Report("domain", "d", 0, 0)));
            var vt = h.VirusTotal();
            h.Lookup(vt, "dns", "evil-domain.com");
            h.Lookup(vt, "md5_hash", "44D88612FEA8A8F36DE82E1278ABB02F");
            var paths = h.Server.Requests.Select(r => r.RawPath).ToList();
            Assert.Equal("/api/v3/domains/evil-domain.com", paths[0]);
            Assert.Equal("/api/v3/files/44d88612fea8a8f36de82e1278abb02f", paths[1]);
        }

        [Fact]
        public void NotFoundIsNotAnError()
        {
            using var h = new ProviderHarness((r, n) => new TestReply(404, "{\"error\":{\"code\":\"NotFoundError\",\"message\":\"Resource not found\"}}"));
            var outcome = h.Lookup(h.VirusTotal(), "sha256_hash", new string('b', 64));
            Assert.Equal(TiStatus.NotFound, outcome.Result.Status);
            Assert.Equal(TiSeverity.Unknown, outcome.Result.Severity);
            Assert.Null(outcome.Problem);
        }

        [Fact]
        public void QuotaReplyIsWaitedOutNeverAClean()
        {
            using var h = new ProviderHarness((r, n) => n <= 2 ? TestReply.Status429(30, Quota) : TestReply.Json(Report("ip_address", "x", 3, 0)));
            var outcome = h.Lookup(h.VirusTotal(), "ipv4", "45.33.32.156");
            Assert.Equal(TiStatus.Ok, outcome.Result.Status);
            Assert.Equal(TiSeverity.High, outcome.Result.Severity);
            Assert.Equal(3, h.Server.Count);
            Assert.Equal(60, h.Clock.Waited.TotalSeconds, 3);
        }

        [Fact]
        public void QuotaWithoutRetryAfterWaitsAMinute()
        {
            using var h = new ProviderHarness((r, n) => n == 1 ? new TestReply(429, Quota) : TestReply.Json(Report("ip_address", "x", 0, 0)));
            var outcome = h.Lookup(h.VirusTotal(), "ipv4", "45.33.32.156");
            Assert.Equal(TiStatus.Ok, outcome.Result.Status);
            Assert.Equal(60, h.Clock.Waited.TotalSeconds, 3);
        }

        [Fact]
        public void PersistentQuotaFailsWithTiRateLimitedAndStopsTheProvider()
        {
            using var h = new ProviderHarness((r, n) => TestReply.Status429(1, Quota));
            var vt = h.VirusTotal();
            var outcome = h.Lookup(vt, "ipv4", "45.33.32.156");
            Assert.Equal(TiStatus.Failed, outcome.Result.Status);
            Assert.NotEqual(TiSeverity.Information, outcome.Result.Severity);
            Assert.Equal("TiRateLimited", outcome.Problem!.ErrorId);
            Assert.Equal(ProblemKind.LimitsExceeded, outcome.Problem.Kind);
            Assert.False(outcome.IsCacheable);
            Assert.Equal(1 + vt.MaxRateLimitRetries, h.Server.Count);
            var next = h.Lookup(vt, "ipv4", "45.33.32.157");
            Assert.Equal(TiStatus.Failed, next.Result.Status);
            Assert.Equal(1 + vt.MaxRateLimitRetries, h.Server.Count);
        }

        [Fact]
        public void RetryAfterBeyondTheLimitFailsAtOnce()
        {
            using var h = new ProviderHarness((r, n) => TestReply.Status429(86400, Quota));
            var outcome = h.Lookup(h.VirusTotal(), "ipv4", "45.33.32.156");
            Assert.Equal("TiRateLimited", outcome.Problem!.ErrorId);
            Assert.Equal(1, h.Server.Count);
            Assert.Equal(0, h.Clock.Waited.TotalSeconds, 3);
        }

        [Theory]
        [InlineData(401)]
        [InlineData(403)]
        public void RefusedKeyIsTiUnauthorizedAndNamesTheProviderNotTheKey(int status)
        {
            using var h = new ProviderHarness((r, n) => new TestReply(status, "{\"error\":{\"code\":\"WrongCredentialsError\",\"message\":\"Wrong API key\"}}"));
            var outcome = h.Lookup(h.VirusTotal(), "ipv4", "45.33.32.156");
            Assert.Equal("TiUnauthorized", outcome.Problem!.ErrorId);
            Assert.Contains("VirusTotal", outcome.Problem.Message);
            Assert.DoesNotContain(ProviderHarness.VtKey, outcome.Problem.Message);
            Assert.DoesNotContain(ProviderHarness.VtKey, outcome.Result.Details);
        }

        [Fact]
        public void ServerErrorFailsWithTiServerError()
        {
            using var h = new ProviderHarness((r, n) => new TestReply(500));
            var outcome = h.Lookup(h.VirusTotal(), "dns", "evil-domain.com");
            Assert.Equal("TiServerError", outcome.Problem!.ErrorId);
            Assert.Equal(TiStatus.Failed, outcome.Result.Status);
        }

        [Fact]
        public void Ipv6IsNotSentToVirusTotal()
        {
            using var h = new ProviderHarness((r, n) => TestReply.Json("{}"));
            var outcome = h.Lookup(h.VirusTotal(), "ipv6", "2a00:1450:4001:80b::200e");
            Assert.Equal(TiStatus.Unsupported, outcome.Result.Status);
            Assert.Equal(0, h.Server.Count);
        }
    }
}

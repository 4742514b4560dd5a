using System.Collections;
using System.Linq;
using B64Hunt.Intel;
using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.Intel
{
    /// <summary>GreyNoise Community and AbuseIPDB v2 against a local server answering in their documented shapes.</summary>
    public sealed class GreyNoiseAbuseIpdbProviderTests
    {
        private const string GnKey = "gn-key-7d1e5a";
        private const string AbuseKey = "abuse-key-93c0b4";

        // https://docs.greynoise.io/reference/get_v3-community-ip
        internal static string Community(string ip, bool noise, bool riot, string classification, string name) =>
            $"{{\"ip\":\"{ip}\",\"noise\":{(noise ? "true" : "false")},\"riot\":{(riot ? "true" : "false")},\"classification\":\"{classification}\"," +
            $"\"name\":\"{name}\",\"link\":\"https://viz.greynoise.io/ip/{ip}\",\"last_seen\":\"2026-11-30\",\"message\":\"Success\"}}";

        // https://docs.abuseipdb.com/#check-endpoint
        internal static string Check(string ip, int score, bool whitelisted = false) =>
            $"{{\"data\":{{\"ipAddress\":\"{ip}\",\"isPublic\":true,\"ipVersion\":4,\"isWhitelisted\":{(whitelisted ? "true" : "false")}," +
            $"\"abuseConfidenceScore\":{score},\"countryCode\":\"NL\",\"usageType\":\"Data Center/Web Hosting/Transit\",\"isp\":\"Example Hosting B.V.\"," +
            "\"domain\":\"example.net\",\"hostnames\":[],\"isTor\":false,\"totalReports\":42,\"numDistinctUsers\":17,\"lastReportedAt\":\"2026-11-29T20:55:14+00:00\"}}";

        private static GreyNoiseProvider GreyNoise(ProviderHarness h, string? key = GnKey) =>
            new GreyNoiseProvider(key, h.Server.BaseUri, h.Http, new RequestPacer(null, null, h.Clock), h.Clock);

        private static AbuseIpdbProvider AbuseIpdb(ProviderHarness h) =>
            new AbuseIpdbProvider(AbuseKey, h.Server.BaseUri, h.Http, new RequestPacer(null, null, h.Clock), h.Clock);

        [Theory]
        [InlineData(true, false, "malicious", TiSeverity.High)]
        [InlineData(true, false, "benign", TiSeverity.Information)]
        [InlineData(false, true, "benign", TiSeverity.Information)]
        [InlineData(true, false, "unknown", TiSeverity.Low)]
        public void GreyNoiseClassificationSetsSeverity(bool noise, bool riot, string classification, TiSeverity expected)
        {
            using var h = new ProviderHarness((r, n) => TestReply.Json(Community("45.9.148.35", noise, riot, classification, "Mirai")));
            var result = h.Lookup(GreyNoise(h), "ipv4", "45.9.148.35").Result;

            Assert.Equal((TiStatus.Ok, expected), (result.Status, result.Severity));
            Assert.StartsWith("classification=" + classification, result.Details);
            Assert.Equal("https://viz.greynoise.io/ip/45.9.148.35", result.Reference);
            var request = h.Server.Requests.Single();
            Assert.Equal("/v3/community/45.9.148.35", request.RawPath);
            Assert.Equal(GnKey, request.Headers["key"]);
            Assert.Contains("\"classification\"", result.Raw);
        }

        [Fact]
        public void GreyNoiseWithoutAKeySendsNoKeyHeaderAndItsNotObservedAnswerIsNotFound()
        {
            using var h = new ProviderHarness((r, n) => new TestReply(404,
                "{\"ip\":\"93.184.216.34\",\"noise\":false,\"riot\":false,\"message\":\"IP not observed scanning the internet or contained in RIOT data set.\"}"));
            var provider = GreyNoise(h, key: null);
            var result = h.Lookup(provider, "ipv4", "93.184.216.34").Result;

            Assert.Equal(TiStatus.NotFound, result.Status);
            Assert.False(h.Server.Requests.Single().Headers.ContainsKey("key"));
            Assert.False(provider.Supports("dns"));
            Assert.False(provider.Supports("ipv6"));
        }

        [Fact]
        public void GreyNoiseRateLimitIsWaitedOutNotTakenAsAnAnswer()
        {
            using var h = new ProviderHarness((r, n) => n == 1
                ? TestReply.Status429(1, "{\"plan\":\"unauthenticated\",\"rate-limit\":\"100-lookups/day\",\"message\":\"You have hit your daily rate limit.\"}")
                : TestReply.Json(Community("45.9.148.35", true, false, "malicious", "x")));
            var result = h.Lookup(GreyNoise(h), "ipv4", "45.9.148.35").Result;
            Assert.Equal((TiStatus.Ok, TiSeverity.High), (result.Status, result.Severity));
            Assert.Equal(2, h.Server.Count);
        }

        [Theory]
        [InlineData(0, false, TiSeverity.Information)]
        [InlineData(24, false, TiSeverity.Low)]
        [InlineData(25, false, TiSeverity.Medium)]
        [InlineData(74, false, TiSeverity.Medium)]
        [InlineData(75, false, TiSeverity.High)]
        [InlineData(100, true, TiSeverity.Information)]
        public void AbuseIpdbConfidenceSetsSeverity(int score, bool whitelisted, TiSeverity expected)
        {
            using var h = new ProviderHarness((r, n) => TestReply.Json(Check("45.9.148.35", score, whitelisted)));
            var result = h.Lookup(AbuseIpdb(h), "ipv4", "45.9.148.35").Result;

            Assert.Equal((TiStatus.Ok, expected), (result.Status, result.Severity));
            Assert.StartsWith($"confidence={score}; reports=42", result.Details);
            Assert.Equal("https://www.abuseipdb.com/check/45.9.148.35", result.Reference);
            var request = h.Server.Requests.Single();
            Assert.Equal("/api/v2/check?ipAddress=45.9.148.35&maxAgeInDays=90", request.RawPath);
            Assert.Equal(AbuseKey, request.Headers["Key"]);
        }

        [Fact]
        public void AbuseIpdbAsksAboutIpv6EscapedAndRejectsAReplyWithoutAScore()
        {
            using var h = new ProviderHarness((r, n) => TestReply.Json("{\"data\":{\"ipAddress\":\"2001:db8::1\"}}"));
            var outcome = h.Lookup(AbuseIpdb(h), "ipv6", "2a01:4f8::1");
            Assert.Equal("/api/v2/check?ipAddress=2a01%3A4f8%3A%3A1&maxAgeInDays=90", h.Server.Requests.Single().RawPath);
            Assert.Equal(TiStatus.Failed, outcome.Result.Status);
            Assert.Equal("TiBadResponse", outcome.Problem!.ErrorId);
        }

        [Fact]
        public void AbuseIpdbRefusedKeyStopsTheProvider()
        {
            using var h = new ProviderHarness((r, n) => new TestReply(401,
                "{\"errors\":[{\"detail\":\"Authentication failed. Your API key is either missing, incorrect, or revoked.\",\"status\":401}]}"));
            var provider = AbuseIpdb(h);
            Assert.Equal("TiUnauthorized", h.Lookup(provider, "ipv4", "45.9.148.35").Problem!.ErrorId);
            Assert.Equal(TiStatus.Failed, h.Lookup(provider, "ipv4", "45.9.148.36").Result.Status);
            Assert.Equal(1, h.Server.Count);
        }

        [Fact]
        public void ResolverTakesTheirKeysFromTheEnvironmentAndKeylessGreyNoiseIsNotPrimary()
        {
            var env = B64Hunt.Configuration.ConfigEnvironment.FromDictionary(new System.Collections.Generic.Dictionary<string, string> { [TiProviderResolver.AbuseIpdbKeyVariable] = "abuse-from-env" }, "/home/x", "/tmp");
            var settings = TiProviderResolver.Resolve(new TiResolveRequest { Environment = env }).ToDictionary(s => s.Name);

            Assert.True(settings["AbuseIPDB"].Usable);
            Assert.Equal(TiKeySource.Environment, settings["AbuseIPDB"].KeySource);
            Assert.Equal("30/min, 1000/day", settings["AbuseIPDB"].Pacing);
            Assert.True(settings["GreyNoise"].Usable);
            Assert.False(settings["GreyNoise"].Primary);

            var keyed = TiProviderResolver.Resolve(new TiResolveRequest
            {
                Environment = env,
                ApiKeys = new System.Collections.Generic.Dictionary<string, string> { ["greynoise"] = GnKey },
            }).Single(s => s.Name == "GreyNoise");
            Assert.True(keyed.Primary);
            Assert.Equal(TiKeySource.Parameter, keyed.KeySource);
        }
    }
}

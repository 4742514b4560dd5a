using System;
using System.IO;
using System.Text.Json;
using B64Hunt.Intel;
using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.Intel
{
    /// <summary>TiResult.Raw: the provider's whole answer is kept to pivot on (and survives the cache); failures carry none.</summary>
    public sealed class TiEvidenceTests
    {
        [Fact]
        public void OtxRawKeepsPulseNamesTagsAndReferences()
        {
            using var h = new ProviderHarness((r, n) => TestReply.Json(OtxAnswers.General("45.33.32.156", 2)));
            var result = h.Lookup(h.Otx(), "ipv4", "45.33.32.156").Result;

            using var raw = JsonDocument.Parse(result.Raw!);
            var pulses = raw.RootElement.GetProperty("pulse_info").GetProperty("pulses");
            Assert.Equal("Mirai campaign 2", pulses[1].GetProperty("name").GetString());
            Assert.Equal("https://blog.example.org/1", pulses[0].GetProperty("references")[0].GetString());
            Assert.Equal("botnet", pulses[0].GetProperty("tags")[1].GetString());
        }

        [Fact]
        public void VirusTotalDetailsNameTheEnginesThatFlaggedItAndRawHasEveryEngine()
        {
            const string body = "{\"data\":{\"id\":\"45.9.148.35\",\"type\":\"ip_address\",\"attributes\":{" +
                "\"last_analysis_stats\":{\"harmless\":60,\"malicious\":2,\"suspicious\":0,\"undetected\":8}," +
                "\"last_analysis_results\":{" +
                "\"Kaspersky\":{\"category\":\"malicious\",\"engine_name\":\"Kaspersky\",\"result\":\"malware\",\"method\":\"blacklist\"}," +
                "\"Abusix\":{\"category\":\"harmless\",\"engine_name\":\"Abusix\",\"result\":\"clean\",\"method\":\"blacklist\"}," +
                "\"CRDF\":{\"category\":\"malicious\",\"engine_name\":\"CRDF\",\"result\":\"malicious\",\"method\":\"blacklist\"}}}}}";
            using var h = new ProviderHarness((r, n) => TestReply.Json(body));
            var result = h.Lookup(h.VirusTotal(), "ipv4", "45.9.148.35").Result;

            Assert.Equal(TiSeverity.High, result.Severity);
            Assert.EndsWith("; flagged by: CRDF, Kaspersky", result.Details);
            Assert.DoesNotContain("Abusix", result.Details);
            using var raw = JsonDocument.Parse(result.Raw!);
            Assert.Equal("clean", raw.RootElement.GetProperty("data").GetProperty("attributes").GetProperty("last_analysis_results")
                .GetProperty("Abusix").GetProperty("result").GetString());
        }

        [Fact]
        public void XForceRawKeepsTheCategories()
        {
            const string body = "{\"ip\":\"45.9.148.35\",\"score\":7.1,\"cats\":{\"Botnet Command and Control Server\":71,\"Malware\":43},\"reason\":\"Regional Internet Registry\"}";
            using var h = new ProviderHarness((r, n) => TestReply.Json(body));
            var result = h.Lookup(h.XForce(), "ipv4", "45.9.148.35").Result;

            using var raw = JsonDocument.Parse(result.Raw!);
            Assert.Equal(71, raw.RootElement.GetProperty("cats").GetProperty("Botnet Command and Control Server").GetInt32());
        }

        [Fact]
        public void FailuresAndNotFoundCarryNoRaw()
        {
            using var h = new ProviderHarness((r, n) => n == 1 ? new TestReply(404, "{\"detail\":\"endpoint not found\"}") : new TestReply(401, "{}"));
            var otx = h.Otx();
            var notFound = h.Lookup(otx, "ipv4", "45.33.32.156").Result;
            var refused = h.Lookup(otx, "ipv4", "45.33.32.157").Result;
            Assert.Equal((TiStatus.NotFound, (string?)null), (notFound.Status, notFound.Raw));
            Assert.Equal((TiStatus.Failed, (string?)null), (refused.Status, refused.Raw));
        }

        [Fact]
        public void TheCacheKeepsRaw()
        {
            var dir = Path.Combine(Path.GetTempPath(), "b64hunt-raw-" + Guid.NewGuid().ToString("N"));
            try
            {
                var clock = new FakeClock();
                var answer = new TiResult
                {
                    Provider = "OTX", Ioc = "45.33.32.156", IocType = "ipv4", Severity = TiSeverity.High, Status = TiStatus.Ok,
                    Raw = "{\"pulse_info\":{\"count\":2}}",
                };
                var cache = new TiCache(dir, TimeSpan.FromDays(1), clock);
                cache.Load();
                cache.Store(answer);
                Assert.Null(cache.Save());

                var again = new TiCache(dir, TimeSpan.FromDays(1), clock);
                Assert.Null(again.Load());
                var cached = again.TryGet("OTX", new TiIndicator("ipv4", "45.33.32.156"));
                Assert.True(cached!.Cached);
                Assert.Equal(answer.Raw, cached.Raw);
            }
            finally
            {
                if (Directory.Exists(dir)) Directory.Delete(dir, true);
            }
        }
    }
}

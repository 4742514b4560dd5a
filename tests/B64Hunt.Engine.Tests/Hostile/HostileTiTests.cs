using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.Intel;
using B64Hunt.Model;
using B64Hunt.Reporting;
using B64Hunt.Tests.Intel;
using Xunit;

namespace B64Hunt.Tests.Hostile
{
    internal sealed class DisposeAction : IDisposable
    {
        private readonly Action _action;
        public DisposeAction(Action action) => _action = action;
        public void Dispose() => _action();
    }

    /// <summary>Issue #12 items 7-11: poisoned caches, redirecting, fail-open, huge, dripping and slow TI servers (all on 127.0.0.1).</summary>
    public class HostileTiTests
    {
        private static readonly Dictionary<string, string> NoHeaders = new Dictionary<string, string>();
        private const string OtxMalicious = "{\"pulse_info\":{\"count\":12,\"pulses\":[{\"name\":\"miner\"}]}}";

        private static OtxProvider Otx(TiTestServer server, HttpClient http, FakeClock clock) =>
            new OtxProvider(ProviderHarness.OtxKey, server.BaseUri, http, new RequestPacer(null, null, clock), clock);

        private static TiLookupOutcome Lookup(ITiProvider provider, string type, string value) =>
            provider.LookupAsync(new TiIndicator(type, value), SilentReporter.Instance, CancellationToken.None).GetAwaiter().GetResult();

        // ------------------------------------------------------------ item 7: the cache

        private static string NewCacheDirectory() => Path.Combine(Path.GetTempPath(), "b64hunt-ti-" + Guid.NewGuid().ToString("N"));

        private static void Shell(string command)
        {
            var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(command);
            using var p = Process.Start(info)!;
            p.WaitForExit();
            Assert.Equal(0, p.ExitCode);
        }

        private static string PlantedCache(string ip) =>
            "{\"OTX|ipv4|" + ip + "\":{\"Severity\":\"Information\",\"Details\":\"planted\",\"Status\":\"Ok\",\"StoredAt\":\"9999-12-31T00:00:00+00:00\"}," +
            "\"OTX|ipv4|198.51.100.7\":{\"Severity\":\"Information\",\"Details\":\"planted\",\"Status\":\"Ok\",\"StoredAt\":\"2026-10-01T00:00:00+00:00\"}}";

        [Fact]
        public void APlantedFutureDatedAnswerIsNeverServed()
        {
            string dir = NewCacheDirectory();
            Directory.CreateDirectory(dir);
            try
            {
                File.WriteAllText(Path.Combine(dir, TiCache.FileName), PlantedCache("45.9.148.99"));
                var clock = new FakeClock();
                var cache = new TiCache(dir, TimeSpan.FromDays(1), clock);
                Assert.Null(cache.Load());
                Assert.Null(cache.TryGet("OTX", new TiIndicator("ipv4", "45.9.148.99")));
                // -CacheTtl 00:00:00 means no cached answer at all.
                var noTtl = new TiCache(dir, TimeSpan.Zero, clock);
                noTtl.Load();
                Assert.Null(noTtl.TryGet("OTX", new TiIndicator("ipv4", "198.51.100.7")));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public void ACacheAnotherUserOwnsOrMayWriteIsRefusedAndOursIsOwnerOnly()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            string dir = NewCacheDirectory();
            var clock = new FakeClock();
            try
            {
                // Ours: a new folder 0700, the file 0600, and read back.
                var cache = new TiCache(dir, TimeSpan.FromDays(1), clock);
                cache.Store(new TiResult { Provider = "OTX", Ioc = "203.0.113.5", IocType = "ipv4", Severity = TiSeverity.High, Status = TiStatus.Ok });
                Assert.Null(cache.Save());
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, TiCache.FileName)));
                var again = new TiCache(dir, TimeSpan.FromDays(1), clock);
                Assert.Null(again.Load());
                Assert.NotNull(again.TryGet("OTX", new TiIndicator("ipv4", "203.0.113.5")));

                // Writable by others: refused, and not written to.
                File.SetUnixFileMode(Path.Combine(dir, TiCache.FileName), (UnixFileMode)Convert.ToInt32("666", 8));
                var open = new TiCache(dir, TimeSpan.FromDays(1), clock);
                var warning = open.Load();
                Assert.Equal("TiCacheUntrusted", warning!.ErrorId);
                Assert.Null(open.TryGet("OTX", new TiIndicator("ipv4", "203.0.113.5")));

                // Owned by another user (needs root to arrange): refused.
                File.SetUnixFileMode(Path.Combine(dir, TiCache.FileName), UnixFileMode.UserRead | UnixFileMode.UserWrite);
                if (Environment.UserName == "root")
                {
                    Shell($"chown 12345 '{Path.Combine(dir, TiCache.FileName)}'");
                    var planted = new TiCache(dir, TimeSpan.FromDays(1), clock);
                    Assert.Contains("another user", planted.Load()!.Message);
                    Assert.Null(planted.TryGet("OTX", new TiIndicator("ipv4", "203.0.113.5")));
                }
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public void CachedAnswersAreKeyedByEndpoint()
        {
            string dir = NewCacheDirectory();
            try
            {
                var cache = new TiCache(dir, TimeSpan.FromDays(1), new FakeClock());
                var mirror = new Uri("http://127.0.0.1:9/");
                cache.Store(new TiResult { Provider = "OTX", Ioc = "203.0.113.5", IocType = "ipv4", Severity = TiSeverity.Information, Status = TiStatus.Ok }, mirror);
                Assert.NotNull(cache.TryGet("OTX", mirror, new TiIndicator("ipv4", "203.0.113.5")));
                Assert.Null(cache.TryGet("OTX", OtxProvider.DefaultEndpoint, new TiIndicator("ipv4", "203.0.113.5")));
            }
            finally
            {
                if (Directory.Exists(dir)) Directory.Delete(dir, true);
            }
        }

        // ------------------------------------------------------------ item 8: redirects and plain http

        [Fact]
        public void TheKeyNeverFollowsARedirectToAnotherOrigin()
        {
            using var elsewhere = new TiTestServer((r, n) => TestReply.Json(OtxMalicious));
            using var server = new TiTestServer((r, n) => new TestReply(302, "", new Dictionary<string, string> { ["Location"] = elsewhere.BaseUrl + r.RawPath }));
            using var http = TiProviderFactory.CreateHttpClient();
            var outcome = Lookup(Otx(server, http, new FakeClock()), "ipv4", "45.9.148.99");
            Assert.Equal(TiStatus.Failed, outcome.Result.Status);
            Assert.Equal("TiRedirectRefused", outcome.Problem!.ErrorId);
            Assert.Equal(0, elsewhere.Count);
            Assert.False(outcome.IsCacheable);
        }

        [Fact]
        public void ASameOriginRedirectIsFollowed()
        {
            using var server = new TiTestServer((r, n) => r.Path.StartsWith("/moved", StringComparison.Ordinal)
                ? TestReply.Json(OtxMalicious)
                : new TestReply(301, "", new Dictionary<string, string> { ["Location"] = "/moved" + r.RawPath }));
            using var http = TiProviderFactory.CreateHttpClient();
            var outcome = Lookup(Otx(server, http, new FakeClock()), "ipv4", "45.9.148.99");
            Assert.Equal(TiStatus.Ok, outcome.Result.Status);
            Assert.Equal(ProviderHarness.OtxKey, server.Requests.Last().Headers["X-OTX-API-KEY"]);
        }

        [Theory]
        [InlineData("http://otx.example.net", false)]
        [InlineData("http://10.0.0.5:8080", false)]
        [InlineData("ftp://otx.example.net", false)]
        [InlineData("https://otx.example.net", true)]
        [InlineData("http://127.0.0.1:5000", true)]
        [InlineData("http://[::1]:5000", true)]
        public void AKeyGoesOnlyOverHttpsOrToLoopback(string endpoint, bool allowed)
        {
            Assert.Equal(allowed, TiEndpointPolicy.Check(new Uri(endpoint)) == null);
            var problems = new ProblemList();
            var settings = new TiProviderSettings("OTX", TiProviderNames.Otx) { Configured = true, AuthKey = "k", Endpoint = new Uri(endpoint) };
            using var http = TiProviderFactory.CreateHttpClient();
            var provider = TiProviderFactory.Create(settings, http, new FakeClock(), problems);
            Assert.Equal(allowed, provider != null);
            if (!allowed) Assert.Contains(problems, p => p.ErrorId == "TiEndpointInsecure");
        }

        // ------------------------------------------------------------ item 9: credentials in URLs

        [Theory]
        [InlineData("http://user:password@files.example.net/a.sh", "http://files.example.net/a.sh")]
        [InlineData("https://bucket.s3.amazonaws.com/x.sh?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20261001&X-Amz-Signature=abc123", "https://bucket.s3.amazonaws.com/x.sh")]
        [InlineData("https://acct.blob.core.windows.net/c/p.sh?sv=2022-11-02&sp=r&sig=ZmFrZQ%3D%3D", "https://acct.blob.core.windows.net/c/p.sh")]
        [InlineData("http://a:b@evil.example.org:8080/p?token=s3cr3t#frag", "http://evil.example.org:8080/p#frag")]
        // Look-alikes: an ordinary query and an @ in the path stay as they are.
        [InlineData("http://evil.example.org/get.php?id=5&arch=x64", "http://evil.example.org/get.php?id=5&arch=x64")]
        [InlineData("http://evil.example.org/users/@bob/a.sh", "http://evil.example.org/users/@bob/a.sh")]
        public void CredentialsInUrlsAreStrippedBeforeLookupAndCache(string url, string sent)
        {
            Assert.Equal(sent, new TiIndicator("url", url).Value);
        }

        [Fact]
        public async Task TheProviderNeverSeesTheUrlsPassword()
        {
            using var server = new TiTestServer((r, n) => TestReply.Json(OtxMalicious));
            using var http = TiProviderFactory.CreateHttpClient();
            var ioc = new Ioc { Type = "url", Value = "http://admin:hunter2@203.0.113.9/x.sh", Normalized = "http://admin:hunter2@203.0.113.9/x.sh" };
            var ev = new CommandEvent { DecodedCommand = "curl " + ioc.Value, Iocs = new List<Ioc> { ioc } };
            string dir = NewCacheDirectory();
            try
            {
                var cache = new TiCache(dir, TimeSpan.FromDays(1), new FakeClock());
                var service = new TiLookupService(new ITiProvider[] { Otx(server, http, new FakeClock()) }, cache);
                await service.LookupAsync(new[] { ev }, new TiLookupOptions { IncludePrivate = true }, SilentReporter.Instance, CancellationToken.None);
                cache.Save();
                Assert.DoesNotContain(server.Requests, r => r.RawPath.Contains("hunter2") || r.Path.Contains("hunter2"));
                Assert.DoesNotContain("hunter2", File.ReadAllText(Path.Combine(dir, TiCache.FileName)));
                Assert.Equal("http://203.0.113.9/x.sh", Assert.Single(ev.TiResults).Ioc);
            }
            finally
            {
                if (Directory.Exists(dir)) Directory.Delete(dir, true);
            }
        }

        // ------------------------------------------------------------ item 10: answers that say nothing

        [Theory]
        [InlineData("{}")]
        [InlineData("{\"pulse_info\":{}}")]
        [InlineData("{\"indicator\":\"45.9.148.99\"}")]
        public void AnOtxAnswerMissingItsFieldsIsABadResponseNeverCached(string body)
        {
            using var server = new TiTestServer((r, n) => TestReply.Json(body));
            using var http = TiProviderFactory.CreateHttpClient();
            var outcome = Lookup(Otx(server, http, new FakeClock()), "ipv4", "45.9.148.99");
            Assert.Equal(TiStatus.Failed, outcome.Result.Status);
            Assert.Equal(TiSeverity.Unknown, outcome.Result.Severity);
            Assert.Equal("TiBadResponse", outcome.Problem!.ErrorId);
            Assert.False(outcome.IsCacheable);
        }

        [Fact]
        public void AnEmptyOtxPulseListIsStillAnAnswer()
        {
            using var server = new TiTestServer((r, n) => TestReply.Json("{\"pulse_info\":{\"count\":0,\"pulses\":[]}}"));
            using var http = TiProviderFactory.CreateHttpClient();
            var outcome = Lookup(Otx(server, http, new FakeClock()), "ipv4", "45.9.148.99");
            Assert.Equal(TiStatus.Ok, outcome.Result.Status);
            Assert.True(outcome.IsCacheable);
        }

        [Theory]
        [InlineData("ipv4", "45.9.148.99", "{}")]
        [InlineData("url", "http://evil.example.org/a", "{\"result\":{}}")]
        [InlineData("sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "{}")]
        public void AnXForceAnswerMissingItsFieldsIsABadResponse(string type, string value, string body)
        {
            using var server = new TiTestServer((r, n) => TestReply.Json(body));
            using var http = TiProviderFactory.CreateHttpClient();
            var clock = new FakeClock();
            var provider = new XForceProvider(ProviderHarness.XfId, ProviderHarness.XfKey, server.BaseUri, http, new RequestPacer(null, null, clock), clock);
            var outcome = Lookup(provider, type, value);
            Assert.Equal(TiStatus.Failed, outcome.Result.Status);
            Assert.Equal("TiBadResponse", outcome.Problem!.ErrorId);
        }

        // ------------------------------------------------------------ item 11: exhaustion

        [Fact]
        public void AHugeAnswerIsRefusedUnread()
        {
            string huge = "{\"pulse_info\":{\"count\":1,\"pulses\":[{\"name\":\"" + new string('A', 6 * 1024 * 1024) + "\"}]}}";
            using var server = new TiTestServer((r, n) => TestReply.Json(huge));
            using var http = TiProviderFactory.CreateHttpClient();
            var provider = Otx(server, http, new FakeClock());
            provider.MaxResponseBytes = 1024 * 1024;
            var outcome = Lookup(provider, "ipv4", "45.9.148.99");
            Assert.Equal("TiResponseTooLarge", outcome.Problem!.ErrorId);
        }

        [Fact]
        public void ALongAnswerStillMakesShortDetails()
        {
            string names = string.Join(",", Enumerable.Range(0, 5).Select(i => "{\"name\":\"" + new string((char)('a' + i), 50_000) + "\"}"));
            using var server = new TiTestServer((r, n) => TestReply.Json("{\"pulse_info\":{\"count\":5,\"pulses\":[" + names + "]}}"));
            using var http = TiProviderFactory.CreateHttpClient();
            var outcome = Lookup(Otx(server, http, new FakeClock()), "ipv4", "45.9.148.99");
            Assert.Equal(TiStatus.Ok, outcome.Result.Status);
            Assert.True(outcome.Result.Details!.Length <= HttpTiProvider.MaxDetailsLength + 1);
        }

        [Fact]
        public void ADrippingServerIsCutAtTheRequestDeadline()
        {
            using var drip = new DrippingServer(TimeSpan.FromMilliseconds(100));
            using var http = TiProviderFactory.CreateHttpClient();
            var clock = new FakeClock();
            var provider = new OtxProvider(ProviderHarness.OtxKey, drip.Endpoint, http, new RequestPacer(null, null, clock), clock)
            {
                RequestTimeout = TimeSpan.FromSeconds(1),
            };
            var watch = Stopwatch.StartNew();
            var outcome = Lookup(provider, "ipv4", "45.9.148.99");
            Assert.Equal("TiTimeout", outcome.Problem!.ErrorId);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), watch.Elapsed.ToString());
        }

        [Fact]
        public void RepeatedTimeoutsStopTheProviderWithAWarningInTheError()
        {
            // A server that takes connections (the kernel's backlog) and never answers.
            var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            silent.Start();
            using var stop = new DisposeAction(silent.Stop);
            var endpoint = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)silent.LocalEndpoint).Port}");
            using var http = TiProviderFactory.CreateHttpClient();
            var clock = new FakeClock();
            var provider = new OtxProvider(ProviderHarness.OtxKey, endpoint, http, new RequestPacer(null, null, clock), clock)
            {
                RequestTimeout = TimeSpan.FromMilliseconds(300),
            };
            var outcomes = Enumerable.Range(1, 6).Select(i => Lookup(provider, "ipv4", "45.9.148." + i)).ToList();
            Assert.All(outcomes.Take(3), o => Assert.Equal("TiTimeout", o.Problem!.ErrorId));
            Assert.Contains("remaining OTX lookups are skipped", outcomes[2].Problem!.Message);
            Assert.All(outcomes.Skip(3), o => Assert.Equal(TiStatus.Failed, o.Result.Status));
            Assert.All(outcomes.Skip(3), o => Assert.Equal(0, o.Requests));
        }
    }
}

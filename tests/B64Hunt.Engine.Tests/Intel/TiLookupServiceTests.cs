using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.Intel;
using B64Hunt.Model;
using B64Hunt.Reporting;
using Xunit;

namespace B64Hunt.Tests.Intel
{
    public class TiLookupServiceTests : IDisposable
    {
        private readonly string _cacheDir = Path.Combine(Path.GetTempPath(), "b64hunt-ti-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_cacheDir)) Directory.Delete(_cacheDir, true);
        }

        private static TiLookupSummary Run(ITiProvider provider, IReadOnlyList<CommandEvent> events, TiCache? cache = null,
            TiLookupOptions? options = null, ProblemList? listener = null) =>
            new TiLookupService(new[] { provider }, cache)
                .LookupAsync(events, options ?? new TiLookupOptions(), listener ?? new ProblemList(), CancellationToken.None).GetAwaiter().GetResult();

        private static TestReply VtAnswer(SeenRequest r, int n) => TestReply.Json(VirusTotalAnswers.Report("ip_address", "x", 2, 0));

        [Fact]
        public void EachIndicatorIsLookedUpOncePerProviderAcrossTheInput()
        {
            using var h = new ProviderHarness(VtAnswer);
            var events = new List<CommandEvent>
            {
                Events.With(("ipv4", "45.33.32.156"), ("dns", "evil-domain.com")),
                Events.With(("ipv4", "45.33.32.156")),
                Events.With(("dns", "EVIL-DOMAIN.com"), ("dns", "evil-domain.com")),
            };
            var summary = Run(h.VirusTotal(), events);
            Assert.Equal(2, h.Server.Count);
            Assert.Equal(2, summary.UniqueIndicators);
            Assert.Equal(2, summary.Requests);
            Assert.Equal(2, events[0].TiResults.Count);
            Assert.Single(events[1].TiResults);
            // Two spellings of one domain in one event: one result.
            var third = Assert.Single(events[2].TiResults);
            Assert.Equal("evil-domain.com", third.Ioc);
            Assert.Equal(TiSeverity.High, third.Severity);
        }

        /// <summary>Five indicators on VirusTotal at 4 a minute: the fifth waits for the minute window.</summary>
        private static ProblemList FiveAtFourAMinute(ProviderHarness h)
        {
            var events = Enumerable.Range(1, 5).Select(i => Events.With(("ipv4", "45.33.32." + i))).ToList();
            var listener = new ProblemList();
            Run(h.VirusTotal(perMinute: 4, perDay: 500), events, listener: listener);
            return listener;
        }

        [Fact]
        public void FifthVirusTotalLookupWaitsForTheMinuteWindow()
        {
            using var h = new ProviderHarness(VtAnswer);
            var listener = FiveAtFourAMinute(h);
            Assert.Equal(5, h.Server.Count);
            // The first four go at once; the fifth waits until the first leaves the 60 s window.
            Assert.InRange(h.Clock.Waited.TotalSeconds, 59.9, 60.1);
            var waits = listener.Waits.ToList();
            Assert.NotEmpty(waits);
            Assert.All(waits, w => Assert.Equal("VirusTotal", w.Provider));
            Assert.InRange(waits[0].Remaining.TotalSeconds, 59.9, 60.1);
            Assert.Contains("4/min", waits[0].Reason);
        }

        [Fact]
        public void ProgressSaysHowManyAreDoneAndLeftAndTheWaitKeepsTheCounts()
        {
            using var h = new ProviderHarness(VtAnswer);
            var listener = FiveAtFourAMinute(h);
            var statuses = listener.Progress.Where(p => p.Remaining == null).Select(p => p.Status).ToList();
            Assert.Equal("VirusTotal: 0 of 5 looked up, 5 left; now ipv4:45.33.32.1", statuses[0]);
            Assert.Contains("VirusTotal: 4 of 5 looked up, 1 left; now ipv4:45.33.32.5", statuses);
            Assert.Equal("VirusTotal: 5 of 5 looked up, done", statuses[statuses.Count - 1]);
            // The fifth waits for the minute window: its bar keeps "4 of 5 ..., 1 left" beside the wait.
            var wait = listener.Progress.First(p => p.Remaining != null);
            Assert.StartsWith("VirusTotal: 4 of 5 looked up, 1 left; waiting 60 s (pacing (", wait.Status);
            Assert.Equal(80, wait.PercentComplete);
            Assert.Equal("Threat-intelligence lookup (VirusTotal)", wait.Activity);
            Assert.Equal("VirusTotal: waiting 3 s (Retry-After)", TiProgress.WaitStatus("VirusTotal", null, TimeSpan.FromSeconds(2.2), "Retry-After"));
        }

        [Fact]
        public void FourLookupsAtFourAMinuteDoNotWait()
        {
            using var h = new ProviderHarness(VtAnswer);
            var events = Enumerable.Range(1, 4).Select(i => Events.With(("ipv4", "45.33.32." + i))).ToList();
            Run(h.VirusTotal(perMinute: 4), events);
            Assert.Equal(TimeSpan.Zero, h.Clock.Waited);
        }

        [Fact]
        public void SpentDailyBudgetFailsTheRestWithoutRequests()
        {
            using var h = new ProviderHarness(VtAnswer);
            var events = Enumerable.Range(1, 4).Select(i => Events.With(("ipv4", "45.33.32." + i))).ToList();
            var listener = new ProblemList();
            Run(h.VirusTotal(perMinute: null, perDay: 2), events, listener: listener);
            Assert.Equal(2, h.Server.Count);
            Assert.Equal(TiStatus.Failed, events[2].TiResults[0].Status);
            Assert.Equal(TiStatus.Failed, events[3].TiResults[0].Status);
            Assert.Equal("TiQuotaExhausted", Assert.Single(listener).ErrorId);
        }

        [Fact]
        public void PrivateAddressesAndInternalNamesAreNeverSent()
        {
            using var h = new ProviderHarness(VtAnswer);
            var events = new List<CommandEvent>
            {
                Events.With(("ipv4", "10.0.0.1"), ("ipv4", "192.168.1.20"), ("ipv4", "127.0.0.1"), ("dns", "fileserver.corp"),
                    ("hostname", "buildbox"), ("url", "http://172.16.4.4/payload.sh"), ("url", "http://intranet.local/x")),
            };
            events[0].Iocs.Add(new Ioc { Type = "dns", Value = "wiki.contoso-internal.com", Normalized = "wiki.contoso-internal.com", IsPrivate = true });
            var summary = Run(h.VirusTotal(), events);
            Assert.Equal(0, h.Server.Count);
            Assert.Equal(8, summary.SkippedPrivate);
            Assert.All(events[0].TiResults, r => Assert.Equal(TiStatus.SkippedPrivate, r.Status));
        }

        [Fact]
        public void IncludePrivateSendsThem()
        {
            using var h = new ProviderHarness(VtAnswer);
            var events = new List<CommandEvent> { Events.With(("ipv4", "10.0.0.1")) };
            Run(h.VirusTotal(), events, options: new TiLookupOptions { IncludePrivate = true });
            Assert.Equal(1, h.Server.Count);
            Assert.Equal(TiStatus.Ok, events[0].TiResults[0].Status);
        }

        [Fact]
        public void IocTypeFilterAndUnsupportedTypesMakeNoRequests()
        {
            using var h = new ProviderHarness(VtAnswer);
            var events = new List<CommandEvent> { Events.With(("ipv4", "45.33.32.156"), ("dns", "evil-domain.com"), ("linux_path", "/tmp/.x")) };
            var summary = Run(h.VirusTotal(), events, options: new TiLookupOptions { IocTypes = new[] { "ipv4", "linux_path" } });
            Assert.Equal(1, h.Server.Count);
            Assert.Equal(1, summary.Unsupported);
            Assert.Equal(new[] { "ipv4", "linux_path" }, events[0].TiResults.Select(r => r.IocType));
            Assert.Equal(TiStatus.Unsupported, events[0].TiResults[1].Status);
        }

        [Fact]
        public void SecondRunComesFromTheCacheWithZeroRequests()
        {
            using var h = new ProviderHarness(VtAnswer);
            var cache = new TiCache(_cacheDir, TimeSpan.FromDays(1), h.Clock);
            Run(h.VirusTotal(), new[] { Events.With(("ipv4", "45.33.32.156"), ("dns", "evil-domain.com")) }, cache);
            Assert.Null(cache.Save());
            Assert.Equal(2, h.Server.Count);

            // A new session: a new cache object reading the file.
            var again = new TiCache(_cacheDir, TimeSpan.FromDays(1), h.Clock);
            Assert.Null(again.Load());
            var events = new[] { Events.With(("ipv4", "45.33.32.156"), ("dns", "evil-domain.com")) };
            var summary = Run(h.VirusTotal(), events, again);
            Assert.Equal(2, h.Server.Count);
            Assert.Equal(2, summary.CacheHits);
            Assert.Equal(0, summary.Requests);
            Assert.All(events[0].TiResults, r => Assert.True(r.Cached));
            Assert.Equal(TiSeverity.High, events[0].TiResults[0].Severity);
            Assert.Equal("https://www.virustotal.com/gui/ip-address/45.33.32.156", events[0].TiResults[0].Reference);
        }

        [Fact]
        public void ExpiredEntriesAreFetchedAgain()
        {
            using var h = new ProviderHarness(VtAnswer);
            var cache = new TiCache(_cacheDir, TimeSpan.FromHours(1), h.Clock);
            Run(h.VirusTotal(), new[] { Events.With(("ipv4", "45.33.32.156")) }, cache);
            cache.Save();
            h.Clock.Advance(TimeSpan.FromMinutes(59));
            Run(h.VirusTotal(), new[] { Events.With(("ipv4", "45.33.32.156")) }, cache);
            Assert.Equal(1, h.Server.Count);
            h.Clock.Advance(TimeSpan.FromMinutes(2));
            var reloaded = new TiCache(_cacheDir, TimeSpan.FromHours(1), h.Clock);
            reloaded.Load();
            var events = new[] { Events.With(("ipv4", "45.33.32.156")) };
            Run(h.VirusTotal(), events, reloaded);
            Assert.Equal(2, h.Server.Count);
            Assert.False(events[0].TiResults[0].Cached);
        }

        [Fact]
        public void WithoutACacheEveryRunAsksAgain()
        {
            using var h = new ProviderHarness(VtAnswer);
            Run(h.VirusTotal(), new[] { Events.With(("ipv4", "45.33.32.156")) });
            Run(h.VirusTotal(), new[] { Events.With(("ipv4", "45.33.32.156")) });
            Assert.Equal(2, h.Server.Count);
            Assert.False(Directory.Exists(_cacheDir));
        }

        [Fact]
        public void FailuresAreNotCachedAndKeysNeverReachTheCacheFile()
        {
            using var h = new ProviderHarness((r, n) => r.Path.Contains("45.33.32.1") && !r.Path.EndsWith("156")
                ? new TestReply(500)
                : TestReply.Json(VirusTotalAnswers.Report("ip_address", "x", 0, 0)));
            var cache = new TiCache(_cacheDir, TimeSpan.FromDays(1), h.Clock);
            var listener = new ProblemList();
            Run(h.VirusTotal(), new[] { Events.With(("ipv4", "45.33.32.156"), ("ipv4", "45.33.32.1")) }, cache, listener: listener);
            cache.Save();
            var text = File.ReadAllText(cache.FilePath);
            Assert.Contains("45.33.32.156", text);
            Assert.DoesNotContain("|45.33.32.1\"", text);
            Assert.DoesNotContain(ProviderHarness.VtKey, text);
            Assert.Equal("TiServerError", Assert.Single(listener).ErrorId);
            Assert.Empty(Directory.GetFiles(_cacheDir, "*.tmp"));
        }

        [Fact]
        public async Task ProvidersRunSideBySideAndResultsKeepProviderOrder()
        {
            using var h = new ProviderHarness((r, n) => r.Path.StartsWith("/api/v3")
                ? TestReply.Json(VirusTotalAnswers.Report("ip_address", "x", 1, 0))
                : TestReply.Json(OtxAnswers.General("x", 2)));
            var events = new[] { Events.With(("ipv4", "45.33.32.156")) };
            await new TiLookupService(new ITiProvider[] { h.Otx(), h.VirusTotal() }, null)
                .LookupAsync(events, new TiLookupOptions(), SilentReporter.Instance, CancellationToken.None);
            Assert.Equal(new[] { "OTX", "VirusTotal" }, events[0].TiResults.Select(r => r.Provider));
            Assert.Equal(new[] { TiSeverity.High, TiSeverity.Medium }, events[0].TiResults.Select(r => r.Severity));
        }

        [Fact]
        public void CancellationStopsAPacingWait()
        {
            using var h = new ProviderHarness(VtAnswer);
            using var cts = new CancellationTokenSource();
            var listener = new CancellingListener(cts);
            var events = Enumerable.Range(1, 3).Select(i => Events.With(("ipv4", "45.33.32." + i))).ToList();
            var service = new TiLookupService(new[] { h.VirusTotal(perMinute: 1) }, null);
            Assert.ThrowsAny<OperationCanceledException>(() =>
                service.LookupAsync(events, new TiLookupOptions(), listener, cts.Token).GetAwaiter().GetResult());
            Assert.Equal(1, h.Server.Count);
        }

        private sealed class CancellingListener : IHuntReporter
        {
            private readonly CancellationTokenSource _cts;
            public CancellingListener(CancellationTokenSource cts) => _cts = cts;
            public void Progress(ProgressReport progress)
            {
                if (progress.Remaining != null) _cts.Cancel();
            }
            public void Problem(Problem problem) { }
            public void Verbose(string message) { }
            public void Warning(string message) { }
        }
    }
}

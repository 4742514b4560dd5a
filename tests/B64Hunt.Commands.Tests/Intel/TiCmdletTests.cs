using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using System.Text;
using System.Threading;
using B64Hunt.Commands;
using B64Hunt.Intel;
using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.Intel
{
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class TiProcessEnvironmentCollection
    {
        /// <summary>Tests that host the cmdlets read (and some set) process environment variables: they run alone.</summary>
        public const string Name = "TiProcessEnvironment";
    }

    [Collection(TiProcessEnvironmentCollection.Name)]
    public class TiCmdletTests : IDisposable
    {
        private readonly TiCmdletEnvironment _env = new TiCmdletEnvironment();
        private string _dir => _env.Dir;

        public void Dispose() => _env.Dispose();

        private static PowerShell Shell() => TiCmdletEnvironment.Shell();

        private static SecureString Secure(string text)
        {
            var s = new SecureString();
            foreach (var c in text) s.AppendChar(c);
            s.MakeReadOnly();
            return s;
        }

        /// <summary>Everything a user could see: output (serialised deep), errors, warnings, verbose, progress, information, debug.</summary>
        private static string EveryStream(PowerShell ps, IEnumerable<PSObject> output)
        {
            var sb = new StringBuilder();
            foreach (var o in output) sb.AppendLine(PSSerializer.Serialize(o, 8));
            foreach (var e in ps.Streams.Error)
            {
                sb.AppendLine(e.ToString()).AppendLine(e.Exception.ToString()).AppendLine(e.ErrorDetails?.Message)
                  .AppendLine(e.FullyQualifiedErrorId).AppendLine(e.CategoryInfo.ToString()).AppendLine(Convert.ToString(e.TargetObject))
                  .AppendLine(PSSerializer.Serialize(e, 4));
            }
            foreach (var w in ps.Streams.Warning) sb.AppendLine(w.Message);
            foreach (var v in ps.Streams.Verbose) sb.AppendLine(v.Message);
            foreach (var d in ps.Streams.Debug) sb.AppendLine(d.Message);
            foreach (var p in ps.Streams.Progress) sb.AppendLine(p.Activity + " " + p.StatusDescription + " " + p.CurrentOperation);
            foreach (var i in ps.Streams.Information) sb.AppendLine(Convert.ToString(i.MessageData));
            return sb.ToString();
        }

        private static List<CommandEvent> SampleEvents() => new List<CommandEvent>
        {
            Events.With(("ipv4", "45.33.32.156"), ("dns", "evil-domain.com")),
            Events.With(("ipv4", "10.0.0.1")),
            Events.With(("dns", "evil-domain.com"), ("linux_path", "/tmp/.x")),
        };

        [Fact]
        public void KeysNeverAppearInOutputVerboseWarningsProgressOrErrors()
        {
            const string vtKey = "VTKEY-5c1d0e6f7a8b9c";
            const string otxKey = "OTXKEY-0a1b2c3d4e5f";
            const string xfId = "XFID-77aa88bb";
            const string xfKey = "XFKEY-99cc00dd";
            using var vt = new TiTestServer((r, n) => n == 1
                ? TestReply.Status429(0, VirusTotalAnswers.Quota)
                : TestReply.Json(VirusTotalAnswers.Report("ip_address", "x", 5, 0)));
            using var otx = new TiTestServer((r, n) => new TestReply(401, "{\"detail\":\"Authentication required\"}"));
            using var xf = new TiTestServer((r, n) => TestReply.Status429(0, "{\"error\":\"Too many requests\"}"));
            var cache = Path.Combine(_dir, "cache");
            var events = SampleEvents();

            using var ps = Shell();
            ps.AddCommand("Invoke-B64TiLookup")
              .AddParameter("InputObject", events.ToArray())
              .AddParameter("Provider", new[] { "VirusTotal", "OTX", "XForce" })
              .AddParameter("ApiKey", new Hashtable
              {
                  ["VirusTotal"] = Secure(vtKey),
                  ["OTX"] = otxKey,
                  ["XForce"] = new PSCredential(xfId, Secure(xfKey)),
              })
              .AddParameter("Endpoint", new Hashtable { ["VirusTotal"] = vt.BaseUrl, ["OTX"] = otx.BaseUrl, ["XForce"] = xf.BaseUrl })
              .AddParameter("CachePath", cache)
              .AddParameter("Verbose", true);
            var output = ps.Invoke();

            // The keys were really used...
            Assert.Equal(vtKey, vt.Requests.First().Headers["x-apikey"]);
            Assert.Equal(otxKey, otx.Requests.First().Headers["X-OTX-API-KEY"]);
            Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(xfId + ":" + xfKey)), xf.Requests.First().Headers["Authorization"]);

            // ...and appear nowhere a user or a log could see them.
            var everything = EveryStream(ps, output) + File.ReadAllText(Path.Combine(cache, TiCache.FileName));
            foreach (var secret in new[] { vtKey, otxKey, xfId, xfKey, Convert.ToBase64String(Encoding.UTF8.GetBytes(xfId + ":" + xfKey)) })
            {
                Assert.DoesNotContain(secret, everything);
            }

            // Events come out in input order, each with its results; failures are recorded, not dropped.
            Assert.Equal(events, output.Select(o => (CommandEvent)o.BaseObject));
            var first = events[0].TiResults;
            Assert.Contains(first, r => r.Provider == "VirusTotal" && r.IocType == "ipv4" && r.Status == TiStatus.Ok && r.Severity == TiSeverity.High);
            Assert.Contains(first, r => r.Provider == "OTX" && r.Status == TiStatus.Failed);
            Assert.Contains(first, r => r.Provider == "XForce" && r.Status == TiStatus.Failed);
            Assert.All(events[1].TiResults, r => Assert.Equal(TiStatus.SkippedPrivate, r.Status));

            // One error per broken provider, with a stable id and the indicator as target.
            var ids = ps.Streams.Error.Select(e => e.FullyQualifiedErrorId).OrderBy(x => x).ToList();
            Assert.Equal(new[] { "TiRateLimited,B64Hunt.Commands.InvokeB64TiLookupCommand", "TiUnauthorized,B64Hunt.Commands.InvokeB64TiLookupCommand" }, ids);
            var unauthorized = ps.Streams.Error.Single(e => e.FullyQualifiedErrorId.StartsWith("TiUnauthorized"));
            Assert.IsType<Ioc>(unauthorized.TargetObject);
            Assert.Equal(ErrorCategory.AuthenticationError, unauthorized.CategoryInfo.Category);
            Assert.Contains("OTX", unauthorized.ToString());

            // Dedupe across events: evil-domain.com once; 45.33.32.156 once (plus the one 429 retry).
            Assert.Equal(3, vt.Count);
            Assert.Contains(ps.Streams.Verbose, v => v.Message.Contains("3 events, 4 unique indicators, 3 providers"));
            Assert.Contains(ps.Streams.Verbose, v => v.Message.Contains("requests made") && v.Message.Contains("skipped as private"));
            Assert.NotEmpty(ps.Streams.Progress);
        }

        [Fact]
        public void SecondRunIsServedFromTheCacheAndNoCacheAsksAgain()
        {
            using var vt = new TiTestServer((r, n) => TestReply.Json(VirusTotalAnswers.Report("domain", "x", 1, 0)));
            var cache = Path.Combine(_dir, "cache");
            List<CommandEvent> Run(params (string, object)[] extra)
            {
                using var ps = Shell();
                var events = new List<CommandEvent> { Events.With(("dns", "evil-domain.com")) };
                ps.AddCommand("Invoke-B64TiLookup").AddParameter("InputObject", events.ToArray())
                  .AddParameter("ApiKey", new Hashtable { ["VT"] = "k" })
                  .AddParameter("Endpoint", new Hashtable { ["VirusTotal"] = vt.BaseUrl })
                  .AddParameter("CachePath", cache);
                foreach (var (name, value) in extra) ps.AddParameter(name, value);
                ps.Invoke();
                Assert.False(ps.HadErrors);
                return events;
            }

            Assert.False(Run()[0].TiResults.Single().Cached);
            Assert.Equal(1, vt.Count);
            var cached = Run()[0].TiResults.Single();
            Assert.True(cached.Cached);
            Assert.Equal(TiSeverity.Medium, cached.Severity);
            Assert.Equal(1, vt.Count);
            Run(("NoCache", true));
            Assert.Equal(2, vt.Count);
            Run(("CacheTtl", TimeSpan.Zero));
            Assert.Equal(3, vt.Count);
        }

        [Fact]
        public void DefaultCacheFolderComesFromTheEnvironment()
        {
            using var vt = new TiTestServer((r, n) => TestReply.Json(VirusTotalAnswers.Report("domain", "x", 0, 0)));
            using var ps = Shell();
            ps.AddCommand("Invoke-B64TiLookup").AddParameter("InputObject", new[] { Events.With(("dns", "evil-domain.com")) })
              .AddParameter("ApiKey", new Hashtable { ["VirusTotal"] = "k" })
              .AddParameter("Endpoint", new Hashtable { ["VirusTotal"] = vt.BaseUrl });
            ps.Invoke();
            Assert.True(File.Exists(Path.Combine(_dir, "default-cache", TiCache.FileName)));
        }

        [Fact]
        public void WithoutProvidersEventsPassThroughWithAWarning()
        {
            using var ps = Shell();
            var events = SampleEvents();
            var output = ps.AddCommand("Invoke-B64TiLookup").AddParameter("InputObject", events.ToArray()).Invoke();
            Assert.Equal(events, output.Select(o => (CommandEvent)o.BaseObject));
            Assert.All(events, e => Assert.Empty(e.TiResults));
            Assert.Contains(ps.Streams.Warning, w => w.Message.Contains("No threat-intelligence provider"));
            Assert.False(ps.HadErrors);
        }

        [Fact]
        public void LocalFeedWorksOfflineAndStringsPassThrough()
        {
            var feed = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Intel", "ti-feed.csv");
            using var ps = Shell();
            var events = SampleEvents();
            var input = events.Cast<object>().Concat(new object[] { "echo plain text" }).ToArray();
            var output = ps.AddCommand("Invoke-B64TiLookup").AddParameter("InputObject", input).AddParameter("LocalFeed", feed).Invoke();
            Assert.Equal(4, output.Count);
            var hit = events[0].TiResults.Single(r => r.Ioc == "45.33.32.156");
            Assert.Equal(("LocalFeed", TiStatus.Ok, TiSeverity.High), (hit.Provider, hit.Status, hit.Severity));
            Assert.Equal(TiSeverity.Medium, events[2].TiResults.Single(r => r.Ioc == "evil-domain.com").Severity);
            // The feed's bad rows are reported, without stopping anything.
            Assert.All(ps.Streams.Error, e => Assert.StartsWith("InvalidTiFeedRow", e.FullyQualifiedErrorId));
            Assert.Equal(2, ps.Streams.Error.Count);
        }

        [Fact]
        public void ProviderNotUsableIsAWarningAndOthersStillRun()
        {
            var feed = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Intel", "ti-list.txt");
            using var ps = Shell();
            var events = new[] { Events.With(("ipv4", "203.0.113.250")) };
            ps.AddCommand("Invoke-B64TiLookup").AddParameter("InputObject", events)
              .AddParameter("Provider", new[] { "VirusTotal", "LocalFeed" }).AddParameter("LocalFeed", feed).Invoke();
            Assert.Contains(ps.Streams.Warning, w => w.Message.Contains("VirusTotal is not usable") && w.Message.Contains("B64HUNT_VT_KEY"));
            Assert.Equal("LocalFeed", events[0].TiResults.Single().Provider);
        }

        [Fact]
        public void EnvironmentKeyIsUsedAndReportedAsEnvironment()
        {
            Environment.SetEnvironmentVariable("B64HUNT_OTX_KEY", "otx-env-key-31337");
            using var otx = new TiTestServer((r, n) => TestReply.Json(OtxAnswers.General("x", 1)));
            using (var ps = Shell())
            {
                var events = new[] { Events.With(("ipv4", "45.33.32.156")) };
                ps.AddCommand("Invoke-B64TiLookup").AddParameter("InputObject", events).AddParameter("NoCache", true)
                  .AddParameter("Endpoint", new Hashtable { ["OTX"] = otx.BaseUrl }).Invoke();
                Assert.Equal("otx-env-key-31337", otx.Requests.Single().Headers["X-OTX-API-KEY"]);
                Assert.Equal(TiSeverity.Medium, events[0].TiResults.Single().Severity);
            }
            using (var ps = Shell())
            {
                var info = ps.AddCommand("Get-B64TiProvider").AddParameter("Name", "OT*").Invoke().Select(o => (TiProviderInfo)o.BaseObject).Single();
                Assert.Equal(("OTX", true, true, TiKeySource.Environment), (info.Name, info.Configured, info.Usable, info.KeySource));
                Assert.Equal("60/min", info.Pacing);
                Assert.Contains("ipv4", info.SupportedTypes);
                Assert.Equal("https://otx.alienvault.com/", info.Endpoint);
            }
        }

        [Fact]
        public void GetB64TiProviderReadsMsticpyConfigAndShowsNoKeys()
        {
            Environment.SetEnvironmentVariable("VT_KEY_FOR_B64HUNT_TEST", "vt-msticpy-key-4242");
            try
            {
                var mp = Path.Combine(_dir, "msticpyconfig.yaml");
                File.WriteAllText(mp, "TIProviders:\n  VirusTotal:\n    Args:\n      AuthKey:\n        EnvironmentVar: VT_KEY_FOR_B64HUNT_TEST\n    Primary: True\n    Provider: VirusTotal\n" +
                                      "  GreyNoise:\n    Args:\n      AuthKey: gn-key-5555\n    Provider: GreyNoise\n" +
                                      "  TorExitNodes:\n    Primary: True\n    Provider: Tor\n");
                Environment.SetEnvironmentVariable("MSTICPYCONFIG", mp);
                using var ps = Shell();
                var output = ps.AddCommand("Get-B64TiProvider").AddParameter("ApiKey", new Hashtable { ["XForce"] = "xf-id:xf-key-6666" }).Invoke();
                var infos = output.Select(o => (TiProviderInfo)o.BaseObject).ToDictionary(i => i.Name);
                Assert.Equal(new[] { "OTX", "VirusTotal", "XForce", "LocalFeed", "GreyNoise", "AbuseIPDB", "SentinelTI", "TorExitNodes" }, infos.Keys);
                Assert.Equal(TiKeySource.MsticpyConfig, infos["VirusTotal"].KeySource);
                Assert.True(infos["VirusTotal"].Usable);
                Assert.Equal("4/min, 500/day", infos["VirusTotal"].Pacing);
                Assert.Equal(TiKeySource.Parameter, infos["XForce"].KeySource);
                Assert.False(infos["OTX"].Usable);
                Assert.True(infos["GreyNoise"].Usable);
                Assert.Equal(TiKeySource.MsticpyConfig, infos["GreyNoise"].KeySource);
                Assert.False(infos["AbuseIPDB"].Usable);
                Assert.False(infos["TorExitNodes"].Usable);
                var text = EveryStream(ps, output);
                Assert.DoesNotContain("vt-msticpy-key-4242", text);
                Assert.DoesNotContain("gn-key-5555", text);
                Assert.DoesNotContain("xf-key-6666", text);

                using var usable = Shell();
                var names = usable.AddCommand("Get-B64TiProvider").AddParameter("Usable", true).Invoke().Select(o => ((TiProviderInfo)o.BaseObject).Name);
                Assert.Equal(new[] { "VirusTotal", "GreyNoise" }, names);
            }
            finally
            {
                Environment.SetEnvironmentVariable("VT_KEY_FOR_B64HUNT_TEST", null);
            }
        }

        [Fact]
        public void ConfigPathSuppliesKeysEndpointsAndPrimary()
        {
            using var vt = new TiTestServer((r, n) => TestReply.Json(VirusTotalAnswers.Report("ip_address", "x", 0, 2)));
            var config = Path.Combine(_dir, "config.yaml");
            File.WriteAllText(config, $"TIProviders:\n  VirusTotal:\n    Args:\n      AuthKey: from-config\n    Endpoint: {vt.BaseUrl}\n    RequestsPerMinute: 100\n" +
                                      "  OTX:\n    Args:\n      AuthKey: otx-from-config\n    Primary: false\n");
            using var ps = Shell();
            var events = new[] { Events.With(("ipv4", "45.33.32.156")) };
            ps.AddCommand("Invoke-B64TiLookup").AddParameter("InputObject", events).AddParameter("ConfigPath", config).AddParameter("NoCache", true).Invoke();
            // OTX is not primary, so only VirusTotal is asked.
            var result = events[0].TiResults.Single();
            Assert.Equal(("VirusTotal", TiSeverity.Low), (result.Provider, result.Severity));
            Assert.Equal("from-config", vt.Requests.Single().Headers["x-apikey"]);
        }

        [Fact]
        public void BadExplicitConfigStopsTheCommandWithInvalidConfigFile()
        {
            var config = Path.Combine(_dir, "broken.yaml");
            File.WriteAllText(config, "TIProviders:\n  OTX: [\n");
            using var ps = Shell();
            ps.AddCommand("Invoke-B64TiLookup").AddParameter("InputObject", SampleEvents().ToArray()).AddParameter("ConfigPath", config);
            var ex = Assert.ThrowsAny<RuntimeException>(() => ps.Invoke());
            Assert.StartsWith("InvalidConfigFile", ex.ErrorRecord.FullyQualifiedErrorId);
            Assert.Matches(@"broken\.yaml:[23]:\d+: not valid YAML", ex.Message);
        }

        [Fact]
        public void BadFoundMsticpyConfigIsAnErrorButTheHuntGoesOn()
        {
            var mp = Path.Combine(_dir, "msticpyconfig.yaml");
            File.WriteAllText(mp, "TIProviders:\n  VirusTotal:\n    Args: {AuthKey: \"unterminated\n");
            Environment.SetEnvironmentVariable("MSTICPYCONFIG", mp);
            using var ps = Shell();
            var events = SampleEvents();
            var output = ps.AddCommand("Invoke-B64TiLookup").AddParameter("InputObject", events.ToArray()).Invoke();
            Assert.Equal(3, output.Count);
            var error = Assert.Single(ps.Streams.Error);
            Assert.StartsWith("InvalidConfigFile", error.FullyQualifiedErrorId);
            Assert.Contains(mp, error.ToString());
        }

        [Fact]
        public void PacingWaitBarSaysHowManyAreLookedUpAndLeft()
        {
            using var vt = new TiTestServer((r, n) => TestReply.Json(VirusTotalAnswers.Report("ip_address", "x", 0, 0)));
            var events = Enumerable.Range(1, 6).Select(i => Events.With(("ipv4", "45.33.32." + i))).ToArray();
            using var ps = Shell();
            ps.AddCommand("Invoke-B64TiLookup").AddParameter("InputObject", events)
              .AddParameter("ApiKey", new Hashtable { ["VirusTotal"] = "k" })
              .AddParameter("Endpoint", new Hashtable { ["VirusTotal"] = vt.BaseUrl })
              .AddParameter("NoCache");
            var running = ps.BeginInvoke();
            SpinWait.SpinUntil(() => ps.Streams.Progress.Any(p => p.StatusDescription.Contains("waiting")), TimeSpan.FromSeconds(30));
            ps.Stop();
            var wait = ps.Streams.Progress.First(p => p.StatusDescription.Contains("waiting"));
            Assert.StartsWith("VirusTotal: 4 of 6 looked up, 2 left; waiting ", wait.StatusDescription);
            Assert.Equal(66, wait.PercentComplete);
            Assert.Contains(ps.Streams.Progress, p => p.StatusDescription == "VirusTotal: 1 of 6 looked up, 5 left; now ipv4:45.33.32.2");
        }

        [Fact]
        public void StopDuringAPacingWaitEndsTheCommandAndKeepsTheAnswers()
        {
            using var vt = new TiTestServer((r, n) => TestReply.Json(VirusTotalAnswers.Report("ip_address", "x", 0, 0)));
            var cache = Path.Combine(_dir, "cache");
            var events = Enumerable.Range(1, 6).Select(i => Events.With(("ipv4", "45.33.32." + i))).ToArray();
            using var ps = Shell();
            ps.AddCommand("Invoke-B64TiLookup").AddParameter("InputObject", events)
              .AddParameter("ApiKey", new Hashtable { ["VirusTotal"] = "k" })
              .AddParameter("Endpoint", new Hashtable { ["VirusTotal"] = vt.BaseUrl })
              .AddParameter("CachePath", cache);
            var running = ps.BeginInvoke();
            // Four requests go at once (4/min); the fifth waits for the minute window.
            SpinWait.SpinUntil(() => vt.Count == 4 && ps.Streams.Progress.Any(p => p.StatusDescription.Contains("waiting")), TimeSpan.FromSeconds(30));
            Assert.Contains(ps.Streams.Progress, p => p.StatusDescription.Contains("waiting") && p.SecondsRemaining > 0);
            ps.Stop();
            Assert.True(running.IsCompleted);
            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            Assert.Equal(4, vt.Count);
            var saved = File.ReadAllText(Path.Combine(cache, TiCache.FileName));
            Assert.Contains("45.33.32.4", saved);
        }
    }
}

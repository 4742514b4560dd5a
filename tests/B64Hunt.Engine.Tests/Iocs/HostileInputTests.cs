using System.Linq;
using System.Text;
using B64Hunt.Iocs;
using Xunit;
using static B64Hunt.Tests.Iocs.IocTestSupport;

namespace B64Hunt.Tests.Iocs
{
    /// <summary>
    /// Ten-megabyte single lines built to make backtracking matchers explode. The scanners are linear, so
    /// these finish quickly; the tests assert what comes out (timing belongs to the benchmark).
    /// </summary>
    public class HostileInputTests
    {
        private const int TenMegabytes = 10 * 1024 * 1024;

        private static string Repeat(string unit, string? tail = null)
        {
            var builder = new StringBuilder(TenMegabytes + 64);
            while (builder.Length < TenMegabytes) builder.Append(unit);
            if (tail != null) builder.Append(tail);
            return builder.ToString();
        }

        [Fact]
        public void RepeatedLabelsAreOneOverlongNameNotMillionsOfDomains()
        {
            Assert.Empty(Extract(Repeat("a.")));
            Assert.Equal(new[] { "dns:evil.com" }, Extract(Repeat("a.", " evil.com")).Select(i => i.ToString()).ToArray());
        }

        [Fact]
        public void RepeatedOctetsAreNotAnAddress()
        {
            Assert.Empty(Extract(Repeat("1.1.1.")));
            Assert.Equal(new[] { "ipv4:8.8.8.8" }, Extract(Repeat("1.1.1.", " 8.8.8.8")).Select(i => i.ToString()).ToArray());
        }

        [Fact]
        public void RepeatedSchemesAreNotUrls()
        {
            Assert.Empty(Extract(Repeat("http://")));
            var found = Extract(Repeat("http://", "evil.com/x"));
            Assert.Equal(new[] { "url:http://evil.com/x", "dns:evil.com" }, found.Select(i => i.ToString()).ToArray());
        }

        [Fact]
        public void ALongUrlIsOneUrl()
        {
            var found = Extract("curl http://evil.com/" + Repeat("a/"));
            Assert.Equal(new[] { "url", "dns" }, found.Select(i => i.Type).ToArray());
            Assert.True(found[0].Normalized.Length > TenMegabytes);
        }

        [Fact]
        public void RepeatedColonsAndHexAreNotIpv6()
        {
            Assert.Empty(Extract(Repeat("1:")));
            Assert.Empty(Extract(Repeat("::a")));
            Assert.Empty(Extract(Repeat("f")));
        }

        [Fact]
        public void RepeatedAtSignsAndPathsStayLinear()
        {
            Assert.Empty(Of(Repeat("a@"), IocTypeNames.Email));
            Assert.Empty(Of(Repeat("@a."), IocTypeNames.Email));
            Assert.Single(Of(Repeat("/a"), IocTypeNames.LinuxPath));
            Assert.Empty(Extract(Repeat("[.]")));
            Assert.Empty(Extract(Repeat("hxxp[:]//")));
        }

        [Fact]
        public void ManySmallIndicatorsAreAllFoundAndDeduplicated()
        {
            var found = Extract(Repeat("nc 8.8.8.8 1; curl http://evil.com/a; "));
            Assert.Equal(new[] { "ipv4:8.8.8.8", "url:http://evil.com/a", "dns:evil.com" }, found.Select(i => i.ToString()).ToArray());
        }
    }
}

using System.Linq;
using B64Hunt.Iocs;
using Xunit;
using static B64Hunt.Tests.Iocs.IocTestSupport;

namespace B64Hunt.Tests.Iocs
{
    /// <summary>
    /// A Linux path cut at a command substitution or parameter expansion is the literal text before the '$':
    /// never a fragment ending in a dangling '$' (regression: "/backup/etc-$" from a tar backup one-liner).
    /// </summary>
    public class PathExpansionCutTests
    {
        [Fact]
        public void TarBackupWithDateSubstitutionGivesTheLiteralPrefix()
        {
            var paths = Of("tar czf /backup/etc-$(date +%F).tgz /etc", IocTypeNames.LinuxPath);
            Assert.Contains("/backup/etc-", paths);
            Assert.DoesNotContain(paths, p => p.EndsWith("$"));
        }

        [Theory]
        [InlineData("tar czf /backup/etc-$(date +%F).tgz", "/backup/etc-")]
        [InlineData("cp x /tmp/${USER}.bin", "/tmp/")]
        [InlineData("cp x /tmp/$(whoami)/k", "/tmp/")]
        // The '.' before the substitution is trimmed like a sentence's full stop.
        [InlineData("mv a /var/tmp/x.$(id -u)", "/var/tmp/x")]
        public void APathStopsBeforeTheDollarOfAnExpansion(string text, string path)
        {
            Single(text, IocTypeNames.LinuxPath, path);
        }

        [Fact]
        public void APlainVariableInsideAPathIsKept()
        {
            // $USER is not cut (no '(' or '{' after the '$'): the path reads as the analyst would search it.
            Single("cat /home/$USER/.ssh/id_rsa", IocTypeNames.LinuxPath, "/home/$USER/.ssh/id_rsa");
        }

        [Fact]
        public void NoLinuxPathEndsInADollarForAnyExpansionForm()
        {
            foreach (var text in new[] { "ls /opt/app-$(uname -m)", "ls /opt/app-${ARCH}", "ls /opt/app-$((1+1))" })
            {
                var paths = Of(text, IocTypeNames.LinuxPath);
                Assert.Equal(new[] { "/opt/app-" }, paths.ToArray());
            }
        }
    }
}

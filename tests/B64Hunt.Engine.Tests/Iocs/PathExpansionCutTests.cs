using System.Linq;
using B64Hunt.Iocs;
using Xunit;
using static B64Hunt.Tests.Iocs.IocTestSupport;

namespace B64Hunt.Tests.Iocs
{
    /// <summary>
    /// A Linux path word holding an expansion other than a plain $NAME is known only up to its last literal
    /// directory: the path reported is that directory, never a fragment of a name cut where the expansion starts
    /// (regression: "/backup/etc-" from a tar backup one-liner), and nothing when no named directory precedes it.
    /// </summary>
    public class PathExpansionCutTests
    {
        [Fact]
        public void TarBackupWithDateSubstitutionGivesTheBackupDirectory()
        {
            var paths = Of("tar czf /backup/etc-$(date +%F).tgz /etc", IocTypeNames.LinuxPath);
            Assert.Equal(new[] { "/backup/", "/etc" }, paths.ToArray());
        }

        [Theory]
        [InlineData("tar czf /backup/etc-$(date +%F).tgz", "/backup/")]
        [InlineData("tar czf /backup/etc-`date +%F`.tgz", "/backup/")]
        [InlineData("cp x /tmp/${USER}.bin", "/tmp/")]
        [InlineData("cp x /tmp/$(whoami)/k", "/tmp/")]
        [InlineData("mv a /var/tmp/x.$(id -u)", "/var/tmp/")]
        [InlineData("ls /opt/app-$((1+1))/bin", "/opt/")]
        [InlineData("ls /opt/app-$[1+1]", "/opt/")]
        [InlineData("cp x /opt/${APP:-miner}/run", "/opt/")]
        public void APathWithAnExpansionGivesItsLiteralDirectory(string text, string path)
        {
            Single(text, IocTypeNames.LinuxPath, path);
        }

        [Theory]
        [InlineData("cp x /$(echo tmp)/k")]
        [InlineData("cp x /x$(id -u)")]
        [InlineData("cp x /`echo tmp`/k")]
        [InlineData("cp x /${D}")]
        public void AnExpansionRightAfterTheRootGivesNoPath(string text)
        {
            Assert.Empty(Of(text, IocTypeNames.LinuxPath));
        }

        [Fact]
        public void APlainVariableInsideAPathIsKept()
        {
            // $USER is not computed text: the path reads as written, the way the analyst would search it.
            Single("cat /home/$USER/.ssh/id_rsa", IocTypeNames.LinuxPath, "/home/$USER/.ssh/id_rsa");
        }

        [Fact]
        public void APathWithoutAnExpansionIsNotCutAtItsDirectory()
        {
            // The look-alike: the same names written literally keep their file part.
            Single("tar czf /backup/etc-2024-01-01.tgz", IocTypeNames.LinuxPath, "/backup/etc-2024-01-01.tgz");
            Single("mv a /var/tmp/x.1000", IocTypeNames.LinuxPath, "/var/tmp/x.1000");
        }

        [Fact]
        public void NoLinuxPathEndsInsideANameForAnyExpansionForm()
        {
            foreach (var text in new[] { "ls /opt/app-$(uname -m)", "ls /opt/app-${ARCH}", "ls /opt/app-$((1+1))", "ls /opt/app-`uname -m`" })
            {
                var paths = Of(text, IocTypeNames.LinuxPath);
                Assert.Equal(new[] { "/opt/" }, paths.ToArray());
            }
        }
    }
}

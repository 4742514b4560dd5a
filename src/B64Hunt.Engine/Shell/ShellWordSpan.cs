namespace B64Hunt.Shell
{
    /// <summary>What a word of a simple command is to the shell.</summary>
    public enum ShellWordRole
    {
        /// <summary>The command word that runs (curl in sudo curl ...).</summary>
        Command,
        /// <summary>A wrapper the command runs through (sudo, nohup, timeout, strace ...).</summary>
        Wrapper,
        /// <summary>An option of a wrapper, its value, or an operand before the command (sudo -u root, timeout 10, chroot /srv).</summary>
        WrapperOption,
        /// <summary>A word after the command word.</summary>
        Argument,
        /// <summary>A NAME=value word before the command.</summary>
        Assignment,
        /// <summary>The target of a redirection (&gt; /etc/crontab); for a here-document, its delimiter.</summary>
        RedirectTarget,
        /// <summary>The body of a here-document.</summary>
        HereDocument,
        /// <summary>An argument read as code (the string of bash -c, the words of eval, python -c's program): its commands have spans of their own.</summary>
        Code,
        /// <summary>Text the command writes that was read as commands (echo '* * * * * curl ...' &gt;&gt; /etc/crontab).</summary>
        WrittenContent,
    }

    /// <summary>Where one word of a simple command stands in the text given to the reader: [Start, End), quotes included.</summary>
    public readonly struct ShellWordSpan
    {
        public ShellWordSpan(int start, int end, ShellWordRole role)
        {
            Start = start;
            End = end;
            Role = role;
        }

        public int Start { get; }
        public int End { get; }
        public ShellWordRole Role { get; }

        public override string ToString() => Role + "[" + Start + "," + End + ")";
    }
}

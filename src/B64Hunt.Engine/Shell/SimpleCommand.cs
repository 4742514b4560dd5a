using System.Collections.Generic;

namespace B64Hunt.Shell
{
    /// <summary>Where a simple command was found in the decoded text.</summary>
    public enum CommandOrigin
    {
        /// <summary>A command of the decoded text itself.</summary>
        TopLevel,
        /// <summary>Inside $(...) or backticks.</summary>
        CommandSubstitution,
        /// <summary>Inside &lt;(...) or &gt;(...).</summary>
        ProcessSubstitution,
        /// <summary>The string of sh -c, bash -c, su -c, env -S and the like.</summary>
        ShellString,
        /// <summary>The arguments of eval.</summary>
        Eval,
        /// <summary>A here-document or here-string fed to a shell.</summary>
        HereDocument,
        /// <summary>A string an interpreter's code (python, perl, ruby, php, node, lua, awk) passes to the system.</summary>
        ScriptCode,
        /// <summary>The command of find -exec / -execdir / -ok.</summary>
        FindExec,
        /// <summary>The program nc/ncat -e/-c or socat EXEC:/SYSTEM: runs.</summary>
        NetworkExec,
        /// <summary>A crontab line the command writes.</summary>
        Crontab,
        /// <summary>An Exec*= line of a systemd unit the command writes.</summary>
        UnitFile,
        /// <summary>Shell code the command writes into a script, profile, rc.local or init script.</summary>
        WrittenScript,
        /// <summary>Text piped into a shell's standard input (echo 'id' | sh, cat &lt;&lt;EOF | bash).</summary>
        StandardInput,
    }

    /// <summary>A redirection of a simple command, e.g. "&gt;&gt;" to "/etc/crontab".</summary>
    public sealed class ShellRedirection
    {
        internal ShellRedirection(string op, string target, string? hereDocument)
        {
            Operator = op;
            Target = target;
            HereDocument = hereDocument;
        }

        /// <summary>The operator without file-descriptor digits: &gt;, &gt;&gt;, &lt;, &lt;&lt;, &lt;&lt;&lt;, &gt;&amp;, &amp;&gt; ...</summary>
        public string Operator { get; }

        /// <summary>The target word, unquoted (for a here-document: its delimiter).</summary>
        public string Target { get; }

        /// <summary>The body of a here-document, or the word of a here-string; null otherwise.</summary>
        public string? HereDocument { get; }

        /// <summary>True when the redirection writes to its target (&gt;, &gt;&gt;, &gt;|, &amp;&gt;, &amp;&gt;&gt;, &gt;&amp; to a file).</summary>
        public bool IsOutput =>
            Operator == ">" || Operator == ">>" || Operator == ">|" || Operator == "&>" || Operator == "&>>" || Operator == "<>" ||
            (Operator == ">&" && !IsDescriptor(Target));

        private static bool IsDescriptor(string target)
        {
            if (target.Length == 0 || target == "-") return true;
            foreach (char c in target) if (c < '0' || c > '9') return false;
            return true;
        }

        public override string ToString() => Operator + Target;
    }

    /// <summary>
    /// One simple command of a decoded shell text: the command word that really runs (after assignments
    /// and wrappers, basename of a path), its unquoted arguments, and how it was reached.
    /// Immutable once read; instances may be shared between callers (the reader caches them).
    /// </summary>
    public sealed class SimpleCommand
    {
        private static readonly IReadOnlyList<string> NoStrings = new string[0];
        private static readonly IReadOnlyList<SimpleCommand> NoCommands = new SimpleCommand[0];

        internal SimpleCommand() { }

        /// <summary>The command word's basename, e.g. "curl" for /usr/bin/curl; empty for a bare assignment or redirection.</summary>
        public string CommandName { get; internal set; } = string.Empty;

        /// <summary>The command word as written (unquoted), e.g. "/usr/bin/curl" or "./x".</summary>
        public string InvokedAs { get; internal set; } = string.Empty;

        /// <summary>The words after the command word, unquoted (substitutions and variables kept as written).</summary>
        public IReadOnlyList<string> Arguments { get; internal set; } = NoStrings;

        /// <summary>Leading NAME=value words (before the command and after env/sudo).</summary>
        public IReadOnlyList<string> Assignments { get; internal set; } = NoStrings;

        /// <summary>Redirections, with here-document bodies.</summary>
        public IReadOnlyList<ShellRedirection> Redirections { get; internal set; } = new ShellRedirection[0];

        /// <summary>
        /// Where the command's words stand in the text given to <see cref="ShellCommandReader.Read"/>, in word order, with
        /// their roles. Empty when the command was read from text that is not a verbatim part of it (an escaped -c string,
        /// an argument list built by python code): then the word that carried it is the only span.
        /// </summary>
        public IReadOnlyList<ShellWordSpan> Spans { get; internal set; } = NoSpans;

        private static readonly IReadOnlyList<ShellWordSpan> NoSpans = new ShellWordSpan[0];

        /// <summary>The arguments are text the command writes and the reader followed (echo '...' &gt;&gt; /etc/crontab).</summary>
        internal void MarkWrittenContent()
        {
            if (Spans.Count == 0) return;
            var spans = new ShellWordSpan[Spans.Count];
            for (int k = 0; k < spans.Length; k++)
            {
                var s = Spans[k];
                spans[k] = s.Role == ShellWordRole.Argument ? new ShellWordSpan(s.Start, s.End, ShellWordRole.WrittenContent) : s;
            }
            Spans = spans;
        }

        /// <summary>Wrappers the command ran through, outermost first, e.g. sudo, nohup, timeout (basenames).</summary>
        public IReadOnlyList<string> Wrappers { get; internal set; } = NoStrings;

        /// <summary>The text of this simple command (words joined for commands built from an argument list).</summary>
        public string Text { get; internal set; } = string.Empty;

        /// <summary>True when the command was read from code inside another command (a -c string, eval, python, cron line ...).</summary>
        public bool IsNested => Origin != CommandOrigin.TopLevel;

        /// <summary>How the command was found.</summary>
        public CommandOrigin Origin { get; internal set; }

        /// <summary>0 for the decoded text; +1 for each level of nested code or substitution.</summary>
        public int Depth { get; internal set; }

        /// <summary>The command whose words or output contained this one (bash for bash -c '...'), if any.</summary>
        public SimpleCommand? Parent { get; internal set; }

        /// <summary>True for shell builtins (echo, cd, export, eval, kill ...): they run no binary.</summary>
        public bool IsBuiltin { get; internal set; }

        /// <summary>
        /// True when the command is only written for later (a crontab line, unit file or script, or code inside
        /// one): the decoded command installs it but does not run it now.
        /// </summary>
        public bool IsDeferred
        {
            get
            {
                int hops = 0;
                for (var c = this; c != null && hops < 64; c = c.Parent, hops++)
                {
                    if (c.Origin == CommandOrigin.Crontab || c.Origin == CommandOrigin.UnitFile || c.Origin == CommandOrigin.WrittenScript) return true;
                }
                return false;
            }
        }

        /// <summary>True when the command word is a path (contains '/'), e.g. ./x or /tmp/.x/run.</summary>
        public bool IsPath => InvokedAs.IndexOf('/') >= 0;

        /// <summary>The commands whose standard output this command reads through a pipe.</summary>
        public IReadOnlyList<SimpleCommand> PipedFrom { get; internal set; } = NoCommands;

        /// <summary>The command this command's standard output is piped into, if any.</summary>
        public SimpleCommand? PipesTo { get; internal set; }

        private string? _lowerText;
        private string[]? _tokens;
        private string[]? _writeTargets;

        /// <summary>Command word, arguments, assignments and redirection targets, computed once (for token rules).</summary>
        internal string[] Tokens => _tokens ??= ComputeTokens();

        /// <summary>Files the command writes, computed once by the classifier's fact finder.</summary>
        internal string[]? CachedWriteTargets
        {
            get => _writeTargets;
            set => _writeTargets = value;
        }

        private string[] ComputeTokens()
        {
            var list = new List<string>(1 + Arguments.Count + Assignments.Count + Redirections.Count);
            if (InvokedAs.Length > 0) list.Add(InvokedAs);
            foreach (string a in Arguments) list.Add(a);
            foreach (string a in Assignments) list.Add(a);
            foreach (var r in Redirections) list.Add(r.Target);
            return list.ToArray();
        }

        /// <summary>Text in lower case, computed once (rules compare text case-insensitively).</summary>
        internal string LowerText => _lowerText ??= Text.ToLowerInvariant();

        public override string ToString() => Text;
    }
}

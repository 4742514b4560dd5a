using System;
using System.Collections.Generic;
using System.Text;

namespace B64Hunt.Shell
{
    /// <summary>
    /// One read of a decoded text: collects the simple commands of the text and of every piece of code inside it
    /// (substitutions, -c strings, eval, here-documents, interpreter code, find -exec, nc -e, written cron lines,
    /// unit files and scripts), to a bounded depth and count.
    /// </summary>
    internal sealed class ShellReadSession
    {
        /// <summary>Nested code deeper than this is not read (each level re-reads a string).</summary>
        public const int MaxDepth = 8;

        /// <summary>At most this many commands per decoded text: attacker text cannot make a read unbounded.</summary>
        public const int MaxCommands = 4096;

        public List<SimpleCommand> Results { get; } = new List<SimpleCommand>();

        /// <summary>The text given to the reader: word spans are positions in it.</summary>
        private readonly string? _text;

        public ShellReadSession(string? text = null)
        {
            _text = text;
        }

        /// <summary>Variables the text assigns, shared by every piece of code read in the session (eval "$a$b" sees a and b).</summary>
        public ShellVariables Variables { get; } = new ShellVariables();

        /// <summary>Reads shell code; <paramref name="at"/> is where it stands in the reader's text, or -1 when it is not a verbatim part of it.</summary>
        public void ReadCode(string code, CommandOrigin origin, int depth, SimpleCommand? parent, int at = -1)
        {
            if (depth > MaxDepth || Results.Count >= MaxCommands || code.Length == 0) return;
            new ShellParser(this, code, origin, depth, parent, at).Parse();
        }

        /// <summary>
        /// Where <paramref name="code"/> stands in the reader's text within [from, to), or -1: nested code keeps word
        /// positions only where it is copied verbatim from the text (a quoted -c string, a substitution, a cron line).
        /// </summary>
        public int Locate(string code, int from, int to)
        {
            if (_text == null || from < 0 || code.Length == 0) return -1;
            if (to > _text.Length) to = _text.Length;
            if (to - from < code.Length) return -1;
            return _text.IndexOf(code, from, to - from, StringComparison.Ordinal);
        }

        /// <summary>Where <paramref name="code"/> stands inside the words of <paramref name="command"/>, or -1.</summary>
        public int Locate(string code, SimpleCommand command)
        {
            var spans = command.Spans;
            if (spans.Count == 0) return -1;
            return Locate(code, spans[0].Start, spans[spans.Count - 1].End);
        }

        /// <summary>Where the value of <paramref name="word"/> (a token of code read at <paramref name="at"/>) stands in the reader's text, or -1.</summary>
        private int Locate(string code, ShellToken word, int at) => at < 0 ? -1 : Locate(code, at + word.Start, at + word.End);

        /// <summary>Where a here-document body (or here-string) stands in the reader's text, or -1.</summary>
        private int LocateBody(string body, ShellToken redirect, int at)
        {
            if (at < 0) return -1;
            if (redirect.BodyStart >= 0) return Locate(body, at + redirect.BodyStart, at + redirect.BodyEnd + 1);
            return redirect.Target != null ? Locate(body, redirect.Target, at) : -1;
        }

        /// <summary>A command given as an argument vector (python lists, find -exec): words are not split again.</summary>
        public void ReadWords(IReadOnlyList<string> words, CommandOrigin origin, int depth, SimpleCommand? parent)
        {
            if (depth > MaxDepth || Results.Count >= MaxCommands || words.Count == 0) return;
            var tokens = new List<ShellToken>(words.Count);
            foreach (string w in words) tokens.Add(new ShellToken { Kind = ShellTokenKind.Word, Value = w, Quoted = true });
            Resolve(tokens, new List<ShellToken>(), string.Join(" ", words), origin, depth, parent);
        }

        /// <summary>A command given as words of the text (find -exec, nc -e): read as an argument vector, keeping their positions.</summary>
        private void ReadWordsOf(List<ShellToken> words, int from, int to, CommandOrigin origin, int depth, SimpleCommand? parent, int at)
        {
            if (depth > MaxDepth || Results.Count >= MaxCommands || to <= from) return;
            var tokens = new List<ShellToken>(to - from);
            var values = new string[to - from];
            for (int k = from; k < to; k++)
            {
                var w = words[k];
                tokens.Add(new ShellToken { Kind = ShellTokenKind.Word, Value = w.Value, Quoted = true, Start = w.Start, End = w.End });
                values[k - from] = w.Value;
            }
            Resolve(tokens, new List<ShellToken>(), string.Join(" ", values), origin, depth, parent, at);
        }

        /// <summary>Reads the code of the word's substitutions; <paramref name="at"/> is where the word's code stands in the reader's text (-1: nowhere).</summary>
        public void ReadSubstitutions(ShellToken word, int depth, SimpleCommand? parent, int at = -1)
        {
            var subs = word.Substitutions;
            if (subs == null) return;
            foreach (var sub in subs) ReadCode(sub.Code, sub.Origin, depth + 1, parent, Locate(sub.Code, word, at));
        }

        /// <summary>Turns the words of one simple command into a SimpleCommand, then reads the code it carries.</summary>
        public SimpleCommand? Resolve(List<ShellToken> words, List<ShellToken> redirections, string text, CommandOrigin origin, int depth, SimpleCommand? parent, int at = -1)
        {
            if (Results.Count >= MaxCommands) return null;
            var command = new SimpleCommand { Text = text, Origin = origin, Depth = depth, Parent = parent };
            List<string>? assignments = null;
            List<string>? wrappers = null;
            // What each word is, for the spans (only when the words stand in the reader's text).
            var roles = at >= 0 ? new ShellWordRole[words.Count] : null;
            if (roles != null) for (int k = 0; k < roles.Length; k++) roles[k] = ShellWordRole.Argument;
            int i = 0;
            while (true)
            {
                while (i < words.Count && IsAssignment(words[i]))
                {
                    (assignments ??= new List<string>()).Add(words[i].Value);
                    if (roles != null) roles[i] = ShellWordRole.Assignment;
                    i++;
                }
                if (i >= words.Count) break;
                int next = WrapperReader.Skip(words, i, out string wrapper);
                if (next < 0) break;
                (wrappers ??= new List<string>()).Add(wrapper);
                if (roles != null)
                {
                    roles[i] = ShellWordRole.Wrapper;
                    for (int k = i + 1; k < next; k++) roles[k] = ShellWordRole.WrapperOption;
                }
                // env -S "cmd args": the split string is the command.
                if (wrapper == "env") ReadEnvSplitString(words, i, next, depth, command, at);
                i = next;
            }

            if (i < words.Count)
            {
                string invokedAs = words[i].Value;
                command.InvokedAs = invokedAs;
                command.CommandName = ShellNames.Basename(invokedAs);
                int argCount = words.Count - i - 1;
                if (argCount > 0)
                {
                    var args = new string[argCount];
                    for (int k = 0; k < argCount; k++) args[k] = words[i + 1 + k].Value;
                    command.Arguments = args;
                }
                command.IsBuiltin = invokedAs.IndexOf('/') < 0 && ShellNames.BuiltinSet.Contains(command.CommandName);
                if (roles != null) roles[i] = ShellWordRole.Command;
            }
            else if (wrappers != null && wrappers.Count > 0)
            {
                // A wrapper with nothing to run (sudo -i, env, xargs alone) is itself the command.
                int w = words.Count - 1;
                while (w > 0 && ShellNames.Basename(words[w].Value) != wrappers[wrappers.Count - 1]) w--;
                i = w;
                command.InvokedAs = words[w].Value;
                command.CommandName = wrappers[wrappers.Count - 1];
                wrappers.RemoveAt(wrappers.Count - 1);
                var args = new List<string>();
                for (int k = w + 1; k < words.Count; k++) args.Add(words[k].Value);
                command.Arguments = args.ToArray();
                command.IsBuiltin = ShellNames.BuiltinSet.Contains(command.CommandName);
                if (roles != null)
                {
                    roles[w] = ShellWordRole.Command;
                    for (int k = w + 1; k < roles.Length; k++) roles[k] = ShellWordRole.Argument;
                }
            }
            if (assignments != null) command.Assignments = assignments;
            if (wrappers != null) command.Wrappers = wrappers;
            if (redirections.Count > 0)
            {
                var list = new ShellRedirection[redirections.Count];
                for (int k = 0; k < list.Length; k++)
                {
                    var r = redirections[k];
                    list[k] = new ShellRedirection(r.Value, r.Target?.Value ?? string.Empty, r.HereDocument);
                }
                command.Redirections = list;
            }
            if (command.CommandName.Length == 0 && command.Assignments.Count == 0 && command.Redirections.Count == 0) return null;
            Results.Add(command);

            // Code the command carries; words read as code are not read again for substitutions.
            int codeWord = ReadNestedCode(command, words, i, redirections, depth, at);
            for (int k = 0; k < words.Count; k++)
            {
                if (k == codeWord || (codeWord == int.MaxValue && k > i))
                {
                    if (roles != null) roles[k] = ShellWordRole.Code;
                    continue;
                }
                ReadSubstitutions(words[k], depth, command, at);
            }
            foreach (var r in redirections)
            {
                if (r.Target != null) ReadSubstitutions(r.Target, depth, command, at);
            }
            if (roles != null) command.Spans = SpansOf(words, roles, redirections, at);
            return command;
        }

        /// <summary>The words' positions in the reader's text, in text order.</summary>
        private static ShellWordSpan[] SpansOf(List<ShellToken> words, ShellWordRole[] roles, List<ShellToken> redirections, int at)
        {
            var spans = new List<ShellWordSpan>(words.Count + redirections.Count);
            for (int k = 0; k < words.Count; k++)
            {
                var w = words[k];
                if (w.End > w.Start) spans.Add(new ShellWordSpan(at + w.Start, at + w.End, roles[k]));
            }
            foreach (var r in redirections)
            {
                if (r.Target != null && r.Target.End > r.Target.Start) spans.Add(new ShellWordSpan(at + r.Target.Start, at + r.Target.End, ShellWordRole.RedirectTarget));
                if (r.BodyStart >= 0 && r.BodyEnd > r.BodyStart) spans.Add(new ShellWordSpan(at + r.BodyStart, at + r.BodyEnd, ShellWordRole.HereDocument));
            }
            if (redirections.Count > 0) spans.Sort((a, b) => a.Start.CompareTo(b.Start));
            return spans.ToArray();
        }

        private static bool IsAssignment(ShellToken word) => !word.StartsQuoted && ShellAssignment.IsAssignment(word.Value.AsSpan());

        private void ReadEnvSplitString(List<ShellToken> words, int envAt, int commandAt, int depth, SimpleCommand command, int at)
        {
            for (int k = envAt + 1; k < commandAt && k < words.Count; k++)
            {
                string w = words[k].Value;
                string? code = null;
                var word = words[k];
                if ((w == "-S" || w == "--split-string") && k + 1 < words.Count) { word = words[k + 1]; code = word.Value; }
                else if (w.StartsWith("-S", StringComparison.Ordinal) && w.Length > 2) code = w.Substring(2);
                else if (w.StartsWith("--split-string=", StringComparison.Ordinal)) code = w.Substring(15);
                if (code != null) ReadCode(code, CommandOrigin.ShellString, depth + 1, command, Locate(code, word, at));
            }
        }

        /// <summary>
        /// Reads the code a command runs: its -c string, eval words, interpreter code, find -exec command, nc -e
        /// program, socat EXEC:, here-documents fed to a shell or an interpreter. Returns the index of the word read
        /// as code, int.MaxValue when every argument was (eval), or -1.
        /// </summary>
        private int ReadNestedCode(SimpleCommand command, List<ShellToken> words, int commandAt, List<ShellToken> redirections, int depth, int at)
        {
            string name = command.CommandName;
            if (name.Length == 0 || commandAt >= words.Count) return -1;
            int next = depth + 1;
            int first = commandAt + 1;
            int n = words.Count;

            if (ShellNames.IsShell(name))
            {
                int code = ShellCodeWord(words, first);
                if (code >= 0)
                {
                    ReadCode(words[code].Value, CommandOrigin.ShellString, next, command, Locate(words[code].Value, words[code], at));
                    return code;
                }
                ReadHereDocuments(redirections, (body, r) => ReadCode(body, CommandOrigin.HereDocument, next, command, LocateBody(body, r, at)));
                return -1;
            }
            switch (name)
            {
                case "env":
                    ReadEnvSplitString(words, commandAt, n, depth, command, at);
                    return -1;
                case "eval":
                    if (first < n)
                    {
                        var sb = new StringBuilder();
                        for (int k = first; k < n; k++) sb.Append(k > first ? " " : "").Append(words[k].Value);
                        string evaluated = sb.ToString();
                        ReadCode(evaluated, CommandOrigin.Eval, next, command, at < 0 ? -1 : Locate(evaluated, at + words[first].Start, at + words[n - 1].End));
                        return int.MaxValue;
                    }
                    return -1;
                case "su":
                case "runuser":
                case "script":
                    for (int k = first; k < n; k++)
                    {
                        string w = words[k].Value;
                        if ((w == "-c" || w == "--command") && k + 1 < n)
                        {
                            ReadCode(words[k + 1].Value, CommandOrigin.ShellString, next, command, Locate(words[k + 1].Value, words[k + 1], at));
                            return k + 1;
                        }
                        if (w.StartsWith("--command=", StringComparison.Ordinal))
                        {
                            ReadCode(w.Substring(10), CommandOrigin.ShellString, next, command, Locate(w.Substring(10), words[k], at));
                            return k;
                        }
                    }
                    return -1;
                case "find":
                    ReadFindExec(command, words, first, next, at);
                    return -1;
                case "nc":
                case "ncat":
                case "netcat":
                case "nc.traditional":
                case "nc.openbsd":
                    for (int k = first; k < n - 1; k++)
                    {
                        string w = words[k].Value;
                        if (w == "-e" || w == "--exec")
                        {
                            ReadWordsOf(words, k + 1, k + 2, CommandOrigin.NetworkExec, next, command, at);
                            return k + 1;
                        }
                        // ncat -c runs a shell command; OpenBSD nc -c means TLS.
                        if ((w == "-c" && name == "ncat") || w == "--sh-exec")
                        {
                            ReadCode(words[k + 1].Value, CommandOrigin.NetworkExec, next, command, Locate(words[k + 1].Value, words[k + 1], at));
                            return k + 1;
                        }
                    }
                    return -1;
                case "socat":
                    for (int k = first; k < n; k++)
                    {
                        string w = words[k].Value;
                        int colon = w.IndexOf(':');
                        if (colon == 4 && (w.StartsWith("exec", StringComparison.OrdinalIgnoreCase)) || colon == 6 && w.StartsWith("system", StringComparison.OrdinalIgnoreCase))
                        {
                            string program = w.Substring(colon + 1);
                            int comma = program.IndexOf(',');
                            if (comma >= 0) program = program.Substring(0, comma);
                            ReadCode(program, CommandOrigin.NetworkExec, next, command, Locate(program, words[k], at));
                        }
                    }
                    return -1;
            }

            var language = ScriptCallReader.LanguageOf(name);
            if (language == null) return -1;
            int codeAt = -1;
            string? code2 = null;
            if (language == ScriptLanguage.Awk)
            {
                // awk [-F sep] [-v a=b] 'program' files
                int k = first;
                while (k < n && words[k].Value.StartsWith("-", StringComparison.Ordinal) && words[k].Value.Length > 1)
                {
                    string w = words[k].Value;
                    k += (w == "-F" || w == "-v" || w == "-f") ? 2 : 1;
                    if (w == "-f") { k = n; break; }
                }
                if (k < n) { codeAt = k; code2 = words[k].Value; }
            }
            else
            {
                for (int k = first; k < n; k++)
                {
                    string w = words[k].Value;
                    if (!w.StartsWith("-", StringComparison.Ordinal)) break;
                    if (ScriptCallReader.IsCodeOption(language.Value, w, out bool attached, out string value))
                    {
                        if (attached) { codeAt = k; code2 = value; }
                        else if (k + 1 < n) { codeAt = k + 1; code2 = words[k + 1].Value; }
                        break;
                    }
                }
            }
            if (code2 != null)
            {
                var word = words[codeAt];
                ReadScript(code2, language.Value, next, command, at < 0 ? -1 : at + word.Start, at < 0 ? -1 : at + word.End);
            }
            else
            {
                ReadHereDocuments(redirections, (body, r) =>
                {
                    int bodyAt = LocateBody(body, r, at);
                    ReadScript(body, language.Value, next, command, bodyAt, bodyAt < 0 ? -1 : bodyAt + body.Length);
                });
            }
            return codeAt;
        }

        /// <summary>Reads the shell strings a script passes to the system; [from, to) is where the script stands in the reader's text (-1: nowhere).</summary>
        internal void ReadScript(string code, ScriptLanguage language, int depth, SimpleCommand? command, int from = -1, int to = -1)
        {
            ScriptCallReader.Find(code, language,
                shellCode => ReadCode(shellCode, CommandOrigin.ScriptCode, depth, command, Locate(shellCode, from, to)),
                argv => ReadWords(argv, CommandOrigin.ScriptCode, depth, command));
        }

        private static void ReadHereDocuments(List<ShellToken> redirections, Action<string, ShellToken> read)
        {
            foreach (var r in redirections)
            {
                if (r.HereDocument != null && (r.Value == "<<" || r.Value == "<<<")) read(r.HereDocument, r);
            }
        }

        /// <summary>The index of a shell's -c string: the first operand after an option cluster holding 'c'.</summary>
        private static int ShellCodeWord(List<ShellToken> words, int first)
        {
            bool sawC = false;
            for (int k = first; k < words.Count; k++)
            {
                string w = words[k].Value;
                if (w == "--") return sawC && k + 1 < words.Count ? k + 1 : -1;
                if (w.Length > 1 && (w[0] == '-' || w[0] == '+'))
                {
                    if (w[1] == '-') continue; // --norc, --login ...
                    if (w.IndexOf('c') > 0) sawC = true;
                    if (w == "-o" || w == "+o" || w == "-O" || w == "+O") k++; // the option name
                    continue;
                }
                return sawC ? k : -1;
            }
            return -1;
        }

        private void ReadFindExec(SimpleCommand command, List<ShellToken> words, int first, int depth, int at)
        {
            for (int k = first; k < words.Count; k++)
            {
                string w = words[k].Value;
                if (w != "-exec" && w != "-execdir" && w != "-ok" && w != "-okdir") continue;
                int from = ++k;
                while (k < words.Count && words[k].Value != ";" && words[k].Value != "+") k++;
                ReadWordsOf(words, from, k, CommandOrigin.FindExec, depth, command, at);
            }
        }
    }
}

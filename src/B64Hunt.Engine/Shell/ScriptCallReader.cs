using System;
using System.Collections.Generic;
using System.Text;

namespace B64Hunt.Shell
{
    /// <summary>The interpreter whose code is read for the commands it hands to the system.</summary>
    internal enum ScriptLanguage
    {
        Python,
        Perl,
        Ruby,
        Php,
        Node,
        Lua,
        Awk,
    }

    /// <summary>
    /// Finds, in interpreter code, the strings passed to the system: os.system("..."), subprocess.*("..." or [...]),
    /// os.popen, pty.spawn, os.exec*; perl system/exec/qx/backticks; ruby system/exec/%x/backticks; php system,
    /// exec, shell_exec, passthru, popen, proc_open; node child_process exec/spawn; lua os.execute/io.popen; awk system.
    /// One forward scan over identifiers; only literal strings count (a computed string is not guessed at).
    /// </summary>
    internal static class ScriptCallReader
    {
        private static HashSet<string> Set(params string[] names) => new HashSet<string>(names, StringComparer.Ordinal);

        private static readonly HashSet<string> Python = Set("system", "popen", "popen2", "popen3", "getoutput", "getstatusoutput",
            "call", "run", "Popen", "check_output", "check_call", "spawn", "execl", "execle", "execlp", "execlpe", "execv", "execve",
            "execvp", "execvpe", "spawnl", "spawnle", "spawnlp", "spawnv", "spawnve", "spawnvp", "posix_spawn", "posix_spawnp");
        private static readonly HashSet<string> Perl = Set("system", "exec", "qx");
        private static readonly HashSet<string> Ruby = Set("system", "exec", "spawn", "popen", "popen3", "capture2", "capture2e", "capture3");
        private static readonly HashSet<string> Php = Set("system", "exec", "shell_exec", "passthru", "popen", "proc_open", "pcntl_exec");
        private static readonly HashSet<string> Node = Set("exec", "execSync", "spawn", "spawnSync", "execFile", "execFileSync");
        private static readonly HashSet<string> Lua = Set("execute", "popen");
        private static readonly HashSet<string> Awk = Set("system");

        /// <summary>The language of a script whose first line is a shebang (#!/usr/bin/python3, #!/usr/bin/env perl), or null.</summary>
        public static ScriptLanguage? ShebangLanguage(string text)
        {
            if (!text.StartsWith("#!", StringComparison.Ordinal)) return null;
            int eol = text.IndexOf('\n');
            string line = (eol < 0 ? text.Substring(2) : text.Substring(2, eol - 2)).Trim();
            string[] words = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) return null;
            string program = ShellNames.Basename(words[0]);
            if (program == "env")
            {
                int w = 1;
                while (w < words.Length && words[w].StartsWith("-", StringComparison.Ordinal)) w++;
                if (w >= words.Length) return null;
                program = ShellNames.Basename(words[w]);
            }
            return LanguageOf(program);
        }

        /// <summary>Language of an interpreter name (versioned names too), or null.</summary>
        public static ScriptLanguage? LanguageOf(string name)
        {
            string n = ShellNames.StripVersion(name);
            switch (n)
            {
                case "python": case "python2": case "python3": case "pypy": case "pypy3": return ScriptLanguage.Python;
                case "perl": return ScriptLanguage.Perl;
                case "ruby": return ScriptLanguage.Ruby;
                case "php": return ScriptLanguage.Php;
                case "node": case "nodejs": return ScriptLanguage.Node;
                case "lua": case "luajit": return ScriptLanguage.Lua;
                case "awk": case "gawk": case "mawk": case "nawk": case "busybox-awk": return ScriptLanguage.Awk;
                default: return null;
            }
        }

        /// <summary>The option whose value is code (python -c, perl -e/-E, ruby -e, php -r, node -e, lua -e).</summary>
        public static bool IsCodeOption(ScriptLanguage language, string word, out bool valueAttached, out string attached)
        {
            valueAttached = false;
            attached = string.Empty;
            if (word.Length < 2 || word[0] != '-') return false;
            if (language == ScriptLanguage.Node) return word == "-e" || word == "--eval" || word == "-p" || word == "--print";
            if (word[1] == '-') return false;
            char want = language switch
            {
                ScriptLanguage.Python => 'c',
                ScriptLanguage.Php => 'r',
                _ => 'e',
            };
            // Walk the cluster: letters that take a value end it (perl -MIO, python -W x, ...).
            string valueLetters = language switch
            {
                ScriptLanguage.Perl => "MmIxFCdD0il",
                ScriptLanguage.Python => "WXQm",
                ScriptLanguage.Ruby => "rIECFKTWx0",
                _ => "",
            };
            for (int i = 1; i < word.Length; i++)
            {
                char c = word[i];
                if (c == want || (language == ScriptLanguage.Perl && c == 'E'))
                {
                    if (i < word.Length - 1)
                    {
                        valueAttached = true;
                        attached = word.Substring(i + 1);
                    }
                    return true;
                }
                if (valueLetters.IndexOf(c) >= 0) return false;
            }
            return false;
        }

        /// <summary>Reports each literal handed to the system: shell code, or an argument vector.</summary>
        public static void Find(string code, ScriptLanguage language, Action<string> onShellCode, Action<List<string>> onArgv)
        {
            HashSet<string> names = language switch
            {
                ScriptLanguage.Python => Python,
                ScriptLanguage.Perl => Perl,
                ScriptLanguage.Ruby => Ruby,
                ScriptLanguage.Php => Php,
                ScriptLanguage.Node => Node,
                ScriptLanguage.Lua => Lua,
                _ => Awk,
            };
            bool backticks = language == ScriptLanguage.Perl || language == ScriptLanguage.Ruby || language == ScriptLanguage.Php;
            int n = code.Length;
            int i = 0;
            Dictionary<string, string>? variables = null;
            while (i < n)
            {
                char c = code[i];
                if (backticks && c == '`')
                {
                    int close = code.IndexOf('`', i + 1);
                    if (close < 0) break;
                    onShellCode(code.Substring(i + 1, close - i - 1));
                    i = close + 1;
                    continue;
                }
                if (!IsIdentifierStart(c) || (i > 0 && IsIdentifierPart(code[i - 1])))
                {
                    i++;
                    continue;
                }
                int start = i;
                while (i < n && IsIdentifierPart(code[i])) i++;
                int length = i - start;
                if (length > 16) continue;
                string identifier = code.Substring(start, length);
                if ((language == ScriptLanguage.Perl && identifier == "qx") || (language == ScriptLanguage.Ruby && identifier == "x" && start > 0 && code[start - 1] == '%'))
                {
                    if (i < n && TryReadDelimited(code, ref i, out string quoted)) onShellCode(quoted);
                    continue;
                }
                if (TryReadAssignment(code, ref i, language, identifier, ref variables)) continue;
                if (!names.Contains(identifier)) continue;
                ReadCallArguments(code, ref i, identifier, language, onShellCode, onArgv, variables);
            }
        }

        private const int MaxVariables = 64;

        /// <summary>
        /// NAME = "literal" (python, ruby, node; $name in perl and php): remembered, so a call through the variable
        /// (cmd = "..."; subprocess.Popen(cmd, shell=True)) hands that literal to the system. Only literals: a computed
        /// value is not guessed at.
        /// </summary>
        private static bool TryReadAssignment(string code, ref int i, ScriptLanguage language, string identifier, ref Dictionary<string, string>? variables)
        {
            int j = i;
            while (j < code.Length && (code[j] == ' ' || code[j] == '\t')) j++;
            if (j >= code.Length || code[j] != '=' || (j + 1 < code.Length && (code[j + 1] == '=' || code[j + 1] == '~'))) return false;
            int k = SkipSpaces(code, j + 1);
            if (!TryReadString(code, ref k, language, out string literal)) return false;
            variables ??= new Dictionary<string, string>(StringComparer.Ordinal);
            if (variables.Count < MaxVariables || variables.ContainsKey(identifier)) variables[identifier] = literal;
            i = k;
            return true;
        }

        /// <summary>A variable argument ($cmd, cmd) holding a literal the code assigned.</summary>
        private static bool TryReadVariable(string code, ref int j, Dictionary<string, string>? variables, out string value)
        {
            value = string.Empty;
            if (variables == null) return false;
            int k = j;
            if (k < code.Length && code[k] == '$') k++;
            if (k >= code.Length || !IsIdentifierStart(code[k])) return false;
            int start = k;
            while (k < code.Length && IsIdentifierPart(code[k])) k++;
            if (k < code.Length && (code[k] == '.' || code[k] == '(' || code[k] == '[')) return false; // an attribute, a call, an index
            if (!variables.TryGetValue(code.Substring(start, k - start), out value!)) return false;
            j = k;
            return true;
        }

        private static void ReadCallArguments(string code, ref int i, string function, ScriptLanguage language,
            Action<string> onShellCode, Action<List<string>> onArgv, Dictionary<string, string>? variables)
        {
            int n = code.Length;
            int j = SkipSpaces(code, i);
            bool paren = j < n && code[j] == '(';
            if (paren) j = SkipSpaces(code, j + 1);
            else if (j == i || !(language == ScriptLanguage.Perl || language == ScriptLanguage.Ruby || language == ScriptLanguage.Lua || language == ScriptLanguage.Awk))
            {
                return; // perl/ruby allow `system "cmd"`; elsewhere a call needs its parenthesis
            }
            if (j >= n) return;
            var literals = new List<string>();
            List<string>? list = null;
            // Up to a few top-level arguments: literals, or one list of literals.
            for (int arg = 0; arg < 8 && j < n; arg++)
            {
                if (code[j] == '[' || (language == ScriptLanguage.Perl && code[j] == '(' && arg > 0))
                {
                    list = ReadLiteralList(code, ref j);
                }
                else if (TryReadString(code, ref j, language, out string literal)) literals.Add(literal);
                else if (TryReadVariable(code, ref j, variables, out string assigned)) literals.Add(assigned);
                else break;
                j = SkipSpaces(code, j);
                if (j < n && code[j] == ',') j = SkipSpaces(code, j + 1);
                else break;
            }
            i = j;
            bool execFamily = function.StartsWith("exec", StringComparison.Ordinal) && function != "exec" && function != "execSync" && function != "execute"
                || function.StartsWith("spawn", StringComparison.Ordinal) && language == ScriptLanguage.Python
                || function.StartsWith("posix_spawn", StringComparison.Ordinal) || function == "pcntl_exec";
            if (list != null && list.Count > 0)
            {
                if (literals.Count > 0 && language == ScriptLanguage.Node)
                {
                    var argv = new List<string> { literals[0] };
                    argv.AddRange(list);
                    onArgv(argv);
                }
                else if (literals.Count > 0 && execFamily)
                {
                    // os.execv("/bin/sh", ["sh", "-c", "..."]): the path, then argv without argv[0].
                    var argv = new List<string> { literals[0] };
                    for (int k = 1; k < list.Count; k++) argv.Add(list[k]);
                    onArgv(argv);
                }
                else onArgv(list);
                return;
            }
            if (literals.Count == 0) return;
            if (execFamily || (function == "exec" && language == ScriptLanguage.Perl && literals.Count > 1) || (function == "system" && language == ScriptLanguage.Perl && literals.Count > 1))
            {
                // os.execl("/bin/sh", "sh", "-c", "..."): the path then argv from argv[1]; perl system LIST.
                var argv = new List<string> { literals[0] };
                int from = execFamily && language == ScriptLanguage.Python && function.StartsWith("execl", StringComparison.Ordinal) || function.StartsWith("spawnl", StringComparison.Ordinal) ? 2 : 1;
                for (int k = from; k < literals.Count; k++) argv.Add(literals[k]);
                onArgv(argv);
                return;
            }
            onShellCode(literals[0]);
        }

        private static List<string> ReadLiteralList(string code, ref int j)
        {
            char close = code[j] == '[' ? ']' : ')';
            var items = new List<string>();
            j = SkipSpaces(code, j + 1);
            while (j < code.Length && code[j] != close)
            {
                if (TryReadString(code, ref j, ScriptLanguage.Python, out string item)) items.Add(item);
                else
                {
                    // a non-literal element: skip it
                    while (j < code.Length && code[j] != ',' && code[j] != close) j++;
                }
                j = SkipSpaces(code, j);
                if (j < code.Length && code[j] == ',') j = SkipSpaces(code, j + 1);
            }
            if (j < code.Length) j++;
            return items;
        }

        private static int SkipSpaces(string code, int j)
        {
            while (j < code.Length && (code[j] == ' ' || code[j] == '\t' || code[j] == '\n' || code[j] == '\r')) j++;
            return j;
        }

        private static bool IsIdentifierStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

        private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || (c >= '0' && c <= '9');

        /// <summary>A string literal at j: '...', "...", python prefixes and triple quotes, perl q{}/qq{}.</summary>
        private static bool TryReadString(string code, ref int j, ScriptLanguage language, out string value)
        {
            value = string.Empty;
            int n = code.Length;
            int k = j;
            bool raw = false;
            // python prefixes r, b, u, f and pairs
            int prefixEnd = k;
            while (prefixEnd < n && prefixEnd - k < 2 && "rRbBuUfF".IndexOf(code[prefixEnd]) >= 0) prefixEnd++;
            if (prefixEnd > k && prefixEnd < n && (code[prefixEnd] == '\'' || code[prefixEnd] == '"'))
            {
                for (int p = k; p < prefixEnd; p++) if (code[p] == 'r' || code[p] == 'R') raw = true;
                k = prefixEnd;
            }
            else if (language == ScriptLanguage.Perl && k + 1 < n && code[k] == 'q')
            {
                int q = k + 1;
                if (q < n && (code[q] == 'q' || code[q] == 'x')) q++;
                if (q < n && "{([</|!".IndexOf(code[q]) >= 0)
                {
                    j = q;
                    return TryReadDelimited(code, ref j, out value);
                }
            }
            if (k >= n) return false;
            char quote = code[k];
            if (quote != '\'' && quote != '"') return false;
            bool triple = k + 2 < n && code[k + 1] == quote && code[k + 2] == quote;
            int i = k + (triple ? 3 : 1);
            var sb = new StringBuilder();
            while (i < n)
            {
                char c = code[i];
                if (c == quote && (!triple || (i + 2 < n && code[i + 1] == quote && code[i + 2] == quote)))
                {
                    j = i + (triple ? 3 : 1);
                    value = sb.ToString();
                    return true;
                }
                if (c == '\\' && i + 1 < n)
                {
                    char d = code[i + 1];
                    if (raw || (quote == '\'' && language == ScriptLanguage.Perl && d != '\'' && d != '\\'))
                    {
                        sb.Append(c);
                        i++;
                        continue;
                    }
                    i += 2;
                    switch (d)
                    {
                        case 'n': sb.Append('\n'); break;
                        case 't': sb.Append('\t'); break;
                        case 'r': sb.Append('\r'); break;
                        case 'x':
                            if (i + 1 < n && IsHex(code[i]) && IsHex(code[i + 1]))
                            {
                                sb.Append((char)Convert.ToInt32(code.Substring(i, 2), 16));
                                i += 2;
                            }
                            else sb.Append('x');
                            break;
                        default: sb.Append(d); break;
                    }
                    continue;
                }
                sb.Append(c);
                i++;
            }
            return false;
        }

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        /// <summary>A delimited quote at j: {...}, (...), [...], &lt;...&gt; (nesting) or /.../ |...| !...!.</summary>
        private static bool TryReadDelimited(string code, ref int j, out string value)
        {
            value = string.Empty;
            if (j >= code.Length) return false;
            char open = code[j];
            char close = open switch { '{' => '}', '(' => ')', '[' => ']', '<' => '>', _ => open };
            if (char.IsLetterOrDigit(open) || char.IsWhiteSpace(open)) return false;
            int depth = 1;
            int i = j + 1;
            while (i < code.Length)
            {
                char c = code[i];
                if (c == '\\') { i += 2; continue; }
                if (c == close && --depth == 0)
                {
                    value = code.Substring(j + 1, i - j - 1);
                    j = i + 1;
                    return true;
                }
                if (c == open && open != close) depth++;
                i++;
            }
            return false;
        }
    }
}

using System;
using System.Collections.Generic;

namespace B64Hunt.Shell
{
    /// <summary>Name sets the reader decides with: keywords, builtins, shells and interpreters.</summary>
    public static class ShellNames
    {
        private static HashSet<string> Set(params string[] names) => new HashSet<string>(names, StringComparer.Ordinal);

        /// <summary>Reserved words: structure, never a command.</summary>
        public static readonly IReadOnlyCollection<string> Keywords = Set(
            "if", "then", "else", "elif", "fi", "for", "select", "in", "do", "done", "while", "until", "case", "esac",
            "function", "time", "coproc", "{", "}", "!", "[[", "]]");

        /// <summary>
        /// Shell builtins: they run inside the shell, no binary is executed, so they are never GTFOBins tags
        /// (category rules still see them: history -c, unset HISTFILE, export, kill, eval).
        /// echo, printf, kill, test and [ also exist as binaries, but a shell runs its builtin.
        /// </summary>
        public static readonly IReadOnlyCollection<string> Builtins = Set(
            "echo", "printf", "cd", "pwd", "export", "set", "unset", "read", "source", ".", "alias", "unalias", "exit",
            "return", "true", "false", ":", "eval", "exec", "command", "builtin", "history", "declare", "typeset",
            "local", "readonly", "shift", "trap", "wait", "umask", "ulimit", "type", "hash", "jobs", "fg", "bg",
            "disown", "kill", "test", "[", "let", "shopt", "getopts", "break", "continue", "dirs", "pushd", "popd",
            "enable", "logout", "mapfile", "readarray", "suspend", "times", "caller", "complete", "compgen", "fc", "help");

        /// <summary>Shells: -c strings, here-documents and piped input are their code.</summary>
        public static readonly IReadOnlyCollection<string> Shells = Set(
            "sh", "bash", "dash", "zsh", "ksh", "ksh93", "mksh", "pdksh", "ash", "rbash", "yash", "posh", "csh", "tcsh",
            "fish", "elvish", "sash");

        internal static readonly HashSet<string> ShellSet = (HashSet<string>)Shells;
        internal static readonly HashSet<string> BuiltinSet = (HashSet<string>)Builtins;
        internal static readonly HashSet<string> KeywordSet = (HashSet<string>)Keywords;

        /// <summary>True for a shell name, including versioned forms such as bash5.</summary>
        public static bool IsShell(string name) => ShellSet.Contains(name) || ShellSet.Contains(StripVersion(name));

        /// <summary>python3.11 → python, perl5.36 → perl, gcc-12 → gcc, php8 → php; other names unchanged.</summary>
        public static string StripVersion(string name)
        {
            int end = name.Length;
            while (end > 0)
            {
                char c = name[end - 1];
                if ((c >= '0' && c <= '9') || c == '.') end--;
                else break;
            }
            if (end > 1 && end < name.Length && name[end - 1] == '-') end--;
            if (end <= 0 || end == name.Length) return name;
            char last = name[end - 1];
            return char.IsLetter(last) ? name.Substring(0, end) : name;
        }

        /// <summary>The last path segment: /usr/bin/curl → curl. A trailing slash leaves the word unchanged.</summary>
        public static string Basename(string word)
        {
            int slash = word.LastIndexOf('/');
            if (slash < 0 || slash == word.Length - 1) return word;
            return word.Substring(slash + 1);
        }
    }
}

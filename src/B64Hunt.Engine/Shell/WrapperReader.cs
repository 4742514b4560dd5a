using System;
using System.Collections.Generic;

namespace B64Hunt.Shell
{
    /// <summary>
    /// Steps over the programs that only run another program (the wrappers of <see cref="CommandTable"/>: sudo, env,
    /// nohup, timeout, nice, xargs, busybox, exec, chroot, strace, sshpass, torsocks ...) with their options, to the command that runs.
    /// </summary>
    internal static class WrapperReader
    {
        /// <summary>
        /// When words[index] is a wrapper with a command after it, returns the index of that command's first
        /// word (assignments allowed) and the wrapper's name; otherwise -1.
        /// </summary>
        public static int Skip(IReadOnlyList<ShellToken> words, int index, out string wrapper)
        {
            string name = ShellNames.Basename(words[index].Value);
            wrapper = name;
            int n = words.Count;
            int j = index + 1;
            if (!CommandTable.TryGetWrapper(name, out var spec)) return -1;
            switch (name)
            {
                case "sudo":
                    j = SkipOptions(words, j, spec.ShortWithValue, spec.LongWithValue);
                    // sudo -l / -v / -k / -e (edit) alone do not run a command word.
                    return j < n && !HasFlag(words, index + 1, j, "lveK") ? j : -1;
                case "nice":
                    if (j < n && IsNumericOption(words[j].Value)) j++;
                    break;
                case "ionice":
                    int afterOptions = SkipOptions(words, j, spec.ShortWithValue, spec.LongWithValue);
                    return afterOptions < n && !HasFlag(words, j, afterOptions, "pPu") ? afterOptions : -1;
                case "xargs":
                    j = SkipXargsOptions(words, j);
                    return j < n ? j : -1;
                case "busybox":
                    return j < n && !words[j].Value.StartsWith("-", StringComparison.Ordinal) ? j : -1;
                case "command":
                    // command -v / -V only looks a name up.
                    int k = SkipOptions(words, j, "", Array.Empty<string>());
                    return k < n && !HasFlag(words, j, k, "vV") ? k : -1;
                case "builtin":
                case "torify":
                    return j < n ? j : -1;
            }
            j = SkipOptions(words, j, spec.ShortWithValue, spec.LongWithValue);
            j += spec.Operands; // timeout's duration, chroot's new root
            return j < n ? j : -1;
        }

        private static bool IsNumericOption(string w)
        {
            if (w.Length < 2 || w[0] != '-') return false;
            for (int i = 1; i < w.Length; i++) if (w[i] < '0' || w[i] > '9') return false;
            return true;
        }

        /// <summary>True when a short-option cluster between from and to holds one of <paramref name="letters"/>.</summary>
        private static bool HasFlag(IReadOnlyList<ShellToken> words, int from, int to, string letters)
        {
            for (int i = from; i < to && i < words.Count; i++)
            {
                string w = words[i].Value;
                if (w.Length < 2 || w[0] != '-' || w[1] == '-') continue;
                for (int c = 1; c < w.Length; c++) if (letters.IndexOf(w[c]) >= 0) return true;
            }
            return false;
        }

        /// <summary>
        /// Skips options: short clusters (a letter of <paramref name="shortWithValue"/> takes the rest of the cluster
        /// or the next word), long options (those listed take the next word unless written --opt=value), "--" ends.
        /// </summary>
        internal static int SkipOptions(IReadOnlyList<ShellToken> words, int j, string shortWithValue, string[] longWithValue)
        {
            int n = words.Count;
            while (j < n)
            {
                string w = words[j].Value;
                if (w == "--") return j + 1;
                if (w.Length < 2 || w[0] != '-') return j;
                if (w[1] == '-')
                {
                    j++;
                    if (w.IndexOf('=') < 0 && Array.IndexOf(longWithValue, w) >= 0) j++;
                    continue;
                }
                j++;
                for (int c = 1; c < w.Length; c++)
                {
                    if (shortWithValue.IndexOf(w[c]) >= 0)
                    {
                        if (c == w.Length - 1) j++; // the value is the next word
                        break;
                    }
                }
            }
            return j;
        }

        private static int SkipXargsOptions(IReadOnlyList<ShellToken> words, int j)
        {
            int n = words.Count;
            while (j < n)
            {
                string w = words[j].Value;
                if (w == "--") return j + 1;
                if (w.Length < 2 || w[0] != '-') return j;
                j++;
                if (w[1] == '-')
                {
                    if (w.IndexOf('=') < 0 && (w == "--arg-file" || w == "--delimiter" || w == "--max-lines" || w == "--max-args" ||
                        w == "--max-procs" || w == "--max-chars" || w == "--replace" || w == "--eof" || w == "--process-slot-var"))
                    {
                        j++;
                    }
                    continue;
                }
                // -I R, -L N, -n N, -P N, -s N, -d D, -E E, -a F take a value (attached or next); -i, -l, -e take only an attached one.
                char o = w[1];
                if ("ILnPsdEa".IndexOf(o) >= 0 && w.Length == 2) j++;
            }
            return j;
        }
    }
}

using System;
using System.Collections.Generic;
using B64Hunt.Shell;

namespace B64Hunt.Classification
{
    /// <summary>Facts about a simple command the rules ask for: the files it writes, whether it runs a dropped file.</summary>
    internal static class CommandFacts
    {
        private static readonly string[] SystemDirectories = { "/bin/", "/usr/bin/", "/sbin/", "/usr/sbin/", "/usr/local/bin/", "/usr/local/sbin/", "/usr/libexec/", "/lib/", "/lib64/", "/usr/lib/" };

        /// <summary>True when the command word is a path outside the system binary folders: ./x, /tmp/.x/run, ~/m.</summary>
        public static bool RunsLocalExecutable(SimpleCommand c)
        {
            if (!c.IsPath || c.CommandName.Length == 0) return false;
            foreach (string dir in SystemDirectories)
            {
                if (c.InvokedAs.StartsWith(dir, StringComparison.Ordinal)) return false;
            }
            return true;
        }

        /// <summary>
        /// Files the command writes: output redirections (not /dev/null or descriptors), tee files, the destination
        /// of cp/mv/install/ln/rsync/scp, dd of=, files edited in place by sed -i / perl -i, touch and truncate files.
        /// </summary>
        public static List<string> WriteTargets(SimpleCommand c)
        {
            var targets = new List<string>();
            foreach (var r in c.Redirections)
            {
                if (r.IsOutput && !IsNullDevice(r.Target)) targets.Add(r.Target);
            }
            var args = c.Arguments;
            switch (c.CommandName)
            {
                case "tee":
                case "touch":
                    foreach (string a in args) if (!IsOption(a)) targets.Add(a);
                    break;
                case "truncate":
                    for (int i = 0; i < args.Count; i++)
                    {
                        if (args[i] == "-s" || args[i] == "-r") { i++; continue; }
                        if (!IsOption(args[i])) targets.Add(args[i]);
                    }
                    break;
                case "cp":
                case "mv":
                case "install":
                case "ln":
                case "rsync":
                case "scp":
                    string? last = null;
                    int operands = 0;
                    foreach (string a in args)
                    {
                        if (IsOption(a)) continue;
                        operands++;
                        last = a;
                    }
                    if (operands >= 2 && last != null) targets.Add(last);
                    break;
                case "dd":
                    foreach (string a in args) if (a.StartsWith("of=", StringComparison.Ordinal)) targets.Add(a.Substring(3));
                    break;
                case "sed":
                case "perl":
                    bool inPlace = false;
                    foreach (string a in args) if (a.StartsWith("-i", StringComparison.Ordinal) || a == "--in-place" || (a.Length > 1 && a[0] == '-' && a[1] != '-' && a.IndexOf('i') > 0)) inPlace = true;
                    if (!inPlace) break;
                    bool scriptSeen = false;
                    for (int i = 0; i < args.Count; i++)
                    {
                        string a = args[i];
                        if (a == "-e" || a == "-f") { i++; scriptSeen = true; continue; }
                        if (IsOption(a)) continue;
                        if (!scriptSeen) { scriptSeen = true; continue; }
                        targets.Add(a);
                    }
                    break;
            }
            return targets;
        }

        private static bool IsOption(string a) => a.Length > 1 && a[0] == '-';

        private static bool IsNullDevice(string target) =>
            target.Length == 0 || target == "/dev/null" || target == "/dev/stdout" || target == "/dev/stderr" ||
            target.StartsWith("/dev/fd/", StringComparison.Ordinal) || target == "-" || IsDigits(target);

        private static bool IsDigits(string s)
        {
            foreach (char c in s) if (c < '0' || c > '9') return false;
            return s.Length > 0;
        }

    }
}

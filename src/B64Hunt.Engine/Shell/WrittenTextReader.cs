using System;
using System.Collections.Generic;
using System.Text;

namespace B64Hunt.Shell
{
    /// <summary>
    /// Reads the code a command writes for later: crontab lines (echo "* * * * * curl ..." &gt;&gt; /etc/crontab,
    /// (crontab -l; echo ...) | crontab -), systemd unit Exec*= lines, and shell code written into scripts,
    /// profiles, rc.local or init scripts. Text comes from echo/printf words or here-documents; its destination
    /// from redirections, tee, crontab or a shell down the pipe.
    /// </summary>
    internal static class WrittenTextReader
    {
        private enum Destination { None, SystemCrontab, UserCrontab, Unit, Script, ShellInput, ScriptInput, AuthorizedKeys }

        public static void Read(ShellReadSession session)
        {
            // New commands found here are examined too (bounded by the session's depth and count limits).
            for (int index = 0; index < session.Results.Count; index++)
            {
                var command = session.Results[index];
                string? text = WrittenText(command);
                if (text == null) continue;
                var destinations = new List<(Destination Kind, string Target)>();
                CollectDestinations(command, destinations);
                if (destinations.Count == 0 && text.IndexOf("ExecStart", StringComparison.Ordinal) >= 0)
                {
                    destinations.Add((Destination.Unit, string.Empty));
                }
                Destination done = Destination.None;
                foreach (var (kind, target) in destinations)
                {
                    if (kind == done) continue;
                    done = kind;
                    ReadText(session, command, text, kind, target);
                }
                if (destinations.Count > 0) command.MarkWrittenContent();
            }
        }

        private static string? WrittenText(SimpleCommand command)
        {
            string name = command.CommandName;
            if (name == "echo" || name == "printf")
            {
                var args = command.Arguments;
                int k = 0;
                if (name == "echo") while (k < args.Count && args[k].Length > 1 && args[k][0] == '-' && IsEchoOption(args[k])) k++;
                if (k >= args.Count) return null;
                if (name == "printf" && args[k].IndexOf('%') >= 0) return PrintfText(args, k);
                var sb = new StringBuilder();
                for (int a = k; a < args.Count; a++) sb.Append(a > k ? " " : "").Append(args[a]);
                return sb.Replace("\\n", "\n").ToString();
            }
            // Shells and interpreters read their here-documents as code already.
            if (ShellNames.IsShell(name) || ScriptCallReader.LanguageOf(name) != null) return null;
            foreach (var r in command.Redirections)
            {
                if (r.HereDocument != null) return r.HereDocument;
            }
            return null;
        }

        /// <summary>printf FORMAT ARGS: each %s / %b / %d takes the next argument, the format repeating while arguments remain.</summary>
        private static string PrintfText(IReadOnlyList<string> args, int formatAt)
        {
            string format = args[formatAt].Replace("\\n", "\n");
            var sb = new StringBuilder();
            int next = formatAt + 1;
            for (int round = 0; round < 64; round++)
            {
                for (int i = 0; i < format.Length; i++)
                {
                    char c = format[i];
                    if (c != '%' || i + 1 >= format.Length) { sb.Append(c); continue; }
                    char d = format[++i];
                    if (d == '%') { sb.Append('%'); continue; }
                    while (i < format.Length - 1 && (char.IsDigit(d) || d == '-' || d == '.')) d = format[++i];
                    if (next < args.Count) sb.Append(args[next++].Replace("\\n", "\n"));
                }
                if (next >= args.Count) break;
            }
            return sb.ToString();
        }

        private static bool IsEchoOption(string arg)
        {
            for (int i = 1; i < arg.Length; i++) if (arg[i] != 'e' && arg[i] != 'n' && arg[i] != 'E') return false;
            return true;
        }

        private static void CollectDestinations(SimpleCommand writer, List<(Destination, string)> into)
        {
            var current = writer;
            for (int step = 0; step < 6 && current != null; step++)
            {
                string name = current.CommandName;
                foreach (var r in current.Redirections)
                {
                    if (r.IsOutput) Add(into, r.Target);
                }
                if (name == "tee")
                {
                    foreach (string a in current.Arguments) if (!a.StartsWith("-", StringComparison.Ordinal)) Add(into, a);
                }
                else if (name == "crontab")
                {
                    if (IsCrontabInstallFromStdin(current)) into.Add((Destination.UserCrontab, "crontab"));
                    return;
                }
                else if (step > 0 && ShellNames.IsShell(name))
                {
                    into.Add((Destination.ShellInput, name));
                    return;
                }
                else if (step > 0 && ScriptCallReader.LanguageOf(name) != null && current.Arguments.Count == 0)
                {
                    // echo 'import pty;pty.spawn("/bin/sh")' | python: the interpreter's code comes down the pipe.
                    into.Add((Destination.ScriptInput, name));
                    return;
                }
                else if (step > 0 && name != "cat" && name != "sort" && name != "uniq" && name != "sed")
                {
                    return;
                }
                current = current.PipesTo;
            }
        }

        private static bool IsCrontabInstallFromStdin(SimpleCommand crontab)
        {
            foreach (string a in crontab.Arguments)
            {
                if (a == "-l" || a == "-r" || a == "-e" || a == "-i") return false;
                if (a == "-") return true;
                if (a == "-u") continue;
            }
            // `crontab` with a file argument installs the file; with none (or only -u USER) it reads stdin.
            for (int k = 0; k < crontab.Arguments.Count; k++)
            {
                string a = crontab.Arguments[k];
                if (a == "-u") { k++; continue; }
                if (!a.StartsWith("-", StringComparison.Ordinal)) return false;
            }
            return true;
        }

        private static void Add(List<(Destination, string)> into, string target)
        {
            var kind = Classify(target);
            if (kind != Destination.None) into.Add((kind, target));
        }

        private static Destination Classify(string path)
        {
            if (path == "/etc/crontab" || path.StartsWith("/etc/cron.d/", StringComparison.Ordinal)) return Destination.SystemCrontab;
            if (path.StartsWith("/var/spool/cron/", StringComparison.Ordinal)) return Destination.UserCrontab;
            if (path.IndexOf("/systemd/", StringComparison.Ordinal) >= 0 || path.EndsWith(".service", StringComparison.Ordinal) ||
                path.EndsWith(".timer", StringComparison.Ordinal) || path.EndsWith(".desktop", StringComparison.Ordinal))
            {
                return Destination.Unit;
            }
            if (path.EndsWith(".sh", StringComparison.Ordinal) || path == "/etc/rc.local" || path.StartsWith("/etc/init.d/", StringComparison.Ordinal) ||
                path.StartsWith("/etc/rc.d/", StringComparison.Ordinal) || path == "/etc/profile" || path.StartsWith("/etc/profile.d/", StringComparison.Ordinal) ||
                path == "/etc/bash.bashrc" || path == "/etc/bashrc" || path.StartsWith("/etc/cron.hourly/", StringComparison.Ordinal) ||
                path.StartsWith("/etc/cron.daily/", StringComparison.Ordinal) || path.StartsWith("/etc/cron.weekly/", StringComparison.Ordinal) ||
                path.StartsWith("/etc/cron.monthly/", StringComparison.Ordinal) || path.StartsWith("/etc/update-motd.d/", StringComparison.Ordinal))
            {
                return Destination.Script;
            }
            string file = ShellNames.Basename(path);
            switch (file)
            {
                case "authorized_keys": case "authorized_keys2":
                    return Destination.AuthorizedKeys;
                case ".bashrc": case ".bash_profile": case ".bash_login": case ".bash_logout": case ".profile":
                case ".zshrc": case ".zprofile": case ".zshenv": case ".zlogin": case ".kshrc": case ".cshrc": case ".tcshrc":
                    return Destination.Script;
            }
            return Destination.None;
        }

        private static void ReadText(ShellReadSession session, SimpleCommand writer, string text, Destination kind, string target)
        {
            int depth = writer.Depth + 1;
            if (kind == Destination.ScriptInput)
            {
                var spans = writer.Spans;
                session.ReadScript(text, ScriptCallReader.LanguageOf(target)!.Value, depth, writer,
                    spans.Count > 0 ? spans[0].Start : -1, spans.Count > 0 ? spans[spans.Count - 1].End : -1);
                return;
            }
            if (kind == Destination.AuthorizedKeys)
            {
                foreach (string line in text.Split('\n'))
                {
                    string? forced = ForcedCommand(line);
                    if (forced != null) session.ReadCode(forced, CommandOrigin.WrittenScript, depth, writer, session.Locate(forced, writer));
                }
                return;
            }
            if (kind == Destination.Script || kind == Destination.ShellInput)
            {
                session.ReadCode(text, kind == Destination.Script ? CommandOrigin.WrittenScript : CommandOrigin.StandardInput, depth, writer, session.Locate(text, writer));
                return;
            }
            foreach (string rawLine in text.Split('\n'))
            {
                string line = rawLine.Trim();
                if (line.Length == 0 || line[0] == '#') continue;
                if (kind == Destination.Unit)
                {
                    int eq = line.IndexOf('=');
                    if (eq <= 0 || !line.StartsWith("Exec", StringComparison.Ordinal)) continue;
                    string value = line.Substring(eq + 1).TrimStart('-', '@', ':', '+', '!', ' ');
                    session.ReadCode(value, CommandOrigin.UnitFile, depth, writer, session.Locate(value, writer));
                    continue;
                }
                string? command = CronCommand(line, kind == Destination.SystemCrontab);
                if (command != null) session.ReadCode(command, CommandOrigin.Crontab, depth, writer, session.Locate(command, writer));
            }
        }

        /// <summary>The command="..." option of an authorized_keys line: sshd runs it at every login with the key.</summary>
        internal static string? ForcedCommand(string line)
        {
            const string option = "command=\"";
            int at = line.IndexOf(option, StringComparison.Ordinal);
            // Options come before the key type; a key's comment may mention command= too.
            int keyType = line.IndexOf("ssh-", StringComparison.Ordinal);
            int ecdsa = line.IndexOf("ecdsa-", StringComparison.Ordinal);
            if (ecdsa >= 0 && (keyType < 0 || ecdsa < keyType)) keyType = ecdsa;
            if (at < 0 || (keyType >= 0 && at > keyType)) return null;
            var sb = new StringBuilder();
            for (int i = at + option.Length; i < line.Length; i++)
            {
                char c = line[i];
                if (c == '\\' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; continue; }
                if (c == '"') return sb.Length == 0 ? null : sb.ToString();
                sb.Append(c);
            }
            return null;
        }

        private static readonly HashSet<string> KnownAccounts = new HashSet<string>(StringComparer.Ordinal)
        {
            "root", "nobody", "daemon", "www-data", "apache", "nginx", "ubuntu", "admin", "ec2-user", "centos", "oracle",
            "postgres", "mysql", "bin", "sys", "user", "debian", "pi", "azureuser", "git",
        };

        private static int SkipField(string line, int i)
        {
            while (i < line.Length && (line[i] == ' ' || line[i] == '\t')) i++;
            while (i < line.Length && line[i] != ' ' && line[i] != '\t') i++;
            return i;
        }

        /// <summary>The command of a crontab line: after 5 time fields (or an @keyword), and the user in system crontabs.</summary>
        internal static string? CronCommand(string line, bool systemCrontab)
        {
            int i = 0;
            int fields = line[0] == '@' ? 1 : 5;
            // NAME=value lines set variables.
            int eq = line.IndexOf('=');
            int space = line.IndexOf(' ');
            if (eq > 0 && (space < 0 || eq < space) && line[0] != '@' && !char.IsDigit(line[0]) && line[0] != '*') return null;
            for (int f = 0; f < fields; f++) i = SkipField(line, i);
            if (i >= line.Length) return null;
            string rest = line.Substring(i).Trim();
            // System crontabs name a user first; lines written there without one (a common slip) still run.
            if (systemCrontab)
            {
                int userEnd = SkipField(rest, 0);
                string user = rest.Substring(0, userEnd);
                string after = rest.Substring(userEnd).TrimStart();
                if (after.Length > 0 && user.IndexOf('/') < 0 && (KnownAccounts.Contains(user) || after[0] == '/' || after[0] == '.'))
                {
                    rest = after;
                }
            }
            return rest.Length == 0 ? null : rest;
        }
    }
}

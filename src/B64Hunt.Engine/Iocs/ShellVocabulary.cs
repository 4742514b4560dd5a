using System;
using System.Collections.Generic;

namespace B64Hunt.Iocs
{
    /// <summary>What the extractor knows about the commands the shell reader finds: which take hosts, logins or files, and which options take files.</summary>
    internal static class ShellVocabulary
    {
        /// <summary>Commands whose operands are hosts (or URLs): their arguments are host context.</summary>
        public static readonly HashSet<string> NetworkCommands = new HashSet<string>(StringComparer.Ordinal)
        {
            "ping", "ping6", "nc", "ncat", "netcat", "nc.traditional", "nc.openbsd", "ssh", "scp", "sftp", "rsync",
            "dig", "nslookup", "host", "curl", "wget", "telnet", "ftp", "tftp", "lftp", "socat", "traceroute",
            "traceroute6", "tracepath", "mtr", "whois", "nmap", "masscan", "hping3", "arping", "fping", "aria2c",
            "axel", "smbclient", "ftpget", "ftpput", "tcping", "mysql", "psql", "redis-cli", "mongo", "mongosh",
            "ldapsearch", "rdesktop", "xfreerdp", "autossh", "sshpass", "proxychains", "proxychains4", "torify",
        };

        /// <summary>Commands whose user@host operand is a login, not an e-mail address.</summary>
        public static readonly HashSet<string> LoginCommands = new HashSet<string>(StringComparer.Ordinal)
        {
            "ssh", "scp", "sftp", "rsync", "autossh", "sshpass", "ftp", "lftp", "telnet", "mysql", "psql",
        };

        /// <summary>Commands whose operands are files: a dotted operand is a file name, not a domain.</summary>
        public static readonly HashSet<string> FileCommands = new HashSet<string>(StringComparer.Ordinal)
        {
            "chmod", "chown", "chgrp", "chattr", "lsattr", "python", "perl", "ruby", "php", "node", "nodejs", "lua",
            "bash", "sh", "zsh", "dash", "ksh", "ash", "csh", "tcsh", "fish", "source", ".", "cat", "tac", "head",
            "tail", "less", "more", "nl", "rm", "cp", "mv", "ln", "touch", "mkdir", "rmdir", "tar", "unzip", "gzip",
            "gunzip", "zcat", "bzip2", "bunzip2", "xz", "unxz", "zip", "7z", "base64", "base32", "xxd", "od",
            "hexdump", "strings", "file", "stat", "ls", "vi", "vim", "nano", "emacs", "ed", "tee", "install",
            "shred", "truncate", "ldd", "objdump", "readelf", "nm", "crontab", "dos2unix", "md5sum", "sha1sum",
            "sha256sum", "sha512sum", "java", "gcc", "cc", "g++", "make", "insmod", "modprobe", "rpm", "dpkg",
            "sed", "awk", "sort", "uniq", "wc", "diff", "cmp", "find", "du", "realpath", "readlink", "dirname",
            "basename", "shasum", "cksum", "split", "openssl", "gpg", "ld.so", "upx", "strip", "git", "systemctl",
        };

        /// <summary>Options of network commands whose value is a file (short letters and long names).</summary>
        private static readonly Dictionary<string, HashSet<string>> FileOptions = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            ["curl"] = Set("o", "output", "T", "upload-file", "K", "config", "c", "cookie-jar", "D", "dump-header",
                "cacert", "capath", "cert", "key", "E", "trace", "trace-ascii", "stderr", "netrc-file", "output-dir"),
            ["wget"] = Set("O", "output-document", "o", "output-file", "a", "append-output", "i", "input-file", "P",
                "directory-prefix", "load-cookies", "save-cookies", "ca-certificate", "certificate", "private-key"),
            ["ssh"] = Set("i", "F", "E", "S"),
            ["scp"] = Set("i", "F", "S"),
            ["sftp"] = Set("i", "F", "b", "S"),
            ["rsync"] = Set("exclude-from", "include-from", "files-from", "password-file", "log-file"),
            ["nc"] = Set("e", "c"),
            ["ncat"] = Set("e", "c", "exec", "sh-exec", "lua-exec", "o", "output", "x", "hex-dump"),
            ["netcat"] = Set("e", "c"),
            ["aria2c"] = Set("d", "dir", "o", "out", "i", "input-file"),
            ["tftp"] = Set("l", "r"),
            ["smbclient"] = Set("A", "authentication-file"),
        };

        /// <summary>
        /// The vocabulary's name for a command the shell reader found (its basename): case-insensitive, with a version
        /// suffix dropped (python3.11 → python, perl5.30 → perl); "" when the vocabulary does not know it.
        /// </summary>
        public static string KnownName(string commandName)
        {
            if (commandName.Length == 0 || commandName.Length > 32) return string.Empty;
            string name = commandName;
            foreach (char c in commandName)
            {
                if (c >= 'A' && c <= 'Z') { name = commandName.ToLowerInvariant(); break; }
            }
            if (IsKnown(name)) return name;
            int end = name.Length;
            while (end > 0 && (IsDigit(name[end - 1]) || name[end - 1] == '.')) end--;
            if (end == name.Length || end == 0) return string.Empty;
            name = name.Substring(0, end);
            return IsKnown(name) ? name : string.Empty;
        }

        private static bool IsKnown(string name) =>
            NetworkCommands.Contains(name) || FileCommands.Contains(name) || LoginCommands.Contains(name) || name == "git";

        /// <summary>True when the letter is a short option of <paramref name="command"/> that takes a file.</summary>
        public static bool IsFileOption(string? command, char option) =>
            command != null && FileOptions.TryGetValue(command, out var options) && options.Contains(ShortOption(option));

        /// <summary>True when <paramref name="option"/> (a long name, without dashes) of <paramref name="command"/> takes a file.</summary>
        public static bool IsFileOption(string? command, string option) =>
            command != null && FileOptions.TryGetValue(command, out var options) && options.Contains(option);

        /// <summary>True when the command has options that take files (so its option words are worth a look).</summary>
        public static bool HasFileOptions(string? command) => command != null && FileOptions.ContainsKey(command);

        private static readonly string[] ShortOptions = BuildShortOptions();

        private static string ShortOption(char c) => c < 128 ? ShortOptions[c] : c.ToString();

        private static string[] BuildShortOptions()
        {
            var letters = new string[128];
            for (int i = 0; i < letters.Length; i++) letters[i] = ((char)i).ToString();
            return letters;
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static HashSet<string> Set(params string[] items) => new HashSet<string>(items, StringComparer.Ordinal);
    }
}

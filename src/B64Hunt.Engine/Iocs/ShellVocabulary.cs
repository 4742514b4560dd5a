using System;
using System.Collections.Generic;
using B64Hunt.Shell;

namespace B64Hunt.Iocs
{
    /// <summary>What the extractor knows about commands: which take hosts, which take files, which run code.</summary>
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

        /// <summary>Interpreters whose -c/-e/-r argument is code: the next word starts a new command (the shell reader's table).</summary>
        public static readonly HashSet<string> Interpreters = new HashSet<string>(CommandTable.CodeRunners, StringComparer.Ordinal);

        /// <summary>Words that run the next word as the command (sudo curl ...): the shell reader's wrappers, and the reserved words before a command.</summary>
        public static readonly HashSet<string> CommandPrefixes = BuildPrefixes();

        private static HashSet<string> BuildPrefixes()
        {
            var names = new HashSet<string>(CommandTable.WrapperNames, StringComparer.Ordinal);
            foreach (string keyword in new[] { "then", "do", "else", "if", "while", "until", "!" }) names.Add(keyword);
            return names;
        }

        /// <summary>True when the short option <paramref name="option"/> of the prefix <paramref name="prefix"/> takes the next word as its value.</summary>
        public static bool PrefixOptionTakesValue(string prefix, char option) => CommandTable.WrapperOptionTakesValue(prefix, option);

        /// <summary>Operands of a prefix before its command: timeout's duration, chroot's new root.</summary>
        public static int PrefixOperands(string prefix) => CommandTable.WrapperOperands(prefix);

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

        /// <summary>Every command name the vocabulary knows, by the hash of its lower-cased spelling.</summary>
        private static readonly Dictionary<ulong, string> KnownNames = BuildKnownNames();

        /// <summary>
        /// The known command name of the command word [start, end): its base name, case-insensitive, with a
        /// version suffix dropped (python3.11 → python, /usr/bin/perl5.30 → perl). Unknown commands give ""
        /// (they play no role), so nothing is allocated per word.
        /// </summary>
        public static string CommandName(string text, int start, int end)
        {
            int slash = text.LastIndexOf('/', end - 1, end - start);
            int nameStart = slash + 1 > start ? slash + 1 : start;
            int nameEnd = end;
            if (nameEnd - nameStart > 32) return string.Empty;
            if (KnownNames.TryGetValue(Hash(text, nameStart, nameEnd), out var name) && SameName(name, text, nameStart, nameEnd))
            {
                return name;
            }
            // Versioned interpreters: python3, python3.11, perl5.30, ruby2.7, php8.1, lua5.4, node18
            while (nameEnd > nameStart && (IsDigit(text[nameEnd - 1]) || text[nameEnd - 1] == '.')) nameEnd--;
            if (nameEnd < end && KnownNames.TryGetValue(Hash(text, nameStart, nameEnd), out name)
                && SameName(name, text, nameStart, nameEnd) && Interpreters.Contains(name))
            {
                return name;
            }
            return string.Empty;
        }

        /// <summary>The command name of a whole word (see the other overload).</summary>
        public static string CommandName(string word) => CommandName(word, 0, word.Length);

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

        private static Dictionary<ulong, string> BuildKnownNames()
        {
            var names = new Dictionary<ulong, string>();
            foreach (var set in new[] { NetworkCommands, LoginCommands, FileCommands, Interpreters, CommandPrefixes })
            {
                foreach (var name in set) names[Hash(name, 0, name.Length)] = name;
            }
            foreach (var name in new[] { "git", "ssh", "autossh", "scp", "rsync", "sftp", "eval" }) names[Hash(name, 0, name.Length)] = name;
            return names;
        }

        private static bool SameName(string name, string text, int start, int end) =>
            name.Length == end - start && string.Compare(name, 0, text, start, name.Length, StringComparison.OrdinalIgnoreCase) == 0;

        private static ulong Hash(string text, int start, int end)
        {
            ulong hash = 14695981039346656037UL;
            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
                hash = (hash ^ c) * 1099511628211UL;
            }
            return hash;
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static HashSet<string> Set(params string[] items) => new HashSet<string>(items, StringComparer.Ordinal);
    }
}

using System;
using System.Collections.Generic;

namespace B64Hunt.Iocs
{
    /// <summary>Host name syntax and the word lists that separate host names from file names and code.</summary>
    internal static class HostNames
    {
        /// <summary>
        /// Last labels that are (also) file extensions. Several are real TLDs (.sh Saint Helena, .py Paraguay,
        /// .pl Poland, .rs Serbia, .so Somalia, .md Moldova, .ps, .pm, .mk, .zip, .mov, .pub, .cab, .java),
        /// so a name ending in one counts as a domain only where it is used as a host.
        /// </summary>
        public static readonly HashSet<string> FileExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "sh", "bash", "zsh", "ksh", "csh", "py", "pyc", "pyo", "pyw", "pl", "pm", "rb", "php", "phtml", "js", "mjs",
            "cjs", "ts", "java", "jar", "war", "ear", "class", "c", "h", "cpp", "hpp", "go", "rs", "lua", "tcl", "awk",
            "ps1", "psm1", "psd1", "bat", "cmd", "vbs", "hta", "exe", "dll", "sys", "msi", "so", "o", "a", "ko", "elf",
            "bin", "out", "run", "txt", "log", "conf", "cfg", "ini", "cnf", "yml", "yaml", "json", "xml", "csv", "md",
            "rst", "html", "htm", "css", "zip", "tar", "gz", "tgz", "bz2", "xz", "zst", "7z", "rar", "cab", "deb",
            "rpm", "apk", "img", "iso", "dmg", "mov", "mp4", "mp3", "avi", "pdf", "doc", "docx", "xls", "xlsx", "png",
            "jpg", "jpeg", "gif", "svg", "tmp", "bak", "old", "swp", "pid", "lock", "sock", "service", "timer",
            "socket", "pem", "crt", "cer", "der", "p12", "pfx", "pub", "asc", "gpg", "sig", "sql", "db", "sqlite",
            "dat", "ps", "mk", "cgi", "asp", "aspx", "jsp", "env", "rules", "repo", "list", "desktop", "plist",
        };

        /// <summary>
        /// First labels of attribute chains in one-liners (socket.AF_INET, ps.stdout.read, os.system,
        /// requests.get): module and object names, never the start of a host name in hostile commands.
        /// </summary>
        public static readonly HashSet<string> CodeObjects = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "os", "sys", "socket", "subprocess", "pty", "ps", "proc", "self", "this", "re", "base64", "urllib",
            "urllib2", "urllib3", "requests", "httplib", "http", "struct", "zlib", "codecs", "shutil", "threading",
            "thread", "binascii", "marshal", "ctypes", "builtins", "sock", "conn", "resp", "req", "stdout", "stdin",
            "stderr", "args", "argv", "environ", "popen", "zipfile", "tarfile", "tempfile", "getpass", "pwd",
            "errno", "glob", "hashlib", "hmac", "uuid", "datetime", "logging", "argparse", "paramiko", "telnetlib",
            "ftplib", "smtplib", "boto3", "fs", "fd", "fh",
        };

        /// <summary>Suffixes of names that live on internal networks only (flagged IsPrivate).</summary>
        private static readonly string[] InternalSuffixes =
        {
            "local", "localdomain", "localhost", "internal", "intranet", "lan", "corp", "home", "home.arpa",
            "private", "test", "example", "invalid",
        };

        private static readonly string[] DottedInternalSuffixes = Array.ConvertAll(InternalSuffixes, s => "." + s);

        /// <summary>
        /// Checks host name syntax over [start, end): labels of letters, digits and inner hyphens (underscores
        /// when <paramref name="allowUnderscore"/>), 1-63 characters, 253 in all, at least
        /// <paramref name="minLabels"/> labels, and a last label that is not all digits.
        /// </summary>
        public static bool IsValidSyntax(string s, int start, int end, int minLabels, bool allowUnderscore)
        {
            int length = end - start;
            if (length <= 0 || length > 253) return false;
            int labels = 0;
            int labelStart = start;
            bool allDigits = true;
            for (int i = start; i <= end; i++)
            {
                if (i == end || s[i] == '.')
                {
                    int labelLength = i - labelStart;
                    if (labelLength == 0 || labelLength > 63) return false;
                    if (s[labelStart] == '-' || s[i - 1] == '-') return false;
                    labels++;
                    if (i == end && allDigits) return false;
                    labelStart = i + 1;
                    allDigits = true;
                    continue;
                }
                char c = s[i];
                if (c >= '0' && c <= '9') continue;
                allDigits = false;
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-') continue;
                if (c == '_' && allowUnderscore) continue;
                return false;
            }
            return labels >= minLabels;
        }

        /// <summary>True for single-label names, localhost and the internal-only suffixes (.local, .internal, .lan, .corp, .home.arpa, ...).</summary>
        public static bool IsInternal(string name)
        {
            if (name.IndexOf('.') < 0) return true;
            for (int i = 0; i < InternalSuffixes.Length; i++)
            {
                if (name.EndsWith(DottedInternalSuffixes[i], StringComparison.OrdinalIgnoreCase)
                    || string.Equals(name, InternalSuffixes[i], StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Special-use top-level labels of overlay networks: public names, though not in the PSL.</summary>
        private static readonly string[] OverlayNetworks = { "onion", "i2p", "bit" };

        /// <summary>True for Tor (.onion), I2P (.i2p) and Namecoin (.bit) names with a label of their own.</summary>
        public static bool IsOverlayNetwork(string name)
        {
            foreach (var tld in OverlayNetworks)
            {
                if (name.Length > tld.Length + 1 && name[name.Length - tld.Length - 1] == '.'
                    && name.EndsWith(tld, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Whether the last label [start, end) may be an internal or overlay suffix (a cheap pre-filter).</summary>
        public static bool MayBeSpecialName(string text, int start, int end)
        {
            int length = end - start;
            foreach (var suffix in InternalSuffixes) if (Matches(suffix)) return true;
            foreach (var suffix in OverlayNetworks) if (Matches(suffix)) return true;
            return false;

            bool Matches(string suffix)
            {
                // Compare with the last label only: for "home.arpa" that is "arpa".
                int dot = suffix.LastIndexOf('.');
                int labelLength = suffix.Length - dot - 1;
                return labelLength == length
                    && string.Compare(suffix, dot + 1, text, start, length, StringComparison.OrdinalIgnoreCase) == 0;
            }
        }

        /// <summary>The last label of a dotted name.</summary>
        public static string LastLabel(string name)
        {
            int dot = name.LastIndexOf('.');
            return dot < 0 ? name : name.Substring(dot + 1);
        }

        /// <summary>The first label of a dotted name.</summary>
        public static string FirstLabel(string name)
        {
            int dot = name.IndexOf('.');
            return dot < 0 ? name : name.Substring(0, dot);
        }

        /// <summary>True when a label mixes upper and lower case (Wscript.Shell, Net.Sockets): code, not a written host name.</summary>
        public static bool IsMixedCase(string label)
        {
            bool upper = false, lower = false;
            foreach (char c in label)
            {
                if (c >= 'A' && c <= 'Z') upper = true;
                else if (c >= 'a' && c <= 'z') lower = true;
            }
            return upper && lower;
        }
    }
}

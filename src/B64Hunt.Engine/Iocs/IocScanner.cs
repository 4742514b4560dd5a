using System;
using System.Collections.Generic;
using B64Hunt.Model;
using B64Hunt.Shell;

namespace B64Hunt.Iocs
{
    /// <summary>
    /// One extraction over one text. The context-free passes are hand-written scanners, each a single forward pass
    /// (a few bounded look-backs), so hostile input costs linear time: URLs first (their spans are then skipped by
    /// the others), IPv6, Windows paths, hashes (anywhere). Then the words: the shell reader says which words are
    /// commands, arguments, redirection targets and assignments, so a dotted token is judged as a host, a file or
    /// code by where it stands, the same way the other stages read the command.
    /// </summary>
    internal sealed class IocScanner
    {
        private const int MaxLocalPart = 64;

        private static readonly HashSet<string> UrlSchemes = new HashSet<string>(StringComparer.Ordinal)
        {
            "http", "https", "ftp", "ftps", "sftp", "tftp", "telnet", "ldap", "ldaps", "ws", "wss", "file", "smb",
        };

        private static readonly HashSet<string> NonIndicatorPaths = new HashSet<string>(StringComparer.Ordinal)
        {
            "/dev/null", "/dev/zero", "/dev/stdin", "/dev/stdout", "/dev/stderr", "/dev/random", "/dev/urandom",
            "/dev/tty", "/dev/full",
        };

        /// <summary>ssh options that take a value (the word after them is not the destination).</summary>
        private const string SshValueOptions = "BbcDEeFIiJLlmOoPpQRSWw";

        private enum Role { Free, Command, Option, File, Host }

        private readonly struct Span
        {
            public Span(int start, int end) { Start = start; End = end; }
            public int Start { get; }
            public int End { get; }
        }

        private struct Finding
        {
            public int Start;
            public int End;
            public int Sequence;
            public string Type;
            public string Normalized;
            public bool IsPrivate;
        }

        private readonly PublicSuffixList _suffixes;
        private readonly IocTypes _types;
        private readonly RefangedText _refanged;
        private readonly string _s;
        private readonly int _n;
        private readonly List<Finding> _found = new List<Finding>();
        private List<Span> _covered = new List<Span>();

        // The command the word being scanned belongs to (its known name, "" when unknown, null in free text).
        private string? _command;
        // The first covered span (URL, IPv6, Windows path) not yet passed by the word scan.
        private int _coveredAt;

        private IocScanner(PublicSuffixList suffixes, string text, IocTypes types)
        {
            _suffixes = suffixes;
            _types = types;
            _refanged = RefangedText.From(text);
            _s = _refanged.Text;
            _n = _s.Length;
        }

        public static List<Ioc> Scan(PublicSuffixList suffixes, string text, IocTypes types)
        {
            var scanner = new IocScanner(suffixes, text, types);
            scanner.Run();
            return scanner.Results();
        }

        private void Run()
        {
            ScanUrls();
            if (Wants(IocTypes.Ipv6) && _s.IndexOf(':') >= 0) ScanIpv6();
            if (_s.IndexOf('\\') >= 0) ScanWindowsPaths();
            if (Wants(IocTypes.Md5Hash | IocTypes.Sha1Hash | IocTypes.Sha256Hash)) ScanHashes();
            ScanWords();
        }

        private bool Wants(IocTypes types) => (_types & types) != 0;

        // ------------------------------------------------------------------ results

        private void Report(IocTypes flag, string type, int start, int end, string normalized, bool isPrivate)
        {
            if ((_types & flag) == 0) return;
            _found.Add(new Finding
            {
                Start = start, End = end, Sequence = _found.Count, Type = type, Normalized = normalized, IsPrivate = isPrivate,
            });
        }

        private List<Ioc> Results()
        {
            _found.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Sequence.CompareTo(b.Sequence));
            // Few findings per text: compare pairwise; many (hostile or huge texts): hash.
            HashSet<string>? seen = _found.Count > 16 ? new HashSet<string>(StringComparer.Ordinal) : null;
            var result = new List<Ioc>(_found.Count);
            foreach (var f in _found)
            {
                if (seen != null ? !seen.Add(f.Type + "\u0001" + f.Normalized) : Contains(result, f)) continue;
                result.Add(new Ioc
                {
                    Type = f.Type,
                    Value = _refanged.Original(f.Start, f.End),
                    Normalized = f.Normalized,
                    IsPrivate = f.IsPrivate,
                });
            }
            return result;
        }

        private static bool Contains(List<Ioc> result, Finding f)
        {
            foreach (var ioc in result)
            {
                if (string.Equals(ioc.Type, f.Type, StringComparison.Ordinal) && string.Equals(ioc.Normalized, f.Normalized, StringComparison.Ordinal)) return true;
            }
            return false;
        }

        // ------------------------------------------------------------------ URLs

        private void ScanUrls()
        {
            int pos = 0;
            while (pos < _n)
            {
                int idx = _s.IndexOf("://", pos, StringComparison.Ordinal);
                if (idx < 0) return;
                // Resume right after "://": an authority holds no '/', so no later URL can start inside it.
                pos = idx + 3;
                int schemeStart = idx;
                while (schemeStart > 0 && idx - schemeStart < 6 && IsLetter(_s[schemeStart - 1])) schemeStart--;
                if (schemeStart == idx || (schemeStart > 0 && IsAlnum(_s[schemeStart - 1]))) continue;
                string scheme = _s.Substring(schemeStart, idx - schemeStart).ToLowerInvariant();
                if (!UrlSchemes.Contains(scheme)) continue;
                bool quoted = schemeStart > 0 && (_s[schemeStart - 1] == '\'' || _s[schemeStart - 1] == '"');

                int authorityStart = idx + 3;
                int authorityEnd = authorityStart;
                while (authorityEnd < _n)
                {
                    char c = _s[authorityEnd];
                    if (c == '/' || c == '?' || c == '#') break;
                    if (c != '[' && c != ']' && EndsUrl(c, quoted)) break;
                    authorityEnd++;
                }
                bool pathFollows = authorityEnd < _n && (_s[authorityEnd] == '/' || _s[authorityEnd] == '?' || _s[authorityEnd] == '#');
                if (!pathFollows)
                {
                    while (authorityEnd > authorityStart && IsTrailingPunctuation(_s[authorityEnd - 1])) authorityEnd--;
                }
                // The host is judged before the path is walked, so a rejected candidate costs only its authority.
                if (!ParseAuthority(authorityStart, authorityEnd, out int hostStart, out int hostEnd, out bool bracketed))
                {
                    continue;
                }
                bool fileUrl = scheme == "file";
                if (hostStart == hostEnd && !(fileUrl && pathFollows)) continue;
                HostInfo host = default;
                if (hostStart < hostEnd && !ClassifyHost(hostStart, hostEnd, bracketed, out host)) continue;

                int end = authorityEnd;
                if (pathFollows)
                {
                    while (end < _n && !EndsUrl(_s[end], quoted)) end++;
                    while (end > authorityEnd && IsTrailingPunctuation(_s[end - 1])) end--;
                }
                string normalized = scheme + "://" + _s.Substring(authorityStart, hostStart - authorityStart)
                    + _s.Substring(hostStart, hostEnd - hostStart).ToLowerInvariant() + _s.Substring(hostEnd, end - hostEnd);
                Report(IocTypes.Url, IocTypeNames.Url, schemeStart, end, normalized, fileUrl || host.IsPrivate);
                if (host.Type != IocTypes.None)
                {
                    Report(host.Type, host.Name!, host.Start, host.End, host.Normalized!, host.IsPrivate);
                }
                _covered.Add(new Span(schemeStart, end));
                pos = end;
            }
        }

        /// <summary>Splits [start, end) into userinfo@host:port; false when the host or port is malformed.</summary>
        private bool ParseAuthority(int start, int end, out int hostStart, out int hostEnd, out bool bracketed)
        {
            hostStart = start;
            hostEnd = end;
            bracketed = false;
            int at = _s.LastIndexOf('@', end - 1, Math.Max(0, end - start));
            if (end > start && at >= start) hostStart = at + 1;
            int portColon = -1;
            if (hostStart < end && _s[hostStart] == '[')
            {
                int close = _s.IndexOf(']', hostStart, end - hostStart);
                if (close < 0) return false;
                bracketed = true;
                hostEnd = close + 1;
                if (hostEnd < end)
                {
                    if (_s[hostEnd] != ':') return false;
                    portColon = hostEnd;
                }
            }
            else
            {
                for (int i = hostStart; i < end; i++)
                {
                    char c = _s[i];
                    if (c == ':') { portColon = i; hostEnd = i; break; }
                    if (c == '[' || c == ']') return false;
                }
            }
            if (portColon >= 0)
            {
                int digits = end - portColon - 1;
                if (digits < 1 || digits > 5) return false;
                int port = 0;
                for (int i = portColon + 1; i < end; i++)
                {
                    if (!IsDigit(_s[i])) return false;
                    port = port * 10 + (_s[i] - '0');
                }
                if (port < 1 || port > 65535) return false;
            }
            return true;
        }

        private struct HostInfo
        {
            public IocTypes Type;
            public string? Name;
            public int Start;
            public int End;
            public string? Normalized;
            public bool IsPrivate;
        }

        /// <summary>
        /// A name used unambiguously as a host (URL host, user@host, /dev/tcp/host): an IP address or any
        /// syntactically valid name; single labels, internal suffixes and unknown TLDs are flagged private.
        /// </summary>
        private bool ClassifyHost(int start, int end, bool bracketed, out HostInfo host)
        {
            host = default;
            if (bracketed)
            {
                if (!IpAddresses.TryParseIpv6(_s.Substring(start + 1, end - start - 2), out var v6) || v6 == null) return false;
                host = new HostInfo
                {
                    Type = IocTypes.Ipv6, Name = IocTypeNames.Ipv6, Start = start + 1, End = end - 1,
                    Normalized = v6.ToString(), IsPrivate = IpAddresses.IsPrivateIpv6(v6),
                };
                return true;
            }
            if (IpAddresses.TryParseIpv4(_s, start, end - start, out uint v4))
            {
                host = new HostInfo
                {
                    Type = IocTypes.Ipv4, Name = IocTypeNames.Ipv4, Start = start, End = end,
                    Normalized = IpAddresses.FormatIpv4(v4), IsPrivate = IpAddresses.IsPrivateIpv4(v4),
                };
                return true;
            }
            if (!HostNames.IsValidSyntax(_s, start, end, 1, allowUnderscore: true)) return false;
            string name = _s.Substring(start, end - start).ToLowerInvariant();
            host = new HostInfo
            {
                Type = IocTypes.Dns, Name = IocTypeNames.Dns, Start = start, End = end, Normalized = name,
                IsPrivate = HostNames.IsInternal(name) || (_suffixes.GetPublicSuffix(name) == null && !HostNames.IsOverlayNetwork(name)),
            };
            return true;
        }

        private void ReportStrongHost(int start, int end)
        {
            if (ClassifyHost(start, end, bracketed: false, out var host))
            {
                Report(host.Type, host.Name!, host.Start, host.End, host.Normalized!, host.IsPrivate);
            }
        }

        private static bool EndsUrl(char c, bool quoted)
        {
            if (c <= ' ') return true;
            switch (c)
            {
                case '"': case '\'': case '`': case '<': case '>': case '\\': case '^':
                    return true;
                case ';': case '&': case '|': case '(': case ')': case '{': case '}': case '[': case ']':
                    // Shell syntax ends an unquoted URL; inside quotes these are part of it (?a=1&b=2).
                    return !quoted;
                default:
                    return c == '\u007f';
            }
        }

        private static bool IsTrailingPunctuation(char c) =>
            c == '.' || c == ',' || c == ':' || c == ';' || c == '!' || c == '?' || c == '$';

        // ------------------------------------------------------------------ IPv6

        private void ScanIpv6()
        {
            var spans = new List<Span>();
            int ci = 0;
            int i = 0;
            while (i < _n)
            {
                if (ci < _covered.Count && i >= _covered[ci].Start)
                {
                    if (i < _covered[ci].End) i = _covered[ci].End;
                    ci++;
                    continue;
                }
                char c = _s[i];
                if (c != ':' && !IsHex(c)) { i++; continue; }
                int limit = ci < _covered.Count ? _covered[ci].Start : _n;
                int j = i;
                int colons = 0;
                while (j < limit && (IsHex(_s[j]) || _s[j] == ':' || _s[j] == '.'))
                {
                    if (_s[j] == ':') colons++;
                    j++;
                }
                int end = j;
                while (end > i && _s[end - 1] == '.') end--;
                bool bounded = (i == 0 || !IsWordChar(_s[i - 1])) && (j >= _n || !IsWordChar(_s[j]));
                if (colons >= 2 && bounded && end - i <= 45
                    && IpAddresses.TryParseIpv6(_s.Substring(i, end - i), out var address) && address != null)
                {
                    Report(IocTypes.Ipv6, IocTypeNames.Ipv6, i, end, address.ToString(), IpAddresses.IsPrivateIpv6(address));
                    spans.Add(new Span(i, end));
                }
                i = j;
            }
            if (spans.Count > 0) _covered = Merge(_covered, spans);
        }

        private static List<Span> Merge(List<Span> a, List<Span> b)
        {
            var merged = new List<Span>(a.Count + b.Count);
            int i = 0, j = 0;
            while (i < a.Count || j < b.Count)
            {
                if (j >= b.Count || (i < a.Count && a[i].Start <= b[j].Start)) merged.Add(a[i++]);
                else merged.Add(b[j++]);
            }
            return merged;
        }

        // ------------------------------------------------------------------ hashes

        private void ScanHashes()
        {
            int i = 0;
            while (i < _n)
            {
                if (!IsHex(_s[i])) { i++; continue; }
                int j = i;
                bool digit = false, letter = false;
                while (j < _n && IsHex(_s[j]))
                {
                    if (IsDigit(_s[j])) digit = true; else letter = true;
                    j++;
                }
                int length = j - i;
                // A whole alphanumeric word of the exact length, with digits and letters (not a number, not a word).
                if ((length == 32 || length == 40 || length == 64) && digit && letter
                    && (i == 0 || !IsAlnum(_s[i - 1])) && (j >= _n || !IsAlnum(_s[j])))
                {
                    string hash = _s.Substring(i, length).ToLowerInvariant();
                    if (length == 32) Report(IocTypes.Md5Hash, IocTypeNames.Md5Hash, i, j, hash, false);
                    else if (length == 40) Report(IocTypes.Sha1Hash, IocTypeNames.Sha1Hash, i, j, hash, false);
                    else Report(IocTypes.Sha256Hash, IocTypeNames.Sha256Hash, i, j, hash, false);
                }
                // Only the boundary character is looked at again, never the run: the next hash may start right after it.
                i = j;
            }
        }

        // ------------------------------------------------------------------ words, as the shell reader reads them

        /// <summary>
        /// How one word of a command the shell reader found is judged: [From, End) is scanned in Role for the command
        /// named Command; a free word is judged as free text (here-document bodies, code, written text).
        /// </summary>
        private struct WordPart
        {
            public int Start;
            public int End;
            public int From;
            public int Depth;
            public Role Role;
            public string? Command;
            public bool Skip;
            public bool Free;
        }

        private static readonly WordPart FreeText = new WordPart { Free = true };

        /// <summary>Where the arguments of one command stand: the walk over its words in order.</summary>
        private struct ArgumentState
        {
            public bool NextIsFile;
            public bool NextIsOptionValue;
            public bool AfterHost;
        }

        /// <summary>
        /// Judges every word by the commands the shell reader finds in the text (the same reading the category and
        /// GTFOBins stages use): a command word, a wrapper's option, an argument of a command that takes hosts or files,
        /// a redirection target. Text no located word covers (comments, code of other languages, nested code that is
        /// not a verbatim part of the text) is free text; a word inside another (a substitution in an argument, the
        /// commands of a -c string) is judged by the inner word.
        /// </summary>
        private void ScanWords()
        {
            var parts = ReadWordParts();
            var open = new List<WordPart>();
            int p = 0, next = 0;
            while (p < _n)
            {
                while (open.Count > 0 && open[open.Count - 1].End <= p) open.RemoveAt(open.Count - 1);
                if (next < parts.Count && parts[next].Start <= p)
                {
                    var part = parts[next++];
                    if (part.End <= p) continue;
                    if (open.Count > 0 && part.End > open[open.Count - 1].End) part.End = open[open.Count - 1].End;
                    open.Add(part);
                    continue;
                }
                int limit = next < parts.Count ? parts[next].Start : _n;
                if (open.Count > 0 && open[open.Count - 1].End < limit) limit = open[open.Count - 1].End;
                if (open.Count > 0 && !open[open.Count - 1].Free) ScanStretch(p, limit, open[open.Count - 1]);
                else ScanStretch(p, limit, FreeText, free: true);
                p = limit;
            }
        }

        /// <summary>The located words of the reader's commands, outer words before the words inside them.</summary>
        private List<WordPart> ReadWordParts()
        {
            var parts = new List<WordPart>();
            foreach (var command in ShellCommandReader.Read(_s))
            {
                var spans = command.Spans;
                if (spans.Count == 0) continue;
                string name = ShellVocabulary.KnownName(command.CommandName);
                var state = default(ArgumentState);
                foreach (var span in spans)
                {
                    if (span.End > _n || span.End <= span.Start) continue;
                    parts.Add(Judge(span, name, command.Depth, ref state));
                }
            }
            // Words come mostly in text order (nested code is read after its command): sort only when they do not.
            for (int k = 1; k < parts.Count; k++)
            {
                if (CompareParts(parts[k - 1], parts[k]) > 0)
                {
                    parts.Sort(ByPosition);
                    break;
                }
            }
            return parts;
        }

        private static readonly Comparison<WordPart> ByPosition = CompareParts;

        /// <summary>By start; an outer word (longer, or shallower) before the words inside it.</summary>
        private static int CompareParts(WordPart a, WordPart b) =>
            a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End != b.End ? b.End.CompareTo(a.End) : a.Depth.CompareTo(b.Depth);

        private WordPart Judge(ShellWordSpan span, string command, int depth, ref ArgumentState state)
        {
            var part = new WordPart { Start = span.Start, End = span.End, From = span.Start, Depth = depth, Command = command, Role = Role.Free };
            int ws = span.Start, we = span.End;
            while (ws < we && (_s[ws] == '"' || _s[ws] == '\'')) ws++;
            while (we > ws && (_s[we - 1] == '"' || _s[we - 1] == '\'')) we--;
            if (ws >= we) { part.Skip = true; return part; }
            switch (span.Role)
            {
                case ShellWordRole.Command:
                case ShellWordRole.Wrapper:
                    // A quoted command word is mostly an argument of code read as shell (fsockopen("evil.com",4444)).
                    part.Role = ws > span.Start ? Role.Free : Role.Command;
                    break;
                case ShellWordRole.WrapperOption:
                    part.Role = Role.Option; // sudo -u root, timeout 10, chroot /srv
                    break;
                case ShellWordRole.Assignment:
                    int eq = AssignmentEquals(ws, we);
                    // X=value before a command; PATH=/usr/local/bin:/usr/bin is a search list, not files it names.
                    if (eq > 0) { part.From = eq + 1; part.Skip = IsSearchPath(ws, eq); }
                    break;
                case ShellWordRole.RedirectTarget:
                    part.Role = Role.File;
                    break;
                case ShellWordRole.Argument:
                    JudgeArgument(ref part, ws, we, command, ref state);
                    break;
                default:
                    part.Free = true; // here-document bodies, code, written text: their own commands are words of their own
                    break;
            }
            return part;
        }

        /// <summary>An argument: a host of a network command, a file of a file command, an option and its value.</summary>
        private void JudgeArgument(ref WordPart part, int ws, int we, string command, ref ArgumentState state)
        {
            if (state.AfterHost) return; // ssh host cmd...: the words of the remote command are free text
            if (state.NextIsFile)
            {
                state.NextIsFile = false;
                part.Role = Role.File;
                return;
            }
            if (_s[ws] == '-' && we - ws > 1)
            {
                JudgeOption(ref part, ws, we, command, ref state);
                return;
            }
            if (state.NextIsOptionValue)
            {
                state.NextIsOptionValue = false;
                part.Role = ValueRole(command); // ssh -p 22, ssh -J jumphost, ssh -L 8080:host:80
                return;
            }
            int equals = AssignmentEquals(ws, we);
            if (equals > 0 && IsSearchPath(ws, equals)) { part.Skip = true; return; } // export PATH=...
            if (command == "scp" || command == "rsync" || command == "sftp") part.Role = Role.File;
            else if (ShellVocabulary.NetworkCommands.Contains(command)) part.Role = Role.Host;
            else if (ShellVocabulary.FileCommands.Contains(command)) part.Role = Role.File;
            if (command == "ssh" || command == "autossh") state.AfterHost = true;
        }

        private void JudgeOption(ref WordPart part, int ws, int we, string command, ref ArgumentState state)
        {
            bool fileOptions = ShellVocabulary.HasFileOptions(command);
            if (_s[ws + 1] == '-')
            {
                int eq = _s.IndexOf('=', ws + 2, we - ws - 2);
                int nameEnd = eq < 0 ? we : eq;
                bool fileOption = fileOptions && ShellVocabulary.IsFileOption(command, _s.Substring(ws + 2, nameEnd - ws - 2));
                if (eq < 0)
                {
                    if (fileOption) state.NextIsFile = true;
                    part.Skip = true;
                    return;
                }
                part.From = eq + 1;
                part.Role = fileOption ? Role.File : ValueRole(command);
                return;
            }
            // A cluster of short options; a file option takes the rest of the word, or else the next word.
            for (int k = ws + 1; fileOptions && k < we; k++)
            {
                char o = _s[k];
                if (!IsLetter(o)) break;
                if (ShellVocabulary.IsFileOption(command, o))
                {
                    if (k + 1 == we) { state.NextIsFile = true; part.Skip = true; }
                    else { part.From = k + 1; part.Role = Role.File; }
                    return;
                }
            }
            if ((command == "ssh" || command == "autossh") && SshValueOptions.IndexOf(_s[we - 1]) >= 0) state.NextIsOptionValue = true;
            part.Role = Role.Option;
        }

        /// <summary>Scans the shell words of [a, b) (split at blanks, quotes and operators; URLs and the like skipped) in the part's role.</summary>
        private void ScanStretch(int a, int b, in WordPart part, bool free = false)
        {
            int i = a;
            while (i < b)
            {
                while (_coveredAt < _covered.Count && _covered[_coveredAt].End <= i) _coveredAt++;
                if (_coveredAt < _covered.Count && _covered[_coveredAt].Start <= i)
                {
                    i = _covered[_coveredAt].End;
                    continue;
                }
                if (IsSeparator(_s[i])) { i++; continue; }
                int limit = _coveredAt < _covered.Count && _covered[_coveredAt].Start < b ? _covered[_coveredAt].Start : b;
                int j = i + 1;
                while (j < limit && !IsSeparator(_s[j])) j++;
                if (free) ScanFreeWord(i, j);
                else if (!part.Skip)
                {
                    _command = part.Command;
                    int from = Math.Max(i, part.From);
                    if (from < j) ScanContent(from, j, part.Role);
                }
                i = j;
            }
        }

        /// <summary>A word of free text: no command to judge it by.</summary>
        private void ScanFreeWord(int ws, int we)
        {
            _command = null;
            int eq = AssignmentEquals(ws, we);
            if (eq > 0 && IsSearchPath(ws, eq)) return;
            ScanContent(ws, we, Role.Free);
        }

        private static Role ValueRole(string? command) =>
            command != null && ShellVocabulary.NetworkCommands.Contains(command) ? Role.Host : Role.Free;

        /// <summary>Index of '=' when [ws, we) starts with NAME=, else -1.</summary>
        private int AssignmentEquals(int ws, int we)
        {
            if (!(IsLetter(_s[ws]) || _s[ws] == '_')) return -1;
            for (int k = ws + 1; k < we; k++)
            {
                char c = _s[k];
                if (c == '=') return k;
                if (!(IsAlnum(c) || c == '_')) return -1;
            }
            return -1;
        }

        /// <summary>Finds paths, host names, addresses and e-mail addresses inside one word (or part of one).</summary>
        private void ScanContent(int cs, int ce, Role role)
        {
            int k = cs;
            while (k < ce)
            {
                char c = _s[k];
                if ((c == '/' || c == '~') && IsLinuxPathStart(k, cs, ce))
                {
                    k = LinuxPath(k, ce, role);
                    continue;
                }
                if (IsHostChar(c))
                {
                    int j = k + 1;
                    while (j < ce && IsHostChar(_s[j])) j++;
                    k = Run(k, j, cs, ce, role);
                    continue;
                }
                k++;
            }
        }

        // ------------------------------------------------------------------ paths

        private bool IsLinuxPathStart(int k, int cs, int ce)
        {
            char c = _s[k];
            if (k > cs)
            {
                char prev = _s[k - 1];
                // #!/bin/bash: the interpreter of a shebang line.
                bool shebang = prev == '!' && k - 2 >= cs && _s[k - 2] == '#';
                if (prev != '=' && prev != ':' && prev != '@' && prev != ',' && prev != '[' && !shebang) return false;
            }
            if (c == '/') return k + 1 < ce && _s[k + 1] != '/' && !IsPathStop(_s[k + 1]);
            // ~/x is a home-relative absolute path; ./x and ../x depend on the working folder and say nothing alone.
            return c == '~' && k + 2 < ce && _s[k + 1] == '/';
        }

        /// <summary>True when [ws, eq) names the command search path (PATH), whose value lists directories.</summary>
        private bool IsSearchPath(int ws, int eq) => eq - ws == 4 && string.CompareOrdinal(_s, ws, "PATH", 0, 4) == 0;

        /// <summary>
        /// Top-level directories of a Linux system. A quoted path under another root in free text is a URL path in
        /// code (u='/api/upload.php'), not a file.
        /// </summary>
        private static readonly HashSet<string> RootDirectories = new HashSet<string>(StringComparer.Ordinal)
        {
            "bin", "boot", "dev", "etc", "home", "lib", "lib32", "lib64", "libx32", "media", "mnt", "opt", "proc", "root",
            "run", "sbin", "srv", "sys", "tmp", "usr", "var", "snap", "data", "lost+found",
        };

        private bool UnderRootDirectory(int k, int end)
        {
            int segEnd = k + 1;
            while (segEnd < end && _s[segEnd] != '/') segEnd++;
            if (segEnd - k - 1 <= 0) return false;
            if (_s[k + 1] == '.') return true; // /.x/run: a hidden top-level folder is a dropper's favourite
            return RootDirectories.Contains(_s.Substring(k + 1, segEnd - k - 1));
        }

        private int LinuxPath(int k, int ce, Role role)
        {
            int end = k;
            while (end < ce && !IsPathStop(_s[end])) end++;
            int stop = end;
            // A path word holding an expansion other than a plain $NAME ($(...), `...`, ${...}, $((...)), $[...]) is
            // only known up to its last literal directory: "/backup/etc-$(date +%F).tgz" gives "/backup/", never the
            // fragment "/backup/etc-"; with no named directory before the expansion (/$(x)/y) there is no path.
            int expansion = ExpansionAt(end);
            if (expansion >= 0)
            {
                int slash = _s.LastIndexOf('/', expansion - 1, expansion - k);
                if (slash <= k) return stop;
                end = slash + 1;
            }
            while (end > k && (_s[end - 1] == '.' || _s[end - 1] == ',')) end--;
            bool hasName = false;
            bool nested = false;
            for (int i = k; i < end; i++)
            {
                if (IsAlnum(_s[i])) hasName = true;
                else if (_s[i] == '/' && i > k && _s[i - 1] != '.' && _s[i - 1] != '~') nested = true;
            }
            // "/c", "/q" are switches of Windows tools; a path of one short segment says too little.
            if (!hasName || (!nested && end - k < 4)) return stop;

            string path = _s.Substring(k, end - k);
            int hostSegment = NetworkSpecialFile(k, end);
            if (hostSegment >= 0)
            {
                // bash's /dev/tcp/HOST/PORT is a path a reverse shell opens (kept, with its host); gawk's /inet/... is only a name.
                if (_s[k + 1] == 'd') Report(IocTypes.LinuxPath, IocTypeNames.LinuxPath, k, end, path, false);
                int he = hostSegment;
                while (he < end && _s[he] != '/') he++;
                if (he > hostSegment) ReportStrongHost(hostSegment, he);
                return stop;
            }
            bool quoted = k > 0 && (_s[k - 1] == '\'' || _s[k - 1] == '"');
            if (_s[k] == '/' && quoted && role == Role.Free && !UnderRootDirectory(k, end)) return stop;
            if (NonIndicatorPaths.Contains(path) || IsFdPath(path)) return stop;
            Report(IocTypes.LinuxPath, IocTypeNames.LinuxPath, k, end, path, false);
            return stop;
        }

        /// <summary>Where the expansion that stopped a path at <paramref name="end"/> starts ($(, ${, $[, a backquote), or -1.</summary>
        private int ExpansionAt(int end)
        {
            if (end >= _n) return -1;
            char c = _s[end];
            if (c == '`') return end;
            if (end > 0 && _s[end - 1] == '$' && (c == '(' || c == '{' || c == '[')) return end - 1;
            return -1;
        }

        /// <summary>
        /// Where the host of a network special file starts: bash's /dev/tcp|udp/HOST/PORT and gawk's
        /// /inet[46]/tcp|udp/LPORT/HOST/RPORT name a connection, not a file. -1 for other paths.
        /// </summary>
        private int NetworkSpecialFile(int k, int end)
        {
            if (StartsWithAt(k, end, "/dev/tcp/") || StartsWithAt(k, end, "/dev/udp/")) return k + 9;
            int p;
            if (StartsWithAt(k, end, "/inet/")) p = k + 6;
            else if (StartsWithAt(k, end, "/inet4/") || StartsWithAt(k, end, "/inet6/")) p = k + 7;
            else return -1;
            if (!StartsWithAt(p, end, "tcp/") && !StartsWithAt(p, end, "udp/")) return -1;
            p += 4;
            while (p < end && _s[p] != '/') p++; // the local port
            return p < end ? p + 1 : -1;
        }

        private static bool IsFdPath(string path)
        {
            const string fd = "/dev/fd/";
            const string selfFd = "/proc/self/fd/";
            string prefix = path.StartsWith(fd, StringComparison.Ordinal) ? fd
                : path.StartsWith(selfFd, StringComparison.Ordinal) ? selfFd : string.Empty;
            if (prefix.Length == 0 || path.Length == prefix.Length) return false;
            for (int i = prefix.Length; i < path.Length; i++) if (!IsDigit(path[i])) return false;
            return true;
        }

        private static bool IsPathStop(char c)
        {
            if (c <= ' ') return true;
            switch (c)
            {
                case '"': case '\'': case '`': case '(': case ')': case '[': case ']': case '{': case '}':
                case '<': case '>': case '|': case ';': case '&': case ',': case ':': case '\\':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// Drive (C:\dir\file) and UNC (\\server\share\...) paths anywhere outside URLs. They are found before
        /// the word walk because a quoted Windows path may hold spaces ("C:\Program Files\x.exe").
        /// </summary>
        private void ScanWindowsPaths()
        {
            var spans = new List<Span>();
            int ci = 0;
            int i = 0;
            while (i < _n)
            {
                if (ci < _covered.Count && i >= _covered[ci].Start)
                {
                    if (i < _covered[ci].End) i = _covered[ci].End;
                    ci++;
                    continue;
                }
                char c = _s[i];
                if (!(c == '\\' || IsLetter(c))) { i++; continue; }
                int limit = ci < _covered.Count ? _covered[ci].Start : _n;
                int end = WindowsPath(i, limit, out int stop);
                if (end > i)
                {
                    spans.Add(new Span(i, end));
                    i = stop;
                    continue;
                }
                i++;
            }
            if (spans.Count > 0) _covered = Merge(_covered, spans);
        }

        /// <summary>The end of a Windows path starting at <paramref name="k"/> (reported), or <paramref name="k"/> when none starts there.</summary>
        private int WindowsPath(int k, int limit, out int stop)
        {
            stop = k;
            int body;
            if (IsLetter(_s[k]))
            {
                if (k + 3 >= limit || _s[k + 1] != ':' || _s[k + 2] != '\\') return k;
                if (k > 0 && IsWordChar(_s[k - 1])) return k;
                body = k + 3;
                while (body < limit && _s[body] == '\\') body++; // C:\\ in escaped text
            }
            else
            {
                if (k + 2 >= limit || _s[k + 1] != '\\' || !IsHostChar(_s[k + 2])) return k;
                if (k > 0 && _s[k - 1] == '\\') return k;
                int server = k + 2;
                while (server < limit && IsHostChar(_s[server])) server++;
                if (server + 1 >= limit || _s[server] != '\\' || IsWindowsStop(_s[server + 1], false)) return k;
                body = server + 1;
            }
            // Inside quotes a path may hold spaces; it ends at the quote.
            bool quoted = k > 0 && (_s[k - 1] == '"' || _s[k - 1] == '\'');
            int end = body;
            while (end < limit && !IsWindowsStop(_s[end], quoted)) end++;
            stop = end;
            while (end > body && (_s[end - 1] == '.' || _s[end - 1] == ',' || _s[end - 1] == ' ')) end--;
            if (end == body) return k;
            string path = _s.Substring(k, end - k);
            string normalized = path.Length > 2 && path[0] == '\\' && path[1] == '\\'
                ? @"\\" + CollapseBackslashes(path.Substring(2))
                : CollapseBackslashes(path);
            Report(IocTypes.WindowsPath, IocTypeNames.WindowsPath, k, end, normalized, false);
            return end;
        }

        private static string CollapseBackslashes(string path)
        {
            if (path.IndexOf(@"\\", StringComparison.Ordinal) < 0) return path;
            var chars = new System.Text.StringBuilder(path.Length);
            for (int i = 0; i < path.Length; i++)
            {
                if (path[i] == '\\' && i > 0 && path[i - 1] == '\\') continue;
                chars.Append(path[i]);
            }
            return chars.ToString();
        }

        private static bool IsWindowsStop(char c, bool quoted)
        {
            if (c == ' ' && quoted) return false;
            if (c <= ' ') return true;
            switch (c)
            {
                case '"': case '\'': case '`': case '<': case '>': case '|': case '*': case '?': case ':': case ';': case '&':
                    return true;
                case '(': case ')':
                    return !quoted; // "C:\Program Files (x86)\..."
                default:
                    return false;
            }
        }

        // ------------------------------------------------------------------ names, addresses, e-mail

        /// <summary>Judges one run of [A-Za-z0-9._-] in [k, j); returns where scanning goes on.</summary>
        private int Run(int k, int j, int cs, int ce, Role role)
        {
            char next = j < _n ? _s[j] : '\0';
            if (next == '@' && j + 1 < ce && IsHostChar(_s[j + 1]))
            {
                return At(k, j, cs, ce, role);
            }
            int rs = k, re = j;
            while (rs < re && (_s[rs] == '.' || _s[rs] == '-')) rs++;
            while (re > rs && (_s[re - 1] == '.' || _s[re - 1] == '-')) re--;
            if (rs >= re) return j;

            if (IsDigitsAndDots(rs, re))
            {
                if (IpAddresses.TryParseIpv4(_s, rs, re - rs, out uint v4))
                {
                    Report(IocTypes.Ipv4, IocTypeNames.Ipv4, rs, re, IpAddresses.FormatIpv4(v4), IpAddresses.IsPrivateIpv4(v4));
                }
                return j;
            }
            if (!Wants(IocTypes.Dns) || role == Role.Command || role == Role.Option) return j;
            char prev = k > 0 ? _s[k - 1] : '\0';
            if (prev == '@' && k > cs)
            {
                // dig @resolver, or the domain of an address whose user part was not a run (x+y@ handled by At)
                if (!HostNames.IsValidSyntax(_s, rs, re, 2, false)) return j;
                ReportHostArgument(rs, re);
                return j;
            }
            // A segment of a path (dir/evil.com) is not a host; a schemeless //host/ is.
            if (prev == '/' && !(k >= 2 && _s[k - 2] == '/')) return j;
            if (!HostNames.IsValidSyntax(_s, rs, re, 2, allowUnderscore: false)) return j;

            bool hostPort = next == ':' && j + 1 < _n && IsDigit(_s[j + 1]);
            bool copyHost = next == ':' && (_command == "scp" || _command == "rsync");
            if (role == Role.Host || hostPort || copyHost)
            {
                ReportHostArgument(rs, re);
                return j;
            }
            if (role == Role.File) return j;
            ReportFreeName(rs, re, prev, next);
            return j;
        }

        /// <summary>A name with a label of its own under a public suffix, or a Tor/I2P/Namecoin name (public, though not in the PSL).</summary>
        private bool IsPublicName(string name) => _suffixes.IsRegistrable(name) || HostNames.IsOverlayNetwork(name);

        /// <summary>A dotted name where a host is expected (ping/curl/nc operand, host:port): it needs a known suffix or an internal one.</summary>
        private void ReportHostArgument(int rs, int re)
        {
            int lastLabel = _s.LastIndexOf('.', re - 1, re - rs) + 1;
            if (!_suffixes.MayEndInSuffix(_s, lastLabel, re) && !HostNames.MayBeSpecialName(_s, lastLabel, re)) return;
            string name = _s.Substring(rs, re - rs).ToLowerInvariant();
            bool internalName = HostNames.IsInternal(name);
            if (!internalName && !IsPublicName(name)) return;
            Report(IocTypes.Dns, IocTypeNames.Dns, rs, re, name, internalName);
        }

        /// <summary>A dotted name in free text: a domain only when nothing says it is a file or code, and its suffix is public.</summary>
        private void ReportFreeName(int rs, int re, char prev, char next)
        {
            if (next == '(' || next == '[' || prev == '$') return;  // a call, an index, a variable
            int lastLabel = _s.LastIndexOf('.', re - 1, re - rs) + 1;
            if (!_suffixes.MayEndInSuffix(_s, lastLabel, re) && !HostNames.MayBeSpecialName(_s, lastLabel, re)) return;
            string written = _s.Substring(rs, re - rs);
            string last = HostNames.LastLabel(written);
            if (HostNames.FileExtensions.Contains(last)) return;
            if (HostNames.IsMixedCase(last)) return;
            if (HostNames.CodeObjects.Contains(HostNames.FirstLabel(written))) return;
            string name = written.ToLowerInvariant();
            if (!IsPublicName(name)) return;
            Report(IocTypes.Dns, IocTypeNames.Dns, rs, re, name, HostNames.IsInternal(name));
        }

        /// <summary>local@domain: a login for ssh-like commands and host operands, otherwise an e-mail address.</summary>
        private int At(int k, int j, int cs, int ce, Role role)
        {
            int ds = j + 1;
            int de = ds;
            while (de < ce && IsHostChar(_s[de])) de++;
            int stop = de;
            while (de > ds && (_s[de - 1] == '.' || _s[de - 1] == '-')) de--;
            if (de <= ds) return stop;

            bool login = role == Role.Host
                || (role == Role.File && (_command == "scp" || _command == "rsync" || _command == "sftp"))
                || (_command != null && ShellVocabulary.LoginCommands.Contains(_command))
                || (_command == "git" && stop < _n && _s[stop] == ':'); // git@host:repo
            if (IsDigitsAndDots(ds, de) || login)
            {
                ReportStrongHost(ds, de);
                return stop;
            }
            if (role == Role.Command || role == Role.Option) return stop;

            int ls = k;
            while (ls > cs && j - ls < MaxLocalPart && IsLocalPartChar(_s[ls - 1])) ls--;
            while (ls < j && _s[ls] == '.') ls++;
            if (ls >= j || !HostNames.IsValidSyntax(_s, ds, de, 2, allowUnderscore: false)) return stop;
            // scheme://user@host and user@host:port are a login on a host, not a mailbox (postgres://user@db:5432/app).
            bool userInfo = ls >= 2 && _s[ls - 1] == '/' && _s[ls - 2] == '/';
            bool hostPort = stop + 1 < _n && _s[stop] == ':' && IsDigit(_s[stop + 1]);
            if (userInfo || hostPort)
            {
                ReportStrongHost(ds, de);
                return stop;
            }
            string domain = _s.Substring(ds, de - ds).ToLowerInvariant();
            bool internalName = HostNames.IsInternal(domain);
            if (!internalName && !IsPublicName(domain)) return stop;
            Report(IocTypes.Email, IocTypeNames.Email, ls, de, _s.Substring(ls, j - ls) + "@" + domain, internalName);
            Report(IocTypes.Dns, IocTypeNames.Dns, ds, de, domain, internalName);
            return stop;
        }

        // ------------------------------------------------------------------ characters

        private bool IsDigitsAndDots(int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                char c = _s[i];
                if (c != '.' && !IsDigit(c)) return false;
            }
            return true;
        }

        private bool StartsWithAt(int start, int end, string prefix) =>
            end - start >= prefix.Length && string.CompareOrdinal(_s, start, prefix, 0, prefix.Length) == 0;

        private static bool IsSeparator(char c)
        {
            switch (c)
            {
                case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
                case ';': case '|': case '&': case '<': case '>': case '(': case ')': case '`': case '\'': case '"':
                case '{': case '}':
                    return true;
                default:
                    return false;
            }
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static bool IsLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        private static bool IsAlnum(char c) => IsDigit(c) || IsLetter(c);

        private static bool IsHex(char c) => IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        private static bool IsWordChar(char c) => IsAlnum(c) || c == '_';

        private static bool IsHostChar(char c) => IsAlnum(c) || c == '.' || c == '-' || c == '_';

        private static bool IsLocalPartChar(char c) =>
            IsAlnum(c) || c == '.' || c == '-' || c == '_' || c == '+' || c == '%' || c == '!' || c == '#'
            || c == '^' || c == '~' || c == '*';
    }
}

using System;
using System.Collections.Generic;
using System.Text;
using B64Hunt.Shell;

namespace B64Hunt.Decoding
{
    /// <summary>Which decoder a decode site hands its literal to.</summary>
    internal enum SiteCodec { Base64, Base32, Uu }

    /// <summary>A literal the command line itself hands to a decoder: decoded whatever its length and content.</summary>
    internal struct DecodeSite
    {
        /// <summary>Raw span [Start, End) of the literal in the text (outer quotes excluded).</summary>
        public int Start;
        public int End;
        /// <summary>The literal as the decoder receives it (quotes removed, printf / echo -e escapes applied).</summary>
        public string Literal;
        public SiteCodec Codec;
    }

    /// <summary>
    /// Finds the places where a command line decodes a literal itself:
    ///  * pipelines "echo [-n -e] X | base64 -d" (also base32 -d, basenc --base64/--base64url/--base32 -d, openssl base64 -d,
    ///    openssl enc -d -a/-base64, busybox base64 -d, uudecode), "printf FORMAT [X] | ...", and here-strings "base64 -d &lt;&lt;&lt; X",
    ///    inside quoted sh -c strings and $(...) as well;
    ///  * calls with a string literal: b64decode, urlsafe_b64decode, decodebytes, decodestring, b32decode, decode_base64,
    ///    decode64, base64_decode, atob, Buffer.from(X, 'base64'), unpack("m", X), unpack("u", X), and Log4j's ${base64:X}.
    /// A literal with an unexpanded variable ($X, `...`) is not a site: its value is not in the text.
    /// </summary>
    internal static class DecodeSites
    {
        private const int MaxSites = 256;

        /// <summary>The sites in text; a literal whose span is already <paramref name="claimed"/> (decoded by the candidate scan) is skipped.</summary>
        public static List<DecodeSite> Find(string text, List<KeyValuePair<int, int>>? claimed = null)
        {
            var sites = new List<DecodeSite>();
            FindPipelines(text, sites, claimed);
            // Every call form has a '(' and the Log4j lookup a "${": most shell lines have neither.
            if (text.IndexOf('(') >= 0 || text.IndexOf("${", StringComparison.Ordinal) >= 0) FindCalls(text, sites);
            return sites;
        }

        /// <summary>
        /// Each '|' whose next command decodes (and each "&lt;&lt;&lt;" after a decoder): only the command before it and the
        /// decoder itself are tokenized, so a long line costs a few small segments, not a lexer pass. Pipes inside a quoted
        /// sh -c string or a $(...) are found the same way: the segment stops at the unmatched quote or the '('.
        /// </summary>
        private static void FindPipelines(string text, List<DecodeSite> sites, List<KeyValuePair<int, int>>? claimed)
        {
            var starts = new SegmentStarts(text);
            List<SiteToken> decoder = Tokens.First, before = Tokens.Second;
            for (int p = text.IndexOf('|'); p >= 0 && sites.Count < MaxSites; p = text.IndexOf('|', p + 1))
            {
                if ((p + 1 < text.Length && text[p + 1] == '|') || (p > 0 && text[p - 1] == '|')) continue; // ||
                // The cheap tests first; the two segments are tokenized only when all of them pass.
                if (!FirstWordMayBe(text, p + 1, DecoderWords) || LastWordClaimed(text, p, claimed)) continue;
                int start = starts.Before(p);
                if (!FirstWordMayBe(text, start, EchoWords)) continue;
                SiteTokens.Read(text, p + 1, SegmentEnd(text, p + 1), decoder);
                if (!(DecoderAfter(text, decoder, 0) is SiteCodec codec)) continue;
                SiteTokens.Read(text, start, p, before);
                AddEchoLiteral(text, before, 0, before.Count, 0, codec, sites, claimed);
            }
            int h = text.IndexOf("<<<", StringComparison.Ordinal);
            if (h < 0) return;
            var hereStarts = new SegmentStarts(text);
            for (; h >= 0 && sites.Count < MaxSites; h = text.IndexOf("<<<", h + 3, StringComparison.Ordinal))
            {
                SiteTokens.Read(text, hereStarts.Before(h), h, decoder);
                if (!(DecoderAfter(text, decoder, 0) is SiteCodec codec)) continue;
                SiteTokens.Read(text, h + 3, SegmentEnd(text, h + 3), before);
                if (before.Count > 0 && !before[0].IsOperator) Add(text, before, 0, 1, 0, codec, false, sites, claimed);
            }
        }

        /// <summary>
        /// Whether the last word before the pipe (the literal echo hands on) is inside a span the candidate scan decoded
        /// already: the common "echo X | base64 -d" then costs no tokenizing, and no pass over X to find where its command starts.
        /// </summary>
        private static bool LastWordClaimed(string text, int pipe, List<KeyValuePair<int, int>>? claimed)
        {
            if (claimed == null) return false;
            int last = pipe - 1;
            while (last >= 0 && (text[last] == ' ' || text[last] == '\t')) last--;
            if (last >= 0 && (text[last] == '\'' || text[last] == '"')) last--;
            return last >= 0 && PayloadDecoder.IsClaimed(claimed, last, last + 1);
        }

        /// <summary>One thread's two token lists, reused by every search on it: most lines tokenize a few short segments.</summary>
        private static class Tokens
        {
            [ThreadStatic] private static List<SiteToken>? _first, _second;

            public static List<SiteToken> First => _first ??= new List<SiteToken>(16);

            public static List<SiteToken> Second => _second ??= new List<SiteToken>(16);
        }

        private static readonly string[] Wrappers = { "sudo", "env", "command", "exec", "nohup", "stdbuf" };
        private static readonly string[] DecoderWords = { "base64", "base32", "basenc", "uudecode", "openssl", "busybox" };
        private static readonly string[] EchoWords = { "echo", "printf" };

        /// <summary>
        /// Whether the command starting at i can begin with one of the words: its first word (path stripped) is one, or a
        /// wrapper, or a variable assignment, or is quoted or escaped (the lexer decides those). Most pipes feed grep, awk or a shell and start with
        /// kubectl or cat, so their segments are never tokenized.
        /// </summary>
        private static bool FirstWordMayBe(string text, int i, string[] words)
        {
            while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
            int start = i;
            for (; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '}') break; // the end of a { ...; } group
                if (c >= 128 || !SiteTokens.WordStops[c]) continue;
                if (c == '\'' || c == '"' || c == '\\' || c == '$') return true;
                break; // a blank or an operator
            }
            ReadOnlySpan<char> word = text.AsSpan(start, i - start);
            if (ShellAssignment.IsAssignment(word)) return true; // NAME=value before the command: the lexer looks past it
            int slash = word.LastIndexOf('/');
            if (slash >= 0) word = word.Slice(slash + 1);
            return IsOneOf(word, words) || IsOneOf(word, Wrappers);
        }

        private static bool IsOneOf(ReadOnlySpan<char> word, string[] words)
        {
            foreach (string w in words)
                if (word.SequenceEqual(w.AsSpan())) return true;
            return false;
        }

        /// <summary>
        /// Where the command ending at a position starts: after the last | ; &amp; ( ` { or line break at the same quoting
        /// level, or after the opening quote of the quoted string (sh -c '...') the position is in. One forward pass with
        /// shell quoting ('...' has no escapes, "..." and bare words have backslashes); the positions asked for only grow,
        /// so all the pipes of a line cost one pass. A struct: it lives in the caller's frame.
        /// </summary>
        private struct SegmentStarts
        {
            private readonly string _text;
            private int _pos, _top, _inner;
            private char _quote;

            public SegmentStarts(string text) { _text = text; }

            public int Before(int end)
            {
                string t = _text;
                for (; _pos < end; _pos++)
                {
                    char c = t[_pos];
                    if (_quote == '\'')
                    {
                        if (c == '\'') _quote = '\0';
                        else if (IsBoundary(c)) _inner = _pos + 1;
                    }
                    else if (_quote == '"')
                    {
                        if (c == '\\') _pos++;
                        else if (c == '"') _quote = '\0';
                        else if (IsBoundary(c)) _inner = _pos + 1;
                    }
                    else if (c == '\\') _pos++;
                    else if (c == '\'' || c == '"') { _quote = c; _inner = _pos + 1; }
                    else if (IsBoundary(c)) _top = _pos + 1;
                }
                return _quote != '\0' ? _inner : _top;
            }

            private static bool IsBoundary(char c) => c == '|' || c == ';' || c == '&' || c == '(' || c == '`' || c == '\n' || c == '{';
        }

        /// <summary>Where the command starting at <paramref name="start"/> ends: the next | ; &amp; ) ` or line break outside quotes, or an unmatched quote.</summary>
        private static int SegmentEnd(string text, int start)
        {
            for (int i = start; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\'' || c == '"')
                {
                    int close = text.IndexOf(c, i + 1);
                    if (close < 0) return i;
                    i = close;
                    continue;
                }
                if (c == '|' || c == ';' || c == '&' || c == ')' || c == '`' || c == '\n' || c == '}' || c == '<' || c == '>') return i;
            }
            return text.Length;
        }

        /// <summary>The decoder a pipeline segment starting at token k runs, if it decodes base64, base32 or uuencoding.</summary>
        private static SiteCodec? DecoderAfter(string text, List<SiteToken> tokens, int k)
        {
            int first = SkipWrappers(text, tokens, k);
            if (first >= tokens.Count || tokens[first].IsOperator) return null;
            ReadOnlySpan<char> command = BaseName(WordSpan(text, tokens[first]));
            bool decode = false, base64 = false, base32 = false, enc = false;
            for (int i = first + 1; i < tokens.Count && !tokens[i].IsOperator; i++)
            {
                ReadOnlySpan<char> a = WordSpan(text, tokens[i]);
                if (a is "-d" or "--decode" or "-D" or "-di" or "-id" or "--decode=" or "-dw0") decode = true;
                else if (a is "--base64" or "--base64url" or "-base64" or "-a" or "-A" or "base64") base64 = true;
                else if (a is "--base32" or "--base32hex") base32 = true;
                else if (a is "enc") enc = true;
            }
            if (command is "base64") return decode ? SiteCodec.Base64 : (SiteCodec?)null;
            if (command is "base32") return decode ? SiteCodec.Base32 : (SiteCodec?)null;
            if (command is "basenc") return !decode ? (SiteCodec?)null : base64 ? SiteCodec.Base64 : base32 ? SiteCodec.Base32 : (SiteCodec?)null;
            if (command is "uudecode") return SiteCodec.Uu;
            if (command is "openssl") return decode && (base64 || enc) ? SiteCodec.Base64 : (SiteCodec?)null;
            if (command is "busybox")
                return first + 1 < tokens.Count && SiteTokens.ValueIs(text, tokens[first + 1], "base64") && decode ? SiteCodec.Base64 : (SiteCodec?)null;
            return null;
        }

        private static int SkipWrappers(string text, List<SiteToken> tokens, int k)
        {
            // Wrappers, and the variable assignments before a command or after env (LC_ALL=C base64 -d).
            while (k < tokens.Count && !tokens[k].IsOperator
                   && (IsOneOf(BaseName(WordSpan(text, tokens[k])), Wrappers) || ShellAssignment.IsAssignment(WordSpan(text, tokens[k])))) k++;
            return k;
        }

        /// <summary>A short word's value (command names, options, formats); empty for a long word, which is none of those.</summary>
        private static string Word(string text, SiteToken token) =>
            token.End - token.Start <= MaxWord ? SiteTokens.ValueOf(text, token) : string.Empty;

        /// <summary><see cref="Word"/> without making a string.</summary>
        private static ReadOnlySpan<char> WordSpan(string text, in SiteToken token) =>
            token.End - token.Start > MaxWord ? default
            : token.Value != null ? token.Value.AsSpan() : text.AsSpan(token.ValueStart, token.ValueEnd - token.ValueStart);

        private const int MaxWord = 48;

        private static ReadOnlySpan<char> BaseName(ReadOnlySpan<char> word)
        {
            int slash = word.LastIndexOf('/');
            return slash >= 0 ? word.Slice(slash + 1) : word;
        }

        /// <summary>echo [-n -e -E] X... or printf FORMAT [X] between tokens [from, to).</summary>
        private static void AddEchoLiteral(string text, List<SiteToken> tokens, int from, int to, int offset, SiteCodec codec, List<DecodeSite> sites, List<KeyValuePair<int, int>>? claimed)
        {
            int first = SkipWrappers(text, tokens, from);
            if (first >= to || tokens[first].IsOperator) return;
            ReadOnlySpan<char> command = BaseName(WordSpan(text, tokens[first]));
            int i = first + 1;
            bool escapes;
            if (command is "echo")
            {
                escapes = true; // echo -e, and dash's echo by default; a base64 literal has no backslash to lose
                while (i < to && Word(text, tokens[i]) is string option && option.Length >= 2 && option[0] == '-' && IsEchoOptions(option)) i++;
            }
            else if (command is "printf")
            {
                escapes = true;
                if (i < to && SiteTokens.ValueIs(text, tokens[i], "--")) i++;
                string format = i < to ? Word(text, tokens[i]) : string.Empty;
                if (i < to && !tokens[i].IsOperator && (format.Contains("%s") || format.Contains("%b")) && i + 1 < to)
                {
                    escapes = format.Contains("%b");
                    i++;
                }
            }
            else return;
            Add(text, tokens, i, to, offset, codec, escapes, sites, claimed);
        }

        private static bool IsEchoOptions(string word)
        {
            for (int i = 1; i < word.Length; i++)
                if (word[i] != 'n' && word[i] != 'e' && word[i] != 'E') return false;
            return true;
        }

        private static void Add(string text, List<SiteToken> tokens, int from, int to, int offset, SiteCodec codec, bool escapes, List<DecodeSite> sites,
            List<KeyValuePair<int, int>>? claimed)
        {
            if (from < to && PayloadDecoder.IsClaimed(claimed, tokens[from].Start, tokens[from].End)) return; // decoded already: do not copy it again
            var literal = new StringBuilder();
            int last = -1;
            for (int i = from; i < to; i++)
            {
                if (tokens[i].IsOperator) break;
                if (tokens[i].Expands) return;
                if (literal.Length > 0) literal.Append(' ');
                literal.Append(SiteTokens.ValueOf(text, tokens[i]));
                last = i;
            }
            if (last < 0 || literal.Length == 0) return;
            string value = literal.ToString();
            if (escapes && value.IndexOf('\\') >= 0) value = Encoding.UTF8.GetString(ShellEscapes.Apply(value));
            int start = tokens[from].Start + offset, end = tokens[last].End + offset;
            if (end - start >= 2 && (text[start] == '\'' || text[start] == '"')) start++;
            if (end - start >= 1 && (text[end - 1] == '\'' || text[end - 1] == '"')) end--;
            sites.Add(new DecodeSite { Start = start, End = end, Literal = value, Codec = codec });
        }

        private static readonly string[] CallNames =
        {
            "b64decode(", "decodebytes(", "decodestring(", "b32decode(", "decode_base64(", "decode64(", "base64_decode(",
            "atob(", "Buffer.from(", "unpack(", "${base64:",
        };

        private static void FindCalls(string text, List<DecodeSite> sites)
        {
            // One pass over the '(' of the text: each is a call when a decoder name ends right before it.
            for (int paren = text.IndexOf('('); paren >= 0 && sites.Count < MaxSites; paren = text.IndexOf('(', paren + 1))
            {
                foreach (string name in CallNames)
                {
                    int length = name.Length - 1; // without the '('
                    int start = paren - length;
                    if (name[length] != '(' || start < 0 || string.Compare(text, start, name, 0, length, StringComparison.OrdinalIgnoreCase) != 0) continue;
                    CallLiteral(text, name, paren + 1, sites);
                    break;
                }
            }
            for (int at = text.IndexOf("${", StringComparison.Ordinal); at >= 0 && sites.Count < MaxSites; at = text.IndexOf("${", at + 2, StringComparison.Ordinal))
            {
                if (string.Compare(text, at, "${base64:", 0, 9, StringComparison.OrdinalIgnoreCase) == 0) LookupLiteral(text, at + 9, sites);
            }
        }

        private static void LookupLiteral(string text, int start, List<DecodeSite> sites)
        {
            int close = text.IndexOf('}', start);
            if (close <= start || text.IndexOf("${", start, close - start, StringComparison.Ordinal) >= 0) return;
            sites.Add(new DecodeSite { Start = start, End = close, Literal = text.Substring(start, close - start), Codec = SiteCodec.Base64 });
        }

        private static void CallLiteral(string text, string name, int i, List<DecodeSite> sites)
        {
            SiteCodec codec = name == "b32decode(" ? SiteCodec.Base32 : SiteCodec.Base64;
            if (name == "unpack(")
            {
                // unpack("m", X) / unpack("m*", X) is base64, unpack("u", X) uuencoding (perl and ruby).
                if (!ReadQuoted(text, ref i, out string format, out _, out _)) return;
                if (format == "u") codec = SiteCodec.Uu;
                else if (format != "m" && format != "m*" && format != "m0") return;
                i = SkipBlanks(text, i);
                if (i >= text.Length || text[i] != ',') return;
                i++;
            }
            i = SkipBlanks(text, i);
            if (i < text.Length && (text[i] == 'b' || text[i] == 'B' || text[i] == 'u' || text[i] == 'r') && i + 1 < text.Length && (text[i + 1] == '\'' || text[i + 1] == '"')) i++;
            int contentStart = i + 1;
            if (!ReadQuoted(text, ref i, out string literal, out bool escaped, out bool expands) || expands) return;
            if (name == "Buffer.from(")
            {
                int j = SkipBlanks(text, i);
                if (j >= text.Length || text[j] != ',') return;
                j = SkipBlanks(text, j + 1);
                if (!ReadQuoted(text, ref j, out string encoding, out _, out _) || !encoding.Equals("base64", StringComparison.OrdinalIgnoreCase)) return;
            }
            if (escaped && literal.IndexOf('\\') >= 0) literal = Encoding.UTF8.GetString(ShellEscapes.Apply(literal));
            sites.Add(new DecodeSite { Start = contentStart, End = i - 1, Literal = literal, Codec = codec });
        }

        private static int SkipBlanks(string text, int i)
        {
            while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
            return i;
        }

        /// <summary>A '...' or "..." string literal at i (backslash escapes kept for the caller); i ends after the closing quote.</summary>
        private static bool ReadQuoted(string text, ref int i, out string value, out bool hasEscapes, out bool expands)
        {
            value = string.Empty;
            hasEscapes = expands = false;
            if (i >= text.Length || (text[i] != '\'' && text[i] != '"')) return false;
            char quote = text[i];
            int j = i + 1;
            int close = text.IndexOf(quote, j);
            if (close < 0) return false;
            int slash = text.IndexOf('\\', j, close - j);
            if (slash < 0)
            {
                // No backslash: the literal is the text between the quotes, copied once.
                for (int k = j; k < close - 1; k++)
                    if (text[k] == '$' && quote == '"' && (text[k + 1] == '{' || char.IsLetter(text[k + 1]))) expands = true;
                value = text.Substring(j, close - j);
                i = close + 1;
                return true;
            }
            var sb = new StringBuilder();
            while (j < text.Length && text[j] != quote)
            {
                if (text[j] == '\\' && j + 1 < text.Length)
                {
                    hasEscapes = true;
                    if (text[j + 1] == quote) sb.Append(quote); // \" inside "...": the quote itself, in every language
                    else sb.Append(text[j]).Append(text[j + 1]);
                    j += 2;
                    continue;
                }
                if (text[j] == '$' && quote == '"' && j + 1 < text.Length && (text[j + 1] == '{' || char.IsLetter(text[j + 1]))) expands = true;
                sb.Append(text[j++]);
            }
            if (j >= text.Length) return false;
            value = sb.ToString();
            i = j + 1;
            return true;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Text;

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
        private const int MaxNesting = 3;

        public static List<DecodeSite> Find(string text)
        {
            var sites = new List<DecodeSite>();
            FindPipelines(text, 0, text.Length, sites, 0);
            FindCalls(text, sites);
            return sites;
        }

        private static void FindPipelines(string text, int from, int to, List<DecodeSite> sites, int nesting)
        {
            var tokens = SiteTokens.Read(from == 0 && to == text.Length ? text : text.Substring(from, to - from));
            int segment = 0;
            for (int k = 0; k <= tokens.Count && sites.Count < MaxSites; k++)
            {
                bool end = k == tokens.Count || (tokens[k].IsOperator && tokens[k].Value != "<<<" && tokens[k].Value != "<" && tokens[k].Value != ">");
                if (k < tokens.Count && !tokens[k].IsOperator && nesting < MaxNesting) Recurse(text, from, tokens[k], sites, nesting);
                if (!end) continue;
                if (k < tokens.Count && tokens[k].Value == "|" && DecoderAfter(tokens, k + 1) is SiteCodec codec)
                    AddEchoLiteral(text, tokens, segment, k, from, codec, sites);
                HereString(text, tokens, segment, k, from, sites);
                segment = k + 1;
            }
        }

        /// <summary>A quoted word holding a pipeline or a command substitution (sh -c '...', "$(...)"): its inside is searched too.</summary>
        private static void Recurse(string text, int from, SiteToken token, List<DecodeSite> sites, int nesting)
        {
            int s = from + token.Start, e = from + token.End;
            if (e - s < 4) return;
            char q = text[s];
            if ((q != '\'' && q != '"') || text[e - 1] != q) return;
            string inner = text.Substring(s + 1, e - s - 2);
            if (inner.IndexOf('|') < 0 && inner.IndexOf("<<<", StringComparison.Ordinal) < 0) return;
            FindPipelines(text, s + 1, e - 1, sites, nesting + 1);
        }

        /// <summary>The decoder a pipeline segment starting at token k runs, if it decodes base64, base32 or uuencoding.</summary>
        private static SiteCodec? DecoderAfter(List<SiteToken> tokens, int k)
        {
            int first = SkipWrappers(tokens, k);
            if (first >= tokens.Count || tokens[first].IsOperator) return null;
            string command = BaseName(tokens[first].Value);
            bool decode = false, base64 = false, base32 = false, enc = false;
            for (int i = first + 1; i < tokens.Count && !tokens[i].IsOperator; i++)
            {
                string a = tokens[i].Value;
                if (a == "-d" || a == "--decode" || a == "-D" || a == "-di" || a == "-id" || a == "--decode=" || a == "-dw0") decode = true;
                else if (a == "--base64" || a == "--base64url" || a == "-base64" || a == "-a" || a == "-A" || a == "base64") base64 = true;
                else if (a == "--base32" || a == "--base32hex") base32 = true;
                else if (a == "enc") enc = true;
            }
            switch (command)
            {
                case "base64": return decode ? SiteCodec.Base64 : (SiteCodec?)null;
                case "base32": return decode ? SiteCodec.Base32 : (SiteCodec?)null;
                case "basenc": return !decode ? (SiteCodec?)null : base64 ? SiteCodec.Base64 : base32 ? SiteCodec.Base32 : (SiteCodec?)null;
                case "uudecode": return SiteCodec.Uu;
                case "openssl":
                    return decode && (base64 || enc) ? SiteCodec.Base64 : (SiteCodec?)null;
                case "busybox":
                    return first + 1 < tokens.Count && tokens[first + 1].Value == "base64" && decode ? SiteCodec.Base64 : (SiteCodec?)null;
                default: return null;
            }
        }

        private static int SkipWrappers(List<SiteToken> tokens, int k)
        {
            while (k < tokens.Count && !tokens[k].IsOperator)
            {
                string w = BaseName(tokens[k].Value);
                if (w != "sudo" && w != "env" && w != "command" && w != "exec" && w != "nohup" && w != "stdbuf") break;
                k++;
            }
            return k;
        }

        private static string BaseName(string word)
        {
            int slash = word.LastIndexOf('/');
            return slash >= 0 ? word.Substring(slash + 1) : word;
        }

        /// <summary>echo [-n -e -E] X... or printf FORMAT [X] between tokens [from, to).</summary>
        private static void AddEchoLiteral(string text, List<SiteToken> tokens, int from, int to, int offset, SiteCodec codec, List<DecodeSite> sites)
        {
            int first = SkipWrappers(tokens, from);
            if (first >= to || tokens[first].IsOperator) return;
            string command = BaseName(tokens[first].Value);
            int i = first + 1;
            bool escapes;
            if (command == "echo")
            {
                escapes = true; // echo -e, and dash's echo by default; a base64 literal has no backslash to lose
                while (i < to && tokens[i].Value.Length >= 2 && tokens[i].Value[0] == '-' && IsEchoOptions(tokens[i].Value)) i++;
            }
            else if (command == "printf")
            {
                escapes = true;
                if (i < to && tokens[i].Value == "--") i++;
                if (i < to && !tokens[i].IsOperator && (tokens[i].Value.Contains("%s") || tokens[i].Value.Contains("%b")) && i + 1 < to)
                {
                    escapes = tokens[i].Value.Contains("%b");
                    i++;
                }
            }
            else return;
            Add(text, tokens, i, to, offset, codec, escapes, sites);
        }

        private static bool IsEchoOptions(string word)
        {
            for (int i = 1; i < word.Length; i++)
                if (word[i] != 'n' && word[i] != 'e' && word[i] != 'E') return false;
            return true;
        }

        /// <summary>DECODER ... &lt;&lt;&lt; X within the segment [from, to).</summary>
        private static void HereString(string text, List<SiteToken> tokens, int from, int to, int offset, List<DecodeSite> sites)
        {
            for (int i = from; i + 1 < to; i++)
            {
                if (!tokens[i].IsOperator || tokens[i].Value != "<<<") continue;
                if (DecoderAfter(tokens, from) is SiteCodec codec) Add(text, tokens, i + 1, i + 2, offset, codec, false, sites);
                return;
            }
        }

        private static void Add(string text, List<SiteToken> tokens, int from, int to, int offset, SiteCodec codec, bool escapes, List<DecodeSite> sites)
        {
            var literal = new StringBuilder();
            int last = -1;
            for (int i = from; i < to; i++)
            {
                if (tokens[i].IsOperator) break;
                if (tokens[i].Expands) return;
                if (literal.Length > 0) literal.Append(' ');
                literal.Append(tokens[i].Value);
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
            foreach (string name in CallNames)
            {
                int at = text.IndexOf(name, StringComparison.OrdinalIgnoreCase);
                for (int tries = 0; at >= 0 && tries < 64 && sites.Count < MaxSites; tries++)
                {
                    int after = at + name.Length;
                    if (name == "${base64:") LookupLiteral(text, after, sites);
                    else CallLiteral(text, name, after, sites);
                    at = text.IndexOf(name, after, StringComparison.OrdinalIgnoreCase);
                }
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

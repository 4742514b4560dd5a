using System.Collections.Generic;
using System.Text;

namespace B64Hunt.Decoding
{
    /// <summary>One shell word or operator, as <see cref="SiteTokens"/> reads it.</summary>
    internal struct SiteToken
    {
        /// <summary>Raw span [Start, End) in the text.</summary>
        public int Start;
        public int End;
        /// <summary>
        /// The word with its quotes removed (and $'...' escapes applied); for an operator, the operator. Null when the value is
        /// the raw text [ValueStart, ValueEnd) (a plain or wholly quoted word): <see cref="SiteTokens.ValueOf"/> makes it on demand,
        /// so a long payload is not copied unless it is used.
        /// </summary>
        public string? Value;
        public int ValueStart;
        public int ValueEnd;
        public bool IsOperator;
        /// <summary>The word holds an unquoted or double-quoted '$' or a backtick: its value is not known from the text.</summary>
        public bool Expands;
    }

    /// <summary>
    /// A small linear shell lexer for finding decode sites: words (single, double and $'...' quotes, backslashes) and
    /// the operators that separate commands (| || &amp; &amp;&amp; ; ( ) $( ` &lt;&lt;&lt; &lt;&lt; newline). It does not nest or
    /// expand anything; it only needs to tell "echo X | base64 -d" from the rest.
    /// </summary>
    internal static class SiteTokens
    {
        public const int MaxTokens = 4096;

        /// <summary>The value of a token (allocates for a word whose value is a raw substring).</summary>
        public static string ValueOf(string text, in SiteToken token) =>
            token.Value ?? text.Substring(token.ValueStart, token.ValueEnd - token.ValueStart);

        /// <summary>True when the token's value equals the word, without making the value.</summary>
        public static bool ValueIs(string text, in SiteToken token, string word)
        {
            if (token.Value != null) return token.Value == word;
            return token.ValueEnd - token.ValueStart == word.Length && string.CompareOrdinal(text, token.ValueStart, word, 0, word.Length) == 0;
        }

        /// <summary>The tokens of t[from, to), with positions in t, into <paramref name="tokens"/> (cleared first, so a caller reuses one list).</summary>
        public static void Read(string t, int from, int to, List<SiteToken> tokens)
        {
            tokens.Clear();
            int i = from, n = to;
            StringBuilder? value = null;
            while (i < n && tokens.Count < MaxTokens)
            {
                char c = t[i];
                if (c == ' ' || c == '\t' || c == '\r') { i++; continue; }
                string? op = OperatorAt(t, i);
                if (op != null)
                {
                    tokens.Add(new SiteToken { Start = i, End = i + op.Length, Value = op, IsOperator = true });
                    i += op.Length;
                    continue;
                }
                int start = i;
                bool expands = false;
                if (PlainWord(t, i, n, out int plainStart, out int plainEnd, out int wordEnd, out expands))
                {
                    tokens.Add(new SiteToken { Start = start, End = wordEnd, ValueStart = plainStart, ValueEnd = plainEnd, Expands = expands });
                    i = wordEnd;
                    continue;
                }
                expands = false;
                (value ??= new StringBuilder()).Clear();
                while (i < n)
                {
                    c = t[i];
                    if (c == ' ' || c == '\t' || c == '\r' || OperatorAt(t, i) != null) break;
                    if (c == '\'')
                    {
                        int close = t.IndexOf('\'', i + 1);
                        if (close < 0) close = n;
                        value.Append(t, i + 1, close - i - 1);
                        i = close + 1;
                    }
                    else if (c == '$' && i + 1 < n && t[i + 1] == '\'')
                    {
                        int close = i + 2;
                        while (close < n && t[close] != '\'') close += t[close] == '\\' ? 2 : 1;
                        if (close > n) close = n;
                        value.Append(Encoding.UTF8.GetString(ShellEscapes.Apply(t.Substring(i + 2, close - i - 2))));
                        i = close + 1;
                    }
                    else if (c == '"')
                    {
                        i++;
                        while (i < n && t[i] != '"')
                        {
                            if (t[i] == '\\' && i + 1 < n && "\"\\$`\n".IndexOf(t[i + 1]) >= 0) { value.Append(t[i + 1]); i += 2; continue; }
                            if (t[i] == '$' || t[i] == '`') expands = true;
                            value.Append(t[i++]);
                        }
                        i++;
                    }
                    else if (c == '\\' && i + 1 < n)
                    {
                        if (t[i + 1] != '\n') value.Append(t[i + 1]);
                        i += 2;
                    }
                    else
                    {
                        if (c == '$') expands = true;
                        value.Append(c);
                        i++;
                    }
                }
                if (i > n) i = n;
                tokens.Add(new SiteToken { Start = start, End = i, Value = value.ToString(), Expands = expands });
            }
        }

        /// <summary>
        /// A word whose value is a raw substring: unquoted with no backslash, or one '...' or "..." pair around it all
        /// (no backslash inside double quotes). Gives the value's range and where the word ends.
        /// </summary>
        private static bool PlainWord(string t, int i, int n, out int valueStart, out int valueEnd, out int wordEnd, out bool expands)
        {
            valueStart = valueEnd = wordEnd = i;
            expands = false;
            char q = t[i];
            if (q == '\'' || q == '"')
            {
                int close = t.IndexOf(q, i + 1, n - i - 1);
                if (close < 0) return false;
                int after = close + 1;
                if (after < n && !(t[after] == ' ' || t[after] == '\t' || t[after] == '\r' || OperatorAt(t, after) != null)) return false;
                if (q == '"')
                {
                    for (int k = i + 1; k < close; k++)
                    {
                        if (t[k] == '\\') return false;
                        if (t[k] == '$' || t[k] == '`') expands = true;
                    }
                }
                valueStart = i + 1;
                valueEnd = close;
                wordEnd = after;
                return true;
            }
            int j = i;
            while (j < n)
            {
                char c = t[j];
                if (c >= 128 || !WordStops[c]) { j++; continue; }
                if (c == '\'' || c == '"' || c == '\\') return false;
                if (c == '$' && !(j + 1 < t.Length && t[j + 1] == '('))
                {
                    expands = true;
                    j++;
                    continue;
                }
                break; // a blank or an operator
            }
            valueStart = i;
            valueEnd = wordEnd = j;
            return true;
        }

        /// <summary>What ends a plain word (blanks and the first characters of operators), quotes and backslashes, and '$', by ASCII code.</summary>
        internal static readonly bool[] WordStops = Stops(" \t\r\n|&;()`<>$'\"\\");

        private static bool[] Stops(string chars)
        {
            var table = new bool[128];
            foreach (char c in chars) table[c] = true;
            return table;
        }

        private static string? OperatorAt(string t, int i)
        {
            switch (t[i])
            {
                case '|': return i + 1 < t.Length && t[i + 1] == '|' ? "||" : "|";
                case '&': return i + 1 < t.Length && t[i + 1] == '&' ? "&&" : "&";
                case ';': return ";";
                case '\n': return "\n";
                case '(': return "(";
                case ')': return ")";
                case '`': return "`";
                case '$': return i + 1 < t.Length && t[i + 1] == '(' ? "$(" : null;
                case '<':
                    if (i + 2 < t.Length && t[i + 1] == '<' && t[i + 2] == '<') return "<<<";
                    return i + 1 < t.Length && t[i + 1] == '<' ? "<<" : "<";
                case '>': return ">";
                default: return null;
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Text;

namespace B64Hunt.Shell
{
    /// <summary>
    /// Splits shell text into words, control operators and redirections, in one left-to-right pass:
    /// quotes removed, ANSI-C $'...' decoded, $(...) / backticks / &lt;(...) collected as code,
    /// comments (and so shebangs) skipped, here-document bodies attached to their redirection.
    /// Every scan moves forward; matching a closing bracket never rescans, so the cost is linear.
    /// </summary>
    internal sealed class ShellLexer
    {
        private readonly string _s;
        private readonly int _n;
        private int _i;
        private readonly List<ShellToken> _tokens = new List<ShellToken>();
        private readonly List<ShellToken> _pendingHereDocs = new List<ShellToken>();
        private readonly StringBuilder _sb = new StringBuilder();
        private readonly ShellVariables? _variables;

        /// <summary>The word being read.</summary>
        private ShellToken _word = new ShellToken();

        // Where assignments count: at the start of a command (a=cu; b=rl) and after export/local/declare/readonly.
        private bool _atCommandStart = true;
        private bool _declaring;

        private ShellLexer(string text, ShellVariables? variables)
        {
            _s = text;
            _n = text.Length;
            _variables = variables;
        }

        /// <summary>
        /// The tokens of <paramref name="text"/>. With <paramref name="variables"/>, assignments the text makes are
        /// recorded there and $NAME / ${NAME} of recorded names (and $IFS) are expanded, split as the shell splits them.
        /// </summary>
        public static List<ShellToken> Tokenize(string text, ShellVariables? variables = null)
        {
            var lexer = new ShellLexer(text, variables);
            lexer.Run();
            return lexer._tokens;
        }

        private void Run()
        {
            while (_i < _n)
            {
                char c = _s[_i];
                switch (c)
                {
                    case ' ':
                    case '\t':
                    case '\r':
                        _i++;
                        continue;
                    case '\\' when _i + 1 < _n && _s[_i + 1] == '\n':
                        _i += 2;
                        continue;
                    case '#':
                        // A comment (a shebang too) runs to the end of the line.
                        int eol = _s.IndexOf('\n', _i);
                        _i = eol < 0 ? _n : eol;
                        continue;
                    case '\n':
                        AddOperator("\n", 1);
                        ReadHereDocumentBodies();
                        continue;
                    case ';':
                        if (At(1, ';') && At(2, '&')) AddOperator(";;&", 3);
                        else if (At(1, ';')) AddOperator(";;", 2);
                        else if (At(1, '&')) AddOperator(";&", 2);
                        else AddOperator(";", 1);
                        continue;
                    case '&':
                        if (At(1, '&')) AddOperator("&&", 2);
                        else if (At(1, '>')) ReadRedirect(_i, At(2, '>') ? "&>>" : "&>");
                        else AddOperator("&", 1);
                        continue;
                    case '|':
                        if (At(1, '|')) AddOperator("||", 2);
                        else if (At(1, '&')) AddOperator("|&", 2);
                        else AddOperator("|", 1);
                        continue;
                    case '(':
                        if (At(1, '('))
                        {
                            // (( arithmetic )): no command in it worth reading.
                            int start = _i;
                            int close = FindClosingParen(_s, _i + 2);
                            _i = Math.Min(_n, close + 2);
                            _tokens.Add(new ShellToken { Kind = ShellTokenKind.Word, Value = _s.Substring(start, _i - start), Start = start, End = _i, Quoted = true });
                        }
                        else AddOperator("(", 1);
                        continue;
                    case ')':
                        AddOperator(")", 1);
                        continue;
                    case '<':
                    case '>':
                        if (At(1, '(')) ReadWord();
                        else ReadRedirect(_i, RedirectOperatorAt(_i));
                        continue;
                }
                if (c >= '0' && c <= '9')
                {
                    int j = _i;
                    while (j < _n && _s[j] >= '0' && _s[j] <= '9') j++;
                    if (j < _n && (_s[j] == '<' || _s[j] == '>') && !(j + 1 < _n && _s[j + 1] == '('))
                    {
                        ReadRedirect(_i, RedirectOperatorAt(j), j);
                        continue;
                    }
                }
                ReadWord();
            }
            // An unterminated here-document takes the rest of the text (already consumed): give it an empty body.
            foreach (var pending in _pendingHereDocs) pending.HereDocument ??= string.Empty;
        }

        private bool At(int offset, char c) => _i + offset < _n && _s[_i + offset] == c;

        private void AddOperator(string op, int length)
        {
            _tokens.Add(new ShellToken { Kind = ShellTokenKind.Operator, Value = op, Start = _i, End = _i + length });
            _i += length;
            _atCommandStart = true;
            _declaring = false;
        }

        private string RedirectOperatorAt(int j)
        {
            char c = _s[j];
            char d = j + 1 < _n ? _s[j + 1] : '\0';
            if (c == '<')
            {
                if (d == '<')
                {
                    char e = j + 2 < _n ? _s[j + 2] : '\0';
                    if (e == '<') return "<<<";
                    if (e == '-') return "<<-";
                    return "<<";
                }
                if (d == '&') return "<&";
                if (d == '>') return "<>";
                return "<";
            }
            if (d == '>') return ">>";
            if (d == '&') return ">&";
            if (d == '|') return ">|";
            return ">";
        }

        /// <summary>Reads a redirection at <paramref name="start"/> (operator at <paramref name="opAt"/>) and its target word.</summary>
        private void ReadRedirect(int start, string op, int opAt = -1)
        {
            if (opAt < 0) opAt = start;
            _i = opAt + op.Length;
            while (_i < _n && (_s[_i] == ' ' || _s[_i] == '\t')) _i++;
            var token = new ShellToken { Kind = ShellTokenKind.Redirect, Value = op == "<<-" ? "<<" : op, Start = start, StripTabs = op == "<<-" };
            _tokens.Add(token);
            if (_i < _n && !IsMeta(_s[_i]))
            {
                ReadWord();
                // The target is not a token of its own.
                token.Target = _tokens[_tokens.Count - 1];
                _tokens.RemoveAt(_tokens.Count - 1);
            }
            token.Target ??= new ShellToken { Kind = ShellTokenKind.Word, Start = _i, End = _i };
            token.End = token.Target.End;
            if (op == "<<" || op == "<<-") _pendingHereDocs.Add(token);
            else if (op == "<<<") token.HereDocument = token.Target.Value;
        }

        private static bool IsMeta(char c) =>
            c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<' || c == '>';

        /// <summary>After a newline: the bodies of the here-documents opened on the line just ended.</summary>
        private void ReadHereDocumentBodies()
        {
            if (_pendingHereDocs.Count == 0) return;
            foreach (var doc in _pendingHereDocs)
            {
                string delimiter = doc.Target?.Value ?? string.Empty;
                var body = new StringBuilder();
                doc.BodyStart = _i;
                doc.BodyEnd = _i;
                while (_i < _n)
                {
                    int eol = _s.IndexOf('\n', _i);
                    int lineEnd = eol < 0 ? _n : eol;
                    int lineStart = _i;
                    if (doc.StripTabs) while (lineStart < lineEnd && _s[lineStart] == '\t') lineStart++;
                    int trimmedEnd = lineEnd > lineStart && _s[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
                    _i = eol < 0 ? _n : eol + 1;
                    if (trimmedEnd - lineStart == delimiter.Length && string.CompareOrdinal(_s, lineStart, delimiter, 0, delimiter.Length) == 0) break;
                    body.Append(_s, lineStart, lineEnd - lineStart).Append('\n');
                    doc.BodyEnd = lineEnd;
                }
                doc.HereDocument = body.ToString();
            }
            _pendingHereDocs.Clear();
        }

        private void ReadWord()
        {
            int start = _i;
            _sb.Clear();
            _word = new ShellToken { Kind = ShellTokenKind.Word, Start = start };
            char first = _s[_i];
            _word.StartsQuoted = first == '\'' || first == '"' || first == '\\' || (first == '$' && _i + 1 < _n && (_s[_i + 1] == '\'' || _s[_i + 1] == '"'));
            if ((first == '<' || first == '>') && _i + 1 < _n && _s[_i + 1] == '(')
            {
                int close = FindClosingParen(_s, _i + 2);
                AddSubstitution(_word, _s.Substring(_i + 2, Math.Max(0, Math.Min(close, _n) - _i - 2)), CommandOrigin.ProcessSubstitution);
                _i = Math.Min(_n, close + 1);
                _sb.Append(_s, start, _i - start);
            }
            while (_i < _n)
            {
                char c = _s[_i];
                if (IsMeta(c))
                {
                    // NAME=( array ) stays one word.
                    if (c == '(' && _sb.Length > 1 && _sb[_sb.Length - 1] == '=' && IsAssignmentPrefix(_sb))
                    {
                        int close = FindClosingParen(_s, _i + 1);
                        int end = Math.Min(_n, close + 1);
                        _sb.Append(_s, _i, end - _i);
                        _i = end;
                        continue;
                    }
                    break;
                }
                switch (c)
                {
                    case '\\':
                        _word.Quoted = _word.Escaped = true;
                        if (_i + 1 < _n)
                        {
                            if (_s[_i + 1] != '\n') _sb.Append(_s[_i + 1]);
                            _i += 2;
                        }
                        else _i++;
                        continue;
                    case '\'':
                    {
                        _word.Quoted = true;
                        int close = _s.IndexOf('\'', _i + 1);
                        if (close < 0) close = _n;
                        _sb.Append(_s, _i + 1, close - _i - 1);
                        _i = Math.Min(_n, close + 1);
                        continue;
                    }
                    case '"':
                        _word.Quoted = true;
                        ReadDoubleQuoted(_word, _i + 1);
                        continue;
                    case '`':
                        ReadBackticks(_word);
                        continue;
                    case '$':
                        if (_i + 1 < _n)
                        {
                            char d = _s[_i + 1];
                            if (d == '\'')
                            {
                                _word.Quoted = _word.Escaped = true;
                                ReadAnsiC(_i + 2);
                                continue;
                            }
                            if (d == '"')
                            {
                                _word.Quoted = true;
                                ReadDoubleQuoted(_word, _i + 2);
                                continue;
                            }
                            if (d == '(' || d == '{')
                            {
                                ReadDollarGroup(_word, quoted: false);
                                continue;
                            }
                            if (TryExpandName(quoted: false)) continue;
                            // who$@ami: $@ or $* spliced inside a word expands to nothing (a one-liner has no positional parameters).
                            if (_variables != null && (d == '@' || d == '*') && _sb.Length > 0 && _i + 2 < _n && ShellVariables.IsNamePart(_s[_i + 2]))
                            {
                                _word.Expanded = true;
                                _i += 2;
                                continue;
                            }
                        }
                        _sb.Append('$');
                        _i++;
                        continue;
                }
                _sb.Append(c);
                _i++;
            }
            FinishWord();
        }

        /// <summary>Adds the word being read, and records it when it assigns a variable at a command's start.</summary>
        private void FinishWord()
        {
            var token = _word;
            token.Value = _sb.ToString();
            token.End = _i;
            _tokens.Add(token);
            if (_variables == null) return;
            if (!token.Quoted && token.Substitutions == null && IsBraceList(token.Value)) SplitBraceList(token);
            int eq = token.StartsQuoted ? -1 : token.Value.IndexOf('=');
            bool assignment = eq > 0 && ShellVariables.IsName(token.Value, 0, eq);
            if (assignment && (_atCommandStart || _declaring))
            {
                string name = token.Value.Substring(0, eq);
                if (token.Substitutions != null) _variables.Forget(name);
                else _variables.Assign(name, token.Value.Substring(eq + 1));
                return;
            }
            if (token.Quoted || !_atCommandStart)
            {
                _atCommandStart = false;
                return;
            }
            switch (token.Value)
            {
                case "export": case "local": case "declare": case "typeset": case "readonly":
                    _declaring = true;
                    _atCommandStart = false;
                    break;
                case "then": case "do": case "else": case "{": case "!": case "time":
                    break; // a command still starts after these
                default:
                    _atCommandStart = false;
                    break;
            }
        }

        /// <summary>{cat,/etc/passwd}: a brace list without blanks, which the shell expands into one word per item.</summary>
        private static bool IsBraceList(string v)
        {
            if (v.Length < 4 || v[0] != '{' || v[v.Length - 1] != '}' || v.IndexOf(',') < 0) return false;
            for (int i = 1; i < v.Length - 1; i++)
            {
                char c = v[i];
                if (c == '{' || c == '}' || c == '$' || char.IsWhiteSpace(c)) return false;
            }
            return true;
        }

        /// <summary>Replaces the brace-list word just added by its items (empty items vanish, as in the shell).</summary>
        private void SplitBraceList(ShellToken token)
        {
            _tokens.RemoveAt(_tokens.Count - 1);
            bool first = true;
            foreach (string item in token.Value.Substring(1, token.Value.Length - 2).Split(','))
            {
                if (item.Length == 0) continue;
                // The first item stands where the word was; the others follow it, touching, as split words do.
                _tokens.Add(new ShellToken
                {
                    Kind = ShellTokenKind.Word, Value = item, Expanded = true,
                    Start = first ? token.Start : token.End, End = token.End,
                });
                first = false;
            }
        }

        /// <summary>At '$' followed by a name: expands it when the text assigned it (or it is IFS). False leaves it as written.</summary>
        private bool TryExpandName(bool quoted)
        {
            if (_variables == null || _i + 1 >= _n || !ShellVariables.IsNameStart(_s[_i + 1])) return false;
            int end = _i + 2;
            while (end < _n && ShellVariables.IsNamePart(_s[end])) end++;
            if (!_variables.TryExpand(_s.Substring(_i + 1, end - _i - 1), out string value)) return false;
            _i = end;
            AppendExpansion(value, quoted);
            return true;
        }

        /// <summary>An expansion's value: quoted, as is; unquoted, split into words at blanks, as the shell splits it.</summary>
        private void AppendExpansion(string value, bool quoted)
        {
            _word.Expanded = true;
            if (quoted)
            {
                _sb.Append(value);
                return;
            }
            foreach (char c in value)
            {
                if (c != ' ' && c != '\t' && c != '\n')
                {
                    _sb.Append(c);
                    continue;
                }
                if (_sb.Length == 0) continue;
                FinishWord();
                _sb.Clear();
                _word = new ShellToken { Kind = ShellTokenKind.Word, Start = _i, Expanded = true };
            }
        }

        private static bool IsAssignmentPrefix(StringBuilder sb)
        {
            char c0 = sb[0];
            if (!(char.IsLetter(c0) || c0 == '_')) return false;
            for (int k = 1; k < sb.Length - 1; k++)
            {
                char c = sb[k];
                if (!(char.IsLetterOrDigit(c) || c == '_' || (c == '+' && k == sb.Length - 2))) return false;
            }
            return true;
        }

        /// <summary>Reads "..." from <paramref name="from"/> (after the quote); $(...) and backticks inside still run.</summary>
        private void ReadDoubleQuoted(ShellToken token, int from)
        {
            _i = from;
            while (_i < _n)
            {
                char c = _s[_i];
                if (c == '"')
                {
                    _i++;
                    return;
                }
                if (c == '\\' && _i + 1 < _n)
                {
                    char d = _s[_i + 1];
                    if (d == '$' || d == '`' || d == '"' || d == '\\') _sb.Append(d);
                    else if (d != '\n') _sb.Append('\\').Append(d);
                    _i += 2;
                    continue;
                }
                if (c == '`')
                {
                    ReadBackticks(token);
                    continue;
                }
                if (c == '$' && _i + 1 < _n && (_s[_i + 1] == '(' || _s[_i + 1] == '{'))
                {
                    ReadDollarGroup(token, quoted: true);
                    continue;
                }
                if (c == '$' && TryExpandName(quoted: true)) continue;
                _sb.Append(c);
                _i++;
            }
        }

        /// <summary>$(...) is code; $((...)) arithmetic and ${...} expansions are kept as written.</summary>
        private void ReadDollarGroup(ShellToken token, bool quoted)
        {
            int start = _i;
            if (_s[_i + 1] == '{')
            {
                int close = FindClosingBrace(_s, _i + 2);
                // ${NAME} of a variable the text assigned (or ${IFS}) reads as its value.
                if (_variables != null && close < _n && ShellVariables.IsName(_s, _i + 2, close)
                    && _variables.TryExpand(_s.Substring(_i + 2, close - _i - 2), out string value))
                {
                    _i = close + 1;
                    AppendExpansion(value, quoted);
                    return;
                }
                _i = Math.Min(_n, close + 1);
            }
            else if (_i + 2 < _n && _s[_i + 2] == '(')
            {
                int close = FindClosingParen(_s, _i + 3);
                _i = Math.Min(_n, close + 2);
            }
            else
            {
                int close = FindClosingParen(_s, _i + 2);
                AddSubstitution(token, _s.Substring(_i + 2, Math.Max(0, Math.Min(close, _n) - _i - 2)), CommandOrigin.CommandSubstitution);
                _i = Math.Min(_n, close + 1);
            }
            _sb.Append(_s, start, _i - start);
        }

        private void ReadBackticks(ShellToken token)
        {
            int start = _i;
            var code = new StringBuilder();
            int j = _i + 1;
            while (j < _n && _s[j] != '`')
            {
                if (_s[j] == '\\' && j + 1 < _n && (_s[j + 1] == '`' || _s[j + 1] == '\\' || _s[j + 1] == '$'))
                {
                    code.Append(_s[j + 1]);
                    j += 2;
                    continue;
                }
                code.Append(_s[j]);
                j++;
            }
            AddSubstitution(token, code.ToString(), CommandOrigin.CommandSubstitution);
            _i = Math.Min(_n, j + 1);
            _sb.Append(_s, start, _i - start);
        }

        private static void AddSubstitution(ShellToken token, string code, CommandOrigin origin)
        {
            if (code.Length == 0) return;
            (token.Substitutions ??= new List<ShellSubstitution>()).Add(new ShellSubstitution(code, origin));
        }

        /// <summary>$'...': backslash escapes decoded (attackers hide names as $'\x63\x75\x72\x6c').</summary>
        private void ReadAnsiC(int from)
        {
            _i = from;
            while (_i < _n)
            {
                char c = _s[_i];
                if (c == '\'')
                {
                    _i++;
                    return;
                }
                if (c != '\\' || _i + 1 >= _n)
                {
                    _sb.Append(c);
                    _i++;
                    continue;
                }
                char d = _s[_i + 1];
                _i += 2;
                switch (d)
                {
                    case 'n': _sb.Append('\n'); break;
                    case 't': _sb.Append('\t'); break;
                    case 'r': _sb.Append('\r'); break;
                    case 'a': _sb.Append('\a'); break;
                    case 'b': _sb.Append('\b'); break;
                    case 'f': _sb.Append('\f'); break;
                    case 'v': _sb.Append('\v'); break;
                    case 'e':
                    case 'E': _sb.Append('\u001b'); break;
                    case 'x': AppendCode(16, 2); break;
                    case 'u': AppendCode(16, 4); break;
                    case 'U': AppendCode(16, 8); break;
                    default:
                        if (d >= '0' && d <= '7')
                        {
                            _i--;
                            AppendCode(8, 3);
                        }
                        else _sb.Append(d);
                        break;
                }
            }
        }

        private void AppendCode(int radix, int maxDigits)
        {
            int value = 0, digits = 0;
            while (digits < maxDigits && _i < _n)
            {
                int v = DigitValue(_s[_i]);
                if (v < 0 || v >= radix) break;
                value = value * radix + v;
                _i++;
                digits++;
            }
            if (digits == 0) return;
            if (value <= 0xFFFF) _sb.Append((char)value);
            else if (value <= 0x10FFFF) _sb.Append(char.ConvertFromUtf32(value));
        }

        private static int DigitValue(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        /// <summary>Index of the ')' closing a group opened just before <paramref name="from"/>; text length when unclosed.</summary>
        internal static int FindClosingParen(string s, int from) => FindClosing(s, from, '(', ')');

        private static int FindClosingBrace(string s, int from) => FindClosing(s, from, '{', '}');

        private static int FindClosing(string s, int from, char open, char close)
        {
            int depth = 1;
            int n = s.Length;
            int i = from;
            while (i < n)
            {
                char c = s[i];
                if (c == '\\') { i += 2; continue; }
                if (c == '\'' && open == '(')
                {
                    int q = s.IndexOf('\'', i + 1);
                    i = q < 0 ? n : q + 1;
                    continue;
                }
                if (c == '"')
                {
                    i++;
                    while (i < n && s[i] != '"') i += s[i] == '\\' ? 2 : 1;
                    i++;
                    continue;
                }
                if (c == '`')
                {
                    int q = s.IndexOf('`', i + 1);
                    i = q < 0 ? n : q + 1;
                    continue;
                }
                if (c == open) depth++;
                else if (c == close && --depth == 0) return i;
                i++;
            }
            return n;
        }

    }
}

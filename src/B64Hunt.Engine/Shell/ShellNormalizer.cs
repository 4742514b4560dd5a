using System;
using System.Text;
using B64Hunt.Model;
using B64Hunt.Text;

namespace B64Hunt.Shell
{
    /// <summary>
    /// The de-obfuscation pass: a decoded command as the shell sees it after quote removal and the splices it
    /// resolves — backslashes inside words (c\u\r\l), empty-quote splicing (c""ur''l), $'\x63' ANSI-C escapes,
    /// $IFS / ${IFS} as blanks, variables assigned and used in the same text (a=cu;b=rl;$a$b), and eval of such
    /// strings, and brace lists ({cat,/etc/passwd}). Operators, spacing, comments and here-document bodies stay as written; a word whose value needs its
    /// quotes (spaces, shell syntax) keeps them, so the result still reads as the same command.
    /// Thread-safe; results for recent texts are cached.
    /// </summary>
    public static class ShellNormalizer
    {
        /// <summary>Longer texts are returned as they are: the pass is for command lines, not whole scripts.</summary>
        public const int MaxLength = 256 * 1024;

        private static readonly TextCache<string> Cache = new TextCache<string>();

        /// <summary>Sets the event's NormalizedCommand (once; never for binary payloads) and returns the text the stages should read.</summary>
        public static string Fill(CommandEvent commandEvent)
        {
            if (commandEvent.IsBinary) return commandEvent.DecodedCommand;
            if (string.IsNullOrEmpty(commandEvent.NormalizedCommand)) commandEvent.NormalizedCommand = Normalize(commandEvent.DecodedCommand);
            return commandEvent.NormalizedCommand;
        }

        /// <summary>The normalised text; the same string instance when nothing was obfuscated.</summary>
        public static string Normalize(string? text)
        {
            if (string.IsNullOrEmpty(text)) return text ?? string.Empty;
            if (text!.Length > MaxLength || !MayBeObfuscated(text)) return text;
            return Cache.Get(text, NormalizeUncached);
        }

        /// <summary>Only a quote, a backslash, a '$' or a brace list can change a word: other texts are returned without a lexer pass.</summary>
        private static bool MayBeObfuscated(string text) =>
            text.IndexOf('\\') >= 0 || text.IndexOf('\'') >= 0 || text.IndexOf('"') >= 0 || text.IndexOf('$') >= 0 || text.IndexOf('{') >= 0;

        internal static string NormalizeUncached(string text)
        {
            var tokens = ShellLexer.Tokenize(text, new ShellVariables());
            var sb = new StringBuilder(text.Length);
            bool changed = false;
            int copied = 0;
            bool atCommandStart = true;
            bool evalArguments = false;
            foreach (var token in tokens)
            {
                if (token.Kind == ShellTokenKind.Operator)
                {
                    atCommandStart = true;
                    evalArguments = false;
                    continue;
                }
                var word = token.Kind == ShellTokenKind.Redirect ? token.Target : token;
                if (word == null || word.End <= word.Start && !word.Expanded) continue;
                if (token.Kind == ShellTokenKind.Word)
                {
                    if (atCommandStart && !word.Quoted && word.Value == "eval") evalArguments = true;
                    if (word.Value.IndexOf('=') < 0 || word.StartsQuoted) atCommandStart = false;
                }
                if (!word.Quoted && !word.Expanded) continue;
                if (word.Start < copied) continue;
                // Words split from one written word (cat${IFS}/etc/passwd) touch: a blank between them.
                bool splitPart = word.Expanded && word.Start == copied && copied > 0 && !char.IsWhiteSpace(text[copied - 1]);
                string? replacement = Replacement(text, word, evalArguments);
                if (replacement == null && !splitPart) continue;
                sb.Append(text, copied, word.Start - copied);
                if (splitPart) sb.Append(' ');
                sb.Append(replacement ?? text.Substring(word.Start, word.End - word.Start));
                copied = Math.Max(copied, word.End);
                changed = true;
            }
            if (!changed) return text;
            sb.Append(text, copied, text.Length - copied);
            string result = sb.ToString();
            return string.Equals(result, text, StringComparison.Ordinal) ? text : result;
        }

        /// <summary>What the word becomes, or null to keep it as written.</summary>
        private static string? Replacement(string text, ShellToken word, bool evalArguments)
        {
            string value = word.Value;
            string written = text.Substring(word.Start, Math.Max(0, word.End - word.Start));
            if (word.Substitutions != null && !word.Expanded) return null; // $(...) stays as written
            if (IsSafe(value) || (evalArguments && value.IndexOf('\'') < 0 && value.IndexOf('"') < 0 && value.IndexOf('\\') < 0))
            {
                // eval reads its arguments as code: the resolved string is what runs.
                return value == written ? null : value;
            }
            // A real quote (a word with spaces or shell syntax) stays, unless escapes or expansions changed it;
            // so does a word holding control characters (IFS=$'\n'), which would only be harder to read decoded.
            if (!word.Escaped && !word.Expanded) return null;
            foreach (char c in value) if (c < ' ' || c == '\u007f') return null;
            return "'" + value.Replace("'", "'\\''") + "'";
        }

        /// <summary>True when the value needs no quoting: no blanks, quotes, escapes or shell syntax.</summary>
        private static bool IsSafe(string value)
        {
            if (value.Length == 0) return false;
            foreach (char c in value)
            {
                if (c <= ' ' || c == '\u007f') return false;
                switch (c)
                {
                    case '\'': case '"': case '\\': case '$': case '`': case '|': case '&': case ';': case '<': case '>':
                    case '(': case ')': case '{': case '}': case '*': case '?': case '[': case ']': case '#': case '~': case '!':
                        return false;
                }
            }
            return true;
        }
    }
}

using System.Collections.Generic;

namespace B64Hunt.Shell
{
    internal enum ShellTokenKind
    {
        Word,
        Operator,
        Redirect,
    }

    /// <summary>Code the shell runs while expanding a word: $(...), backticks, &lt;(...), &gt;(...).</summary>
    internal readonly struct ShellSubstitution
    {
        public ShellSubstitution(string code, CommandOrigin origin)
        {
            Code = code;
            Origin = origin;
        }

        public string Code { get; }
        public CommandOrigin Origin { get; }
    }

    /// <summary>A word, a control operator or a redirection (with its target word) of a shell text.</summary>
    internal sealed class ShellToken
    {
        public ShellTokenKind Kind;

        /// <summary>Word: the unquoted text. Operator: ";", "&amp;&amp;", "|", "\n", "(" ... Redirect: the operator.</summary>
        public string Value = string.Empty;

        public int Start;
        public int End;

        /// <summary>True when any part of the word was quoted or escaped.</summary>
        public bool Quoted;

        /// <summary>True when the word starts with a quote or escape (so NAME=value in it is not an assignment).</summary>
        public bool StartsQuoted;

        /// <summary>True when a backslash escape or $'...' escape was decoded in the word.</summary>
        public bool Escaped;

        /// <summary>True when a variable the text assigned (or $IFS) was expanded in the word.</summary>
        public bool Expanded;

        public List<ShellSubstitution>? Substitutions;

        /// <summary>Redirect: the target word (for here-documents, the delimiter).</summary>
        public ShellToken? Target;

        /// <summary>Redirect: the here-document body or here-string word.</summary>
        public string? HereDocument;

        /// <summary>Here-document: where its body lines start and end in the text ([BodyStart, BodyEnd), -1 when none).</summary>
        public int BodyStart = -1;
        public int BodyEnd = -1;

        /// <summary>Here-document: strip leading tabs (&lt;&lt;-).</summary>
        public bool StripTabs;

        public bool IsOperator(string op) => Kind == ShellTokenKind.Operator && Value == op;

        /// <summary>An unquoted word equal to <paramref name="word"/> (a reserved word only counts unquoted).</summary>
        public bool IsBareWord(string word) => Kind == ShellTokenKind.Word && !Quoted && Value == word;

        public override string ToString() => Kind + ":" + Value;
    }
}

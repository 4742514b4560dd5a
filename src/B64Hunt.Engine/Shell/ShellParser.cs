using System.Collections.Generic;

namespace B64Hunt.Shell
{
    /// <summary>
    /// Walks the tokens of one shell text: lists (; &amp;&amp; || &amp; newline), pipelines, ( ) and { } groups,
    /// case arms; reserved words (if, then, do, done, ...) are skipped as structure. Each simple command goes to
    /// the session to be resolved; pipes are linked across groups, so in
    /// <c>crontab -l | { cat; echo "..."; } | crontab -</c> the echo pipes into the last crontab.
    /// </summary>
    internal sealed class ShellParser
    {
        private readonly ShellReadSession _session;
        private readonly string _source;
        private readonly List<ShellToken> _tokens;
        private readonly CommandOrigin _origin;
        private readonly int _depth;
        private readonly SimpleCommand? _parent;
        /// <summary>Where the source stands in the reader's text (-1: it is not a verbatim part of it).</summary>
        private readonly int _at;
        private int _p;
        private int _groupDepth;

        /// <summary>Deeper ( ) / { } nesting is read flat: attacker text must not exhaust the stack.</summary>
        private const int MaxGroupDepth = 64;

        private enum Stop { None, Paren, Brace, Case }

        public ShellParser(ShellReadSession session, string source, CommandOrigin origin, int depth, SimpleCommand? parent, int at = -1)
        {
            _at = at;
            _session = session;
            _source = source;
            _tokens = ShellLexer.Tokenize(source, session.Variables);
            _origin = origin;
            _depth = depth;
            _parent = parent;
        }

        public void Parse()
        {
            var receivers = new List<SimpleCommand>();
            var outputs = new List<SimpleCommand>();
            while (_p < _tokens.Count)
            {
                ParseList(Stop.None, receivers, outputs);
                if (_p < _tokens.Count) _p++; // a stray ')' or '}'
            }
        }

        private ShellToken? Current => _p < _tokens.Count ? _tokens[_p] : null;

        private static bool IsSeparator(ShellToken t) =>
            t.Kind == ShellTokenKind.Operator && (t.Value == ";" || t.Value == "\n" || t.Value == "&" || t.Value == "&&" || t.Value == "||");

        private static bool IsCaseEnd(ShellToken t) =>
            t.Kind == ShellTokenKind.Operator && (t.Value == ";;" || t.Value == ";&" || t.Value == ";;&");

        private void ParseList(Stop stop, List<SimpleCommand> receivers, List<SimpleCommand> outputs)
        {
            while (_p < _tokens.Count)
            {
                var t = _tokens[_p];
                if (IsSeparator(t)) { _p++; continue; }
                if (t.IsOperator(")") && stop == Stop.Paren) return;
                if (t.IsBareWord("}") && stop == Stop.Brace) return;
                if (stop == Stop.Case && (IsCaseEnd(t) || t.IsBareWord("esac"))) return;
                if (IsCaseEnd(t) || t.IsOperator(")")) { _p++; continue; }
                int before = _p;
                ParsePipeline(receivers, outputs);
                if (_p == before) _p++;
            }
        }

        private void ParsePipeline(List<SimpleCommand> receivers, List<SimpleCommand> outputs)
        {
            List<SimpleCommand>? previous = null;
            while (true)
            {
                var stageReceivers = new List<SimpleCommand>();
                var stageOutputs = new List<SimpleCommand>();
                ParseElement(stageReceivers, stageOutputs);
                if (previous == null) receivers.AddRange(stageReceivers);
                else Link(previous, stageReceivers);
                previous = stageOutputs;
                var t = Current;
                if (t != null && (t.IsOperator("|") || t.IsOperator("|&")))
                {
                    _p++;
                    while (Current is { } nl && nl.IsOperator("\n")) _p++;
                    continue;
                }
                break;
            }
            outputs.AddRange(previous);
        }

        private static void Link(List<SimpleCommand> writers, List<SimpleCommand> readers)
        {
            if (writers.Count == 0 || readers.Count == 0) return;
            foreach (var w in writers) w.PipesTo ??= readers[0];
            foreach (var r in readers)
            {
                var from = new List<SimpleCommand>(r.PipedFrom);
                from.AddRange(writers);
                r.PipedFrom = from;
            }
        }

        private void ParseElement(List<SimpleCommand> receivers, List<SimpleCommand> outputs)
        {
            SkipStructureWords();
            var t = Current;
            if (t == null) return;
            bool paren = t.IsOperator("(");
            if (paren || t.IsBareWord("{"))
            {
                _p++;
                if (_groupDepth >= MaxGroupDepth) return;
                _groupDepth++;
                ParseList(paren ? Stop.Paren : Stop.Brace, receivers, outputs);
                _groupDepth--;
                if (Current is { } close && (paren ? close.IsOperator(")") : close.IsBareWord("}"))) _p++;
                SkipGroupRedirections();
                return;
            }
            if (t.IsBareWord("case"))
            {
                ParseCase(receivers, outputs);
                return;
            }
            ParseSimple(receivers, outputs);
        }

        /// <summary>Reserved words that only shape control flow: skipped, the command after them is read.</summary>
        private void SkipStructureWords()
        {
            while (_p < _tokens.Count)
            {
                var t = _tokens[_p];
                if (t.Kind != ShellTokenKind.Word || t.Quoted)
                {
                    return;
                }
                switch (t.Value)
                {
                    case "if": case "then": case "else": case "elif": case "do": case "while": case "until":
                    case "!": case "fi": case "done": case "esac": case "coproc":
                        _p++;
                        continue;
                    case "time":
                        _p++;
                        if (Current is { } opt && opt.Kind == ShellTokenKind.Word && opt.Value == "-p") _p++;
                        continue;
                    case "for":
                    case "select":
                        // for NAME in WORDS: data up to the separator; substitutions in the words still run.
                        _p++;
                        while (Current is { } w && w.Kind != ShellTokenKind.Operator)
                        {
                            _session.ReadSubstitutions(w, _depth, _parent, _at);
                            _p++;
                        }
                        continue;
                    case "function":
                        _p++;
                        if (Current is { } name && name.Kind == ShellTokenKind.Word) _p++;
                        SkipEmptyParens();
                        continue;
                    case "[[":
                        while (Current is { } w && !w.IsBareWord("]]") && !w.IsOperator("\n")) _p++;
                        if (Current is { } end && end.IsBareWord("]]")) _p++;
                        return;
                }
                if (t.Value.StartsWith("((", System.StringComparison.Ordinal))
                {
                    _p++;
                    continue;
                }
                // NAME () — a function definition; its body follows.
                if (_p + 2 < _tokens.Count && _tokens[_p + 1].IsOperator("(") && _tokens[_p + 2].IsOperator(")"))
                {
                    _p += 3;
                    continue;
                }
                return;
            }
        }

        private void SkipEmptyParens()
        {
            if (_p + 1 < _tokens.Count && _tokens[_p].IsOperator("(") && _tokens[_p + 1].IsOperator(")")) _p += 2;
        }

        private void SkipGroupRedirections()
        {
            while (Current is { } r && r.Kind == ShellTokenKind.Redirect) _p++;
        }

        private void ParseCase(List<SimpleCommand> receivers, List<SimpleCommand> outputs)
        {
            _p++; // case
            while (Current is { } w && !w.IsBareWord("in"))
            {
                _session.ReadSubstitutions(w, _depth, _parent, _at);
                _p++;
            }
            if (Current != null) _p++; // in
            while (_p < _tokens.Count)
            {
                var t = _tokens[_p];
                if (IsSeparator(t) || IsCaseEnd(t)) { _p++; continue; }
                if (t.IsBareWord("esac")) { _p++; return; }
                if (t.IsOperator("(")) _p++;
                while (Current is { } pattern && !pattern.IsOperator(")")) _p++; // the pattern is data
                if (Current != null) _p++; // )
                ParseList(Stop.Case, receivers, outputs);
            }
        }

        private void ParseSimple(List<SimpleCommand> receivers, List<SimpleCommand> outputs)
        {
            int first = _p;
            var words = new List<ShellToken>();
            var redirections = new List<ShellToken>();
            while (_p < _tokens.Count)
            {
                var t = _tokens[_p];
                if (t.Kind == ShellTokenKind.Operator) break;
                if (t.Kind == ShellTokenKind.Redirect) redirections.Add(t);
                else words.Add(t);
                _p++;
            }
            if (_p == first) return;
            int start = _tokens[first].Start;
            int end = _tokens[_p - 1].End;
            string text = _source.Substring(start, end - start);
            var command = _session.Resolve(words, redirections, text, _origin, _depth, _parent, _at);
            if (command == null) return;
            receivers.Add(command);
            outputs.Add(command);
        }
    }
}

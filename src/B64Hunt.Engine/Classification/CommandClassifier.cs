using System;
using System.Collections.Generic;
using B64Hunt.Model;
using B64Hunt.Shell;
using B64Hunt.Text;

namespace B64Hunt.Classification
{
    /// <summary>
    /// Applies a <see cref="CategoryRuleSet"/> to decoded commands read by <see cref="ShellCommandReader"/>. Rules
    /// naming command words are looked up by the command's name, so a command costs only the rules that can apply.
    /// Results are cached per decoded text. Thread-safe.
    /// </summary>
    public sealed class CommandClassifier
    {
        private readonly IReadOnlyList<CompiledRule> _rules;
        private readonly Dictionary<string, List<int>> _byCommand = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        private readonly List<int> _everyCommand = new List<int>();
        private readonly List<int> _textScope = new List<int>();
        private readonly List<int> _sequences = new List<int>();
        private readonly TextCache<CategoryMatch> _cache = new TextCache<CategoryMatch>();
        private static readonly CategoryMatch NoMatch = new CategoryMatch(new string[0], new string[0], new string[0]);

        public CommandClassifier(CategoryRuleSet rules)
        {
            if (rules == null) throw new ArgumentNullException(nameof(rules));
            RuleSet = rules;
            _rules = rules.Compiled;
            for (int i = 0; i < _rules.Count; i++)
            {
                var rule = _rules[i];
                if (rule.Sequence != null) _sequences.Add(i);
                else if (rule.IsTextScope) _textScope.Add(i);
                else if (rule.Condition!.Commands != null)
                {
                    foreach (string name in rule.Condition.Commands)
                    {
                        if (!_byCommand.TryGetValue(name, out var list)) _byCommand[name] = list = new List<int>();
                        list.Add(i);
                    }
                }
                else _everyCommand.Add(i);
            }
        }

        public CategoryRuleSet RuleSet { get; }

        /// <summary>Pattern matches that timed out even on a bounded window of the text, in this process so far (a cmdlet warns about its share).</summary>
        public static long PatternTimeouts => RulePattern.Timeouts;

        /// <summary>Categories and techniques of a decoded command.</summary>
        public CategoryMatch Classify(string? decodedCommand)
        {
            if (string.IsNullOrEmpty(decodedCommand)) return NoMatch;
            return _cache.Get(decodedCommand!, ClassifyUncached);
        }

        /// <summary>Appends the categories and techniques of the event's decoded command, without duplicates.</summary>
        public void Enrich(CommandEvent commandEvent)
        {
            if (commandEvent == null) throw new ArgumentNullException(nameof(commandEvent));
            if (commandEvent.IsBinary) return;
            ShellNormalizer.Fill(commandEvent);
            var match = Classify(commandEvent.DecodedCommand);
            // A fresh event (the usual case) reads the command's own arrays until something changes its list: the lists
            // come out as the loops below would make them (the arrays are distinct), without a copy per event.
            if (commandEvent.Categories.Count == 0)
            {
                if (match.CategoryArray.Length > 0) commandEvent.Categories = JoinedList<string>.OverShared(match.CategoryArray);
            }
            else
            {
                // A category saved under an old spelling ("Defence evasion") takes the current one, so it is not listed twice.
                for (int i = 0; i < commandEvent.Categories.Count; i++)
                {
                    string current = CategoryNames.Canonical(commandEvent.Categories[i]);
                    if (!ReferenceEquals(current, commandEvent.Categories[i])) commandEvent.Categories[i] = current;
                }
                foreach (string c in match.Categories) if (!commandEvent.Categories.Contains(c)) commandEvent.Categories.Add(c);
            }
            if (commandEvent.Techniques.Count == 0)
            {
                if (match.TechniqueArray.Length > 0) commandEvent.Techniques = JoinedList<string>.OverShared(match.TechniqueArray);
            }
            else
            {
                foreach (string t in match.Techniques) if (!commandEvent.Techniques.Contains(t)) commandEvent.Techniques.Add(t);
            }
            AddBehaviours(commandEvent, match);
        }

        // The matched rules with their risk, for the default ranking; a rule already on the event is not added twice.
        private void AddBehaviours(CommandEvent commandEvent, CategoryMatch match)
        {
            if (match.RuleIds.Count == 0) return;
            if (commandEvent.Behaviours.Count == 0)
            {
                // Two threads may both make the array: the same hits either way.
                var hits = match.Hits ??= NewHits(match.RuleIds);
                if (hits.Length > 0) commandEvent.Behaviours = JoinedList<BehaviourHit>.OverShared(hits);
                return;
            }
            HitsOf(match.RuleIds, commandEvent.Behaviours);
        }

        private BehaviourHit[] NewHits(IReadOnlyList<string> ruleIds)
        {
            var hits = new List<BehaviourHit>(ruleIds.Count);
            HitsOf(ruleIds, hits);
            return hits.ToArray();
        }

        private void HitsOf(IReadOnlyList<string> ruleIds, IList<BehaviourHit> into)
        {
            var risk = RuleSet.Risk;
            foreach (string id in ruleIds)
            {
                bool present = false;
                foreach (var have in into) if (have.RuleId == id) { present = true; break; }
                if (present) continue;
                var hit = HitFor(id, risk);
                if (hit != null) into.Add(hit);
            }
        }

        // One BehaviourHit per rule, shared by every event it matched: a million events must not cost a million copies.
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, BehaviourHit?> _hits =
            new System.Collections.Concurrent.ConcurrentDictionary<string, BehaviourHit?>(StringComparer.Ordinal);

        private BehaviourHit? HitFor(string id, RiskTable risk) => _hits.GetOrAdd(id, key =>
        {
            var rule = RuleById(key);
            if (rule == null) return null;
            return new BehaviourHit
            {
                RuleId = key,
                Category = rule.Category,
                Techniques = new List<string>(rule.Techniques),
                Tactics = new List<string>(risk.TacticsOf(rule.Category)),
                Risk = risk.RiskOf(key, rule.Category),
            };
        });

        private CompiledRule? RuleById(string id)
        {
            if (_ruleById == null)
            {
                var index = new Dictionary<string, CompiledRule>(StringComparer.Ordinal);
                foreach (var rule in _rules) index[rule.Id] = rule;
                _ruleById = index;
            }
            return _ruleById.TryGetValue(id, out var found) ? found : null;
        }

        private volatile Dictionary<string, CompiledRule>? _ruleById;

        private CategoryMatch ClassifyUncached(string text)
        {
            var matched = new bool[_rules.Count];
            bool any = false;
            var commands = ShellCommandReader.Read(text);
            Func<SimpleCommand, string> lower = c => c.LowerText;
            foreach (var command in commands)
            {
                if (command.CommandName.Length > 0)
                {
                    any |= Try(_byCommand, command.CommandName, command, matched, lower);
                    string unversioned = ShellNames.StripVersion(command.CommandName);
                    if (unversioned != command.CommandName) any |= Try(_byCommand, unversioned, command, matched, lower);
                }
                foreach (int i in _everyCommand)
                {
                    if (!matched[i] && _rules[i].Condition!.Matches(command, lower)) matched[i] = any = true;
                }
            }
            foreach (int i in _textScope)
            {
                // The whole text is searched case-insensitively in place: no lower-case copy of a long payload.
                if (_rules[i].Condition!.MatchesText(text, text, StringComparison.OrdinalIgnoreCase)) matched[i] = any = true;
            }
            foreach (int i in _sequences)
            {
                if (MatchesSequence(_rules[i].Sequence!, commands, lower)) matched[i] = any = true;
            }
            if (!any) return NoMatch;
            var categories = new List<string>();
            var techniques = new List<string>();
            var ids = new List<string>();
            for (int i = 0; i < matched.Length; i++)
            {
                if (!matched[i]) continue;
                var rule = _rules[i];
                ids.Add(rule.Id);
                if (!categories.Contains(rule.Category)) categories.Add(rule.Category);
                foreach (string t in rule.Techniques) if (!techniques.Contains(t)) techniques.Add(t);
            }
            return new CategoryMatch(categories.ToArray(), techniques.ToArray(), ids.ToArray());
        }

        private bool Try(Dictionary<string, List<int>> index, string name, SimpleCommand command, bool[] matched, Func<SimpleCommand, string> lower)
        {
            if (!index.TryGetValue(name, out var candidates)) return false;
            bool any = false;
            foreach (int i in candidates)
            {
                if (!matched[i] && _rules[i].Condition!.Matches(command, lower)) matched[i] = any = true;
            }
            return any;
        }

        /// <summary>Each step matched by a later command than the step before it.</summary>
        private static bool MatchesSequence(IReadOnlyList<RuleCondition> steps, IReadOnlyList<SimpleCommand> commands, Func<SimpleCommand, string> lower)
        {
            int step = 0;
            foreach (var command in commands)
            {
                if (steps[step].Matches(command, lower) && ++step == steps.Count) return true;
            }
            return false;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace B64Hunt.Classification
{
    /// <summary>
    /// The rules YAML's <c>risk</c> section: points per category (and per rule id, which wins), and the ATT&amp;CK tactics a
    /// category stands for. It is what the default ranking counts as "what the command does"; a user's rule file
    /// overrides it key by key. A rule with no entry for its id or category has risk 1.
    /// </summary>
    public sealed class RiskTable
    {
        /// <summary>Risk of a rule neither its id nor its category is given one for.</summary>
        public const double DefaultRisk = 1;

        private readonly Dictionary<string, double> _categories;
        private readonly Dictionary<string, IReadOnlyList<string>> _tactics;
        private readonly Dictionary<string, double> _rules;

        private RiskTable(Dictionary<string, double> categories, Dictionary<string, IReadOnlyList<string>> tactics, Dictionary<string, double> rules)
        {
            _categories = categories;
            _tactics = tactics;
            _rules = rules;
        }

        public static readonly RiskTable Empty = new RiskTable(
            new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase),
            new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase),
            new Dictionary<string, double>(StringComparer.Ordinal));

        /// <summary>The rule's points: its id's entry, else its category's, else <see cref="DefaultRisk"/>.</summary>
        public double RiskOf(string ruleId, string category) =>
            _rules.TryGetValue(ruleId, out double r) ? r : CategoryRisk(category) ?? DefaultRisk;

        /// <summary>The category's points, when the table gives it some.</summary>
        public double? CategoryRisk(string category) => _categories.TryGetValue(CategoryNames.Canonical(category), out double c) ? c : (double?)null;

        /// <summary>The category's ATT&amp;CK tactics (empty when none are given).</summary>
        public IReadOnlyList<string> TacticsOf(string category) =>
            _tactics.TryGetValue(CategoryNames.Canonical(category), out var t) ? t : Array.Empty<string>();

        /// <summary>This table with <paramref name="other"/>'s entries laid over it.</summary>
        public RiskTable With(RiskTable other)
        {
            var categories = new Dictionary<string, double>(_categories, StringComparer.OrdinalIgnoreCase);
            var tactics = new Dictionary<string, IReadOnlyList<string>>(_tactics, StringComparer.OrdinalIgnoreCase);
            var rules = new Dictionary<string, double>(_rules, StringComparer.Ordinal);
            foreach (var p in other._categories) categories[p.Key] = p.Value;
            foreach (var p in other._tactics) tactics[p.Key] = p.Value;
            foreach (var p in other._rules) rules[p.Key] = p.Value;
            return new RiskTable(categories, tactics, rules);
        }

        /// <summary>
        /// Reads <c>risk: { categories: { NAME: { points: 4, tactics: [Execution] } }, rules: { ID: 0.5 } }</c>.
        /// Throws <see cref="CategoryRuleFileException"/> at the faulty node.
        /// </summary>
        internal static RiskTable Read(string file, YamlNode node)
        {
            var table = new RiskTable(
                new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase),
                new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase),
                new Dictionary<string, double>(StringComparer.Ordinal));
            if (node is not YamlMappingNode map) throw Fault(file, node, "'risk' is a mapping with 'categories' and 'rules'.");
            foreach (var pair in map.Children)
            {
                string key = (pair.Key as YamlScalarNode)?.Value ?? throw Fault(file, pair.Key, "Keys are plain words.");
                if (pair.Value is not YamlMappingNode entries) throw Fault(file, pair.Value, $"'risk.{key}' is a mapping.");
                switch (key)
                {
                    case "categories":
                        foreach (var c in entries.Children)
                        {
                            string name = CategoryNames.Canonical(Name(file, c.Key));
                            if (c.Value is YamlScalarNode) { table._categories[name] = Points(file, c.Value); continue; }
                            if (c.Value is not YamlMappingNode fields) throw Fault(file, c.Value, $"Category '{name}' takes points or {{ points, tactics }}.");
                            foreach (var f in fields.Children)
                            {
                                string field = Name(file, f.Key);
                                if (field == "points") table._categories[name] = Points(file, f.Value);
                                else if (field == "tactics") table._tactics[name] = Words(file, f.Value);
                                else throw Fault(file, f.Key, $"Unknown key '{field}' (expected 'points' or 'tactics').");
                            }
                        }
                        break;
                    case "rules":
                        foreach (var r in entries.Children) table._rules[Name(file, r.Key)] = Points(file, r.Value);
                        break;
                    default:
                        throw Fault(file, pair.Key, $"Unknown key 'risk.{key}' (expected 'categories' or 'rules').");
                }
            }
            return table;
        }

        private static string Name(string file, YamlNode node) =>
            (node as YamlScalarNode)?.Value is string s && s.Length > 0 ? s : throw Fault(file, node, "A name is a non-empty word.");

        private static double Points(string file, YamlNode node)
        {
            string? text = (node as YamlScalarNode)?.Value;
            if (text != null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= 0 && v <= 100)
            {
                return v;
            }
            throw Fault(file, node, $"Risk points are a number from 0 to 100, not '{text}'.");
        }

        private static IReadOnlyList<string> Words(string file, YamlNode node)
        {
            if (node is not YamlSequenceNode seq) throw Fault(file, node, "'tactics' is a list of ATT&CK tactic names.");
            var list = new List<string>();
            foreach (var item in seq.Children) list.Add(Name(file, item));
            return list;
        }

        private static CategoryRuleFileException Fault(string file, YamlNode node, string reason) =>
            new CategoryRuleFileException(file, (int)node.Start.Line, (int)node.Start.Column, reason);
    }
}

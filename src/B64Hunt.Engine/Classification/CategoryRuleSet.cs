using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using B64Hunt.Shell;
using B64Hunt.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using B64Hunt.Model;

namespace B64Hunt.Classification
{
    /// <summary>
    /// The category rules in force: the module's data/rules/categories.yaml, merged with users' rule files
    /// (a new id adds a rule, a known id replaces it, <c>enabled: false</c> removes it). The YAML schema is
    /// documented in the header of categories.yaml. Immutable; the bundled set is read once per process.
    /// </summary>
    public sealed class CategoryRuleSet
    {
        /// <summary>The bundled rule file, relative to the module's data folder.</summary>
        public const string BundledRelativePath = "rules/categories.yaml";

        /// <summary>Longest a backtracking rule pattern may run on one text before it is retried on bounded windows of it (see RulePattern).</summary>
        public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

        private static readonly ConcurrentDictionary<string, CategoryRuleSet> BundledCache = new ConcurrentDictionary<string, CategoryRuleSet>(StringComparer.Ordinal);
        private static readonly Regex TechniqueId = new Regex(@"^T\d{4}(\.\d{3})?$", RegexOptions.CultureInvariant);

        private static readonly HashSet<string> ConditionKeys = new HashSet<string>(StringComparer.Ordinal)
        {
            "commands", "wrappers", "args", "allArgs", "notArgs", "tokens", "writesTo", "text", "textAll", "pattern",
            "pipedFrom", "within", "origins", "localExecutable",
        };

        private CategoryRuleSet(IReadOnlyList<CompiledRule> rules, RiskTable risk)
        {
            Compiled = rules;
            var shown = new CategoryRule[rules.Count];
            for (int i = 0; i < shown.Length; i++) shown[i] = rules[i].Rule;
            Rules = shown;
            Risk = risk;
        }

        /// <summary>The files' risk sections merged (later files win per key): points and tactics per category and rule.</summary>
        public RiskTable Risk { get; }

        /// <summary>The rules in force, in file order (users' new rules after the bundled ones).</summary>
        public IReadOnlyList<CategoryRule> Rules { get; }

        /// <summary><see cref="Rules"/> with their compiled conditions, in the same order.</summary>
        internal IReadOnlyList<CompiledRule> Compiled { get; }

        /// <summary>The bundled rules, parsed once per process.</summary>
        public static CategoryRuleSet LoadBundled(string moduleDataDirectory)
        {
            string path = Path.GetFullPath(Path.Combine(moduleDataDirectory, BundledRelativePath));
            return BundledCache.GetOrAdd(path, Load);
        }

        /// <summary>Reads one rule file. Throws <see cref="CategoryRuleFileException"/> naming the file, line and column of a fault.</summary>
        public static CategoryRuleSet Load(string path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path, Encoding.UTF8);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new CategoryRuleFileException(path, 0, 0, "The file cannot be read: " + ex.Message, ex);
            }
            return Parse(text, path);
        }

        /// <summary>Parses rule YAML; <paramref name="sourceName"/> names it in rules and errors.</summary>
        public static CategoryRuleSet Parse(string yaml, string sourceName)
        {
            var merged = new List<CompiledRule>();
            var entries = ReadFile(yaml, sourceName, out var risk);
            foreach (var entry in entries)
            {
                if (entry.Rule == null) throw Fault(sourceName, entry.Node, $"Rule '{entry.Id}' is disabled in the file that defines it; remove it instead.");
                merged.Add(entry.Rule);
            }
            return new CategoryRuleSet(merged, risk);
        }

        /// <summary>This set merged with a user's rule file: add (new id), override (same id), disable (enabled: false).</summary>
        public CategoryRuleSet Merge(string path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path, Encoding.UTF8);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new CategoryRuleFileException(path, 0, 0, "The file cannot be read: " + ex.Message, ex);
            }
            return MergeText(text, path);
        }

        internal CategoryRuleSet MergeText(string yaml, string sourceName)
        {
            var merged = new List<CompiledRule>(Compiled);
            var entries = ReadFile(yaml, sourceName, out var risk);
            foreach (var entry in entries)
            {
                int at = merged.FindIndex(r => r.Id == entry.Id);
                if (entry.Rule == null)
                {
                    if (at < 0) throw Fault(sourceName, entry.Node, $"No loaded rule has id '{entry.Id}' to disable.");
                    merged.RemoveAt(at);
                }
                else if (at >= 0) merged[at] = entry.Rule;
                else merged.Add(entry.Rule);
            }
            return new CategoryRuleSet(merged, Risk.With(risk));
        }

        private readonly struct FileEntry
        {
            public FileEntry(string id, CompiledRule? rule, YamlNode node)
            {
                Id = id;
                Rule = rule;
                Node = node;
            }

            public string Id { get; }
            /// <summary>Null for "enabled: false".</summary>
            public CompiledRule? Rule { get; }
            public YamlNode Node { get; }
        }

        private static List<FileEntry> ReadFile(string yaml, string file, out RiskTable risk)
        {
            risk = RiskTable.Empty;
            var stream = new YamlStream();
            var parser = new Parser(new StringReader(yaml));
            try
            {
                stream.Load(new BoundedYamlParser(parser));
            }
            catch (YamlException ex)
            {
                throw new CategoryRuleFileException(file, (int)ex.Start.Line, (int)ex.Start.Column, "Invalid YAML: " + Inner(ex).Message, ex);
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException)
            {
                // Some malformed input ends YamlDotNet without a YamlException: an unterminated flow collection (": [\nr")
                // with InvalidOperationException, an empty key mapping (":\n :") with ArgumentException. The last event read says where.
                var mark = parser.Current?.End;
                throw new CategoryRuleFileException(file, (int)Math.Max(1, mark?.Line ?? 1), (int)Math.Max(1, mark?.Column ?? 1),
                    "Invalid YAML: an unterminated or malformed value.", ex);
            }
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                throw new CategoryRuleFileException(file, 1, 1, "A rule file is a mapping with a 'rules' list.");
            }
            YamlSequenceNode? rules = null;
            foreach (var pair in root.Children)
            {
                string key = KeyOf(file, pair.Key);
                if (key == "rules")
                {
                    rules = pair.Value as YamlSequenceNode ?? throw Fault(file, pair.Value, "'rules' must be a list.");
                }
                else if (key == "risk")
                {
                    risk = RiskTable.Read(file, pair.Value);
                }
                else if (key == "version")
                {
                    if (ScalarOf(file, pair.Value, "version") != "1") throw Fault(file, pair.Value, "Only version 1 is known.");
                }
                else throw Fault(file, pair.Key, $"Unknown top-level key '{key}' (expected 'version', 'rules' or 'risk').");
            }
            if (rules == null) throw new CategoryRuleFileException(file, 1, 1, "The file has no 'rules' list.");
            var entries = new List<FileEntry>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in rules.Children)
            {
                var entry = ReadRule(file, node);
                if (!ids.Add(entry.Id)) throw Fault(file, node, $"Duplicate rule id '{entry.Id}'.");
                entries.Add(entry);
            }
            return entries;
        }

        private static Exception Inner(Exception ex) => ex.InnerException is YamlException inner ? Inner(inner) : ex;

        private static FileEntry ReadRule(string file, YamlNode node)
        {
            if (node is not YamlMappingNode map) throw Fault(file, node, "A rule is a mapping (id, category, techniques, conditions).");
            string? id = null, category = null, description = null, scope = null;
            bool enabled = true;
            var techniques = new List<string>();
            YamlSequenceNode? sequence = null;
            foreach (var pair in map.Children)
            {
                string key = KeyOf(file, pair.Key);
                switch (key)
                {
                    case "id": id = ScalarOf(file, pair.Value, key); break;
                    case "category": category = ScalarOf(file, pair.Value, key); break;
                    case "description": description = ScalarOf(file, pair.Value, key); break;
                    case "scope": scope = ScalarOf(file, pair.Value, key); break;
                    case "enabled":
                        string flag = ScalarOf(file, pair.Value, key);
                        if (flag != "true" && flag != "false") throw Fault(file, pair.Value, "'enabled' is true or false.");
                        enabled = flag == "true";
                        break;
                    case "techniques":
                        if (pair.Value is YamlSequenceNode { Children.Count: 0 }) break; // a rule may evidence no technique
                        foreach (var (t, tNode) in ListOf(file, pair.Value, key))
                        {
                            if (!TechniqueId.IsMatch(t)) throw Fault(file, tNode, $"'{t}' is not a MITRE ATT&CK technique id (T1234 or T1234.001).");
                            techniques.Add(t);
                        }
                        break;
                    case "sequence":
                        sequence = pair.Value as YamlSequenceNode ?? throw Fault(file, pair.Value, "'sequence' is a list of condition sets.");
                        break;
                    default:
                        if (!ConditionKeys.Contains(key)) throw Fault(file, pair.Key, $"Unknown rule key '{key}'.");
                        break;
                }
            }
            if (string.IsNullOrEmpty(id)) throw Fault(file, map, "The rule has no 'id'.");
            if (!enabled) return new FileEntry(id!, null, map);
            if (string.IsNullOrEmpty(category)) throw Fault(file, map, $"Rule '{id}' has no 'category'.");
            category = CategoryNames.Canonical(category!);
            bool textScope;
            if (scope == null || scope == "command") textScope = false;
            else if (scope == "text") textScope = true;
            else throw Fault(file, map, $"Rule '{id}': scope is 'command' or 'text', not '{scope}'.");

            var condition = ReadCondition(file, map, allowEmpty: sequence != null);
            List<RuleCondition>? steps = null;
            if (sequence != null)
            {
                if (textScope) throw Fault(file, sequence, $"Rule '{id}': a sequence rule cannot have scope text.");
                steps = new List<RuleCondition>();
                foreach (var stepNode in sequence.Children)
                {
                    if (stepNode is not YamlMappingNode stepMap) throw Fault(file, stepNode, "A sequence step is a mapping of conditions.");
                    foreach (var pair in stepMap.Children)
                    {
                        string key = KeyOf(file, pair.Key);
                        if (!ConditionKeys.Contains(key)) throw Fault(file, pair.Key, $"Unknown condition '{key}' in a sequence step.");
                    }
                    steps.Add(ReadCondition(file, stepMap, allowEmpty: false)!);
                }
                if (steps.Count < 2) throw Fault(file, sequence, $"Rule '{id}': a sequence has at least two steps.");
                if (condition != null) throw Fault(file, map, $"Rule '{id}': put the conditions of a sequence rule in its steps.");
            }
            if (textScope && condition != null && condition.HasCommandCondition)
            {
                throw Fault(file, map, $"Rule '{id}': scope text allows only text, textAll and pattern.");
            }
            var rule = new CompiledRule(new CategoryRule(id!, category!, techniques.ToArray(), description ?? string.Empty, file, (int)map.Start.Line, textScope, Describe(map)),
                condition, steps);
            return new FileEntry(id!, rule, map);
        }

        private static RuleCondition? ReadCondition(string file, YamlMappingNode map, bool allowEmpty)
        {
            var c = new RuleCondition();
            bool any = false;
            foreach (var pair in map.Children)
            {
                string key = KeyOf(file, pair.Key);
                if (!ConditionKeys.Contains(key)) continue;
                any = true;
                switch (key)
                {
                    case "commands": c.Commands = NameSet(file, pair.Value, key); break;
                    case "wrappers": c.Wrappers = NameSet(file, pair.Value, key); break;
                    case "pipedFrom": c.PipedFrom = NameSet(file, pair.Value, key); break;
                    case "within": c.Within = NameSet(file, pair.Value, key); break;
                    case "args": c.Args = Globs(file, pair.Value, key); break;
                    case "notArgs": c.NotArgs = Globs(file, pair.Value, key); break;
                    case "tokens": c.Tokens = Globs(file, pair.Value, key); break;
                    case "writesTo": c.WritesTo = Globs(file, pair.Value, key); break;
                    case "allArgs":
                        c.AllArgs = new List<GlobSet>();
                        if (pair.Value is not YamlSequenceNode groups || groups.Children.Count == 0) throw Fault(file, pair.Value, "'allArgs' is a list; each entry is a word or a list of alternatives.");
                        foreach (var group in groups.Children)
                        {
                            if (group is YamlScalarNode single) c.AllArgs.Add(new GlobSet(new[] { single.Value ?? string.Empty }));
                            else c.AllArgs.Add(Globs(file, group, key));
                        }
                        break;
                    case "text": c.Text = Lower(ListOf(file, pair.Value, key)); break;
                    case "textAll": c.TextAll = Lower(ListOf(file, pair.Value, key)); break;
                    case "pattern":
                        string pattern = ScalarOf(file, pair.Value, key);
                        try
                        {
                            c.Pattern = RulePattern.Create(pattern, PatternTimeout);
                        }
                        catch (ArgumentException ex)
                        {
                            throw Fault(file, pair.Value, "Invalid pattern: " + ex.Message);
                        }
                        break;
                    case "origins":
                        c.Origins = new HashSet<CommandOrigin>();
                        foreach (var (o, oNode) in ListOf(file, pair.Value, key))
                        {
                            if (!Enum.TryParse(o, ignoreCase: false, out CommandOrigin origin) || int.TryParse(o, out _))
                            {
                                throw Fault(file, oNode, $"Unknown origin '{o}' (one of {string.Join(", ", Enum.GetNames(typeof(CommandOrigin)))}).");
                            }
                            c.Origins.Add(origin);
                        }
                        break;
                    case "localExecutable":
                        string value = ScalarOf(file, pair.Value, key);
                        if (value != "true" && value != "false") throw Fault(file, pair.Value, "'localExecutable' is true or false.");
                        c.LocalExecutable = value == "true";
                        break;
                }
            }
            if (!any)
            {
                if (allowEmpty) return null;
                throw Fault(file, map, "The rule has no condition (commands, args, tokens, writesTo, text, pattern, ...).");
            }
            return c;
        }

        /// <summary>The condition keys of a rule (or sequence steps) as one readable line.</summary>
        private static string Describe(YamlMappingNode map)
        {
            var parts = new List<string>();
            foreach (var pair in map.Children)
            {
                string key = (pair.Key as YamlScalarNode)?.Value ?? string.Empty; // keys were checked by KeyOf
                if (key == "sequence" && pair.Value is YamlSequenceNode steps)
                {
                    var described = new List<string>();
                    foreach (var step in steps.Children) if (step is YamlMappingNode m) described.Add("(" + Describe(m) + ")");
                    parts.Add("sequence: " + string.Join(" then ", described));
                }
                else if (ConditionKeys.Contains(key)) parts.Add(key + ": " + Flatten(pair.Value));
            }
            return string.Join("; ", parts);
        }

        private static string Flatten(YamlNode node) => node switch
        {
            YamlScalarNode s => s.Value ?? string.Empty,
            YamlSequenceNode seq => string.Join(", ", System.Linq.Enumerable.Select(seq.Children, c => c is YamlSequenceNode ? "[" + Flatten(c) + "]" : Flatten(c))),
            _ => node.ToString(),
        };

        private static string KeyOf(string file, YamlNode key) =>
            (key as YamlScalarNode)?.Value ?? throw Fault(file, key, "Keys are plain words.");

        private static string ScalarOf(string file, YamlNode node, string key) =>
            (node as YamlScalarNode)?.Value ?? throw Fault(file, node, $"'{key}' takes a single value.");

        private static List<(string, YamlNode)> ListOf(string file, YamlNode node, string key)
        {
            var list = new List<(string, YamlNode)>();
            if (node is YamlScalarNode single && single.Value != null)
            {
                list.Add((single.Value, node));
                return list;
            }
            if (node is not YamlSequenceNode seq) throw Fault(file, node, $"'{key}' is a list of words.");
            foreach (var item in seq.Children)
            {
                if (item is not YamlScalarNode s || string.IsNullOrEmpty(s.Value)) throw Fault(file, item, $"Each entry of '{key}' is a non-empty word.");
                list.Add((s.Value!, item));
            }
            if (list.Count == 0) throw Fault(file, node, $"'{key}' is empty.");
            return list;
        }

        private static HashSet<string> NameSet(string file, YamlNode node, string key)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (v, _) in ListOf(file, node, key)) set.Add(v);
            return set;
        }

        private static GlobSet Globs(string file, YamlNode node, string key)
        {
            var values = new List<string>();
            foreach (var (v, _) in ListOf(file, node, key)) values.Add(v);
            return new GlobSet(values);
        }

        private static string[] Lower(List<(string, YamlNode)> values)
        {
            var result = new string[values.Count];
            for (int i = 0; i < result.Length; i++) result[i] = values[i].Item1.ToLowerInvariant();
            return result;
        }

        private static CategoryRuleFileException Fault(string file, YamlNode node, string reason) =>
            new CategoryRuleFileException(file, (int)node.Start.Line, (int)node.Start.Column, reason);
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using B64Hunt.Errors;
using B64Hunt.Model;
using B64Hunt.Reporting;
using B64Hunt.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace B64Hunt.GtfoBins
{
    /// <summary>
    /// Builds a <see cref="GtfoBinsIndex"/> from GTFOBins data: a GTFOBins.github.io checkout (_gtfobins/NAME YAML
    /// files, or the older _gtfobins/NAME.md front-matter files; _data/functions.yml) or the shared snapshot layout
    /// (bins/NAME, functions.yml). Regenerate the bundled index with
    /// <c>File.WriteAllText("module/data/gtfobins/index.json", GtfoBinsIndexBuilder.Build("../shared/gtfobins"))</c>.
    /// </summary>
    /// <remarks>
    /// Older GTFOBins (before December 2025) used other function keys; they are mapped so old checkouts tag alike:
    /// non-interactive-reverse-shell → reverse-shell, non-interactive-bind-shell → bind-shell, file-upload → upload,
    /// file-download → download. The old keys sudo, suid, limited-suid and capabilities were contexts written as
    /// functions: they become the contexts sudo, suid, suid and capabilities; examples under the other keys count
    /// as the unprivileged context. An old entry with only such keys keeps its contexts and no function.
    /// </remarks>
    public static class GtfoBinsIndexBuilder
    {
        /// <summary>Provenance of the bundled snapshot, written into the index.</summary>
        public const string SnapshotSource = "GTFOBins/GTFOBins.github.io@7382261ef936e35896ba70e7a6b833352ffb9a22 (2026-04-20), GPL-3.0";

        /// <summary>The compact JSON index of the GTFOBins data in <paramref name="sourceDirectory"/>; throws on any bad file.</summary>
        public static string Build(string sourceDirectory)
        {
            var index = Load(sourceDirectory, new StrictReporter(), SnapshotSource);
            return index.ToJson();
        }

        /// <summary>
        /// Reads a GTFOBins folder. A file that does not parse is reported through <paramref name="reporter"/>
        /// (error id InvalidGtfoBinsEntry, target = the file path) and skipped.
        /// </summary>
        public static GtfoBinsIndex Load(string sourceDirectory, IHuntReporter reporter, string? source = null)
        {
            string root = Path.GetFullPath(sourceDirectory);
            string binsDir = Path.Combine(root, "_gtfobins");
            if (!Directory.Exists(binsDir)) binsDir = Path.Combine(root, "bins");
            if (!Directory.Exists(binsDir))
            {
                throw new DirectoryNotFoundException($"'{root}' is not a GTFOBins folder: it has neither _gtfobins/ nor bins/.");
            }
            var entries = new Dictionary<string, GtfoBinsEntry>(StringComparer.Ordinal);
            var directAliases = new Dictionary<string, string>(StringComparer.Ordinal);
            var files = Directory.GetFiles(binsDir);
            Array.Sort(files, StringComparer.Ordinal);
            foreach (string file in files)
            {
                string fileName = Path.GetFileName(file);
                if (fileName.StartsWith(".", StringComparison.Ordinal)) continue;
                bool markdown = fileName.EndsWith(".md", StringComparison.Ordinal);
                // Only the .md extension is stripped: ld.so and g++ are names.
                string name = markdown ? fileName.Substring(0, fileName.Length - 3) : fileName;
                try
                {
                    string text = File.ReadAllText(file, Encoding.UTF8);
                    var rootNode = ParseDocument(markdown ? FrontMatter(text) : text);
                    if (rootNode == null) throw new InvalidDataException("The file holds no YAML mapping.");
                    if (Scalar(rootNode, "alias") is { } alias)
                    {
                        directAliases[name] = alias;
                        continue;
                    }
                    entries[name] = ReadEntry(name, rootNode);
                }
                catch (Exception ex) when (ex is YamlException || ex is InvalidDataException || ex is IOException || ex is InvalidCastException
                    || ex is InvalidOperationException || ex is ArgumentException) // how YamlDotNet ends some malformed input (": [\nr", ":\n :")
                {
                    string where = ex is YamlException y ? $" (line {y.Start.Line}, column {y.Start.Column})" : string.Empty;
                    reporter.Problem(new Problem(ErrorIds.InvalidGtfoBinsEntry, ProblemKind.InvalidData,
                        $"GTFOBins entry '{file}' cannot be read{where}: {ex.Message}", file, ex));
                }
            }
            var aliases = ResolveAliases(directAliases, entries);
            var functions = ReadFunctions(root, reporter);
            return new GtfoBinsIndex(entries, aliases, functions, source ?? root);
        }

        private static Dictionary<string, string> ResolveAliases(Dictionary<string, string> direct, Dictionary<string, GtfoBinsEntry> entries)
        {
            var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in direct)
            {
                string target = pair.Value;
                for (int hop = 0; hop < 16 && !entries.ContainsKey(target) && direct.TryGetValue(target, out string? next); hop++) target = next;
                if (entries.ContainsKey(target)) resolved[pair.Key] = target;
            }
            return resolved;
        }

        /// <summary>The YAML between the first two --- lines of a Markdown file.</summary>
        private static string FrontMatter(string text)
        {
            using var reader = new StringReader(text);
            string? line = reader.ReadLine();
            if (line == null || line.TrimEnd() != "---") throw new InvalidDataException("No YAML front matter (--- on the first line).");
            var sb = new StringBuilder();
            while ((line = reader.ReadLine()) != null)
            {
                if (line.TrimEnd() == "---" || line.TrimEnd() == "...") return sb.ToString();
                sb.Append(line).Append('\n');
            }
            throw new InvalidDataException("The YAML front matter is not closed by ---.");
        }

        private static YamlMappingNode? ParseDocument(string yaml)
        {
            var stream = new YamlStream();
            stream.Load(new BoundedYamlParser(new Parser(new StringReader(yaml))));
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode as YamlMappingNode;
        }

        private static string? Scalar(YamlMappingNode map, string key)
        {
            foreach (var pair in map.Children)
            {
                if (pair.Key is YamlScalarNode k && k.Value == key) return (pair.Value as YamlScalarNode)?.Value;
            }
            return null;
        }

        private static YamlNode? Child(YamlMappingNode map, string key)
        {
            foreach (var pair in map.Children)
            {
                if (pair.Key is YamlScalarNode k && k.Value == key) return pair.Value;
            }
            return null;
        }

        private static GtfoBinsEntry ReadEntry(string name, YamlMappingNode root)
        {
            var functions = new HashSet<string>(StringComparer.Ordinal);
            var contexts = new HashSet<string>(StringComparer.Ordinal);
            var inherits = new List<string>();
            if (Child(root, "functions") is YamlMappingNode map)
            {
                foreach (var pair in map.Children)
                {
                    string key = ((YamlScalarNode)pair.Key).Value ?? string.Empty;
                    string? oldContext = OldContextKey(key);
                    if (oldContext != null)
                    {
                        contexts.Add(oldContext);
                        continue;
                    }
                    functions.Add(MapOldFunction(key));
                    if (pair.Value is not YamlSequenceNode examples) continue;
                    foreach (var example in examples.Children)
                    {
                        if (example is not YamlMappingNode ex) continue;
                        if (Child(ex, "contexts") is YamlMappingNode ctx)
                        {
                            foreach (var c in ctx.Children) contexts.Add(((YamlScalarNode)c.Key).Value ?? string.Empty);
                        }
                        else contexts.Add("unprivileged"); // old layout: a plain function example needs no privilege
                        if (key == "inherit" && Scalar(ex, "from") is { } from && !inherits.Contains(from)) inherits.Add(from);
                    }
                }
            }
            else if (Child(root, "functions") != null)
            {
                throw new InvalidDataException("'functions' is not a mapping.");
            }
            return new GtfoBinsEntry(name, Ordered(functions, GtfoBinsIndex.FunctionOrder), Ordered(contexts, GtfoBinsIndex.ContextOrder), inherits.ToArray());
        }

        private static string? OldContextKey(string key) => key switch
        {
            "sudo" => "sudo",
            "suid" => "suid",
            "limited-suid" => "suid",
            "capabilities" => "capabilities",
            _ => null,
        };

        private static string MapOldFunction(string key) => key switch
        {
            "non-interactive-reverse-shell" => "reverse-shell",
            "non-interactive-bind-shell" => "bind-shell",
            "file-upload" => "upload",
            "file-download" => "download",
            _ => key,
        };

        /// <summary>Known names in the given order, then any unknown ones in ordinal order.</summary>
        private static string[] Ordered(HashSet<string> names, string[] order)
        {
            var list = new List<string>(names.Count);
            foreach (string known in order) if (names.Contains(known)) list.Add(known);
            var rest = new List<string>();
            foreach (string n in names) if (Array.IndexOf(order, n) < 0) rest.Add(n);
            rest.Sort(StringComparer.Ordinal);
            list.AddRange(rest);
            return list.ToArray();
        }

        private static IReadOnlyList<GtfoBinsFunction> ReadFunctions(string root, IHuntReporter reporter)
        {
            string path = Path.Combine(root, "functions.yml");
            if (!File.Exists(path)) path = Path.Combine(root, "_data", "functions.yml");
            var list = new List<GtfoBinsFunction>();
            if (!File.Exists(path)) return list;
            try
            {
                var map = ParseDocument(File.ReadAllText(path, Encoding.UTF8));
                if (map == null) return list;
                foreach (var pair in map.Children)
                {
                    string key = ((YamlScalarNode)pair.Key).Value ?? string.Empty;
                    if (OldContextKey(key) != null || MapOldFunction(key) != key) continue;
                    var f = pair.Value as YamlMappingNode;
                    var mitre = new List<string>();
                    if (f != null && Child(f, "mitre") is YamlSequenceNode ids)
                    {
                        foreach (var id in ids.Children) if (id is YamlScalarNode s && s.Value != null) mitre.Add(s.Value);
                    }
                    list.Add(new GtfoBinsFunction(key, f == null ? key : Scalar(f, "label") ?? key, f == null ? string.Empty : Scalar(f, "description") ?? string.Empty, mitre.ToArray()));
                }
            }
            catch (Exception ex) when (ex is YamlException || ex is InvalidCastException || ex is InvalidOperationException || ex is ArgumentException || ex is IOException)
            {
                reporter.Problem(new Problem(ErrorIds.InvalidGtfoBinsEntry, ProblemKind.InvalidData, $"GTFOBins functions file '{path}' cannot be read: {ex.Message}", path, ex));
            }
            return list;
        }

        /// <summary>Building the bundled index: any bad file fails the build.</summary>
        private sealed class StrictReporter : IHuntReporter
        {
            public void Problem(Problem problem) => throw new InvalidDataException(problem.Message, problem.Exception);

            public void Warning(string message) => throw new InvalidDataException(message);

            public void Verbose(string message)
            {
            }

            public void Progress(ProgressReport progress)
            {
            }
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using B64Hunt.Shell;
using B64Hunt.Model;

namespace B64Hunt.GtfoBins
{
    /// <summary>
    /// The GTFOBins data a hunt needs: entries (functions, contexts, inherit), aliases resolved to their entry, and
    /// the function reference. Loaded from the module's compact index.json or built from a GTFOBins checkout.
    /// Immutable and thread-safe.
    /// </summary>
    public sealed class GtfoBinsIndex
    {
        /// <summary>The bundled index file, relative to the module's data folder.</summary>
        public const string BundledRelativePath = "gtfobins/index.json";

        /// <summary>GTFOBins function order (functions.yml), used to order every list of functions.</summary>
        internal static readonly string[] FunctionOrder =
        {
            "shell", "command", "reverse-shell", "bind-shell", "file-write", "file-read", "upload", "download",
            "library-load", "privilege-escalation", "inherit",
        };

        internal static readonly string[] ContextOrder = { "unprivileged", "sudo", "suid", "capabilities" };

        private static readonly ConcurrentDictionary<string, GtfoBinsIndex> BundledCache = new ConcurrentDictionary<string, GtfoBinsIndex>(StringComparer.Ordinal);

        private readonly Dictionary<string, GtfoBinsEntry> _entries;
        private readonly Dictionary<string, string> _aliases;
        private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _inheritClosure = new ConcurrentDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

        internal GtfoBinsIndex(Dictionary<string, GtfoBinsEntry> entries, Dictionary<string, string> aliases, IReadOnlyList<GtfoBinsFunction> functions, string source)
        {
            _entries = entries;
            _aliases = aliases;
            Functions = functions;
            Source = source;
        }

        /// <summary>Where the data came from (repository and commit, or the folder read).</summary>
        public string Source { get; }

        /// <summary>The function reference (label, description, MITRE ids), in GTFOBins order.</summary>
        public IReadOnlyList<GtfoBinsFunction> Functions { get; }

        public IReadOnlyCollection<GtfoBinsEntry> Entries => _entries.Values;

        /// <summary>Alias → entry name, resolved through alias chains (rview → vim).</summary>
        public IReadOnlyDictionary<string, string> Aliases => _aliases;

        /// <summary>
        /// The entry a command name runs: exact name, then alias, then the dynamic loader under its real file names
        /// (ld-linux-x86-64.so.2 → ld.so), then the name without a version suffix (python3.11 → python).
        /// </summary>
        public bool TryGetEntry(string commandName, out GtfoBinsEntry entry)
        {
            entry = null!;
            if (string.IsNullOrEmpty(commandName)) return false;
            if (TryExactOrAlias(commandName, out entry)) return true;
            if (IsDynamicLoader(commandName)) return TryExactOrAlias("ld.so", out entry);
            string unversioned = ShellNames.StripVersion(commandName);
            return !ReferenceEquals(unversioned, commandName) && unversioned != commandName && TryExactOrAlias(unversioned, out entry);
        }

        private bool TryExactOrAlias(string name, out GtfoBinsEntry entry)
        {
            if (_entries.TryGetValue(name, out entry!)) return true;
            return _aliases.TryGetValue(name, out string? target) && _entries.TryGetValue(target, out entry!);
        }

        private static bool IsDynamicLoader(string name) =>
            name.StartsWith("ld-linux", StringComparison.Ordinal) && name.IndexOf(".so", StringComparison.Ordinal) > 0 ||
            name.StartsWith("ld-", StringComparison.Ordinal) && name.EndsWith(".so", StringComparison.Ordinal) ||
            name.StartsWith("ld64.so", StringComparison.Ordinal);

        /// <summary>Every entry reachable through inherit from <paramref name="name"/> (man → less → vi), without the entry itself.</summary>
        public IReadOnlyList<string> InheritClosure(string name) => _inheritClosure.GetOrAdd(name, ComputeClosure);

        private IReadOnlyList<string> ComputeClosure(string name)
        {
            var seen = new List<string>();
            var queue = new Queue<string>();
            queue.Enqueue(name);
            while (queue.Count > 0)
            {
                string current = queue.Dequeue();
                if (!TryExactOrAlias(current, out var entry)) continue;
                foreach (string target in entry.Inherits)
                {
                    string resolved = _aliases.TryGetValue(target, out string? a) ? a : target;
                    if (resolved == name || seen.Contains(resolved)) continue;
                    seen.Add(resolved);
                    queue.Enqueue(resolved);
                }
            }
            return seen.ToArray();
        }

        /// <summary>The index bundled with the module (data/gtfobins/index.json), read once per process.</summary>
        public static GtfoBinsIndex LoadBundled(string moduleDataDirectory)
        {
            string path = Path.GetFullPath(Path.Combine(moduleDataDirectory, BundledRelativePath));
            return BundledCache.GetOrAdd(path, p => FromJson(File.ReadAllText(p, Encoding.UTF8)));
        }

        /// <summary>Reads an index written by <see cref="ToJson"/>.</summary>
        public static GtfoBinsIndex FromJson(string json)
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var functions = new List<GtfoBinsFunction>();
            foreach (var f in root.GetProperty("functions").EnumerateObject())
            {
                functions.Add(new GtfoBinsFunction(f.Name, f.Value.GetProperty("label").GetString() ?? f.Name,
                    f.Value.GetProperty("description").GetString() ?? string.Empty, Strings(f.Value.GetProperty("mitre"))));
            }
            var entries = new Dictionary<string, GtfoBinsEntry>(StringComparer.Ordinal);
            foreach (var e in root.GetProperty("entries").EnumerateObject())
            {
                entries[e.Name] = new GtfoBinsEntry(e.Name, Strings(e.Value.GetProperty("functions")), Strings(e.Value.GetProperty("contexts")), Strings(e.Value.GetProperty("inherits")));
            }
            var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var a in root.GetProperty("aliases").EnumerateObject()) aliases[a.Name] = a.Value.GetString() ?? string.Empty;
            string source = root.TryGetProperty("source", out var s) ? s.GetString() ?? string.Empty : string.Empty;
            return new GtfoBinsIndex(entries, aliases, functions, source);
        }

        private static string[] Strings(JsonElement array)
        {
            var list = new string[array.GetArrayLength()];
            int i = 0;
            foreach (var item in array.EnumerateArray()) list[i++] = item.GetString() ?? string.Empty;
            return list;
        }

        /// <summary>
        /// The compact JSON form: deterministic (ordinal key order, LF, one entry per line) so a fresh build can be
        /// compared byte for byte with the committed file.
        /// </summary>
        public string ToJson()
        {
            var sb = new StringBuilder();
            sb.Append("{\n  \"source\": ").Append(Quote(Source)).Append(",\n");
            sb.Append("  \"functions\": {\n");
            for (int i = 0; i < Functions.Count; i++)
            {
                var f = Functions[i];
                sb.Append("    ").Append(Quote(f.Name)).Append(": {\"label\": ").Append(Quote(f.Label))
                  .Append(", \"description\": ").Append(Quote(f.Description)).Append(", \"mitre\": ").Append(Array(f.Mitre)).Append('}')
                  .Append(i < Functions.Count - 1 ? ",\n" : "\n");
            }
            sb.Append("  },\n  \"entries\": {\n");
            var names = new List<string>(_entries.Keys);
            names.Sort(StringComparer.Ordinal);
            for (int i = 0; i < names.Count; i++)
            {
                var e = _entries[names[i]];
                sb.Append("    ").Append(Quote(e.Name)).Append(": {\"functions\": ").Append(Array(e.Functions))
                  .Append(", \"contexts\": ").Append(Array(e.Contexts)).Append(", \"inherits\": ").Append(Array(e.Inherits)).Append('}')
                  .Append(i < names.Count - 1 ? ",\n" : "\n");
            }
            sb.Append("  },\n  \"aliases\": {\n");
            var aliasNames = new List<string>(_aliases.Keys);
            aliasNames.Sort(StringComparer.Ordinal);
            for (int i = 0; i < aliasNames.Count; i++)
            {
                sb.Append("    ").Append(Quote(aliasNames[i])).Append(": ").Append(Quote(_aliases[aliasNames[i]]))
                  .Append(i < aliasNames.Count - 1 ? ",\n" : "\n");
            }
            sb.Append("  }\n}\n");
            return sb.ToString();
        }

        private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        private static string Quote(string value) => JsonSerializer.Serialize(value, JsonOptions);

        private static string Array(IReadOnlyList<string> values)
        {
            var sb = new StringBuilder("[");
            for (int i = 0; i < values.Count; i++) sb.Append(i > 0 ? ", " : "").Append(Quote(values[i]));
            return sb.Append(']').ToString();
        }
    }
}

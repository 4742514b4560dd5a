using System;
using System.Collections.Generic;
using B64Hunt.Model;
using B64Hunt.Shell;

namespace B64Hunt.GtfoBins
{
    /// <summary>
    /// Tags the GTFOBins executables a decoded command really runs: command words (basename, alias, versioned
    /// name) and the wrappers they run through (sudo, env, nice, timeout, xargs ... but not the builtins exec,
    /// command, builtin, nor the keyword time). Arguments, paths, echoed strings and shell builtins are never tags.
    /// Each tag carries the entry's own functions plus those of the entries it inherits from (man → less → vi).
    /// </summary>
    public sealed class GtfoBinsTagger
    {
        private const string PageBase = "https://gtfobins.github.io/gtfobins/";
        private readonly GtfoBinsIndex _index;

        public GtfoBinsTagger(GtfoBinsIndex index)
        {
            _index = index ?? throw new ArgumentNullException(nameof(index));
        }

        public GtfoBinsIndex Index => _index;

        /// <summary>The tags of a decoded command, first invocation first, one per entry.</summary>
        public IReadOnlyList<GtfoBinsTag> Tag(string? decodedCommand)
        {
            var tags = new List<GtfoBinsTag>();
            foreach (var command in ShellCommandReader.Read(decodedCommand))
            {
                foreach (string wrapper in command.Wrappers)
                {
                    if (ShellNames.BuiltinSet.Contains(wrapper) || ShellNames.KeywordSet.Contains(wrapper)) continue;
                    AddTag(tags, wrapper, wrapper);
                }
                if (command.CommandName.Length == 0 || command.IsBuiltin) continue;
                if (!command.IsPath && ShellNames.KeywordSet.Contains(command.CommandName)) continue;
                AddTag(tags, command.CommandName, command.InvokedAs);
            }
            return tags;
        }

        /// <summary>Appends the tags of <paramref name="commandEvent"/>'s decoded command, and their functions, without duplicates.</summary>
        public void Enrich(CommandEvent commandEvent)
        {
            if (commandEvent == null) throw new ArgumentNullException(nameof(commandEvent));
            if (commandEvent.IsBinary) return;
            foreach (var tag in Tag(commandEvent.DecodedCommand))
            {
                bool present = false;
                foreach (var existing in commandEvent.GtfoBins)
                {
                    if (existing.Name == tag.Name) { present = true; break; }
                }
                if (!present) commandEvent.GtfoBins.Add(tag);
                foreach (string f in tag.Functions)
                {
                    if (!commandEvent.GtfoFunctions.Contains(f)) commandEvent.GtfoFunctions.Add(f);
                }
            }
        }

        private void AddTag(List<GtfoBinsTag> tags, string name, string invokedAs)
        {
            if (!_index.TryGetEntry(name, out var entry)) return;
            foreach (var t in tags) if (t.Name == entry.Name) return;
            var inherits = _index.InheritClosure(entry.Name);
            var functions = new List<string>(entry.Functions);
            foreach (string parent in inherits)
            {
                if (!_index.TryGetEntry(parent, out var inherited)) continue;
                foreach (string f in inherited.Functions) if (!functions.Contains(f)) functions.Add(f);
            }
            if (functions.Count > entry.Functions.Count) functions = Order(functions);
            tags.Add(new GtfoBinsTag
            {
                Name = entry.Name,
                InvokedAs = invokedAs == entry.Name ? null : invokedAs,
                Functions = functions,
                Contexts = new List<string>(entry.Contexts),
                InheritsFrom = new List<string>(inherits),
                Url = PageBase + Uri.EscapeDataString(entry.Name) + "/",
            });
        }

        private static List<string> Order(List<string> functions)
        {
            var ordered = new List<string>(functions.Count);
            foreach (string f in GtfoBinsIndex.FunctionOrder) if (functions.Contains(f)) ordered.Add(f);
            foreach (string f in functions) if (!ordered.Contains(f)) ordered.Add(f);
            return ordered;
        }
    }
}

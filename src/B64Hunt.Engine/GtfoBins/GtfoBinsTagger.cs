using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using B64Hunt.Model;
using B64Hunt.Shell;
using B64Hunt.Text;

namespace B64Hunt.GtfoBins
{
    /// <summary>
    /// Tags the GTFOBins executables a decoded command really runs: command words (basename, alias, versioned
    /// name) and the wrappers they run through (sudo, env, nice, timeout, xargs, /usr/bin/time ... but not the builtins
    /// exec, command, builtin, nor the time keyword). Arguments, paths, echoed strings and shell builtins are never tags.
    /// Each tag carries the entry's own functions plus those of the entries it inherits from (man → less → vi).
    /// </summary>
    public sealed class GtfoBinsTagger
    {
        private const string PageBase = "https://gtfobins.github.io/gtfobins/";
        private static readonly Tagging NoTagging = new Tagging(new Hit[0]);
        private readonly GtfoBinsIndex _index;
        private readonly TextCache<Tagging> _cache = new TextCache<Tagging>();
        private readonly ConcurrentDictionary<string, (string[], string[], string[])> _entryFacts = new ConcurrentDictionary<string, (string[], string[], string[])>(StringComparer.Ordinal);

        public GtfoBinsTagger(GtfoBinsIndex index)
        {
            _index = index ?? throw new ArgumentNullException(nameof(index));
        }

        /// <summary>The tags of a decoded command, first invocation first, one per entry (new objects on every call).</summary>
        public IReadOnlyList<GtfoBinsTag> Tag(string? decodedCommand) => NewTags(Tagged(decodedCommand).Hits);

        // New tag objects (an event's edit of its tag changes no other event), over the shared arrays until they change.
        private static GtfoBinsTag[] NewTags(Hit[] hits)
        {
            var tags = new GtfoBinsTag[hits.Length];
            for (int i = 0; i < hits.Length; i++)
            {
                var hit = hits[i];
                tags[i] = GtfoBinsTag.OverShared(hit.Entry.Name, hit.InvokedAs, hit.Functions, hit.Contexts, hit.Inherits, hit.Url);
            }
            return tags;
        }

        /// <summary>What a text invokes, cached per text: the stages of a hunt see the same payloads again and again.</summary>
        private Tagging Tagged(string? decodedCommand)
        {
            if (string.IsNullOrEmpty(decodedCommand)) return NoTagging;
            return _cache.Get(decodedCommand!, TaggedUncached);
        }

        private Tagging TaggedUncached(string decodedCommand)
        {
            var hits = new List<Hit>();
            foreach (var command in ShellCommandReader.Read(decodedCommand))
            {
                // A crontab line or unit file the command writes does not run now.
                if (command.IsDeferred) continue;
                foreach (string wrapper in command.Wrappers)
                {
                    // exec, command, builtin run no binary. A `time` wrapper is /usr/bin/time: the keyword
                    // form never reaches here (the reader skips it as structure).
                    if (ShellNames.BuiltinSet.Contains(wrapper)) continue;
                    AddHit(hits, wrapper, wrapper);
                }
                if (command.CommandName.Length == 0 || command.IsBuiltin) continue;
                if (!command.IsPath && command.CommandName != "time" && ShellNames.KeywordSet.Contains(command.CommandName)) continue;
                AddHit(hits, command.CommandName, command.InvokedAs);
            }
            return hits.Count == 0 ? NoTagging : new Tagging(hits.ToArray());
        }

        /// <summary>Appends the tags of <paramref name="commandEvent"/>'s decoded command, and their functions, without duplicates.</summary>
        public void Enrich(CommandEvent commandEvent)
        {
            if (commandEvent == null) throw new ArgumentNullException(nameof(commandEvent));
            if (commandEvent.IsBinary) return;
            ShellNormalizer.Fill(commandEvent);
            var tagging = Tagged(commandEvent.DecodedCommand);
            if (tagging.Hits.Length == 0) return;
            if (commandEvent.GtfoBins.Count == 0 && commandEvent.GtfoFunctions.Count == 0)
            {
                // A fresh event (the usual case): the loop below would give exactly these lists (the tags are distinct
                // by name, the functions their union in order), here without growing two lists per event.
                commandEvent.GtfoBins = JoinedList<GtfoBinsTag>.OverShared(NewTags(tagging.Hits));
                commandEvent.GtfoFunctions = JoinedList<string>.OverShared(tagging.Functions);
                return;
            }
            foreach (var tag in NewTags(tagging.Hits))
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

        private void AddHit(List<Hit> hits, string name, string invokedAs)
        {
            if (!_index.TryGetEntry(name, out var entry)) return;
            foreach (var h in hits) if (h.Entry.Name == entry.Name) return;
            var (functions, contexts, inherits) = _entryFacts.GetOrAdd(entry.Name, _ => EntryFacts(entry));
            hits.Add(new Hit(entry, invokedAs == entry.Name ? null : invokedAs, functions, contexts, inherits, PageBase + Uri.EscapeDataString(entry.Name) + "/"));
        }

        /// <summary>The entry's functions with those of the entries it inherits from, its contexts, and that inherit closure.</summary>
        private (string[] Functions, string[] Contexts, string[] Inherits) EntryFacts(GtfoBinsEntry entry)
        {
            var inherits = _index.InheritClosure(entry.Name);
            var functions = new List<string>(entry.Functions);
            foreach (string parent in inherits)
            {
                if (!_index.TryGetEntry(parent, out var inherited)) continue;
                foreach (string f in inherited.Functions) if (!functions.Contains(f)) functions.Add(f);
            }
            if (functions.Count > entry.Functions.Count) functions = Order(functions);
            return (functions.ToArray(), Copy(entry.Contexts), Copy(inherits));
        }

        // The hits' arrays are shared by every tag made from them (JoinedList.OverShared): copies nothing else holds.
        private static string[] Copy(IReadOnlyList<string> items)
        {
            var copy = new string[items.Count];
            for (int i = 0; i < copy.Length; i++) copy[i] = items[i];
            return copy;
        }

        private sealed class Hit
        {
            public Hit(GtfoBinsEntry entry, string? invokedAs, string[] functions, string[] contexts, string[] inherits, string url)
            {
                Entry = entry;
                InvokedAs = invokedAs;
                Functions = functions;
                Contexts = contexts;
                Inherits = inherits;
                Url = url;
            }

            public GtfoBinsEntry Entry { get; }
            public string? InvokedAs { get; }
            public string[] Functions { get; }
            public string[] Contexts { get; }
            public string[] Inherits { get; }
            public string Url { get; }
        }

        /// <summary>A text's hits and the union of their functions, in the order Enrich adds them.</summary>
        private sealed class Tagging
        {
            public Tagging(Hit[] hits)
            {
                Hits = hits;
                var functions = new List<string>();
                foreach (var hit in hits)
                {
                    foreach (string f in hit.Functions) if (!functions.Contains(f)) functions.Add(f);
                }
                Functions = functions.ToArray();
            }

            public Hit[] Hits { get; }
            public string[] Functions { get; }
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

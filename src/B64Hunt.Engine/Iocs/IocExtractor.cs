using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using B64Hunt.Model;
using B64Hunt.Shell;

namespace B64Hunt.Iocs
{
    /// <summary>
    /// Finds indicators (ipv4, ipv6, dns, url, windows_path, linux_path, md5/sha1/sha256 hashes, email) in
    /// command text, judging dotted names against the public suffix list and the shell context they stand
    /// in, so file names and code do not come back as domains. Thread-safe; results of recent texts are
    /// memoised (hunts repeat the same decoded command many times).
    /// </summary>
    public sealed class IocExtractor
    {
        private const int MemoSlots = 4093; // prime
        private const int MaxMemoText = 64 * 1024;
        private static readonly ConcurrentDictionary<string, IocExtractor> ByDataFile =
            new ConcurrentDictionary<string, IocExtractor>(StringComparer.Ordinal);

        private readonly MemoEntry?[] _memo = new MemoEntry?[MemoSlots];
        private readonly DeobfuscatedEntry?[] _deobfuscatedMemo = new DeobfuscatedEntry?[MemoSlots];

        public IocExtractor(PublicSuffixList publicSuffixes)
        {
            PublicSuffixes = publicSuffixes ?? throw new ArgumentNullException(nameof(publicSuffixes));
        }

        /// <summary>The suffix list dotted names are judged against.</summary>
        public PublicSuffixList PublicSuffixes { get; }

        /// <summary>An extractor over a suffix list file, loaded once per path and shared.</summary>
        public static IocExtractor FromFile(string publicSuffixListPath)
        {
            string key = System.IO.Path.GetFullPath(publicSuffixListPath);
            return ByDataFile.GetOrAdd(key, path => new IocExtractor(PublicSuffixList.Load(path)));
        }

        /// <summary>An extractor over the list bundled in a module data folder (data/iocs/public_suffix_list.dat).</summary>
        public static IocExtractor FromDataDirectory(string dataDirectory) =>
            FromFile(System.IO.Path.Combine(dataDirectory, PublicSuffixList.DataFileRelativePath));

        /// <summary>
        /// The indicators in <paramref name="text"/>, in the order they appear, one per (Type, Normalized).
        /// Each call returns new Ioc objects the caller may keep or change.
        /// </summary>
        public IReadOnlyList<Ioc> Extract(string? text, IocTypes types = IocTypes.All)
        {
            if (string.IsNullOrEmpty(text) || types == IocTypes.None) return Array.Empty<Ioc>();
            // A direct-mapped memo: one slot per hash, replaced on collision; entries are immutable, so
            // reading and writing a slot needs no lock.
            int hash = (StringComparer.Ordinal.GetHashCode(text!) * 31 + (int)types) & 0x7FFFFFFF;
            int slot = hash % _memo.Length;
            var entry = Volatile.Read(ref _memo[slot]);
            Ioc[] found;
            if (entry != null && entry.Types == types && string.Equals(entry.Text, text, StringComparison.Ordinal))
            {
                found = entry.Found;
            }
            else
            {
                found = IocScanner.Scan(PublicSuffixes, text!, types).ToArray();
                if (text!.Length <= MaxMemoText) Volatile.Write(ref _memo[slot], new MemoEntry(text, types, found));
            }
            if (found.Length == 0) return Array.Empty<Ioc>();
            var copies = new Ioc[found.Length];
            for (int i = 0; i < found.Length; i++) copies[i] = Copy(found[i], null);
            return copies;
        }

        /// <summary>
        /// Adds to <paramref name="commandEvent"/>.Iocs the indicators of its decoded command (and, when
        /// <paramref name="includeCommandLine"/>, of its outer command line) that are not on it already,
        /// by (Type, Normalized). Returns the indicators added.
        /// </summary>
        public IReadOnlyList<Ioc> AddTo(CommandEvent commandEvent, IocTypes types = IocTypes.All, bool includeCommandLine = false)
        {
            if (commandEvent == null) throw new ArgumentNullException(nameof(commandEvent));
            if (commandEvent.Iocs == null) commandEvent.Iocs = new List<Ioc>();
            var found = ExtractDeobfuscated(commandEvent.DecodedCommand, ShellNormalizer.Fill(commandEvent), types);
            if (!string.IsNullOrEmpty(commandEvent.Sha256) || commandEvent.ArchiveMembers?.Count > 0)
                found = WithPayloadHashes(found, commandEvent, types);
            if (commandEvent.Iocs.Count == 0 && !includeCommandLine)
            {
                // The common case: nothing on the event yet, and Extract already removed duplicates. Its array of new
                // copies is this event's alone: the list reads it until it changes.
                if (found is Ioc[] copies && copies.Length > 0) commandEvent.Iocs = JoinedList<Ioc>.OverShared(copies);
                else foreach (var ioc in found) commandEvent.Iocs.Add(ioc);
                return found;
            }
            var added = new List<Ioc>();
            AddNew(commandEvent, found, added);
            if (includeCommandLine && !string.Equals(commandEvent.CommandLine, commandEvent.DecodedCommand, StringComparison.Ordinal))
            {
                AddNew(commandEvent, Extract(commandEvent.CommandLine, types), added);
            }
            return added;
        }

        /// <summary>
        /// The indicators of a decoded command read through its de-obfuscated form: those of <paramref name="normalized"/>,
        /// flagged <see cref="Ioc.Deobfuscated"/> when the text as written does not show them. What only the obfuscated
        /// writing shows (http://ex from http://ex\am\pl\e.com) is a fragment, not an indicator, and is dropped.
        /// </summary>
        public IReadOnlyList<Ioc> ExtractDeobfuscated(string? decoded, string? normalized, IocTypes types = IocTypes.All)
        {
            if (normalized == null || string.Equals(normalized, decoded, StringComparison.Ordinal)) return Extract(decoded, types);
            // Memoised like Extract: the two scans and the comparison depend only on the two texts, and hunts repeat them.
            int hash = (StringComparer.Ordinal.GetHashCode(normalized) * 31 + (int)types) & 0x7FFFFFFF;
            int slot = hash % _deobfuscatedMemo.Length;
            var entry = Volatile.Read(ref _deobfuscatedMemo[slot]);
            Ioc[] found;
            if (entry != null && entry.Types == types && string.Equals(entry.Normalized, normalized, StringComparison.Ordinal)
                && string.Equals(entry.Decoded, decoded, StringComparison.Ordinal))
            {
                found = entry.Found;
            }
            else
            {
                var read = Extract(normalized, types);
                // The text as written is scanned only to flag what de-obfuscation revealed.
                var written = read.Count == 0 ? read : Extract(decoded, types);
                foreach (var ioc in read) ioc.Deobfuscated = !IsOn((IList<Ioc>)written, ioc);
                found = new Ioc[read.Count];
                for (int i = 0; i < found.Length; i++) found[i] = read[i];
                if (normalized.Length <= MaxMemoText) Volatile.Write(ref _deobfuscatedMemo[slot], new DeobfuscatedEntry(decoded, normalized, types, found));
            }
            if (found.Length == 0) return Array.Empty<Ioc>();
            var copies = new Ioc[found.Length];
            for (int i = 0; i < found.Length; i++) copies[i] = Copy(found[i], null);
            return copies;
        }

        /// <summary>The decoded payload's own hashes (binary payloads and archive members) after the text's indicators, once each.</summary>
        private static IReadOnlyList<Ioc> WithPayloadHashes(IReadOnlyList<Ioc> found, CommandEvent commandEvent, IocTypes types)
        {
            if ((types & IocTypes.Sha256Hash) == 0) return found;
            var all = new List<Ioc>(found);
            foreach (var hash in PayloadHashIocs.Of(commandEvent))
                if (!IsOn(all, hash)) all.Add(hash);
            return all;
        }

        /// <summary>A copy of an indicator with <see cref="Ioc.Event"/> set: the row shape of an IoC table.</summary>
        public static Ioc WithEvent(Ioc ioc, CommandEvent? commandEvent) => Copy(ioc, commandEvent);

        private static void AddNew(CommandEvent commandEvent, IReadOnlyList<Ioc> found, List<Ioc> added)
        {
            var iocs = commandEvent.Iocs;
            // Events carry a handful of indicators, so a scan is cheapest; a set keeps huge ones linear.
            HashSet<string>? present = null;
            if (iocs.Count + found.Count > 32)
            {
                present = new HashSet<string>(StringComparer.Ordinal);
                foreach (var ioc in iocs) if (ioc != null) present.Add(Key(ioc));
            }
            foreach (var ioc in found)
            {
                if (present != null ? !present.Add(Key(ioc)) : IsOn(iocs, ioc)) continue;
                iocs.Add(ioc);
                added.Add(ioc);
            }
        }

        private static string Key(Ioc ioc) => ioc.Type + "\u0001" + ioc.Normalized;

        private static bool IsOn(IList<Ioc> iocs, Ioc ioc)
        {
            for (int i = 0; i < iocs.Count; i++)
            {
                var other = iocs[i];
                if (other != null && string.Equals(other.Type, ioc.Type, StringComparison.Ordinal)
                    && string.Equals(other.Normalized, ioc.Normalized, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        }

        private static Ioc Copy(Ioc ioc, CommandEvent? commandEvent) => new Ioc
        {
            Type = ioc.Type,
            Value = ioc.Value,
            Normalized = ioc.Normalized,
            IsPrivate = ioc.IsPrivate,
            Deobfuscated = ioc.Deobfuscated,
            Event = commandEvent,
        };

        private sealed class DeobfuscatedEntry
        {
            public DeobfuscatedEntry(string? decoded, string normalized, IocTypes types, Ioc[] found)
            {
                Decoded = decoded; Normalized = normalized; Types = types; Found = found;
            }
            public string? Decoded { get; }
            public string Normalized { get; }
            public IocTypes Types { get; }
            public Ioc[] Found { get; }
        }

        private sealed class MemoEntry
        {
            public MemoEntry(string text, IocTypes types, Ioc[] found) { Text = text; Types = types; Found = found; }
            public string Text { get; }
            public IocTypes Types { get; }
            public Ioc[] Found { get; }
        }
    }
}

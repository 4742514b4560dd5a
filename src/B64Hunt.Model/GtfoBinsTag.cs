using System.Collections.Generic;

namespace B64Hunt.Model
{
    /// <summary>A GTFOBins binary that a command invokes, with what it can be abused for.</summary>
    public sealed class GtfoBinsTag
    {
        /// <summary>The GTFOBins entry name (aliases resolved), e.g. "vim".</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>The name as invoked in the command when it differs (an alias or path), e.g. "rvim".</summary>
        public string? InvokedAs { get; set; }

        /// <summary>Functions: shell, command, reverse-shell, bind-shell, file-write, file-read, upload, download, library-load, privilege-escalation, inherit.</summary>
        public IList<string> Functions { get => _functions ??= Over(_sharedFunctions); set => _functions = JoinedList.Wrap(value); } private IList<string>? _functions;

        /// <summary>Contexts the functions work in: unprivileged, sudo, suid, capabilities.</summary>
        public IList<string> Contexts { get => _contexts ??= Over(_sharedContexts); set => _contexts = JoinedList.Wrap(value); } private IList<string>? _contexts;

        /// <summary>Entries reached through GTFOBins 'inherit' (e.g. man → less).</summary>
        public IList<string> InheritsFrom { get => _inheritsFrom ??= Over(_sharedInherits); set => _inheritsFrom = JoinedList.Wrap(value); } private IList<string>? _inheritsFrom;

        /// <summary>The GTFOBins page.</summary>
        public string Url { get; set; } = string.Empty;

        // The arrays OverShared was given: a list over one is made when first read (most tags are never read).
        private string[]? _sharedFunctions, _sharedContexts, _sharedInherits;

        /// <summary>
        /// A tag whose lists read the given arrays, which nobody may change afterwards, until a list is changed (then it
        /// is copied, as <see cref="JoinedList{T}.OverShared"/>): the GTFOBins tagger makes one per event from the
        /// arrays of the entry, so a million events do not cost three million lists.
        /// </summary>
        public static GtfoBinsTag OverShared(string name, string? invokedAs, string[] functions, string[] contexts, string[] inheritsFrom, string url) => new GtfoBinsTag
        {
            Name = name,
            InvokedAs = invokedAs,
            Url = url,
            _sharedFunctions = functions ?? throw new System.ArgumentNullException(nameof(functions)),
            _sharedContexts = contexts ?? throw new System.ArgumentNullException(nameof(contexts)),
            _sharedInherits = inheritsFrom ?? throw new System.ArgumentNullException(nameof(inheritsFrom)),
        };

        private static JoinedList<string> Over(string[]? shared) => shared == null ? new JoinedList<string>() : JoinedList<string>.OverShared(shared);

        public override string ToString() => Name;
    }
}

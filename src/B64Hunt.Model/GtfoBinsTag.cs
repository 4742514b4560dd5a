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
        public IList<string> Functions { get => _functions ??= new JoinedList<string>(); set => _functions = JoinedList.Wrap(value); } private IList<string>? _functions;

        /// <summary>Contexts the functions work in: unprivileged, sudo, suid, capabilities.</summary>
        public IList<string> Contexts { get => _contexts ??= new JoinedList<string>(); set => _contexts = JoinedList.Wrap(value); } private IList<string>? _contexts;

        /// <summary>Entries reached through GTFOBins 'inherit' (e.g. man → less).</summary>
        public IList<string> InheritsFrom { get => _inheritsFrom ??= new JoinedList<string>(); set => _inheritsFrom = JoinedList.Wrap(value); } private IList<string>? _inheritsFrom;

        /// <summary>The GTFOBins page.</summary>
        public string Url { get; set; } = string.Empty;

        public override string ToString() => Name;
    }
}

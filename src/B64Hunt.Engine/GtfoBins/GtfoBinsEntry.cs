using System.Collections.Generic;

namespace B64Hunt.GtfoBins
{
    /// <summary>One GTFOBins executable: its functions, the contexts they work in and the entries it inherits from.</summary>
    public sealed class GtfoBinsEntry
    {
        public GtfoBinsEntry(string name, IReadOnlyList<string> functions, IReadOnlyList<string> contexts, IReadOnlyList<string> inherits)
        {
            Name = name;
            Functions = functions;
            Contexts = contexts;
            Inherits = inherits;
        }

        /// <summary>The executable's name, exactly as GTFOBins names the page (ld.so, g++ is an alias, R).</summary>
        public string Name { get; }

        /// <summary>Its own functions, in GTFOBins order.</summary>
        public IReadOnlyList<string> Functions { get; }

        /// <summary>unprivileged, sudo, suid, capabilities: those any of its examples work in.</summary>
        public IReadOnlyList<string> Contexts { get; }

        /// <summary>Entries its 'inherit' examples name (direct only), e.g. less for man.</summary>
        public IReadOnlyList<string> Inherits { get; }

        public override string ToString() => Name;
    }
}

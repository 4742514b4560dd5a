using System.Collections.Generic;

namespace B64Hunt.Model
{
    /// <summary>A GTFOBins function (shell, file-read, ...) with what it means and its MITRE ATT&amp;CK ids.</summary>
    public sealed class GtfoBinsFunction
    {
        public GtfoBinsFunction(string name, string label, string description, IReadOnlyList<string> mitre)
        {
            Name = name;
            Label = label;
            Description = description;
            Mitre = mitre;
        }

        /// <summary>The function key, e.g. "reverse-shell".</summary>
        public string Name { get; }

        /// <summary>The label GTFOBins shows, e.g. "Reverse shell".</summary>
        public string Label { get; }

        public string Description { get; }

        /// <summary>MITRE ATT&amp;CK technique ids GTFOBins gives the function (none for inherit).</summary>
        public IReadOnlyList<string> Mitre { get; }

        public override string ToString() => Name;
    }
}

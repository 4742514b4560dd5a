using B64Hunt.Model;

namespace B64Hunt.Intel
{
    /// <summary>One known-bad indicator from a local feed file.</summary>
    public sealed class LocalFeedEntry
    {
        public LocalFeedEntry(string type, string value, TiSeverity severity, string? description, string? reference, string source)
        {
            Type = type;
            Value = value;
            Severity = severity;
            Description = description;
            Reference = reference;
            Source = source;
        }

        public string Type { get; }
        public string Value { get; }
        public TiSeverity Severity { get; }
        public string? Description { get; }
        public string? Reference { get; }

        /// <summary>"file:line" of the entry.</summary>
        public string Source { get; }
    }
}

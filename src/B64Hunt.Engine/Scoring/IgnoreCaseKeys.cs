using System;
using System.Collections.Generic;
using B64Hunt.Model;

namespace B64Hunt.Scoring
{
    /// <summary>
    /// Case-insensitive equality for the scorer's compound keys (an indicator's type and value; a TI verdict's provider,
    /// type, value, status and severity). A tuple key costs no string per event, where joining the parts did.
    /// </summary>
    internal sealed class IgnoreCaseKeys :
        IEqualityComparer<(string Type, string Value)>,
        IEqualityComparer<(string Provider, string Type, string Value, TiStatus Status, TiSeverity Severity)>
    {
        public static readonly IgnoreCaseKeys Instance = new IgnoreCaseKeys();

        private static readonly StringComparer Text = StringComparer.OrdinalIgnoreCase;

        public bool Equals((string Type, string Value) x, (string Type, string Value) y) =>
            Text.Equals(x.Type, y.Type) && Text.Equals(x.Value, y.Value);

        public int GetHashCode((string Type, string Value) key) =>
            HashCode.Combine(Text.GetHashCode(key.Type ?? string.Empty), Text.GetHashCode(key.Value ?? string.Empty));

        public bool Equals((string Provider, string Type, string Value, TiStatus Status, TiSeverity Severity) x,
            (string Provider, string Type, string Value, TiStatus Status, TiSeverity Severity) y) =>
            x.Status == y.Status && x.Severity == y.Severity &&
            Text.Equals(x.Provider, y.Provider) && Text.Equals(x.Type, y.Type) && Text.Equals(x.Value, y.Value);

        public int GetHashCode((string Provider, string Type, string Value, TiStatus Status, TiSeverity Severity) key) =>
            HashCode.Combine(Text.GetHashCode(key.Provider ?? string.Empty), Text.GetHashCode(key.Type ?? string.Empty),
                Text.GetHashCode(key.Value ?? string.Empty), key.Status, key.Severity);
    }
}

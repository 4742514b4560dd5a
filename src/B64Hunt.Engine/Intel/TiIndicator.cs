using System;
using B64Hunt.Model;

namespace B64Hunt.Intel
{
    /// <summary>
    /// One indicator as the lookup sees it: its type and the value providers are asked about. Equal indicators
    /// (same type and value) are looked up once per provider, however many events carry them.
    /// </summary>
    public sealed class TiIndicator : IEquatable<TiIndicator>
    {
        public TiIndicator(string type, string value, bool isPrivate = false, Ioc? source = null)
        {
            Type = IndicatorTypes.Canonical(type);
            Value = IndicatorTypes.NormalizeValue(Type, value);
            IsPrivate = isPrivate;
            Source = source;
        }

        /// <summary>ipv4, ipv6, dns, hostname, url, md5_hash, sha1_hash, sha256_hash, email, ...</summary>
        public string Type { get; }

        /// <summary>The value sent to providers (re-fanged; hosts and hashes lower-cased).</summary>
        public string Value { get; }

        /// <summary>A private or reserved address or an internal name: never sent unless asked.</summary>
        public bool IsPrivate { get; }

        /// <summary>The first Ioc this indicator was seen as (the target of errors about it).</summary>
        public Ioc? Source { get; }

        /// <summary>"type|value": the dedupe and cache key within one provider.</summary>
        public string Key => Type + "|" + Value;

        public static TiIndicator FromIoc(Ioc ioc)
        {
            var value = string.IsNullOrWhiteSpace(ioc.Normalized) ? ioc.Value : ioc.Normalized;
            return new TiIndicator(ioc.Type, value, ioc.IsPrivate, ioc);
        }

        public bool Equals(TiIndicator? other) =>
            other != null && string.Equals(Type, other.Type, StringComparison.Ordinal) && string.Equals(Value, other.Value, StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as TiIndicator);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

        public override string ToString() => Type + ":" + Value;
    }
}

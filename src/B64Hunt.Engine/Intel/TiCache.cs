using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using B64Hunt.Errors;
using B64Hunt.Model;

namespace B64Hunt.Intel
{
    /// <summary>
    /// On-disk cache of provider answers (one JSON file, ti-cache.json, in the cache folder), keyed by
    /// provider, indicator type and value, with a time to live. Only answers are stored (Ok, NotFound): never
    /// failures, rate limits or keys. Saved atomically (temporary file, then rename) and merged with what
    /// another session may have saved meanwhile. Keys also name the provider's endpoint, so a test mirror's
    /// answers never stand for the real service's. On Unix the folder is made 0700 and the file 0600, and a
    /// cache file or folder another user owns or may write is refused (its answers could be planted), as are
    /// entries stored in the future.
    /// </summary>
    public sealed class TiCache
    {
        public const string FileName = "ti-cache.json";
        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions
        {
            WriteIndented = false,
            Converters = { new JsonStringEnumConverter() },
        };

        private readonly Dictionary<string, CacheEntry> _entries = new Dictionary<string, CacheEntry>(StringComparer.Ordinal);
        private readonly object _gate = new object();
        private readonly ITiClock _clock;
        private bool _dirty;
        private bool _untrusted;
        private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

        public TiCache(string directory, TimeSpan timeToLive, ITiClock? clock = null)
        {
            Directory = directory ?? throw new ArgumentNullException(nameof(directory));
            TimeToLive = timeToLive;
            _clock = clock ?? SystemTiClock.Instance;
        }

        public string Directory { get; }
        public string FilePath => Path.Combine(Directory, FileName);
        public TimeSpan TimeToLive { get; }

        /// <summary>Loads the cache file if there is one. A damaged file is ignored (and replaced on save), with a warning.</summary>
        public Problem? Load()
        {
            lock (_gate)
            {
                try
                {
                    string? distrust = CacheFileTrust.Check(Directory, FilePath);
                    if (distrust != null)
                    {
                        _untrusted = true;
                        return new Problem(ErrorIds.TiCacheUntrusted, ProblemKind.Warning,
                            $"The threat-intelligence cache '{FilePath}' is not used and will not be written: {distrust}. Every indicator is looked up afresh.", FilePath);
                    }
                    foreach (var pair in ReadFile()) _entries[pair.Key] = pair.Value;
                    return null;
                }
                catch (Exception ex) when (ex is IOException || ex is JsonException || ex is UnauthorizedAccessException)
                {
                    return new Problem(ErrorIds.TiCacheUnreadable, ProblemKind.Warning,
                        $"The threat-intelligence cache '{FilePath}' could not be read and will be rebuilt: {ex.Message}", FilePath, ex);
                }
            }
        }

        /// <summary>A fresh cached answer, marked Cached; null when there is none or it has expired.</summary>
        public TiResult? TryGet(string provider, TiIndicator indicator) => TryGet(provider, null, indicator);

        /// <summary>A fresh cached answer of <paramref name="provider"/> at <paramref name="endpoint"/>; null when none, expired or dated in the future.</summary>
        public TiResult? TryGet(string provider, Uri? endpoint, TiIndicator indicator)
        {
            lock (_gate)
            {
                if (TimeToLive <= TimeSpan.Zero) return null;
                if (!_entries.TryGetValue(Key(provider, endpoint, indicator), out var entry)) return null;
                var age = _clock.UtcNow - entry.StoredAt;
                if (age > TimeToLive || age < -ClockSkew) return null;
                return new TiResult
                {
                    Provider = provider,
                    Ioc = indicator.Value,
                    IocType = indicator.Type,
                    Severity = entry.Severity,
                    Details = entry.Details,
                    Reference = entry.Reference,
                    Status = entry.Status,
                    Cached = true,
                    Raw = entry.Raw,
                };
            }
        }

        public void Store(TiResult result) => Store(result, null);

        /// <summary>Keeps an answer (Ok or NotFound only) of the provider at <paramref name="endpoint"/>.</summary>
        public void Store(TiResult result, Uri? endpoint)
        {
            if (result.Status != TiStatus.Ok && result.Status != TiStatus.NotFound) return;
            lock (_gate)
            {
                _entries[Key(result.Provider, endpoint, new TiIndicator(result.IocType, result.Ioc))] = new CacheEntry
                {
                    Severity = result.Severity,
                    Details = result.Details,
                    Reference = result.Reference,
                    Status = result.Status,
                    StoredAt = _clock.UtcNow,
                    Raw = result.Raw,
                };
                _dirty = true;
            }
        }

        /// <summary>Writes new answers to disk (merged with the file as it is now, expired entries dropped).</summary>
        public Problem? Save()
        {
            lock (_gate)
            {
                if (!_dirty || _untrusted) return null;
                try
                {
                    if (!System.IO.Directory.Exists(Directory))
                    {
                        System.IO.Directory.CreateDirectory(Directory);
                        CacheFileTrust.RestrictToOwner(Directory, directory: true);
                    }
                    string? distrust = CacheFileTrust.Check(Directory, FilePath);
                    if (distrust != null)
                    {
                        _untrusted = true;
                        return new Problem(ErrorIds.TiCacheUntrusted, ProblemKind.Warning,
                            $"The threat-intelligence cache '{FilePath}' was not written: {distrust}.", FilePath);
                    }
                    var merged = new Dictionary<string, CacheEntry>(StringComparer.Ordinal);
                    try
                    {
                        foreach (var pair in ReadFile()) merged[pair.Key] = pair.Value;
                    }
                    catch (JsonException)
                    {
                        // A damaged file is replaced.
                    }
                    foreach (var pair in _entries)
                    {
                        if (!merged.TryGetValue(pair.Key, out var other) || other.StoredAt <= pair.Value.StoredAt) merged[pair.Key] = pair.Value;
                    }
                    var now = _clock.UtcNow;
                    // Entries older than a week are of no use to any TTL a user is likely to pick.
                    var keepFor = TimeToLive > TimeSpan.FromDays(7) ? TimeToLive : TimeSpan.FromDays(7);
                    var kept = new Dictionary<string, CacheEntry>(StringComparer.Ordinal);
                    foreach (var pair in merged)
                    {
                        if (now - pair.Value.StoredAt <= keepFor) kept[pair.Key] = pair.Value;
                    }
                    var temp = Path.Combine(Directory, FileName + "." + Guid.NewGuid().ToString("N") + ".tmp");
                    // Created empty and made owner-only before any answer is written into it.
                    using (File.Create(temp)) { }
                    CacheFileTrust.RestrictToOwner(temp, directory: false);
                    File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(kept, Json));
                    if (File.Exists(FilePath)) File.Replace(temp, FilePath, null);
                    else File.Move(temp, FilePath);
                    _dirty = false;
                    return null;
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    return new Problem(ErrorIds.TiCacheUnwritable, ProblemKind.Warning,
                        $"The threat-intelligence cache '{FilePath}' could not be written: {ex.Message}", FilePath, ex);
                }
            }
        }

        private Dictionary<string, CacheEntry> ReadFile()
        {
            if (!File.Exists(FilePath)) return new Dictionary<string, CacheEntry>();
            var bytes = File.ReadAllBytes(FilePath);
            if (bytes.Length == 0) return new Dictionary<string, CacheEntry>();
            var entries = JsonSerializer.Deserialize<Dictionary<string, CacheEntry>>(bytes, Json) ?? new Dictionary<string, CacheEntry>();
            // An answer dated in the future would never expire: it was planted, or written by a clock gone wrong.
            var latest = _clock.UtcNow + ClockSkew;
            var kept = new Dictionary<string, CacheEntry>(StringComparer.Ordinal);
            foreach (var pair in entries)
            {
                if (pair.Value != null && pair.Value.StoredAt <= latest) kept[pair.Key] = pair.Value;
            }
            return kept;
        }

        // The endpoint is part of the key: answers from a mirror or test server are not the real service's.
        private static string Key(string provider, Uri? endpoint, TiIndicator indicator) =>
            provider + (endpoint != null ? "@" + endpoint.AbsoluteUri.TrimEnd('/') : "") + "|" + indicator.Type + "|" + indicator.Value;

        /// <summary>The stored form of one answer.</summary>
        internal sealed class CacheEntry
        {
            public TiSeverity Severity { get; set; }
            public string? Details { get; set; }
            public string? Reference { get; set; }
            public TiStatus Status { get; set; }
            public DateTimeOffset StoredAt { get; set; }
            public string? Raw { get; set; }
        }
    }
}

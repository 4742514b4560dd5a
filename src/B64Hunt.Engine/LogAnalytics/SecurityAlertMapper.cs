using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using B64Hunt.Model;

namespace B64Hunt.LogAnalytics
{
    /// <summary>
    /// Turns a SecurityAlert row (a name → value map from the query API, a CSV export or a JSON export) into
    /// RelatedAlerts, one per hunted host the alert names.
    /// </summary>
    public static class SecurityAlertMapper
    {
        /// <summary>The SecurityAlert columns the query asks for and the readers look for.</summary>
        public static readonly IReadOnlyList<string> Columns = new[]
        {
            "TimeGenerated", "AlertName", "AlertSeverity", "Description", "CompromisedEntity", "Entities", "ExtendedProperties",
            "SystemAlertId", "ProviderName", "Tactics", "Techniques", "StartTime", "EndTime", "AlertLink", "Status",
        };

        /// <summary>
        /// One RelatedAlert per host in <paramref name="hosts"/> the alert names (HuntedHost = that hunted host, Computer =
        /// the alert's own host, so web1.fabrikam.com is never rewritten to a hunted web1.contoso.com). With no
        /// hosts, one RelatedAlert for the host the alert itself names (CompromisedEntity, else the "Compromised Host"
        /// extended property, else the first host entity).
        /// </summary>
        public static IEnumerable<RelatedAlert> Match(IReadOnlyDictionary<string, object?> row, IReadOnlyCollection<string> hosts, string source)
        {
            var entities = Text(row, "Entities");
            var extended = Text(row, "ExtendedProperties");
            var compromised = Text(row, "CompromisedEntity");
            if (hosts.Count == 0)
            {
                yield return Create(row, AlertHost(compromised, extended, entities), source);
                yield break;
            }
            List<string>? named = null;
            foreach (var host in hosts)
            {
                if (!AlertHostMatcher.Matches(host, entities, extended, compromised)) continue;
                named ??= AlertHosts(compromised, extended, entities);
                var alert = Create(row, OwnHostFor(host, named) ?? host, source);
                alert.HuntedHost = host;
                yield return alert;
            }
        }

        /// <summary>
        /// Of the hosts the alert names, the one the hunted host was matched by: the same machine (HostNames.Match) first,
        /// else the first that merely shares a search term (web1.fabrikam.com for web1.contoso.com: kept, so scoring can refuse it).
        /// </summary>
        private static string? OwnHostFor(string hunted, List<string> named)
        {
            foreach (var name in named) if (B64Hunt.Scoring.HostNames.Match(hunted, name)) return name;
            foreach (var name in named)
            {
                foreach (var term in AlertHostMatcher.SearchTerms(hunted)) if (AlertHostMatcher.Has(name, term)) return name;
            }
            return null;
        }

        /// <summary>Every host the alert names: CompromisedEntity, the "Compromised Host" extended property, each host entity.</summary>
        internal static List<string> AlertHosts(string? compromised, string? extendedProperties, string? entities)
        {
            var hosts = new List<string>();
            if (!string.IsNullOrWhiteSpace(compromised)) hosts.Add(compromised!.Trim());
            var fromExtended = ReadJson(extendedProperties, root =>
                root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Compromised Host", out var h) && h.ValueKind == JsonValueKind.String
                    ? h.GetString() : null);
            if (!string.IsNullOrWhiteSpace(fromExtended)) hosts.Add(fromExtended!.Trim());
            ReadJson(entities, root =>
            {
                if (root.ValueKind != JsonValueKind.Array) return null;
                foreach (var entity in root.EnumerateArray())
                {
                    string? name = HostEntityName(entity);
                    if (name != null) hosts.Add(name);
                }
                return null;
            });
            return hosts;
        }

        private static string? HostEntityName(JsonElement entity)
        {
            if (entity.ValueKind != JsonValueKind.Object) return null;
            var type = entity.TryGetProperty("Type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (!string.Equals(type, "host", StringComparison.OrdinalIgnoreCase)) return null;
            var name = entity.TryGetProperty("HostName", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            if (string.IsNullOrEmpty(name)) return null;
            var domain = entity.TryGetProperty("DnsDomain", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            return string.IsNullOrEmpty(domain) ? name : name + "." + domain;
        }

        /// <summary>The alert's own host: CompromisedEntity, the "Compromised Host" extended property, or the first host entity.</summary>
        internal static string? AlertHost(string? compromised, string? extendedProperties, string? entities)
        {
            if (!string.IsNullOrWhiteSpace(compromised)) return compromised!.Trim();
            var fromExtended = ReadJson(extendedProperties, root =>
                root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Compromised Host", out var h) && h.ValueKind == JsonValueKind.String
                    ? h.GetString() : null);
            if (!string.IsNullOrWhiteSpace(fromExtended)) return fromExtended;
            return ReadJson(entities, root =>
            {
                if (root.ValueKind != JsonValueKind.Array) return null;
                foreach (var entity in root.EnumerateArray())
                {
                    string? name = HostEntityName(entity);
                    if (name != null) return name;
                }
                return null;
            });
        }

        private static string? ReadJson(string? json, Func<JsonElement, string?> read)
        {
            if (string.IsNullOrWhiteSpace(json)) return null;
            try
            {
                using var document = JsonDocument.Parse(json!);
                return read(document.RootElement);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        // Alert text is data (an attacker can name things that end up in alerts): neutralised like event strings.
        internal static RelatedAlert Create(IReadOnlyDictionary<string, object?> row, string? host, string source)
        {
            string severity = B64Hunt.Text.DataText.Neutralize(Text(row, "AlertSeverity") ?? Text(row, "Severity") ?? string.Empty);
            return Create(row, host, source, severity);
        }

        private static RelatedAlert Create(IReadOnlyDictionary<string, object?> row, string? host, string source, string severity) => new RelatedAlert
        {
            // A plain Export-Csv of RelatedAlerts writes the exact time in *Utc beside the culture-formatted one.
            TimeGenerated = Time(row, "TimeGeneratedUtc") ?? Time(row, "TimeGenerated"),
            Computer = B64Hunt.Text.DataText.NeutralizeOrNull(host),
            AlertName = B64Hunt.Text.DataText.Neutralize(Text(row, "AlertName") ?? Text(row, "DisplayName") ?? string.Empty),
            Severity = AlertSeverities.Parse(severity),
            SeverityText = severity,
            Description = B64Hunt.Text.DataText.NeutralizeOrNull(Text(row, "Description")),
            Tactics = B64Hunt.Text.DataText.NeutralizeOrNull(Text(row, "Tactics")),
            Techniques = B64Hunt.Text.DataText.NeutralizeOrNull(Text(row, "Techniques")),
            SystemAlertId = B64Hunt.Text.DataText.NeutralizeOrNull(Text(row, "SystemAlertId")),
            ProviderName = B64Hunt.Text.DataText.NeutralizeOrNull(Text(row, "ProviderName")),
            CompromisedEntity = B64Hunt.Text.DataText.NeutralizeOrNull(Text(row, "CompromisedEntity")),
            StartTime = Time(row, "StartTimeUtc") ?? Time(row, "StartTime"),
            EndTime = Time(row, "EndTimeUtc") ?? Time(row, "EndTime"),
            Source = B64Hunt.Text.DataText.Neutralize(source),
            Entities = B64Hunt.Text.DataText.NeutralizeOrNull(Text(row, "Entities")),
            ExtendedProperties = B64Hunt.Text.DataText.NeutralizeOrNull(Text(row, "ExtendedProperties")),
            AlertLink = B64Hunt.Text.DataText.NeutralizeOrNull(Text(row, "AlertLink")),
            Status = B64Hunt.Text.DataText.NeutralizeOrNull(Text(row, "Status")),
        };

        internal static string? Text(IReadOnlyDictionary<string, object?> row, string name)
        {
            if (!row.TryGetValue(name, out var value) || value == null) return null;
            var text = value switch
            {
                string s => s,
                KqlDynamic d => d.Json,
                DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            return string.IsNullOrEmpty(text) ? null : text;
        }

        internal static DateTime? Time(IReadOnlyDictionary<string, object?> row, string name)
        {
            if (!row.TryGetValue(name, out var value) || value == null) return null;
            if (value is DateTime time) return LogAnalyticsQueryClient.ToUtc(time);
            var text = value.ToString();
            if (string.IsNullOrWhiteSpace(text)) return null;
            // Exports write ISO 8601 ("2024-05-01T10:00:00.123Z") or the portal's "5/1/2024, 10:00:00.123 AM".
            return Sources.Rows.CellTime.Parse(text) ?? throw new FormatException("'" + text + "' in " + name + " is not a date and time.");
        }
    }
}

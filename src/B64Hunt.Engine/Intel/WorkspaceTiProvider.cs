using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.Errors;
using B64Hunt.LogAnalytics;
using B64Hunt.Model;
using B64Hunt.Reporting;

namespace B64Hunt.Intel
{
    /// <summary>
    /// The threat intelligence an organisation already keeps in its Sentinel workspace (msticpy's AzSTI provider):
    /// ThreatIntelIndicators (STIX), or the older ThreatIntelligenceIndicator where the workspace has no such table.
    /// Indicators are asked about in batches (has_any, then an exact match here), through the Log Analytics client,
    /// before the per-indicator lookups, which then answer from memory. Nothing leaves the organisation, so private
    /// indicators are asked about too and nothing is cached. Only active, unexpired, not deleted indicators count;
    /// severity from their confidence (0 to 100): none given or 75 and over → high, 25 to 74 → medium, under 25 → low.
    /// </summary>
    public sealed class WorkspaceTiProvider : ITiProvider, ITiBatchProvider
    {
        public const string CurrentTable = "ThreatIntelIndicators";
        public const string LegacyTable = "ThreatIntelligenceIndicator";

        /// <summary>Values per query: keeps the query text far below the service's limits.</summary>
        public const int BatchSize = 200;

        private static readonly string[] Types =
        {
            IndicatorTypes.IPv4, IndicatorTypes.IPv6, IndicatorTypes.Dns, IndicatorTypes.Hostname, IndicatorTypes.Url,
            IndicatorTypes.Md5, IndicatorTypes.Sha1, IndicatorTypes.Sha256, IndicatorTypes.FileHash, "email",
        };

        // The legacy table spreads an indicator's value over one column per kind.
        private static readonly string[] LegacyValueColumns =
        {
            "NetworkIP", "NetworkSourceIP", "NetworkDestinationIP", "DomainName", "Url", "FileHashValue", "EmailSenderAddress",
        };

        private readonly LogAnalyticsQueryClient _client;
        private readonly Guid _workspaceId;
        private readonly Dictionary<string, TiResult> _found = new Dictionary<string, TiResult>(StringComparer.OrdinalIgnoreCase);
        private string? _failure;
        private bool _failureReported;

        public WorkspaceTiProvider(LogAnalyticsQueryClient client, Guid workspaceId)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _workspaceId = workspaceId;
        }

        public string Name => TiProviderNames.Workspace;
        public IReadOnlyList<string> SupportedTypes => Types;
        public bool SendsRequests => false;
        public string Pacing => "batched (" + BatchSize + " a query)";

        /// <summary>The table the answers came from, once known.</summary>
        public string? Table { get; private set; }

        public bool Supports(string indicatorType) => Array.IndexOf(Types, IndicatorTypes.Canonical(indicatorType)) >= 0;

        public async Task PrefetchAsync(IReadOnlyList<TiIndicator> indicators, IHuntReporter reporter, CancellationToken cancellationToken)
        {
            var wanted = indicators.Where(i => Supports(i.Type)).ToList();
            for (var i = 0; i < wanted.Count && _failure == null; i += BatchSize)
            {
                var batch = wanted.Skip(i).Take(BatchSize).ToList();
                try
                {
                    await QueryBatchAsync(batch, reporter, cancellationToken).ConfigureAwait(false);
                }
                catch (LogAnalyticsException ex)
                {
                    _failure = ex.Message;
                }
            }
        }

        public Task<TiLookupOutcome> LookupAsync(TiIndicator indicator, IHuntReporter reporter, CancellationToken cancellationToken)
        {
            if (!Supports(indicator.Type))
            {
                return Task.FromResult(new TiLookupOutcome(Result(indicator, TiStatus.Unsupported, TiSeverity.Unknown, $"{Name} does not support {indicator.Type} indicators.")));
            }
            if (_found.TryGetValue(indicator.Key, out var hit)) return Task.FromResult(new TiLookupOutcome(Copy(hit, indicator)));
            if (_failure != null)
            {
                var message = $"{Name}: the workspace's threat-intelligence table could not be queried: {_failure}";
                var failed = Result(indicator, TiStatus.Failed, TiSeverity.Unknown, message);
                // One error for the run, not one per indicator.
                var problem = _failureReported ? null : new Problem(ErrorIds.TiWorkspaceQueryFailed, ProblemKind.ConnectionError, message, (object?)indicator.Source ?? indicator.ToString());
                _failureReported = true;
                return Task.FromResult(new TiLookupOutcome(failed, problem));
            }
            return Task.FromResult(new TiLookupOutcome(Result(indicator, TiStatus.NotFound, TiSeverity.Unknown,
                $"No active indicator in the workspace's {Table ?? CurrentTable}.")));
        }

        private async Task QueryBatchAsync(IReadOnlyList<TiIndicator> batch, IHuntReporter reporter, CancellationToken cancellationToken)
        {
            var byValue = new Dictionary<string, List<TiIndicator>>(StringComparer.OrdinalIgnoreCase);
            foreach (var indicator in batch)
            {
                if (!byValue.TryGetValue(indicator.Value, out var list)) byValue[indicator.Value] = list = new List<TiIndicator>();
                list.Add(indicator);
            }
            var values = byValue.Keys.ToList();
            if (Table != LegacyTable)
            {
                try
                {
                    var result = await _client.QueryAsync(_workspaceId, CurrentQuery(values), null, null, cancellationToken).ConfigureAwait(false);
                    Table = CurrentTable;
                    Collect(result.PrimaryTable, new[] { "ObservableValue" }, byValue);
                    return;
                }
                catch (LogAnalyticsException ex) when (IsMissingTable(ex, CurrentTable))
                {
                    reporter.Verbose($"{Name}: the workspace has no {CurrentTable} table; asking {LegacyTable}.");
                    Table = LegacyTable;
                }
            }
            var legacy = await _client.QueryAsync(_workspaceId, LegacyQuery(values), null, null, cancellationToken).ConfigureAwait(false);
            Collect(legacy.PrimaryTable, LegacyValueColumns, byValue);
        }

        internal static bool IsMissingTable(LogAnalyticsException ex, string table) =>
            ex.Status == 400 && ex.Message.IndexOf(table, StringComparison.OrdinalIgnoreCase) >= 0
            && ex.Message.IndexOf("resolve", StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>The STIX table: the newest version of each indicator whose value is asked about, if it is still live.</summary>
        public static string CurrentQuery(IReadOnlyCollection<string> values) =>
            CurrentTable + "\n" +
            "| where ObservableValue has_any (" + List(values) + ")\n" +
            "| summarize arg_max(TimeGenerated, *) by Id\n" +
            "| where IsActive == true and IsDeleted == false and (isnull(ValidUntil) or ValidUntil > now())\n" +
            "| project Id, ObservableKey, ObservableValue, Confidence, Name = tostring(Data.name), Description = tostring(Data.description), " +
            "Labels = tostring(Data.labels), ValidUntil, SourceSystem";

        public static string LegacyQuery(IReadOnlyCollection<string> values)
        {
            var list = List(values);
            return LegacyTable + "\n" +
                   "| where " + string.Join(" or ", LegacyValueColumns.Select(c => c + " has_any (" + list + ")")) + "\n" +
                   "| summarize arg_max(TimeGenerated, *) by IndicatorId\n" +
                   "| where Active == true and ExpirationDateTime > now()\n" +
                   "| project IndicatorId, " + string.Join(", ", LegacyValueColumns) + ", ConfidenceScore, Description, ThreatType, Tags, ExpirationDateTime, SourceSystem";
        }

        private static string List(IEnumerable<string> values) => "dynamic([" + string.Join(", ", values.Select(KqlLiteral.String)) + "])";

        /// <summary>has_any matches terms, so a row may be about a longer value: only exact values are taken.</summary>
        private void Collect(QueryTable table, IReadOnlyList<string> valueColumns, Dictionary<string, List<TiIndicator>> byValue)
        {
            for (var r = 0; r < table.Rows.Count; r++)
            {
                var row = table.GetRowDictionary(r);
                foreach (var column in valueColumns)
                {
                    var value = Text(row, column);
                    if (value == null || !byValue.TryGetValue(value, out var indicators)) continue;
                    foreach (var indicator in indicators)
                    {
                        var candidate = FromRow(indicator, row);
                        // Several live indicators for one value: the most severe one speaks.
                        if (!_found.TryGetValue(indicator.Key, out var known) || candidate.Severity > known.Severity) _found[indicator.Key] = candidate;
                    }
                }
            }
        }

        private TiResult FromRow(TiIndicator indicator, IReadOnlyDictionary<string, object?> row)
        {
            var confidence = Number(row, "Confidence") ?? Number(row, "ConfidenceScore");
            var details = new StringBuilder();
            Append(details, "name", Text(row, "Name"));
            Append(details, "confidence", confidence?.ToString(CultureInfo.InvariantCulture));
            Append(details, "threat", Text(row, "ThreatType") ?? Text(row, "Labels"));
            Append(details, "description", Text(row, "Description"));
            Append(details, "source", Text(row, "SourceSystem"));
            Append(details, "table", Table);
            var result = Result(indicator, TiStatus.Ok, Severity(confidence), details.ToString());
            result.Raw = JsonSerializer.Serialize(row.ToDictionary(p => p.Key, p => Text(row, p.Key)));
            return result;
        }

        public static TiSeverity Severity(double? confidence)
        {
            if (confidence == null || confidence.Value >= 75) return TiSeverity.High;
            return confidence.Value >= 25 ? TiSeverity.Medium : TiSeverity.Low;
        }

        private static void Append(StringBuilder sb, string label, string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            if (sb.Length > 0) sb.Append("; ");
            sb.Append(label).Append('=').Append(value);
        }

        private static string? Text(IReadOnlyDictionary<string, object?> row, string column) => SecurityAlertMapper.Text(row, column);

        private static double? Number(IReadOnlyDictionary<string, object?> row, string column) =>
            double.TryParse(Text(row, column), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : (double?)null;

        private TiResult Result(TiIndicator indicator, TiStatus status, TiSeverity severity, string? details) => new TiResult
        {
            Provider = Name, Ioc = indicator.Value, IocType = indicator.Type, Severity = severity, Details = details, Status = status,
        };

        private static TiResult Copy(TiResult hit, TiIndicator indicator) => new TiResult
        {
            Provider = hit.Provider, Ioc = indicator.Value, IocType = indicator.Type, Severity = hit.Severity, Details = hit.Details,
            Status = hit.Status, Raw = hit.Raw,
        };
    }
}

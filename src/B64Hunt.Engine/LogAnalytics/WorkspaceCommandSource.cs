using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.Reporting;
using B64Hunt.Errors;
using B64Hunt.Model;
using B64Hunt.QueryEngines;

namespace B64Hunt.LogAnalytics
{
    /// <summary>
    /// Get-B64Command -WorkspaceId's engine: builds the KQL for the table, runs it with split-and-retry over the
    /// window, and maps the result rows to <see cref="WorkspaceRow"/>s. Failures and partial results are reported as
    /// <see cref="Problem"/>s (stable LogAnalytics* ids in <see cref="B64Hunt.Errors.ErrorIds"/>); nothing is thrown but cancellation.
    /// </summary>
    public sealed class WorkspaceCommandSource
    {
        private readonly LogAnalyticsQueryClient? _client;
        private readonly IQueryEngine? _engine;

        /// <summary>Hunts the workspace the query names.</summary>
        public WorkspaceCommandSource(LogAnalyticsQueryClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

        /// <summary>Hunts another engine (Defender XDR, Azure Data Explorer) with the same tables and KQL.</summary>
        public WorkspaceCommandSource(IQueryEngine engine) => _engine = engine ?? throw new ArgumentNullException(nameof(engine));

        /// <summary>A result with this many rows counts as cut at the service's record limit (tests lower it); null = the engine's.</summary>
        internal int? RowLimit { get; set; }

        /// <summary>The clock the retention check reads (tests pin it).</summary>
        internal Func<DateTime> UtcNow { get; set; } = () => DateTime.UtcNow;

        /// <summary>
        /// Runs the hunt. <paramref name="onRow"/> and <paramref name="reporter"/> are called
        /// on the worker running the query, in order; rows stream piece by piece (summarized rows come at the end,
        /// merged across pieces).
        /// </summary>
        /// <exception cref="OperationCanceledException">Cancelled.</exception>
        public async Task<WorkspaceQuerySummary> QueryAsync(WorkspaceQuery query, Action<WorkspaceRow> onRow, IHuntReporter reporter, CancellationToken cancellationToken)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            var summary = new WorkspaceQuerySummary();
            var engine = _engine ?? new LogAnalyticsQueryEngine(_client!, query.WorkspaceId);
            var source = engine.Source;
            var summarize = query.Summarize;
            var clamped = RetentionWindow.Clamp(engine, query.Start, query.End, UtcNow(), reporter);
            if (clamped == null)
            {
                reporter.Verbose(engine.ServiceName + " " + source + ": " + summary + ".");
                return summary;
            }
            var start = clamped.Value;
            if (summarize && !WorkspaceKql.CanSummarize(query.Table))
            {
                reporter.Problem(new Problem(ErrorIds.LogAnalyticsSummarizeNotSupported, ProblemKind.Warning,
                    "-Summarize cannot aggregate " + query.Table + " rows on the service (" +
                    (query.Table == WorkspaceTable.Auditd ? "auditd arguments are hex-encoded and span records" : "the columns of a custom query are unknown") +
                    "); querying the rows instead.", source));
                summarize = false;
            }

            Func<DateTime, DateTime, string> build = (s, e) => WorkspaceKql.Build(query.Table, summarize, s, e, query.Query);
            summary.Kql = build(start, query.End);
            reporter.Verbose("KQL for " + query.Table + (summarize ? " (summarized)" : string.Empty) + ":\n" + summary.Kql);

            var runner = new TimeSplittingQueryRunner(engine);
            if (RowLimit.HasValue) runner.RowLimit = RowLimit.Value;
            var merged = summarize ? new Dictionary<string, WorkspaceRow>(StringComparer.Ordinal) : null;
            var mergedOrder = new List<string>();
            var noCommandColumnReported = false;
            try
            {
                await runner.RunAsync(build, start, query.End, table =>
                {
                    var map = RowMap.For(table);
                    if (!map.HasCommand)
                    {
                        if (!noCommandColumnReported && table.Rows.Count > 0)
                        {
                            noCommandColumnReported = true;
                            reporter.Problem(new Problem(ErrorIds.LogAnalyticsNoCommandLineColumn, ProblemKind.InvalidData,
                                "The query returned no command-line column; return one named CommandLine, ProcessCommandLine, cmdline or " +
                                "SyslogMessage (columns: " + string.Join(", ", ColumnNames(table)) + ").", source));
                        }
                        return;
                    }
                    foreach (var values in table.Rows)
                    {
                        var row = map.Read(values, source);
                        if (row == null) continue;
                        if (merged != null)
                        {
                            Merge(merged, mergedOrder, row);
                            continue;
                        }
                        summary.Rows++;
                        onRow(row);
                    }
                }, reporter, cancellationToken).ConfigureAwait(false);
            }
            catch (LogAnalyticsException ex)
            {
                reporter.Problem(ex.ToProblem(source));
            }
            finally
            {
                summary.PiecesQueried = runner.PiecesQueried;
                summary.Splits = runner.Splits;
            }

            if (merged != null)
            {
                foreach (var key in mergedOrder)
                {
                    summary.Rows++;
                    onRow(merged[key]);
                }
            }
            reporter.Verbose((_engine == null ? "Workspace " + query.WorkspaceId : engine.ServiceName + " " + source) + ": " + summary + ".");
            return summary;
        }

        private static IEnumerable<string> ColumnNames(QueryTable table)
        {
            foreach (var column in table.Columns) yield return column.Name;
        }

        /// <summary>A command line aggregated in several pieces becomes one row: counts added, hosts united, times widened.</summary>
        private static void Merge(Dictionary<string, WorkspaceRow> merged, List<string> order, WorkspaceRow row)
        {
            var key = row.CommandLine ?? string.Empty;
            if (!merged.TryGetValue(key, out var existing))
            {
                merged[key] = row;
                order.Add(key);
                return;
            }
            existing.EventCount += row.EventCount;
            var hosts = new HashSet<string>(existing.Hostnames, StringComparer.OrdinalIgnoreCase);
            foreach (var host in row.Hostnames)
            {
                if (hosts.Add(host)) existing.Hostnames.Add(host);
            }
            existing.TotalHosts = Math.Max(Math.Max(existing.TotalHosts, row.TotalHosts), existing.Hostnames.Count);
            if (row.FirstSeen.HasValue && (!existing.FirstSeen.HasValue || row.FirstSeen < existing.FirstSeen)) existing.FirstSeen = row.FirstSeen;
            if (row.LastSeen.HasValue && (!existing.LastSeen.HasValue || row.LastSeen > existing.LastSeen)) existing.LastSeen = row.LastSeen;
            existing.TimeGenerated = existing.LastSeen;
        }

        /// <summary>Where a table keeps the fields of a WorkspaceRow (names of the built-in queries, MDE and ASIM).</summary>
        private sealed class RowMap
        {
            private int _time, _computer, _account, _command, _syslog, _count, _hosts, _totalHosts, _first, _last;

            public bool HasCommand => _command >= 0 || _syslog >= 0;

            public static RowMap For(QueryTable table) => new RowMap
            {
                _time = table.GetOrdinal("TimeGenerated", "Timestamp", "TimeCreated"),
                _computer = table.GetOrdinal("Computer", "DeviceName", "HostName", "Hostname", "DvcHostname"),
                _account = table.GetOrdinal("Account", "AccountName", "TargetUsername", "User", "UserName"),
                _command = table.GetOrdinal("CommandLine", "ProcessCommandLine", "cmdline", "TargetProcessCommandLine"),
                _syslog = table.GetOrdinal("SyslogMessage"),
                _count = table.GetOrdinal("EventCount", "CommandCount", "count_"),
                _hosts = table.GetOrdinal("Hostnames"),
                _totalHosts = table.GetOrdinal("TotalHosts"),
                _first = table.GetOrdinal("FirstSeen"),
                _last = table.GetOrdinal("LastSeen"),
            };

            public WorkspaceRow? Read(object?[] values, string source)
            {
                var command = Text(values, _command);
                var syslog = Text(values, _syslog);
                if (string.IsNullOrEmpty(command) && string.IsNullOrEmpty(syslog)) return null;
                var row = new WorkspaceRow
                {
                    TimeGenerated = Time(values, _time),
                    Computer = Text(values, _computer),
                    Account = Text(values, _account),
                    CommandLine = string.IsNullOrEmpty(command) ? null : command,
                    SyslogMessage = _command >= 0 ? null : syslog,
                    Source = source,
                    FirstSeen = Time(values, _first),
                    LastSeen = Time(values, _last),
                };
                if (_count >= 0)
                {
                    row.IsSummarized = true;
                    row.EventCount = Number(values, _count) ?? 1;
                }
                if (_hosts >= 0)
                {
                    row.IsSummarized = true;
                    switch (At(values, _hosts))
                    {
                        case KqlDynamic dynamic: row.Hostnames = dynamic.ToStringList(); break;
                        case string text when text.Length > 0: row.Hostnames = new KqlDynamic(text).ToStringList(); break;
                    }
                }
                row.TotalHosts = Number(values, _totalHosts) ?? row.Hostnames.Count;
                if (row.IsSummarized)
                {
                    row.TimeGenerated ??= row.LastSeen;
                    if (row.Computer == null && row.Hostnames.Count == 1) row.Computer = row.Hostnames[0];
                }
                return row;
            }

            private static object? At(object?[] values, int ordinal) => ordinal >= 0 && ordinal < values.Length ? values[ordinal] : null;

            private static string? Text(object?[] values, int ordinal) => At(values, ordinal) switch
            {
                null => null,
                string s => s,
                KqlDynamic d => d.Json,
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString(),
            };

            private static DateTime? Time(object?[] values, int ordinal) => At(values, ordinal) switch
            {
                DateTime d => d,
                string s => Sources.Rows.CellTime.Parse(s),
                _ => null,
            };

            private static long? Number(object?[] values, int ordinal) => At(values, ordinal) switch
            {
                long l => l,
                int i => i,
                double d => (long)d,
                decimal m => (long)m,
                string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => null,
            };
        }
    }
}

using System;
using System.Collections.Generic;
using B64Hunt.Classification;
using B64Hunt.Errors;
using B64Hunt.Model;
using B64Hunt.Sources;

namespace B64Hunt.Scoring
{
    /// <summary>
    /// Groups CommandEvents by decoded command into ranked <see cref="CommandScore"/>s (the notebook's scoring, with its
    /// bugs fixed). Feed it with <see cref="Add"/> (events) and <see cref="AddAlert"/>, then call <see cref="Complete"/>;
    /// it must see every event before it can score, so it buffers.
    /// </summary>
    /// <remarks>
    /// FreqScore = (1/CommandCount)/2 + (1/TotalHosts)/2, where CommandCount sums EventCount (so service-aggregated rows
    /// count right) and TotalHosts counts the distinct hosts (Computer and Hostnames, ignoring case; a command with no
    /// known host is taken as on one host). SevScore: see <see cref="IndicatorSeverity"/>. AlertScore: see
    /// <see cref="AlertAttribution"/> (with <see cref="AlertWindow"/>, only alerts close in time to an execution on their
    /// host count). TotalScore = FreqScore + SevScore + AlertScore. Rank 1 is the highest TotalScore;
    /// ties go to the rarer command (higher FreqScore), then the one first seen earlier, then ordinal command text.
    /// A score's Events fold the runs of one command line on one host by one account into one event (EventCount,
    /// ExecutionTimes), as Get-B64Command -Summarize does, unless <see cref="KeepEvents"/>: the scores are the same either
    /// way, and a 1M-line hunt keeps 19,000 events instead of 80,000 until it is ranked.
    /// </remarks>
    public sealed class CommandScorer
    {
        private readonly ScoreWeights _weights;
        private readonly Dictionary<string, Group> _groups = new Dictionary<string, Group>(StringComparer.Ordinal);
        private readonly List<RelatedAlert> _alerts = new List<RelatedAlert>();
        private readonly List<Problem> _problems = new List<Problem>();

        /// <param name="weights">Points per verdict and alert severity; null for the notebook's.</param>
        /// <param name="alertWindow">Null: every related alert of a command's host counts (the notebook's rule). Else an alert
        /// counts only within ±this of one of the command's executions on its host. Must be 0 or more.</param>
        /// <param name="model">Notebook (the engine's default, for callers that predate the default model) or Default.</param>
        /// <param name="risk">Category risk for events that carry categories but no BehaviourHits (Default model).</param>
        public CommandScorer(ScoreWeights? weights, TimeSpan? alertWindow, ScoringModel model, RiskTable? risk = null)
            : this(weights, alertWindow)
        {
            Model = model;
            _risk = risk ?? RiskTable.Empty;
        }

        /// <summary>The ranking computed by <see cref="Complete"/>.</summary>
        public ScoringModel Model { get; } = ScoringModel.Notebook;

        private readonly RiskTable _risk = RiskTable.Empty;

        public CommandScorer(ScoreWeights? weights = null, TimeSpan? alertWindow = null)
        {
            if (alertWindow.HasValue && alertWindow.Value < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(alertWindow), alertWindow, "The alert window must be 0 or more.");
            }
            _weights = weights ?? ScoreWeights.Default;
            AlertWindow = alertWindow;
        }

        /// <summary>The alert window; null for the notebook's rule.</summary>
        public TimeSpan? AlertWindow { get; }

        /// <summary>Keep every event in its score's Events as it came, instead of one per command line, host and account.</summary>
        public bool KeepEvents { get; init; }

        /// <summary>The alert rule and weights this scorer ranks by, in words (the HTML report records them).</summary>
        public string DescribeSettings()
        {
            string rule = Model == ScoringModel.Default
                ? $"alerts count within ±{AlertWindow ?? AlertEvidence.DefaultWindow} of an execution on the alert's host, weighted by closeness"
                : AlertWindow.HasValue
                    ? $"alerts count within ±{AlertWindow.Value} of an execution on the alert's host"
                    : "every related alert of the host counts (the notebook's rule)";
            return $"{rule}; weights {_weights.Describe()}";
        }

        /// <summary>Scores events and alerts in one call.</summary>
        public static ScoringResult Score(IEnumerable<CommandEvent> events, IEnumerable<RelatedAlert>? alerts = null, ScoreWeights? weights = null,
            TimeSpan? alertWindow = null, ScoringModel model = ScoringModel.Notebook, RiskTable? risk = null, bool keepEvents = false)
        {
            var scorer = new CommandScorer(weights, alertWindow, model, risk) { KeepEvents = keepEvents };
            foreach (var e in events)
            {
                var problem = scorer.Add(e);
                if (problem != null) scorer._problems.Add(problem);
            }
            if (alerts != null)
            {
                foreach (var a in alerts)
                {
                    scorer.AddAlert(a);
                }
            }
            return scorer.Complete();
        }

        /// <summary>Buffers one event into its command's group. Returns a Problem (InvalidEventCount) for a count below 1, which is then taken as 1;
        /// the caller reports it (it is not repeated in <see cref="Complete"/>'s problems).</summary>
        public Problem? Add(CommandEvent commandEvent)
        {
            if (commandEvent == null)
            {
                return null;
            }
            string key = commandEvent.DecodedCommand ?? string.Empty;
            if (!_groups.TryGetValue(key, out var group))
            {
                group = new Group(key, KeepEvents);
                _groups[key] = group;
            }
            Problem? problem = null;
            long count = commandEvent.EventCount;
            if (count < 1)
            {
                problem = new Problem(ErrorIds.InvalidEventCount, ProblemKind.InvalidData,
                    $"EventCount {count} is below 1; the event counts as one execution.", commandEvent);
                count = 1;
            }
            group.Add(commandEvent, count);
            return problem;
        }

        public void AddAlert(RelatedAlert alert)
        {
            if (alert != null)
            {
                _alerts.Add(alert);
            }
        }

        /// <summary>Scores and ranks everything added so far.</summary>
        public ScoringResult Complete()
        {
            if (Model == ScoringModel.Default) return CompleteDefault();
            var attribution = new AlertAttribution(_alerts, _weights, AlertWindow);
            var problems = new List<Problem>(_problems);
            problems.AddRange(attribution.Problems);

            var scores = new List<CommandScore>(_groups.Count);
            foreach (var group in _groups.Values)
            {
                var score = group.ToScore();
                int hosts = Math.Max(1, score.TotalHosts);
                score.FreqScore = (1.0 / score.CommandCount) / 2 + (1.0 / hosts) / 2;
                score.SevScore = IndicatorSeverity.Score(score.TiResults, _weights);
                score.AlertScore = attribution.Attribute(score.Hostnames, score.Events, out var matched);
                score.Alerts = matched;
                score.TotalScore = score.FreqScore + score.SevScore + score.AlertScore;
                score.Model = nameof(ScoringModel.Notebook);
                score.AlertWindow = AlertWindow;
                NotebookReasons(score);
                scores.Add(score);
            }
            scores.Sort(Compare);
            var ranked = new List<CommandScore>(scores.Count);
            for (int i = 0; i < scores.Count; i++)
            {
                scores[i].Rank = i + 1;
                ranked.Add(scores[i]);
            }
            return new ScoringResult(ranked, problems);
        }

        private static void NotebookReasons(CommandScore score)
        {
            score.ScoreReasons.Add(BehaviourModel.Plus(score.FreqScore) + " rarity: " + score.CommandCount + " run(s) on " + Math.Max(1, score.TotalHosts) + " host(s)");
            if (score.SevScore > 0) score.ScoreReasons.Add(BehaviourModel.Plus(score.SevScore) + " threat intelligence");
            if (score.AlertScore > 0) score.ScoreReasons.Add(BehaviourModel.Plus(score.AlertScore) + " " + score.Alerts.Count + " related alert(s) on its hosts");
        }

        /// <summary>
        /// The default model: TotalScore = FreqScore + BehaviourScore − RoutineScore + SevScore + AlertScore, where RoutineScore
        /// takes <see cref="RoutineModel.Discount"/> × routine level of the BehaviourScore off and AlertScore is
        /// <see cref="AlertEvidence"/>'s. Truncated payloads join the full command they are a prefix of.
        /// </summary>
        private ScoringResult CompleteDefault()
        {
            var window = AlertWindow ?? AlertEvidence.DefaultWindow;
            var attribution = new AlertAttribution(_alerts, _weights, window);
            var problems = new List<Problem>(_problems);
            problems.AddRange(attribution.Problems);
            var groups = TruncatedPayloads.Merge(_groups);
            var fleet = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            DateTime? first = null, last = null;
            foreach (var group in groups)
            {
                var s = group.ToScore();
                foreach (var h in s.Hostnames) fleet.Add(h);
                if (s.FirstSeen.HasValue && (!first.HasValue || s.FirstSeen < first)) first = s.FirstSeen;
                if (s.LastSeen.HasValue && (!last.HasValue || s.LastSeen > last)) last = s.LastSeen;
            }
            var huntSpan = first.HasValue && last.HasValue ? last.Value - first.Value : TimeSpan.Zero;
            var scores = new List<CommandScore>(groups.Count);
            foreach (var group in groups)
            {
                var score = group.ToScore();
                var reasons = new List<string>();
                int hosts = Math.Max(1, score.TotalHosts);
                score.Model = nameof(ScoringModel.Default);
                score.AlertWindow = window;
                score.FreqScore = (1.0 / score.CommandCount) / 2 + (1.0 / hosts) / 2;
                reasons.Add(BehaviourModel.Plus(score.FreqScore) + " rarity: " + score.CommandCount + " run(s) on " + hosts + " host(s)");
                score.BehaviourScore = BehaviourModel.Score(group.Behaviours, score.Categories, score.GtfoFunctions, score.Iocs, _risk, reasons);
                double routine = RoutineModel.Level(score.Hostnames, score.Events, score.CommandCount, fleet.Count, huntSpan, out string? why);
                score.RoutineScore = score.BehaviourScore * RoutineModel.Discount * routine;
                if (score.RoutineScore > 0.005) reasons.Add(BehaviourModel.Plus(-score.RoutineScore) + " routine: " + why);
                score.SevScore = IndicatorSeverity.ScoreOncePerThreat(score.TiResults, _weights);
                if (score.SevScore > 0) reasons.Add(BehaviourModel.Plus(score.SevScore) + " threat intelligence (worst verdict per threat)");
                score.AlertScore = AlertEvidence.Score(attribution, score, window, huntSpan, _weights, reasons, out var matched);
                score.Alerts = matched;
                if (score.TruncatedCount > 0) reasons.Add("  (" + score.TruncatedCount + " truncated execution(s) of this command grouped here)");
                score.TotalScore = score.FreqScore + score.BehaviourScore - score.RoutineScore + score.SevScore + score.AlertScore;
                score.ScoreReasons = reasons;
                scores.Add(score);
            }
            scores.Sort(Compare);
            for (int i = 0; i < scores.Count; i++) scores[i].Rank = i + 1;
            return new ScoringResult(scores, problems);
        }

        /// <summary>The ranking order: TotalScore desc, FreqScore desc, FirstSeen asc (unknown last), command text.</summary>
        public static int Compare(CommandScore a, CommandScore b)
        {
            int c = Round(b.TotalScore).CompareTo(Round(a.TotalScore));
            if (c != 0) return c;
            // Ties break on what the command does (0 in the Notebook model), not on when it was first seen.
            c = Round(b.BehaviourScore - b.RoutineScore).CompareTo(Round(a.BehaviourScore - a.RoutineScore));
            if (c != 0) return c;
            c = Round(b.FreqScore).CompareTo(Round(a.FreqScore));
            if (c != 0) return c;
            if (a.FirstSeen.HasValue != b.FirstSeen.HasValue) return a.FirstSeen.HasValue ? -1 : 1;
            if (a.FirstSeen.HasValue)
            {
                c = a.FirstSeen!.Value.CompareTo(b.FirstSeen!.Value);
                if (c != 0) return c;
            }
            return string.CompareOrdinal(a.DecodedCommand, b.DecodedCommand);
        }

        // Sums of halves and thirds differ in the last bits; equal scores must tie.
        private static double Round(double value) => Math.Round(value, 9);

        /// <summary>One decoded command's events and the distinct values they carry.</summary>
        internal sealed class Group
        {
            private readonly CommandScore _score;
            private HashSet<string>? _ruleIds;
            // The events, folded per command line, host and account, unless every event is kept as it came. A group of one
            // event (most, when commands are distinct) keeps just that event: the aggregator comes with the second.
            private readonly bool _keepEvents;
            private CommandEvent? _only;
            private ExecutionAggregator? _runs;
            private bool _eventsStale;

            /// <summary>The matched rules of the events, each rule once (its highest risk).</summary>
            public List<BehaviourHit> Behaviours { get; } = new List<BehaviourHit>();

            /// <summary>True while every event of the group is truncated.</summary>
            public bool AllTruncated { get; private set; } = true;

            public string Key => _score.DecodedCommand;

            public long Count => _score.CommandCount;

            /// <summary>Takes a truncated group's events (its payload is a prefix of this group's command).</summary>
            public void Absorb(Group truncated)
            {
                foreach (var e in truncated.Events())
                {
                    Add(e, Math.Max(1, e.EventCount));
                    _score.TruncatedCount += Math.Max(1, e.EventCount);
                }
            }
            // Created on first use: most commands of a large hunt carry no enrichment, and there can be many of them.
            private HashSet<string>? _hosts, _categories, _techniques, _gtfoBins, _gtfoFunctions;
            private HashSet<(string, string)>? _iocs;
            private HashSet<(string, string, string, TiStatus, TiSeverity)>? _tiResults;

            public Group(string decodedCommand, bool keepEvents)
            {
                _score = new CommandScore { DecodedCommand = decodedCommand };
                _keepEvents = keepEvents;
            }

            public void Add(CommandEvent e, long count)
            {
                if (_keepEvents)
                {
                    _score.Events.Add(e);
                }
                else
                {
                    if (_runs == null && _only == null)
                    {
                        _only = e;
                    }
                    else
                    {
                        if (_runs == null)
                        {
                            _runs = new ExecutionAggregator(leaveEventsUnchanged: true);
                            _runs.Add(_only!);
                            _only = null;
                        }
                        _runs.Add(e);
                    }
                    _eventsStale = true;
                }
                _score.CommandCount += count;
                if (!e.IsTruncated) AllTruncated = false;
                if (e.Behaviours != null)
                {
                    foreach (var hit in e.Behaviours)
                    {
                        if (hit != null && Set(ref _ruleIds).Add(hit.RuleId)) Behaviours.Add(hit);
                    }
                }
                AddHost(e.Computer);
                var hostnames = e.HostnamesIfAny;
                if (hostnames != null)
                {
                    foreach (var h in hostnames) AddHost(h);
                }
                DateTime? first = e.FirstSeen ?? e.TimeGenerated ?? e.LastSeen;
                DateTime? last = e.LastSeen ?? e.TimeGenerated ?? e.FirstSeen;
                if (first.HasValue && (!_score.FirstSeen.HasValue || first.Value < _score.FirstSeen.Value)) _score.FirstSeen = first;
                if (last.HasValue && (!_score.LastSeen.HasValue || last.Value > _score.LastSeen.Value)) _score.LastSeen = last;
                AddStrings(e.Categories, ref _categories, _score.Categories);
                AddStrings(e.Techniques, ref _techniques, _score.Techniques);
                AddStrings(e.GtfoFunctions, ref _gtfoFunctions, _score.GtfoFunctions);
                if (e.GtfoBins != null)
                {
                    foreach (var tag in e.GtfoBins)
                    {
                        if (tag != null && Set(ref _gtfoBins).Add(tag.Name ?? string.Empty)) _score.GtfoBins.Add(tag);
                    }
                }
                if (e.Iocs != null)
                {
                    foreach (var ioc in e.Iocs)
                    {
                        if (ioc != null && (_iocs ??= new HashSet<(string, string)>(IgnoreCaseKeys.Instance)).Add((ioc.Type, ioc.Normalized))) _score.Iocs.Add(ioc);
                    }
                }
                var tiResults = e.TiResultsIfAny;
                if (tiResults != null)
                {
                    foreach (var ti in tiResults)
                    {
                        if (ti != null && (_tiResults ??= new HashSet<(string, string, string, TiStatus, TiSeverity)>(IgnoreCaseKeys.Instance)).Add((ti.Provider, ti.IocType, ti.Ioc, ti.Status, ti.Severity)))
                        {
                            _score.TiResults.Add(ti);
                        }
                    }
                }
            }

            private IList<CommandEvent> Events()
            {
                if (_eventsStale)
                {
                    _score.Events = _runs != null ? _runs.Complete() : new List<CommandEvent>(1) { _only! };
                    _eventsStale = false;
                }
                return _score.Events;
            }

            public CommandScore ToScore()
            {
                Events();
                _score.TotalHosts = _score.Hostnames.Count;
                if (_score.ScoreReasons.Count > 0) _score.ScoreReasons = new List<string>();
                return _score;
            }

            private void AddHost(string? host)
            {
                if (string.IsNullOrWhiteSpace(host)) return;
                string name = host!.Trim();
                if (Set(ref _hosts).Add(name)) _score.Hostnames.Add(name);
            }

            private static void AddStrings(IList<string>? values, ref HashSet<string>? seen, IList<string> target)
            {
                if (values == null || values.Count == 0) return;
                foreach (var v in values)
                {
                    if (!string.IsNullOrEmpty(v) && Set(ref seen).Add(v)) target.Add(v);
                }
            }

            private static HashSet<string> Set(ref HashSet<string>? set) => set ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }
    }
}

using System;
using System.Collections.Generic;

namespace B64Hunt.Model
{
    /// <summary>One unique decoded command with its scores and everything the hunt learned about it.</summary>
    public sealed class CommandScore
    {
        public int Rank { get; set; }
        public double TotalScore { get; set; }
        public double FreqScore { get; set; }
        public double SevScore { get; set; }
        public double AlertScore { get; set; }
        public string DecodedCommand { get; set; } = string.Empty;
        public long CommandCount { get; set; }
        public int TotalHosts { get; set; }
        public IList<string> Hostnames { get => _hostnames ??= new JoinedList<string>(); set => _hostnames = JoinedList.Wrap(value); } private IList<string>? _hostnames;
        public DateTime? FirstSeen { get; set; }
        public DateTime? LastSeen { get; set; }
        public IList<string> Categories { get => _categories ??= new JoinedList<string>(); set => _categories = JoinedList.Wrap(value); } private IList<string>? _categories;
        public IList<string> Techniques { get => _techniques ??= new JoinedList<string>(); set => _techniques = JoinedList.Wrap(value); } private IList<string>? _techniques;
        public IList<GtfoBinsTag> GtfoBins { get => _gtfoBins ??= new JoinedList<GtfoBinsTag>(); set => _gtfoBins = JoinedList.Wrap(value); } private IList<GtfoBinsTag>? _gtfoBins;
        public IList<string> GtfoFunctions { get => _gtfoFunctions ??= new JoinedList<string>(); set => _gtfoFunctions = JoinedList.Wrap(value); } private IList<string>? _gtfoFunctions;
        public IList<Ioc> Iocs { get => _iocs ??= new JoinedList<Ioc>(); set => _iocs = JoinedList.Wrap(value); } private IList<Ioc>? _iocs;
        public IList<TiResult> TiResults { get => _tiResults ??= new JoinedList<TiResult>(); set => _tiResults = JoinedList.Wrap(value); } private IList<TiResult>? _tiResults;
        public IList<RelatedAlert> Alerts { get => _alerts ??= new JoinedList<RelatedAlert>(); set => _alerts = JoinedList.Wrap(value); } private IList<RelatedAlert>? _alerts;
        public IList<CommandEvent> Events { get => _events ??= new JoinedList<CommandEvent>(); set => _events = JoinedList.Wrap(value); } private IList<CommandEvent>? _events;

        /// <summary>The scoring model that ranked this command: Default or Notebook (empty when not scored by Measure-B64Score).</summary>
        public string Model { get; set; } = string.Empty;

        /// <summary>
        /// The alert window the ranking used: an alert counted only within ± this of an execution on its host. Null when
        /// every alert of the host counted (the notebook's rule without -AlertWindow) or when not scored.
        /// </summary>
        public TimeSpan? AlertWindow { get; set; }

        /// <summary>Points for what the command does (categories, GTFOBins functions, indicators, tactic breadth); 0 in the Notebook model.</summary>
        public double BehaviourScore { get; set; }

        /// <summary>Points taken off because the command is routine in the fleet (many hosts, a schedule, the whole window); 0 in the Notebook model.</summary>
        public double RoutineScore { get; set; }

        /// <summary>Each contribution to TotalScore in words, e.g. "+4 Reverse shell (T1059.004)".</summary>
        public IList<string> ScoreReasons { get => _scoreReasons ??= new JoinedList<string>(); set => _scoreReasons = JoinedList.Wrap(value); } private IList<string>? _scoreReasons;

        /// <summary>Truncated events (a cut payload) grouped with the full command they are a prefix of.</summary>
        public long TruncatedCount { get; set; }

        public override string ToString() => DecodedCommand;
    }
}

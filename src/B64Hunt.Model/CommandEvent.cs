using System;
using System.Collections.Generic;

namespace B64Hunt.Model
{
    /// <summary>
    /// One execution of a command line that carried a base64 payload, with the decoded payload and the
    /// slots that later stages of a hunt fill (categories, GTFOBins, indicators, threat intelligence).
    /// </summary>
    public sealed class CommandEvent
    {
        /// <summary>When the command ran (UTC), when the source says.</summary>
        public DateTime? TimeGenerated { get; set; }

        /// <summary>The host the command ran on.</summary>
        public string? Computer { get; set; }

        /// <summary>The account that ran it, when the source says.</summary>
        public string? Account { get; set; }

        /// <summary>The full command line as logged.</summary>
        public string CommandLine { get; set; } = string.Empty;

        /// <summary>Where the record came from: "file:line", "workspace:&lt;id&gt;" or "pipeline".</summary>
        public string? Source { get; set; }

        /// <summary>The payload as it stood in the command line (or in the outer decoded payload).</summary>
        public string EncodedText { get; set; } = string.Empty;

        /// <summary>The decoded payload: the command that was hidden. Escaped text when <see cref="IsBinary"/>.</summary>
        public string DecodedCommand { get; set; } = string.Empty;

        /// <summary>The layers removed, outermost first, e.g. base64, gzip.</summary>
        public IList<string> DecodeChain { get => _decodeChain; set => _decodeChain = JoinedList.Wrap(value); } private IList<string> _decodeChain = new JoinedList<string>();

        /// <summary>True when the payload decoded to binary, not text; DecodedCommand then holds an escaped preview.</summary>
        public bool IsBinary { get; set; }

        /// <summary>
        /// True when the payload or the record carrying it was cut (a decode limit, corrupt data, a record cut in its
        /// payload): DecodedCommand is then a prefix of what ran, not a complete command.
        /// </summary>
        public bool IsTruncated { get; set; }

        /// <summary>0 for a payload in the command line; 1 or more for a payload found inside a decoded payload.</summary>
        public int Depth { get; set; }

        /// <summary>For nested payloads, the encoded text of the payload that contained this one.</summary>
        public string? ParentEncodedText { get; set; }

        /// <summary>How many executions this event stands for (1, or more when the service aggregated them).</summary>
        public long EventCount { get; set; } = 1;

        /// <summary>Hosts the aggregated command line ran on, when the service aggregated (-Summarize); otherwise empty.</summary>
        public IList<string> Hostnames { get => _hostnames; set => _hostnames = JoinedList.Wrap(value); } private IList<string> _hostnames = new JoinedList<string>();

        /// <summary>First and last time an aggregated command line was seen, when the service aggregated.</summary>
        public DateTime? FirstSeen { get; set; }

        public DateTime? LastSeen { get; set; }

        // ---- Slots filled by later stages ----

        /// <summary>Behaviour categories (Add-B64Category).</summary>
        public IList<string> Categories { get => _categories; set => _categories = JoinedList.Wrap(value); } private IList<string> _categories = new JoinedList<string>();

        /// <summary>MITRE ATT&amp;CK technique ids of the categories (Add-B64Category).</summary>
        public IList<string> Techniques { get => _techniques; set => _techniques = JoinedList.Wrap(value); } private IList<string> _techniques = new JoinedList<string>();

        /// <summary>GTFOBins binaries the command invokes (Add-GtfoBinsTag).</summary>
        public IList<GtfoBinsTag> GtfoBins { get => _gtfoBins; set => _gtfoBins = JoinedList.Wrap(value); } private IList<GtfoBinsTag> _gtfoBins = new JoinedList<GtfoBinsTag>();

        /// <summary>Distinct GTFOBins functions of the tagged binaries (Add-GtfoBinsTag).</summary>
        public IList<string> GtfoFunctions { get => _gtfoFunctions; set => _gtfoFunctions = JoinedList.Wrap(value); } private IList<string> _gtfoFunctions = new JoinedList<string>();

        /// <summary>Indicators found in the decoded command (Find-B64Ioc).</summary>
        public IList<Ioc> Iocs { get => _iocs; set => _iocs = JoinedList.Wrap(value); } private IList<Ioc> _iocs = new JoinedList<Ioc>();

        /// <summary>Threat-intelligence results for the indicators (Invoke-B64TiLookup).</summary>
        public IList<TiResult> TiResults { get => _tiResults; set => _tiResults = JoinedList.Wrap(value); } private IList<TiResult> _tiResults = new JoinedList<TiResult>();

        public override string ToString() => DecodedCommand;
    }
}

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

        /// <summary>Defender's ReportId of the process event (with DeviceId and the time, the key to pivot back to it); null for other sources.</summary>
        public string? ReportId { get; set; }

        /// <summary>Defender's DeviceId of the machine the command ran on; null for other sources.</summary>
        public string? DeviceId { get; set; }

        /// <summary>The full command line as logged.</summary>
        public string CommandLine { get; set; } = string.Empty;

        /// <summary>Where the record came from: "file:line", "workspace:&lt;id&gt;" or "pipeline".</summary>
        public string? Source { get; set; }

        /// <summary>The payload as it stood in the command line (or in the outer decoded payload).</summary>
        public string EncodedText { get; set; } = string.Empty;

        /// <summary>The decoded payload: the command that was hidden. Escaped text when <see cref="IsBinary"/>.</summary>
        public string DecodedCommand { get; set; } = string.Empty;

        /// <summary>
        /// The decoded command as the shell sees it once quote splices, backslashes in words, $'\x..' escapes, $IFS and
        /// the variables it assigns itself are resolved (c""u\rl → curl); equal to <see cref="DecodedCommand"/> when nothing
        /// was obfuscated. Filled by Add-B64Category, Add-GtfoBinsTag and Find-B64Ioc; empty before them and for binary payloads.
        /// </summary>
        public string NormalizedCommand { get; set; } = string.Empty;

        /// <summary>The layers removed, outermost first, e.g. base64, gzip.</summary>
        public IList<string> DecodeChain { get => _decodeChain ??= new JoinedList<string>(); set => _decodeChain = JoinedList.Wrap(value); } private IList<string>? _decodeChain;

        /// <summary>True when the payload decoded to binary, not text; DecodedCommand then holds an escaped preview.</summary>
        public bool IsBinary { get; set; }

        /// <summary>
        /// True when the payload or the record carrying it was cut (a decode limit, corrupt data, a record cut in its
        /// payload): DecodedCommand is then a prefix of what ran, not a complete command.
        /// </summary>
        public bool IsTruncated { get; set; }

        /// <summary>
        /// The command line exactly as logged, control and invisible characters included (CommandLine shows them
        /// escaped). For export and forensics; never print it to a terminal.
        /// </summary>
        public string CommandLineRaw { get; set; } = string.Empty;

        /// <summary>The host name exactly as the source gave it (Computer shows it with controls escaped).</summary>
        public string? ComputerRaw { get; set; }

        /// <summary>The account exactly as the source gave it (Account shows it with controls escaped).</summary>
        public string? AccountRaw { get; set; }

        /// <summary>0 for a payload in the command line; 1 or more for a payload found inside a decoded payload.</summary>
        public int Depth { get; set; }

        /// <summary>For nested payloads, the encoded text of the payload that contained this one.</summary>
        public string? ParentEncodedText { get; set; }

        // ---- Binary payloads and archives (Get-B64Command) ----

        /// <summary>
        /// What a binary payload (or the archive member this event stands for) is: "ELF 64-bit LSB executable, x86-64",
        /// "PE32+ executable, x86-64", "Mach-O 64-bit", "shell script", "python script", "gzip", "bzip2", "xz", "zip", "tar",
        /// "data". Empty for text payloads.
        /// </summary>
        public string FileType { get; set; } = string.Empty;

        /// <summary>Size in bytes of the decoded payload (binary payloads, archive members and text payloads kept as a preview); otherwise null.</summary>
        public long? Size { get; set; }

        /// <summary>Hashes (lower-case hex) of the whole decoded payload, when it is binary, an archive member, or kept only as a preview; otherwise empty.</summary>
        public string Md5 { get; set; } = string.Empty;

        public string Sha1 { get; set; } = string.Empty;

        public string Sha256 { get; set; } = string.Empty;

        /// <summary>The files inside a decoded tar or zip payload, with their names, sizes, types and hashes.</summary>
        public IList<ArchiveMember> ArchiveMembers { get => _archiveMembers ??= new JoinedList<ArchiveMember>(); set => _archiveMembers = JoinedList.Wrap(value); } private IList<ArchiveMember>? _archiveMembers;

        /// <summary>For an event that is a text member of a decoded archive: the member's name; otherwise null.</summary>
        public string? ArchiveMemberName { get; set; }

        /// <summary>How many executions this event stands for (1, or more when the service aggregated them).</summary>
        public long EventCount { get; set; } = 1;

        /// <summary>Hosts the aggregated command line ran on, when the service aggregated (-Summarize); otherwise empty.</summary>
        public IList<string> Hostnames { get => _hostnames ??= new JoinedList<string>(); set => _hostnames = JoinedList.Wrap(value); } private IList<string>? _hostnames;

        /// <summary>
        /// When each execution this event stands for ran (UTC, in time order), when Get-B64Command -Summarize aggregated
        /// the executions of one command line on one host by one account; executions without a time are counted in
        /// <see cref="EventCount"/> only. Empty for a single execution (its time is <see cref="TimeGenerated"/>) and for
        /// rows the service aggregated (they carry <see cref="FirstSeen"/>..<see cref="LastSeen"/> only).
        /// </summary>
        public IList<DateTime> ExecutionTimes { get => _executionTimes ??= new JoinedList<DateTime>(); set => _executionTimes = JoinedList.Wrap(value); } private IList<DateTime>? _executionTimes;

        /// <summary>First and last time an aggregated command line was seen (the service's -Summarize, or Get-B64Command -Summarize on files).</summary>
        public DateTime? FirstSeen { get; set; }

        public DateTime? LastSeen { get; set; }

        // ---- Slots filled by later stages ----

        /// <summary>Behaviour categories (Add-B64Category).</summary>
        public IList<string> Categories { get => _categories ??= new JoinedList<string>(); set => _categories = JoinedList.Wrap(value); } private IList<string>? _categories;

        /// <summary>MITRE ATT&amp;CK technique ids of the categories (Add-B64Category).</summary>
        public IList<string> Techniques { get => _techniques ??= new JoinedList<string>(); set => _techniques = JoinedList.Wrap(value); } private IList<string>? _techniques;

        /// <summary>GTFOBins binaries the command invokes (Add-GtfoBinsTag).</summary>
        public IList<GtfoBinsTag> GtfoBins { get => _gtfoBins ??= new JoinedList<GtfoBinsTag>(); set => _gtfoBins = JoinedList.Wrap(value); } private IList<GtfoBinsTag>? _gtfoBins;

        /// <summary>Distinct GTFOBins functions of the tagged binaries (Add-GtfoBinsTag).</summary>
        public IList<string> GtfoFunctions { get => _gtfoFunctions ??= new JoinedList<string>(); set => _gtfoFunctions = JoinedList.Wrap(value); } private IList<string>? _gtfoFunctions;

        /// <summary>Indicators found in the decoded command (Find-B64Ioc).</summary>
        public IList<Ioc> Iocs { get => _iocs ??= new JoinedList<Ioc>(); set => _iocs = JoinedList.Wrap(value); } private IList<Ioc>? _iocs;

        /// <summary>Threat-intelligence results for the indicators (Invoke-B64TiLookup).</summary>
        public IList<TiResult> TiResults { get => _tiResults ??= new JoinedList<TiResult>(); set => _tiResults = JoinedList.Wrap(value); } private IList<TiResult>? _tiResults;

        /// <summary>The category rules that matched, with their risk points (Add-B64Category); the default ranking's behaviour.</summary>
        public IList<BehaviourHit> Behaviours { get => _behaviours ??= new JoinedList<BehaviourHit>(); set => _behaviours = JoinedList.Wrap(value); } private IList<BehaviourHit>? _behaviours;

        // The list if it was ever made (read or set), else null: the engine's per-event paths read these instead of the
        // properties, which would make an empty list on each of a million events that never had one.
        internal IList<string>? HostnamesIfAny => _hostnames;
        internal IList<DateTime>? ExecutionTimesIfAny => _executionTimes;
        internal IList<TiResult>? TiResultsIfAny => _tiResults;

        /// <summary>
        /// A new event with this one's values and the same lists (what Measure-B64Score keeps for the runs of one command
        /// line on one host: the copy's EventCount and ExecutionTimes change, this event's do not).
        /// </summary>
        public CommandEvent ShallowCopy() => (CommandEvent)MemberwiseClone();

        public override string ToString() => DecodedCommand;
    }
}

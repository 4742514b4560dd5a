using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using B64Hunt.Decoding;
using B64Hunt.Errors;
using B64Hunt.LogAnalytics;
using B64Hunt.Model;
using B64Hunt.Sources;
using B64Hunt.Text;

namespace B64Hunt.Commands
{
    /// <summary>
    /// The first stage of a hunt: finds base64 payloads in command lines (from log files, the pipeline,
    /// the bundled sample or a Log Analytics workspace) and emits one CommandEvent per decoded payload.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "B64Command", HelpUri = "https://github.com/b64hunt/B64Hunt#get-b64command-find-and-decode", DefaultParameterSetName = PathParameterSet)]
    [OutputType(typeof(CommandEvent))]
    public sealed partial class GetB64CommandCommand : LogAnalyticsCmdlet
    {
        private const string PathParameterSet = "Path";
        private const string LiteralPathParameterSet = "LiteralPath";
        private const string CommandLineParameterSet = "CommandLine";
        private const string SampleParameterSet = "Sample";
        private const string ProgressActivity = "Get-B64Command";
        private const int ProgressActivityId = 0x64;

        private DecodeMemo _decoder = null!;
        private readonly ReadStatistics _stats = new ReadStatistics();
        private long _payloads;
        private long _binaryPayloads;
        private long _commandLinesWithPayload;
        private readonly Stopwatch _progressClock = Stopwatch.StartNew();
        private EventTimeWindow? _window;
        private long _outsideWindow;
        private long _withoutTime;
        private long _decodedToNothing;
        private SyslogRowReader? _pipedSyslog;
        // -Summarize on files, the sample and the pipeline: the runs of a command line on a host become one event.
        private ExecutionAggregator? _aggregator;

        /// <summary>Log files to read; wildcards allowed. Format is detected per file (gzip too).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathParameterSet,
            HelpMessage = "Log files to hunt in (AUOMS syslog, audit.log, CSV/JSON/JSON-lines exports, optionally gzip).")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Log files to read, taken literally (no wildcards). Binds from Get-ChildItem output.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathParameterSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Command lines to decode, e.g. from the pipeline or from Import-Csv rows.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = CommandLineParameterSet,
            ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ProcessCommandLine", "cmdline", "TargetProcessCommandLine", "SyslogMessage")]
        [AllowEmptyString]
        public string[] CommandLine { get; set; } = Array.Empty<string>();

        /// <summary>The host the piped command lines ran on.</summary>
        [Parameter(ParameterSetName = CommandLineParameterSet, ValueFromPipelineByPropertyName = true)]
        [Alias("DeviceName", "HostName", "DvcHostname", "ComputerName")]
        public string? Computer { get; set; }

        /// <summary>When the piped command lines ran: a DateTime or a string in any common format.</summary>
        [Parameter(ParameterSetName = CommandLineParameterSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Timestamp", "TimeGenerated [UTC]", "Timestamp [UTC]", "EventTime")]
        public object? TimeGenerated { get; set; }

        /// <summary>The .NET format(s) of piped TimeGenerated text (e.g. 'dd.MM.yyyy HH:mm:ss'); default: ISO 8601, else the session's culture.</summary>
        [Parameter(ParameterSetName = CommandLineParameterSet)]
        [ValidateNotNullOrEmpty]
        public string[]? DateFormat { get; set; }

        /// <summary>The account that ran the piped command lines.</summary>
        [Parameter(ParameterSetName = CommandLineParameterSet, ValueFromPipelineByPropertyName = true)]
        [Alias("AccountName", "TargetUsername")]
        public string? Account { get; set; }

        /// <summary>Defender's ReportId of the piped row (DeviceProcessEvents); kept on the event to pivot back.</summary>
        [Parameter(ParameterSetName = CommandLineParameterSet, ValueFromPipelineByPropertyName = true)]
        public string? ReportId { get; set; }

        /// <summary>Defender's DeviceId of the piped row; kept on the event to pivot back.</summary>
        [Parameter(ParameterSetName = CommandLineParameterSet, ValueFromPipelineByPropertyName = true)]
        public string? DeviceId { get; set; }

        /// <summary>Hunts the bundled sample data (a few thousand AUOMS syslog lines).</summary>
        [Parameter(Mandatory = true, ParameterSetName = SampleParameterSet)]
        public SwitchParameter Sample { get; set; }

        /// <summary>Forces a log format instead of detecting it per file.</summary>
        [Parameter(ParameterSetName = PathParameterSet)]
        [Parameter(ParameterSetName = LiteralPathParameterSet)]
        public LogFormat Format { get; set; } = LogFormat.Auto;

        /// <summary>How many layers and nesting levels to peel at most (default 5).</summary>
        [Parameter]
        [ValidateRange(1, 16)]
        public int MaxDepth { get; set; } = 5;

        protected override void BeginProcessing()
        {
            // Repeated command lines decode once and share their strings (see DecodeMemo).
            _decoder = new DecodeMemo(new PayloadDecoder(new DecoderOptions { MaxDepth = MaxDepth }));
            if (Summarize && !IsQuerySet) _aggregator = new ExecutionAggregator();
            if (ParameterSetName != WorkspaceSet)
            {
                // A workspace query filters on the service; everything else is filtered here, by event time.
                try
                {
                    _window = EventTimeWindow.Resolve(Start, End, Last, DateTime.UtcNow);
                }
                catch (ArgumentException ex)
                {
                    ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.InvalidTimeWindow, ErrorCategory.InvalidArgument, null));
                }
                if (_window != null) WriteVerbose($"Time window: {_window} (event time; events without a time are left out).");
            }
        }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case PathParameterSet:
                    foreach (string path in FileSystemPaths.ResolveWildcards(this, Path))
                    {
                        ReadFile(path);
                    }
                    break;
                case LiteralPathParameterSet:
                    foreach (string file in FileSystemPaths.ResolveLiterals(this, LiteralPath))
                    {
                        ReadFile(file);
                    }
                    break;
                case SampleParameterSet:
                    string sample = System.IO.Path.Combine(ModuleDataDirectory, "sample", "auoms-syslog.log");
                    if (File.Exists(sample))
                    {
                        ReadFile(sample);
                    }
                    else
                    {
                        WritePathNotFound(sample);
                    }
                    break;
                case CommandLineParameterSet:
                    DateTime? time = PipelineTime.Parse(TimeGenerated, CultureInfo.CurrentCulture, DateFormat);
                    if (time == null && TimeGenerated != null && !string.IsNullOrWhiteSpace(TimeGenerated.ToString()))
                    {
                        // The events still go out, without a time; the analyst learns why and how to say the format.
                        string how = DateFormat != null && DateFormat.Length > 0
                            ? $"does not match -DateFormat {string.Join(", ", DateFormat)}"
                            : $"is not a date and time in ISO 8601 or the session's culture ({CultureInfo.CurrentCulture.Name}); name its format with -DateFormat, e.g. -DateFormat 'dd.MM.yyyy HH:mm:ss'";
                        WriteError(new ErrorRecord(new FormatException($"'{TimeGenerated}' {how}."),
                            ErrorIds.InvalidTimeGenerated, ErrorCategory.InvalidData, TimeGenerated));
                    }
                    foreach (string line in CommandLine)
                    {
                        _stats.LinesRead++;
                        if (string.IsNullOrEmpty(line))
                        {
                            _stats.Records++;
                            continue;
                        }
                        if (SyslogRowReader.IsAuditMessage(line))
                        {
                            // An Import-Csv row of a Syslog export: its message goes through the parsers -Path uses on the same
                            // file, so the account, host and time in the AUOMS/auditd record are kept as -Path keeps them.
                            _pipedSyslog ??= new SyslogRowReader("pipeline", NewReadOptions(LogFormat.Auto), _stats);
                            foreach (SourceItem item in _pipedSyslog.Add(line, time, Computer, Account, _stats.LinesRead))
                            {
                                HandleItem(item, null);
                            }
                            continue;
                        }
                        _stats.Records++;
                        var record = new CommandRecord
                        {
                            CommandLine = line,
                            Computer = Computer,
                            Account = Account,
                            ReportId = ReportId,
                            DeviceId = DeviceId,
                            TimeGenerated = time,
                            Source = "pipeline",
                        };
                        EmitPayloads(record, null);
                    }
                    break;
                case WorkspaceSet:
                case DefenderXdrSet:
                case ClusterSet:
                    ReadWorkspace();
                    break;
            }
        }

        protected override void EndProcessing()
        {
            if (_pipedSyslog != null)
            {
                foreach (SourceItem item in _pipedSyslog.Complete())
                {
                    HandleItem(item, null);
                }
            }
            if (_aggregator != null)
            {
                IReadOnlyList<CommandEvent> events = _aggregator.Complete();
                WriteVerbose(string.Format(CultureInfo.InvariantCulture,
                    "-Summarize: {0:N0} payload execution(s) as {1:N0} event(s), one per command line, host and account.", _aggregator.Executions, events.Count));
                foreach (CommandEvent commandEvent in events) WriteObject(commandEvent);
            }
            WriteProgress(new ProgressRecord(ProgressActivityId, ProgressActivity, "Done") { RecordType = ProgressRecordType.Completed });
            WriteVerbose(string.Format(CultureInfo.InvariantCulture,
                "Read {0:N0} lines ({1:N0} bytes): {2:N0} command records, {3:N0} without a payload candidate, {4:N0} lines skipped, {5:N0} malformed; {6:N0} command lines carried {7:N0} payloads ({8:N0} binary).",
                _stats.LinesRead, _stats.BytesRead, _stats.Records + _decodedToNothing, _stats.RecordsFiltered - _decodedToNothing, _stats.LinesSkipped,
                _stats.Malformed, _commandLinesWithPayload, _payloads, _binaryPayloads));
            if (_window != null)
            {
                WriteVerbose(string.Format(CultureInfo.InvariantCulture,
                    "Time window {0}: {1:N0} command record(s) outside it, {2:N0} without a time, left out.", _window, _outsideWindow, _withoutTime));
                if (_withoutTime > 0)
                {
                    WriteWarning(string.Format(CultureInfo.InvariantCulture,
                        "{0:N0} command record(s) have no time, so -Start/-End/-Last left them out; run without a window to see them.", _withoutTime));
                }
            }
        }

        /// <summary>Rows of a Log Analytics query: raw Syslog rows go through the AUOMS/auditd parsers, the rest carry a command line.</summary>
        private void ReadWorkspace()
        {
            SyslogRowReader? syslog = null;
            long rowNumber = 0;
            foreach (WorkspaceRow row in QueryWorkspace())
            {
                rowNumber++;
                _stats.LinesRead++;
                if (row.SyslogMessage != null)
                {
                    syslog ??= new SyslogRowReader(row.Source, NewReadOptions(LogFormat.Auto), _stats);
                    foreach (SourceItem item in syslog.Add(row.SyslogMessage, row.TimeGenerated, row.Computer, row.Account, rowNumber))
                    {
                        HandleItem(item, null);
                    }
                }
                else if (!string.IsNullOrEmpty(row.CommandLine))
                {
                    _stats.Records++;
                    var record = new CommandRecord
                    {
                        CommandLine = row.CommandLine!,
                        TimeGenerated = row.TimeGenerated ?? row.FirstSeen,
                        Computer = row.Computer,
                        Account = row.Account,
                        Source = row.Source,
                    };
                    EmitPayloads(record, row);
                }
                else
                {
                    _stats.LinesSkipped++;
                }
            }
            if (syslog != null)
            {
                foreach (SourceItem item in syslog.Complete())
                {
                    HandleItem(item, null);
                }
            }
        }

        private void WritePathNotFound(string path) => FileSystemPaths.WritePathNotFound(this, path);

        private void ReadFile(string path)
        {
            if (!RegularFile.Is(path))
            {
                WriteProblem(new Problem(ErrorIds.NotARegularFile, ProblemKind.Warning,
                    $"Skipped '{path}': it is not a regular file (a FIFO, socket or device would block the read).", path));
                return;
            }
            LogFormat? format = Format == LogFormat.Auto ? DetectFormat(path) : Format;
            WriteVerbose($"Reading {path} (format: {(format.HasValue ? format.Value.ToString() : "unreadable")}).");
            long length = 0;
            try
            {
                length = new FileInfo(path).Length;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // the read below reports the file as FileReadError
            }
            long startBytes = _stats.BytesRead;
            long startLines = _stats.LinesRead;
            long startRecords = CommandRecordsSeen();
            var fileClock = Stopwatch.StartNew();
            foreach (SourceItem item in LogFileReader.Read(path, NewReadOptions(Format), _stats, CancellationToken))
            {
                HandleItem(item, null);
                ReportProgress(path, _stats.BytesRead - startBytes, length, fileClock.Elapsed);
            }
            if (Format == LogFormat.Auto && (format == LogFormat.AuomsSyslog || format == LogFormat.Auditd)
                && _stats.LinesRead > startLines && CommandRecordsSeen() == startRecords)
            {
                // Line formats are the fallback of detection: a binary, random bytes or prose land here and yield nothing.
                WriteWarning(string.Format(CultureInfo.InvariantCulture,
                    ErrorIds.FormatNotRecognized + ": {0}: no command record in {1:N0} lines; it is not AUOMS syslog, audit.log, or a CSV/JSON export with a command-line column. If it is one of them, name it with -Format.",
                    path, _stats.LinesRead - startLines));
            }
        }

        // A file that cannot be read here (null) is reported by the read itself, as FileReadError.
        private static LogFormat? DetectFormat(string path)
        {
            try
            {
                return LogFileReader.DetectFormat(path);
            }
            catch (Exception e) when (!(e is OperationCanceledException) && !(e is OutOfMemoryException))
            {
                return null;
            }
        }

        /// <summary>Command records met so far, whether they carried a payload, were filtered out or were malformed.</summary>
        private long CommandRecordsSeen() => _stats.Records + _stats.RecordsFiltered + _stats.Malformed;

        private LogReadOptions NewReadOptions(LogFormat format) => new LogReadOptions
        {
            Format = format,
            // Most log lines carry no payload: the reader drops them on their bytes, before any string or record
            // is made (the byte test gives the string test's answer, so the string test is not run again).
            CommandLineByteFilter = PayloadDecoder.MayContainPayload,
            // Without a time window, a line is decoded before its record is built: most lines that pass the byte test
            // still carry nothing (certificates, `openssl rand -base64`), and they cost no record. With a window, the
            // record's time decides first, so lines outside it are not decoded (nor counted as decoded).
            CommandLineFilter = _window == null ? DecodesToSomething : null,
        };

        /// <summary>The reader's string filter: false (counted, reported as a record in the summary) for a line with no payload and no warning.</summary>
        private bool DecodesToSomething(string commandLine)
        {
            DecodeResult decoded = _decoder.DecodePrefiltered(commandLine);
            if (decoded.Payloads.Count > 0 || decoded.Problems.Count > 0) return true;
            _decodedToNothing++;
            return false;
        }

        private void HandleItem(SourceItem item, WorkspaceRow? row)
        {
            if (item.Problem != null)
            {
                WriteRecordProblem(item.Problem);
            }
            else if (item.Record != null)
            {
                // Every reader ran the byte prefilter on the record (see NewReadOptions).
                EmitPayloads(item.Record, row, prefiltered: true);
            }
        }

        private void ReportProgress(string path, long bytesRead, long length, TimeSpan elapsed)
        {
            if (_progressClock.ElapsedMilliseconds < 500)
            {
                return;
            }
            _progressClock.Restart();
            string status = string.Format(CultureInfo.InvariantCulture, "{0}: {1:N0} lines, {2:N0} payloads", System.IO.Path.GetFileName(path), _stats.LinesRead, _payloads);
            var progress = new ProgressRecord(ProgressActivityId, ProgressActivity, status);
            if (length > 0 && bytesRead > 0 && bytesRead <= length)
            {
                // The file's size is known, so the bar shows how far the read is and, at the rate so far, how long is left.
                int percent = (int)(100 * bytesRead / length);
                long secondsLeft = (long)Math.Ceiling(elapsed.TotalSeconds * (length - bytesRead) / bytesRead);
                progress.PercentComplete = percent;
                progress.SecondsRemaining = (int)Math.Min(int.MaxValue, secondsLeft);
                progress.StatusDescription = string.Format(CultureInfo.InvariantCulture, "{0} ({1}% of {2:N0} bytes, about {3} left)",
                    status, percent, length, TimeSpan.FromSeconds(secondsLeft).ToString("c", CultureInfo.InvariantCulture));
            }
            WriteProgress(progress);
        }

        private void EmitPayloads(CommandRecord record, WorkspaceRow? summarized, bool prefiltered = false)
        {
            if ((!prefiltered && !PayloadDecoder.MayContainPayload(record.CommandLine)) || !InWindow(record))
            {
                return;
            }
            // Either the reader's byte test or the test above has passed: the decoder need not run it again.
            DecodeResult decoded = _decoder.DecodePrefiltered(record.CommandLine);
            record.CommandLine = decoded.CommandLine;
            foreach (Problem problem in decoded.Problems)
            {
                WriteProblem(new Problem(problem.ErrorId, problem.Kind, $"{record.Source}: {problem.Message}", record.Source, problem.Exception));
            }
            IReadOnlyList<DecodedPayload> payloads = decoded.Payloads;
            if (payloads.Count > 0)
            {
                _commandLinesWithPayload++;
            }
            foreach (DecodedPayload payload in payloads)
            {
                _payloads++;
                if (payload.IsBinary)
                {
                    _binaryPayloads++;
                }
                CommandEvent commandEvent = ToEvent(record, payload);
                if (summarized != null && summarized.IsSummarized)
                {
                    // The service aggregated this command line: the event stands for all its executions.
                    commandEvent.EventCount = summarized.EventCount;
                    commandEvent.Hostnames = new List<string>(summarized.Hostnames);
                    commandEvent.FirstSeen = summarized.FirstSeen;
                    commandEvent.LastSeen = summarized.LastSeen;
                }
                if (_aggregator != null) _aggregator.Add(commandEvent);
                else WriteObject(commandEvent);
            }
        }

        /// <summary>Applies -Start/-End/-Last to a record from a file, the sample or the pipeline, counting what it leaves out.</summary>
        private bool InWindow(CommandRecord record)
        {
            if (_window == null || _window.Contains(record.TimeGenerated)) return true;
            if (record.TimeGenerated.HasValue) _outsideWindow++;
            else _withoutTime++;
            return false;
        }

        // Every string that came from data is neutralised here, once, for every source; the exact text stays in the Raw properties.
        internal static CommandEvent ToEvent(CommandRecord record, DecodedPayload payload) => new CommandEvent
        {
            TimeGenerated = record.TimeGenerated,
            Computer = DataText.NeutralizeOrNull(record.Computer),
            Account = DataText.NeutralizeOrNull(record.Account),
            CommandLine = DataText.Neutralize(record.CommandLine),
            CommandLineRaw = record.CommandLine,
            ComputerRaw = record.Computer,
            AccountRaw = record.Account,
            ReportId = DataText.NeutralizeOrNull(record.ReportId),
            DeviceId = DataText.NeutralizeOrNull(record.DeviceId),
            Source = DataText.Neutralize(record.Source),
            EncodedText = DataText.Neutralize(payload.EncodedText),
            DecodedCommand = DataText.Neutralize(payload.DecodedText),
            DecodeChain = new List<string>(payload.Chain),
            IsBinary = payload.IsBinary,
            IsTruncated = payload.IsTruncated || record.IsTruncated,
            Depth = payload.Depth,
            ParentEncodedText = payload.ParentEncodedText,
            FileType = payload.FileType,
            Size = payload.Size,
            Md5 = payload.Md5,
            Sha1 = payload.Sha1,
            Sha256 = payload.Sha256,
            ArchiveMembers = new List<ArchiveMember>(payload.Members),
            ArchiveMemberName = payload.MemberName,
        };
    }
}

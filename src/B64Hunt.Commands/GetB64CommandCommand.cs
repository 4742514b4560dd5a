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

        // The engine stage that turns what is read into events; the cmdlet chooses the input and writes what comes out.
        private CommandEventStage _stage = null!;
        private readonly List<CommandEvent> _events = new List<CommandEvent>();
        private readonly Stopwatch _progressClock = Stopwatch.StartNew();

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
            EventTimeWindow? window = null;
            if (ParameterSetName != WorkspaceSet)
            {
                // A workspace query filters on the service; everything else is filtered here, by event time.
                try
                {
                    window = EventTimeWindow.Resolve(Start, End, Last, DateTime.UtcNow);
                }
                catch (ArgumentException ex)
                {
                    ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.InvalidTimeWindow, ErrorCategory.InvalidArgument, null));
                }
                if (window != null) WriteVerbose($"Time window: {window} (event time; events without a time are left out).");
            }
            // -Summarize on files, the sample and the pipeline: the runs of a command line on a host become one event
            // (a query aggregates on the service instead).
            _stage = new CommandEventStage(new DecoderOptions { MaxDepth = MaxDepth }, window, summarize: Summarize && !IsQuerySet);
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
                        var piped = new CommandRecord
                        {
                            CommandLine = line ?? string.Empty,
                            Computer = Computer,
                            Account = Account,
                            ReportId = ReportId,
                            DeviceId = DeviceId,
                            TimeGenerated = time,
                            Source = "pipeline",
                        };
                        _stage.Add(piped, Reporter, _events);
                        WriteEvents();
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
            _stage.Complete(Reporter, _events);
            WriteEvents();
            WriteProgress(new ProgressRecord(ProgressActivityId, ProgressActivity, "Done") { RecordType = ProgressRecordType.Completed });
            foreach (string line in _stage.Summary()) WriteVerbose(line);
            if (_stage.WithoutTime > 0)
            {
                WriteWarning(string.Format(CultureInfo.InvariantCulture,
                    "{0:N0} command record(s) have no time, so -Start/-End/-Last left them out; run without a window to see them.", _stage.WithoutTime));
            }
        }

        private void WriteEvents()
        {
            foreach (CommandEvent commandEvent in _events) WriteObject(commandEvent);
            _events.Clear();
        }

        /// <summary>Rows of a Log Analytics query: raw Syslog rows go through the AUOMS/auditd parsers, the rest carry a command line.</summary>
        private void ReadWorkspace()
        {
            foreach (WorkspaceRow row in QueryWorkspace())
            {
                _stage.Add(row, Reporter, _events);
                WriteEvents();
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
            var stats = _stage.Stats;
            long startBytes = stats.BytesRead;
            long startLines = stats.LinesRead;
            long startRecords = _stage.CommandRecordsSeen;
            var fileClock = Stopwatch.StartNew();
            foreach (SourceItem item in LogFileReader.Read(path, _stage.ReadOptions(Format), stats, CancellationToken))
            {
                _stage.Add(item, Reporter, _events);
                WriteEvents();
                ReportProgress(path, stats.BytesRead - startBytes, length, fileClock.Elapsed);
            }
            if (Format == LogFormat.Auto && (format == LogFormat.AuomsSyslog || format == LogFormat.Auditd)
                && stats.LinesRead > startLines && _stage.CommandRecordsSeen == startRecords)
            {
                // Line formats are the fallback of detection: a binary, random bytes or prose land here and yield nothing.
                WriteWarning(string.Format(CultureInfo.InvariantCulture,
                    ErrorIds.FormatNotRecognized + ": {0}: no command record in {1:N0} lines; it is not AUOMS syslog, audit.log, or a CSV/JSON export with a command-line column. If it is one of them, name it with -Format.",
                    path, stats.LinesRead - startLines));
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

        private void ReportProgress(string path, long bytesRead, long length, TimeSpan elapsed)
        {
            if (_progressClock.ElapsedMilliseconds < 500)
            {
                return;
            }
            _progressClock.Restart();
            string status = string.Format(CultureInfo.InvariantCulture, "{0}: {1:N0} lines, {2:N0} payloads", System.IO.Path.GetFileName(path), _stage.Stats.LinesRead, _stage.Payloads);
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
    }
}

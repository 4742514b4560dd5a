using System.Collections.Generic;
using System.Globalization;
using B64Hunt.Decoding;
using B64Hunt.LogAnalytics;
using B64Hunt.Model;
using B64Hunt.Reporting;
using B64Hunt.Text;

namespace B64Hunt.Sources
{
    /// <summary>
    /// Get-B64Command's engine stage: what a reader, a workspace query or the pipeline gives becomes CommandEvents, one
    /// per decoded payload. It routes Syslog rows through the AUOMS/auditd parsers, builds the records of bare command
    /// lines, applies the -Start/-End/-Last window, decodes (repeated lines once, see DecodeMemo), neutralises what came
    /// from data, and with -Summarize folds the runs of a command line on a host into one event. Events go into the
    /// caller's list (reused, so the per-record path allocates nothing of its own); problems go to the reporter first.
    /// </summary>
    public sealed class CommandEventStage
    {
        private readonly DecodeMemo _decoder;
        private readonly EventTimeWindow? _window;
        private readonly ExecutionAggregator? _aggregator;
        private SyslogRowReader? _pipedSyslog;
        private SyslogRowReader? _workspaceSyslog;
        private long _workspaceRows;
        private long _payloads;
        private long _binaryPayloads;
        private long _commandLinesWithPayload;
        private long _outsideWindow;
        private long _withoutTime;
        private long _decodedToNothing;

        /// <param name="options">The decoder's limits.</param>
        /// <param name="window">The event-time window for files, the sample and the pipeline; null for none (a query filters on the service).</param>
        /// <param name="summarize">Fold the runs of a command line on a host into one event (written by <see cref="Complete"/>).</param>
        public CommandEventStage(DecoderOptions options, EventTimeWindow? window, bool summarize)
        {
            _decoder = new DecodeMemo(new PayloadDecoder(options));
            _window = window;
            if (summarize) _aggregator = new ExecutionAggregator();
        }

        /// <summary>What the reads saw, for the verbose summary.</summary>
        public ReadStatistics Stats { get; } = new ReadStatistics();

        /// <summary>Payloads decoded so far (the progress bar says it).</summary>
        public long Payloads => _payloads;

        public EventTimeWindow? Window => _window;

        /// <summary>Records without a time that the window left out (the cmdlet warns about them).</summary>
        public long WithoutTime => _withoutTime;

        /// <summary>Command records met so far, whether they carried a payload, were filtered out or were malformed.</summary>
        public long CommandRecordsSeen => Stats.Records + Stats.RecordsFiltered + Stats.Malformed;

        /// <summary>How a reader of this stage reads: the byte prefilter, and without a window the decode before the record is built.</summary>
        public LogReadOptions ReadOptions(LogFormat format) => new LogReadOptions
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

        /// <summary>A reader's item: its problem is reported, its record (already prefiltered by the reader) decoded.</summary>
        public void Add(SourceItem item, IHuntReporter reporter, List<CommandEvent> output)
        {
            if (item.Problem != null) reporter.Problem(item.Problem);
            else if (item.Record != null) Emit(item.Record, null, prefiltered: true, reporter, output);
        }

        /// <summary>A row of a workspace, Defender XDR or cluster query: a raw Syslog row goes through the record parsers, the rest carry a command line.</summary>
        public void Add(WorkspaceRow row, IHuntReporter reporter, List<CommandEvent> output)
        {
            _workspaceRows++;
            Stats.LinesRead++;
            if (row.SyslogMessage != null)
            {
                _workspaceSyslog ??= new SyslogRowReader(row.Source, ReadOptions(LogFormat.Auto), Stats);
                foreach (var item in _workspaceSyslog.Add(row.SyslogMessage, row.TimeGenerated, row.Computer, row.Account, _workspaceRows))
                {
                    Add(item, reporter, output);
                }
            }
            else if (!string.IsNullOrEmpty(row.CommandLine))
            {
                Stats.Records++;
                var record = new CommandRecord
                {
                    CommandLine = row.CommandLine!,
                    TimeGenerated = row.TimeGenerated ?? row.FirstSeen,
                    Computer = row.Computer,
                    Account = row.Account,
                    Source = row.Source,
                };
                Emit(record, row, prefiltered: false, reporter, output);
            }
            else
            {
                Stats.LinesSkipped++;
            }
        }

        /// <summary>
        /// A piped command line with the fields the pipeline gave. An AUOMS or auditd message (an Import-Csv row of a
        /// Syslog export) goes through the parsers -Path uses, so the account, host and time in the record are kept.
        /// </summary>
        public void Add(CommandRecord piped, IHuntReporter reporter, List<CommandEvent> output)
        {
            Stats.LinesRead++;
            if (string.IsNullOrEmpty(piped.CommandLine))
            {
                Stats.Records++;
                return;
            }
            if (SyslogRowReader.IsAuditMessage(piped.CommandLine))
            {
                _pipedSyslog ??= new SyslogRowReader("pipeline", ReadOptions(LogFormat.Auto), Stats);
                foreach (var item in _pipedSyslog.Add(piped.CommandLine, piped.TimeGenerated, piped.Computer, piped.Account, Stats.LinesRead))
                {
                    Add(item, reporter, output);
                }
                return;
            }
            Stats.Records++;
            Emit(piped, null, prefiltered: false, reporter, output);
        }

        /// <summary>After the last input: auditd events still waiting for records, then the -Summarize events.</summary>
        public void Complete(IHuntReporter reporter, List<CommandEvent> output)
        {
            foreach (var reader in new[] { _pipedSyslog, _workspaceSyslog })
            {
                if (reader == null) continue;
                foreach (var item in reader.Complete()) Add(item, reporter, output);
            }
            if (_aggregator != null)
            {
                var events = _aggregator.Complete();
                reporter.Verbose(string.Format(CultureInfo.InvariantCulture,
                    "-Summarize: {0:N0} payload execution(s) as {1:N0} event(s), one per command line, host and account.", _aggregator.Executions, events.Count));
                output.AddRange(events);
            }
        }

        /// <summary>The read's summary line (and the window's), for -Verbose.</summary>
        public IEnumerable<string> Summary()
        {
            yield return string.Format(CultureInfo.InvariantCulture,
                "Read {0:N0} lines ({1:N0} bytes): {2:N0} command records, {3:N0} without a payload candidate, {4:N0} lines skipped, {5:N0} malformed; {6:N0} command lines carried {7:N0} payloads ({8:N0} binary).",
                Stats.LinesRead, Stats.BytesRead, Stats.Records + _decodedToNothing, Stats.RecordsFiltered - _decodedToNothing, Stats.LinesSkipped,
                Stats.Malformed, _commandLinesWithPayload, _payloads, _binaryPayloads);
            if (_window != null)
            {
                yield return string.Format(CultureInfo.InvariantCulture,
                    "Time window {0}: {1:N0} command record(s) outside it, {2:N0} without a time, left out.", _window, _outsideWindow, _withoutTime);
            }
        }

        /// <summary>The reader's string filter: false (counted, reported as a record in the summary) for a line with no payload and no warning.</summary>
        private bool DecodesToSomething(string commandLine)
        {
            DecodeResult decoded = _decoder.DecodePrefiltered(commandLine);
            if (decoded.Payloads.Count > 0 || decoded.Problems.Count > 0) return true;
            _decodedToNothing++;
            return false;
        }

        private void Emit(CommandRecord record, WorkspaceRow? summarized, bool prefiltered, IHuntReporter reporter, List<CommandEvent> output)
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
                reporter.Problem(new Problem(problem.ErrorId, problem.Kind, $"{record.Source}: {problem.Message}", record.Source, problem.Exception));
            }
            IReadOnlyList<DecodedPayload> payloads = decoded.Payloads;
            if (payloads.Count > 0) _commandLinesWithPayload++;
            foreach (DecodedPayload payload in payloads)
            {
                _payloads++;
                if (payload.IsBinary) _binaryPayloads++;
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
                else output.Add(commandEvent);
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

        /// <summary>Every string that came from data is neutralised here, once, for every source; the exact text stays in the Raw properties.</summary>
        public static CommandEvent ToEvent(CommandRecord record, DecodedPayload payload)
        {
            var commandEvent = new CommandEvent
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
                DecodeChain = JoinedList<string>.OverShared(payload.ChainArray),
                IsBinary = payload.IsBinary,
                IsTruncated = payload.IsTruncated || record.IsTruncated,
                Depth = payload.Depth,
                ParentEncodedText = payload.ParentEncodedText,
                FileType = payload.FileType,
                Size = payload.Size,
                Md5 = payload.Md5,
                Sha1 = payload.Sha1,
                Sha256 = payload.Sha256,
                ArchiveMemberName = payload.MemberName,
            };
            // An archive's members are rare: an empty list is left for the getter to make.
            if (payload.Members.Count > 0) commandEvent.ArchiveMembers = new List<ArchiveMember>(payload.Members);
            return commandEvent;
        }
    }
}

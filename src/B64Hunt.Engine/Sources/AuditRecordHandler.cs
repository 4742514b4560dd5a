using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using B64Hunt.Errors;
using B64Hunt.Model;
using B64Hunt.Text;

namespace B64Hunt.Sources
{
    /// <summary>
    /// Turns audit text lines (a syslog file's lines, or a table's SyslogMessage cells) into command records:
    /// AUOMS_EXECVE lines directly, native auditd records through <see cref="AuditdEventAssembler"/>. Anything
    /// else is counted as skipped. Results go to <see cref="Output"/>, which the calling iterator drains.
    /// The AUOMS path works on bytes and allocates nothing for a line that is filtered out.
    /// </summary>
    internal sealed class AuditRecordHandler
    {
        private static ReadOnlySpan<byte> AuomsMarker => "type=AUOMS_EXECVE"u8;
        private static ReadOnlySpan<byte> TypeEquals => "type="u8;
        private static ReadOnlySpan<byte> MsgAudit => "msg=audit("u8;
        private static ReadOnlySpan<byte> CmdlineField => " cmdline="u8;
        private static ReadOnlySpan<byte> RedactorsAnchor => " redactors="u8;
        private static ReadOnlySpan<byte> ContaineridAnchor => " containerid="u8;
        private static ReadOnlySpan<byte> NodeEquals => "node="u8;

        private readonly string _sourceName;
        private readonly LogReadOptions _options;
        private readonly ReadStatistics _stats;
        private readonly AuditdEventAssembler _auditd;
        private readonly List<PendingAuditEvent> _completed = new List<PendingAuditEvent>();
        private byte[] _joinBuffer = new byte[4096];
        // Command lines, hosts, users and programs repeat: one string each.
        private readonly Utf8StringPool _strings = new Utf8StringPool();

        public AuditRecordHandler(string sourceName, LogReadOptions options, ReadStatistics stats)
        {
            _sourceName = sourceName;
            _options = options;
            _stats = stats;
            _auditd = new AuditdEventAssembler(options.MaxOpenAuditEvents, Math.Max(1, options.MaxLineLength));
        }

        /// <summary>Records and problems produced by the last calls; the caller yields and clears them.</summary>
        public List<SourceItem> Output { get; } = new List<SourceItem>();

        /// <summary>Handles one line. Context values (from a table row) win over what the line says.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void HandleLine(ReadOnlySpan<byte> line, long lineNumber, DateTime? contextTime = null, string? contextComputer = null, string? contextAccount = null)
        {
            int marker = line.IndexOf(AuomsMarker);
            if (marker >= 0 && !StartsAnotherAuditRecord(line.Slice(0, marker)))
            {
                int after = marker + AuomsMarker.Length;
                if (after < line.Length && line[after] != (byte)' ')
                {
                    _stats.LinesSkipped++; // another AUOMS type that starts the same, e.g. AUOMS_EXECVE_FRAGMENT
                    return;
                }
                HandleAuoms(line, marker, lineNumber, contextTime, contextComputer, contextAccount);
                return;
            }
            int type = line.IndexOf(TypeEquals);
            if (type >= 0 && line.Slice(type).IndexOf(MsgAudit) >= 0)
            {
                HandleAuditd(line, type, lineNumber, contextTime, contextComputer);
                return;
            }
            _stats.LinesSkipped++;
        }

        // An auditd record of another type that quotes the AUOMS marker in a field ("type=USER_CMD msg=audit(...): cmd=...").
        // A bare "type=" before the marker (a host named "type=x") does not make one.
        private static bool StartsAnotherAuditRecord(ReadOnlySpan<byte> beforeMarker)
        {
            int type = beforeMarker.IndexOf(TypeEquals);
            return type >= 0 && beforeMarker.Slice(type).IndexOf(MsgAudit) >= 0;
        }

        /// <summary>Completes every auditd event still open (end of input).</summary>
        public void Finish()
        {
            _auditd.DrainAll(_completed);
            EmitCompleted();
        }

        // ---------------------------------------------------------------- AUOMS

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void HandleAuoms(ReadOnlySpan<byte> line, int marker, long lineNumber, DateTime? contextTime, string? contextComputer, string? contextAccount)
        {
            ReadOnlySpan<byte> rest = line.Slice(marker + AuomsMarker.Length);
            int cmdline = rest.IndexOf(CmdlineField);
            if (cmdline < 0)
            {
                Malformed(ErrorIds.MalformedAuomsRecord, "The AUOMS_EXECVE record has no cmdline field.", lineNumber);
                return;
            }
            ReadOnlySpan<byte> header = rest.Slice(0, cmdline);
            ReadOnlySpan<byte> value = CmdlineValue(rest.Slice(cmdline + CmdlineField.Length), out bool cut);
            if (value.IsEmpty)
            {
                Malformed(ErrorIds.MalformedAuomsRecord, "The AUOMS_EXECVE record has an empty cmdline.", lineNumber);
                return;
            }
            if (!PassesFilters(value, out string? commandLine)) return;

            var record = new CommandRecord { CommandLine = commandLine ?? _strings.Get(value), Source = SourceAt(lineNumber), IsTruncated = cut };
            // Everything below runs only for records that are yielded.
            DateTime? syslogTime = null;
            string? syslogHost = null;
            if (marker > 0) SyslogPrefix.Parse(line.Slice(0, marker), out syslogTime, out syslogHost, _strings);
            DateTime? stampTime = null;
            int stamp = header.IndexOf(" audit("u8);
            if (stamp >= 0 && TimeParsing.TryParseAuditStamp(header.Slice(stamp + 7), out long seconds, out int ms, out _))
            {
                stampTime = TimeParsing.FromEpoch(seconds, ms);
            }
            record.TimeGenerated = contextTime ?? stampTime ?? syslogTime;
            record.Computer = contextComputer ?? syslogHost ?? AuditFields.GetString(header, NodeEquals, _strings);
            // With interpreted_field_names: user=root uid=0, audit_user=alice auid=1000. Without: uid=root uid_r=0.
            string? auditUser = IdentityName(AuditFields.GetString(header, "audit_user="u8, _strings), "auid=")
                ?? IdentityName(AuditFields.GetString(header, "auid="u8, _strings), "auid=");
            string? account = IdentityName(AuditFields.GetString(header, "user="u8, _strings), "uid=")
                ?? IdentityName(AuditFields.GetString(header, "uid="u8, _strings), "uid=");
            record.Account = contextAccount ?? account ?? auditUser;
            record.AuditAccount = auditUser;
            record.ProcessName = AuditFields.GetString(header, "comm="u8, _strings);
            record.ExecutablePath = AuditFields.GetString(header, "exe="u8, _strings);
            Yield(record);
        }

        /// <summary>
        /// The cmdline value: inner quotes are not escaped, so it ends at the last quote before the
        /// " redactors=" (else " containerid=") anchor, or at the end of the line. <paramref name="cut"/>: the
        /// opening quote never closes and no anchor follows, so the line was cut inside the command.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static ReadOnlySpan<byte> CmdlineValue(ReadOnlySpan<byte> tail, out bool cut)
        {
            cut = false;
            int anchor = tail.LastIndexOf(RedactorsAnchor);
            if (anchor < 0) anchor = tail.LastIndexOf(ContaineridAnchor);
            ReadOnlySpan<byte> value = anchor >= 0 ? tail.Slice(0, anchor) : tail;
            while (value.Length > 0 && (value[value.Length - 1] == (byte)' ' || value[value.Length - 1] == (byte)'\t')) value = value.Slice(0, value.Length - 1);
            if (value.Length > 0 && value[0] == (byte)'"')
            {
                value = value.Slice(1);
                if (value.Length > 0 && value[value.Length - 1] == (byte)'"') value = value.Slice(0, value.Length - 1);
                else cut = anchor < 0;
            }
            return value;
        }

        // ---------------------------------------------------------------- auditd

        private void HandleAuditd(ReadOnlySpan<byte> line, int type, long lineNumber, DateTime? contextTime, string? contextComputer)
        {
            ReadOnlySpan<byte> afterType = line.Slice(type + TypeEquals.Length);
            int typeEnd = afterType.IndexOf((byte)' ');
            ReadOnlySpan<byte> recordType = typeEnd < 0 ? afterType : afterType.Slice(0, typeEnd);
            bool isExecve = recordType.SequenceEqual("EXECVE"u8);
            bool isSyscall = !isExecve && recordType.SequenceEqual("SYSCALL"u8);
            bool isEoe = !isExecve && !isSyscall && recordType.SequenceEqual("EOE"u8);
            if (!isExecve && !isSyscall && !isEoe)
            {
                _stats.LinesSkipped++;
                return;
            }
            int msg = afterType.IndexOf(MsgAudit);
            ReadOnlySpan<byte> stampText = afterType.Slice(msg + MsgAudit.Length);
            if (!TimeParsing.TryParseAuditStamp(stampText, out long seconds, out int ms, out long serial))
            {
                if (isExecve) Malformed(ErrorIds.MalformedAuditdRecord, "The EXECVE record has no msg=audit(time:serial) stamp.", lineNumber);
                else _stats.LinesSkipped++;
                return;
            }
            int close = stampText.IndexOf((byte)')');
            ReadOnlySpan<byte> body = close < 0 ? ReadOnlySpan<byte>.Empty : stampText.Slice(close + 1);
            if (body.Length > 0 && body[0] == (byte)':') body = body.Slice(1);

            ReadOnlySpan<byte> prefix = line.Slice(0, type);
            string? node = NodeOf(prefix, out int nodeAt);

            if (isEoe)
            {
                var done = _auditd.TryComplete(node, serial);
                if (done != null)
                {
                    _completed.Add(done);
                    EmitCompleted();
                }
                return;
            }

            var pending = _auditd.GetOrAdd(node, serial, _completed, out bool added);
            if (added)
            {
                pending.Time = TimeParsing.FromEpoch(seconds, ms);
                pending.ContextTime = contextTime;
                pending.ContextComputer = contextComputer;
                ReadOnlySpan<byte> syslog = nodeAt >= 0 ? prefix.Slice(0, nodeAt) : prefix;
                if (HasText(syslog))
                {
                    SyslogPrefix.Parse(syslog, out _, out pending.SyslogHost, _strings);
                }
            }
            if (isSyscall) ReadSyscall(pending, body);
            else ReadExecve(pending, body, lineNumber);
            if (_completed.Count > 0) EmitCompleted();
        }

        private static bool HasText(ReadOnlySpan<byte> text)
        {
            foreach (byte b in text)
            {
                if (b != (byte)' ' && b != (byte)'\t') return true;
            }
            return false;
        }

        private string? NodeOf(ReadOnlySpan<byte> prefix, out int nodeAt)
        {
            nodeAt = -1;
            int at = prefix.LastIndexOf(NodeEquals);
            if (at < 0 || (at > 0 && prefix[at - 1] != (byte)' ')) return null;
            nodeAt = at;
            ReadOnlySpan<byte> value = AuditFields.ReadValue(prefix.Slice(at + NodeEquals.Length));
            return _strings.Get(value);
        }

        private void ReadSyscall(PendingAuditEvent pending, ReadOnlySpan<byte> body)
        {
            pending.Uid = AuditFields.GetString(body, "uid="u8, _strings);
            pending.UidName = AuditFields.GetString(body, "UID="u8, _strings);
            pending.Auid = AuditFields.GetString(body, "auid="u8, _strings);
            pending.AuidName = AuditFields.GetString(body, "AUID="u8, _strings);
            pending.Comm = AuditFields.GetString(body, "comm="u8, _strings);
            pending.Exe = AuditFields.GetString(body, "exe="u8, _strings);
        }

        private void ReadExecve(PendingAuditEvent pending, ReadOnlySpan<byte> body, long lineNumber)
        {
            if (!pending.HasExecve)
            {
                pending.HasExecve = true;
                pending.FirstExecveLine = lineNumber;
            }
            int i = 0;
            while (i < body.Length)
            {
                while (i < body.Length && body[i] == (byte)' ') i++;
                if (i >= body.Length) break;
                int eq = body.Slice(i).IndexOf((byte)'=');
                if (eq < 0) break;
                ReadOnlySpan<byte> key = body.Slice(i, eq);
                i += eq + 1;
                ReadOnlySpan<byte> value;
                bool quoted = i < body.Length && body[i] == (byte)'"';
                if (quoted)
                {
                    int close = body.Slice(i + 1).IndexOf((byte)'"');
                    if (close < 0)
                    {
                        pending.Malformed = true;
                        Malformed(ErrorIds.MalformedAuditdRecord, "An EXECVE argument has no closing quote.", lineNumber);
                        return;
                    }
                    value = body.Slice(i + 1, close);
                    i += close + 2;
                }
                else
                {
                    int end = body.Slice(i).IndexOf((byte)' ');
                    value = end < 0 ? body.Slice(i) : body.Slice(i, end);
                    i += value.Length;
                }
                if (key.SequenceEqual("argc"u8))
                {
                    if (TryParseInt(value, out int argc)) pending.Argc = argc;
                    continue;
                }
                if (!TryParseArgumentKey(key, out int index, out int chunk, out bool isLength)) continue;
                if (isLength) continue;
                byte[] bytes = !quoted && AuditFields.IsHex(value) ? AuditFields.DecodeHex(value) : value.ToArray();
                if (!_auditd.AddArgument(pending, index, chunk, bytes))
                {
                    if (!pending.Malformed)
                    {
                        pending.Malformed = true;
                        Malformed(ErrorIds.MalformedAuditdRecord, "The EXECVE event's arguments exceed the line length limit; the event is skipped.", lineNumber);
                    }
                    return;
                }
            }
        }

        // "a3" → (3, -1); "a3[2]" → (3, 2); "a3_len" → length marker. Indexes are bounded so a hostile
        // record cannot make us allocate a huge argument list.
        private static bool TryParseArgumentKey(ReadOnlySpan<byte> key, out int index, out int chunk, out bool isLength)
        {
            index = 0;
            chunk = -1;
            isLength = false;
            if (key.Length < 2 || key[0] != (byte)'a') return false;
            int i = 1;
            while (i < key.Length && (uint)(key[i] - '0') <= 9)
            {
                index = index * 10 + (key[i] - '0');
                if (index > 65535) return false;
                i++;
            }
            if (i == 1) return false;
            if (i == key.Length) return true;
            ReadOnlySpan<byte> suffix = key.Slice(i);
            if (suffix.SequenceEqual("_len"u8))
            {
                isLength = true;
                return true;
            }
            if (suffix[0] != (byte)'[' || suffix[suffix.Length - 1] != (byte)']') return false;
            return TryParseInt(suffix.Slice(1, suffix.Length - 2), out chunk) && chunk <= 65535;
        }

        private static bool TryParseInt(ReadOnlySpan<byte> text, out int value)
        {
            value = 0;
            if (text.IsEmpty || text.Length > 9) return false;
            foreach (byte b in text)
            {
                if ((uint)(b - '0') > 9) return false;
                value = value * 10 + (b - '0');
            }
            return true;
        }

        private void EmitCompleted()
        {
            foreach (var pending in _completed)
            {
                if (pending.HasExecve && !pending.Malformed) EmitAuditdEvent(pending);
            }
            _completed.Clear();
        }

        private void EmitAuditdEvent(PendingAuditEvent pending)
        {
            int length = JoinArguments(pending);
            if (length == 0)
            {
                Malformed(ErrorIds.MalformedAuditdRecord, "The EXECVE event has no arguments.", pending.FirstExecveLine);
                return;
            }
            if (!PassesFilters(new ReadOnlySpan<byte>(_joinBuffer, 0, length), out string? commandLine)) return;
            var record = new CommandRecord
            {
                CommandLine = commandLine ?? _strings.Get(new ReadOnlySpan<byte>(_joinBuffer, 0, length)),
                Source = SourceAt(pending.FirstExecveLine),
                TimeGenerated = pending.ContextTime ?? pending.Time,
                Computer = pending.ContextComputer ?? pending.Node ?? pending.SyslogHost,
                ProcessName = pending.Comm,
                ExecutablePath = pending.Exe,
            };
            record.Account = IdentityName(pending.UidName, "uid=") ?? IdentityName(pending.Uid, "uid=");
            record.AuditAccount = IdentityName(pending.AuidName, "auid=") ?? IdentityName(pending.Auid, "auid=");
            Yield(record);
        }

        // Arguments joined with single spaces (as auoms and msticpy do), chunks in order; missing ones left out.
        private int JoinArguments(PendingAuditEvent pending)
        {
            int length = 0;
            foreach (var argument in pending.Args)
            {
                if (argument == null) continue;
                int needed = length + argument.Length + 1;
                if (_joinBuffer.Length < needed) Array.Resize(ref _joinBuffer, Math.Max(needed, _joinBuffer.Length * 2));
                if (length > 0) _joinBuffer[length++] = (byte)' ';
                if (argument.Whole != null)
                {
                    Buffer.BlockCopy(argument.Whole, 0, _joinBuffer, length, argument.Whole.Length);
                    length += argument.Whole.Length;
                }
                else if (argument.Chunks != null)
                {
                    foreach (var chunk in argument.Chunks.Values)
                    {
                        Buffer.BlockCopy(chunk, 0, _joinBuffer, length, chunk.Length);
                        length += chunk.Length;
                    }
                }
            }
            return length;
        }

        // ---------------------------------------------------------------- shared

        /// <summary>
        /// A user name as logged, or "uid=N" for a bare number; null when unset ("unset", 4294967295, -1).
        /// </summary>
        private static string? IdentityName(string? value, string numericPrefix)
        {
            if (value == null || value.Length == 0 || value == "unset" || value == "4294967295" || value == "-1") return null;
            foreach (char c in value)
            {
                if (c < '0' || c > '9') return value;
            }
            return numericPrefix + value;
        }

        /// <summary>Runs the byte filter, then the string filter; counts the record as filtered when one fails.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool PassesFilters(ReadOnlySpan<byte> value, out string? commandLine)
        {
            commandLine = null;
            var byteFilter = _options.CommandLineByteFilter;
            if (byteFilter != null && !byteFilter(value))
            {
                _stats.RecordsFiltered++;
                return false;
            }
            var filter = _options.CommandLineFilter;
            if (filter != null)
            {
                commandLine = _strings.Get(value);
                if (!filter(commandLine))
                {
                    _stats.RecordsFiltered++;
                    return false;
                }
            }
            return true;
        }

        private void Yield(CommandRecord record)
        {
            _stats.Records++;
            Output.Add(SourceItem.FromRecord(record));
        }

        private void Malformed(string errorId, string message, long lineNumber)
        {
            _stats.Malformed++;
            string target = SourceAt(lineNumber);
            Output.Add(SourceItem.FromProblem(new Problem(errorId, ProblemKind.InvalidData, message + " (" + target + ")", target)));
        }

        private string SourceAt(long lineNumber) => _sourceName + ":" + lineNumber.ToString(CultureInfo.InvariantCulture);
    }
}

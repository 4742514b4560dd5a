using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
using B64Hunt.Errors;
using B64Hunt.Model;
using B64Hunt.Text;

namespace B64Hunt.Commands
{
    /// <summary>
    /// What every B64Hunt cmdlet shares: the cancellation source Ctrl+C cancels, the mapping of engine
    /// problems to ErrorRecords with stable ids, and the module's data folder.
    /// </summary>
    public abstract class B64HuntCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();

        /// <summary>Cancelled by StopProcessing (Ctrl+C); pass it to every engine call that waits.</summary>
        protected CancellationToken CancellationToken => _cancellation.Token;

        /// <summary>The folder of bundled data (sample hunt, rules, GTFOBins index) beside the module's DLLs.</summary>
        internal static string ModuleDataDirectory =>
            Path.Combine(Path.GetDirectoryName(typeof(B64HuntCmdlet).Assembly.Location) ?? ".", "data");

        protected override void StopProcessing() => _cancellation.Cancel();

        // Messages quote data (file names, dates, alert names, TI details): every one goes out neutralised, so a
        // warning, a verbose line or an error view cannot carry a terminal escape. Hides PSCmdlet's methods for
        // every B64Hunt cmdlet; data never reaches the base methods any other way.
        protected new void WriteVerbose(string text) => base.WriteVerbose(DataText.Neutralize(text ?? string.Empty));

        protected new void WriteWarning(string text) => base.WriteWarning(DataText.Neutralize(text ?? string.Empty));

        protected new void WriteError(ErrorRecord record)
        {
            string shown = record.ErrorDetails?.Message ?? record.Exception?.Message ?? string.Empty;
            if (!DataText.IsNeutral(shown)) record.ErrorDetails = new ErrorDetails(DataText.Neutralize(shown));
            base.WriteError(record);
        }

        /// <summary>Reports an engine problem on the pipeline thread: a warning, or a non-terminating error.</summary>
        protected void WriteProblem(Problem problem)
        {
            if (problem.Kind == ProblemKind.Warning)
            {
                WriteWarning(problem.Message);
                return;
            }
            WriteError(ToErrorRecord(problem));
        }

        /// <summary>
        /// Reports a problem with one log record: an error as usual, but a warning "Id: file:line: message" when the
        /// session stops on errors (see RecordProblemPolicy), so the rest of the file is still read.
        /// </summary>
        protected void WriteRecordProblem(Problem problem)
        {
            if (problem.Kind != ProblemKind.Warning && RecordProblemPolicy.IsRecordLevel(problem.ErrorId)
                && RecordProblemPolicy.SessionStopsOnError(this))
            {
                string where = problem.Target?.ToString() ?? string.Empty;
                WriteWarning(problem.Message.Contains(where)
                    ? $"{problem.ErrorId}: {problem.Message}"
                    : $"{problem.ErrorId}: {where}: {problem.Message}");
                return;
            }
            WriteProblem(problem);
        }

        internal static ErrorRecord ToErrorRecord(Problem problem)
        {
            string message = DataText.Neutralize(problem.Message);
            var exception = problem.Exception ?? new B64HuntException(problem.ErrorId, problem.Kind, message);
            if (problem.Exception != null && problem.Exception.Message != message)
            {
                exception = new B64HuntException(problem.ErrorId, problem.Kind, message, problem.Exception);
            }
            var record = new ErrorRecord(exception, problem.ErrorId, ToCategory(problem.Kind), problem.Target);
            record.ErrorDetails = new ErrorDetails(message);
            return record;
        }

        internal static ErrorCategory ToCategory(ProblemKind kind) => kind switch
        {
            ProblemKind.InvalidData => ErrorCategory.InvalidData,
            ProblemKind.ReadError => ErrorCategory.ReadError,
            ProblemKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
            ProblemKind.LimitsExceeded => ErrorCategory.LimitsExceeded,
            ProblemKind.ConnectionError => ErrorCategory.ConnectionError,
            ProblemKind.AuthenticationError => ErrorCategory.AuthenticationError,
            ProblemKind.PermissionDenied => ErrorCategory.PermissionDenied,
            ProblemKind.InvalidArgument => ErrorCategory.InvalidArgument,
            ProblemKind.OperationTimeout => ErrorCategory.OperationTimeout,
            _ => ErrorCategory.NotSpecified,
        };

        /// <summary>
        /// Turns pipeline input into a CommandEvent: an event passes as is; a string becomes an event whose
        /// decoded command is that string, so enrichment cmdlets work on plain text at the prompt.
        /// Returns null (after writing an error) for anything else.
        /// </summary>
        protected CommandEvent? ToCommandEvent(object? input)
        {
            object? value = DeserializedModel.Unwrap(input);
            switch (value)
            {
                case null:
                    return null;
                case CommandEvent commandEvent:
                    return commandEvent;
                case string text:
                    return new CommandEvent { CommandLine = text, DecodedCommand = text, Source = "pipeline" };
                default:
                    WriteError(new ErrorRecord(
                        new ArgumentException($"Expected a CommandEvent or a string, not {value.GetType().FullName}."),
                        ErrorIds.UnsupportedInputObject, ErrorCategory.InvalidType, input));
                    return null;
            }
        }

        public void Dispose() => _cancellation.Dispose();
    }
}

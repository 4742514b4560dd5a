using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.Errors;
using B64Hunt.Model;
using B64Hunt.Reporting;
using B64Hunt.Text;

namespace B64Hunt.Commands
{
    /// <summary>
    /// What every B64Hunt cmdlet shares: the cancellation source Ctrl+C cancels, the engine's reporter (problems to
    /// ErrorRecords with stable ids, warnings, verbose text, progress bars; calls from workers wait in a queue for the
    /// pipeline thread) and the module's data folder.
    /// </summary>
    public abstract class B64HuntCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();

        // PowerShell builds a cmdlet on its pipeline thread, the one thread where Write* is allowed.
        private readonly int _pipelineThread = Environment.CurrentManagedThreadId;
        private readonly Dictionary<string, int> _progressIds = new Dictionary<string, int>(StringComparer.Ordinal);
        private WorkerQueue? _worker;
        private CmdletReporter? _reporter;

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

        /// <summary>What the engine reports, for engine calls: written by this cmdlet, from any thread.</summary>
        internal IHuntReporter Reporter => _reporter ??= new CmdletReporter(this);

        /// <summary>The cmdlet's side of IHuntReporter (a nested type, so the engine's interface is not on the cmdlet's public surface).</summary>
        private sealed class CmdletReporter : IHuntReporter
        {
            private readonly B64HuntCmdlet _cmdlet;

            public CmdletReporter(B64HuntCmdlet cmdlet) => _cmdlet = cmdlet;

            public void Problem(Problem problem) => _cmdlet.OnPipelineThread(() => _cmdlet.WriteRecordProblem(problem));

            public void Warning(string message) => _cmdlet.OnPipelineThread(() => _cmdlet.WriteWarning(message));

            public void Verbose(string message) => _cmdlet.OnPipelineThread(() => _cmdlet.WriteVerbose(message));

            public void Progress(ProgressReport progress) => _cmdlet.OnPipelineThread(() => _cmdlet.WriteProgress(_cmdlet.ToRecord(progress)));
        }

        private void OnPipelineThread(Action write)
        {
            if (Environment.CurrentManagedThreadId == _pipelineThread) write();
            else if (_worker != null) _worker.Add(write);
            // No worker runs: nobody is listening (a provider's timer after the run); there is nothing to write to.
        }

        /// <summary>
        /// Runs engine work on a worker and yields its items on the pipeline thread as they come, in order with what the
        /// work reports meanwhile (so rows stream and a device-code prompt shows while the sign-in waits). Ctrl+C or a
        /// consumer that stops early (Select-Object -First) cancels the work; its failure is rethrown here.
        /// </summary>
        private protected IEnumerable<T> RunOnWorker<T>(Func<Action<T>, CancellationToken, Task> work) where T : class
        {
            if (_worker != null) throw new InvalidOperationException("One worker at a time.");
            using var worker = new WorkerQueue(CancellationToken);
            _worker = worker;
            Task? task = null;
            try
            {
                var token = worker.Token;
                task = Task.Run(() => work(item => worker.Add(item), token), token);
                task.ContinueWith(_ => worker.Complete(), TaskScheduler.Default);
                foreach (var entry in worker.Entries())
                {
                    if (entry is Action write) write();
                    else yield return (T)entry;
                }
                if (task.IsCanceled || (task.IsFaulted && task.Exception?.GetBaseException() is OperationCanceledException))
                {
                    // Ctrl+C: PowerShell is already stopping the pipeline.
                    yield break;
                }
                task.GetAwaiter().GetResult();
            }
            finally
            {
                // A consumer that left early, or Ctrl+C: the work is cancelled and given a moment to end, so nothing it
                // holds (a TI cache being filled) is used after this cmdlet moves on.
                worker.Cancel();
                try { task?.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
                _worker = null;
            }
        }

        /// <summary><see cref="RunOnWorker{T}"/> for work that yields nothing, only reports (a TI lookup).</summary>
        private protected void RunOnWorker(Func<CancellationToken, Task> work)
        {
            foreach (var _ in RunOnWorker<object>((_, token) => work(token)))
            {
            }
        }

        private ProgressRecord ToRecord(ProgressReport progress)
        {
            if (!_progressIds.TryGetValue(progress.Activity, out var id))
            {
                id = 0x100 + _progressIds.Count;
                _progressIds[progress.Activity] = id;
            }
            // Statuses name files and indicators (data): neutralised like every other message.
            var record = new ProgressRecord(id, DataText.Neutralize(progress.Activity), DataText.Neutralize(progress.Status))
            {
                PercentComplete = progress.PercentComplete,
                RecordType = progress.Finished ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            if (progress.Remaining is { } remaining) record.SecondsRemaining = (int)Math.Ceiling(remaining.TotalSeconds);
            return record;
        }

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

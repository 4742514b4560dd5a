using System;

namespace B64Hunt.Model
{
    /// <summary>
    /// A bad item the engine met and did not let stop the stream: the cmdlets turn it into a
    /// non-terminating ErrorRecord (or a warning) with <see cref="ErrorId"/> as the stable id.
    /// </summary>
    public sealed class Problem
    {
        public Problem(string errorId, ProblemKind kind, string message, object? target, Exception? exception = null)
        {
            ErrorId = errorId;
            Kind = kind;
            Message = message;
            Target = target;
            Exception = exception;
        }

        /// <summary>Stable id, e.g. "MalformedAuomsRecord"; a tested contract.</summary>
        public string ErrorId { get; }
        public ProblemKind Kind { get; }
        public string Message { get; }
        /// <summary>The item at fault: a "file:line" string, a row, a path, an indicator.</summary>
        public object? Target { get; }
        public Exception? Exception { get; }

        public override string ToString() => ErrorId + ": " + Message;
    }

    /// <summary>Maps onto PowerShell's ErrorCategory in the cmdlet layer.</summary>
    public enum ProblemKind
    {
        InvalidData,
        ReadError,
        ObjectNotFound,
        LimitsExceeded,
        ConnectionError,
        AuthenticationError,
        PermissionDenied,
        InvalidArgument,
        OperationTimeout,
        NotSpecified,
        /// <summary>Not an error: a warning the user should see (truncated decompression, partial results).</summary>
        Warning,
    }
}

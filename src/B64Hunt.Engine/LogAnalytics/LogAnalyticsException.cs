using System;
using B64Hunt.Model;

namespace B64Hunt.LogAnalytics
{
    /// <summary>A workspace query that failed, with the stable id and kind the cmdlets report. Never carries a token.</summary>
    public sealed class LogAnalyticsException : Exception
    {
        public LogAnalyticsException(string errorId, ProblemKind kind, string message, int status = 0, string? serviceCode = null)
            : base(message)
        {
            ErrorId = errorId;
            Kind = kind;
            Status = status;
            ServiceCode = serviceCode;
        }

        /// <summary>One of the ids in <see cref="B64Hunt.Errors.ErrorIds"/> (LogAnalytics*, DefenderXdr*, DataExplorer*).</summary>
        public string ErrorId { get; }
        public ProblemKind Kind { get; }
        /// <summary>The HTTP status, 0 when no answer came.</summary>
        public int Status { get; }
        /// <summary>The service's innermost error code, e.g. SYN0002 or InsufficientAccessError.</summary>
        public string? ServiceCode { get; }

        public Problem ToProblem(object? target) => new Problem(ErrorId, Kind, Message, target, this);
    }
}

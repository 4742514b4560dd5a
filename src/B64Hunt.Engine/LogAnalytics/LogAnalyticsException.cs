using B64Hunt.Errors;
using B64Hunt.Model;

namespace B64Hunt.LogAnalytics
{
    /// <summary>A workspace query that failed: an id of <see cref="ErrorIds"/> (LogAnalytics*, DefenderXdr*, DataExplorer*) and the HTTP status. Never carries a token.</summary>
    public sealed class LogAnalyticsException : B64HuntException
    {
        public LogAnalyticsException(string errorId, ProblemKind kind, string message, int status = 0, string? serviceCode = null)
            : base(errorId, kind, message)
        {
            Status = status;
            ServiceCode = serviceCode;
        }

        /// <summary>The HTTP status, 0 when no answer came.</summary>
        public int Status { get; }
        /// <summary>The service's innermost error code, e.g. SYN0002 or InsufficientAccessError.</summary>
        public string? ServiceCode { get; }
    }
}

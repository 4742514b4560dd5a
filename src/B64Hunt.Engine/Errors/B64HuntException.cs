using System;
using B64Hunt.Model;

namespace B64Hunt.Errors
{
    /// <summary>
    /// The exception behind B64Hunt's errors: it carries the stable id (one of <see cref="ErrorIds"/>) and the kind the
    /// cmdlets turn into an ErrorCategory, so a caller reports it without knowing which failure it is.
    /// </summary>
    public class B64HuntException : Exception
    {
        public B64HuntException(string errorId, ProblemKind kind, string message, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId ?? throw new ArgumentNullException(nameof(errorId));
            Kind = kind;
        }

        /// <summary>The stable id, one of <see cref="ErrorIds"/>.</summary>
        public string ErrorId { get; }

        /// <summary>What went wrong, as the cmdlets' ErrorCategory.</summary>
        public ProblemKind Kind { get; }

        /// <summary>This failure as a non-terminating problem about <paramref name="target"/>.</summary>
        public Problem ToProblem(object? target) => new Problem(ErrorId, Kind, Message, target, this);
    }
}

using System;
using B64Hunt.Errors;
using B64Hunt.Model;

namespace B64Hunt.Classification
{
    /// <summary>A category rule file that cannot be used (InvalidCategoryRuleFile): names the file, line and column of the fault.</summary>
    public sealed class CategoryRuleFileException : B64HuntException
    {
        public CategoryRuleFileException(string file, int line, int column, string reason, Exception? inner = null)
            : base(ErrorIds.InvalidCategoryRuleFile, ProblemKind.InvalidData, $"{file}({line},{column}): {reason}", inner)
        {
            File = file;
            Line = line;
            Column = column;
            Reason = reason;
        }

        public string File { get; }

        /// <summary>1-based line of the fault.</summary>
        public int Line { get; }

        /// <summary>1-based column of the fault.</summary>
        public int Column { get; }

        public string Reason { get; }
    }
}

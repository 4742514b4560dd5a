using System;

namespace B64Hunt.Classification
{
    /// <summary>A category rule file that cannot be used: names the file, line and column of the fault.</summary>
    public sealed class CategoryRuleFileException : Exception
    {
        public CategoryRuleFileException(string file, int line, int column, string reason, Exception? inner = null)
            : base($"{file}({line},{column}): {reason}", inner)
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

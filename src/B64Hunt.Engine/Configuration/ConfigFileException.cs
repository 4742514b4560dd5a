using System;
using B64Hunt.Errors;
using B64Hunt.Model;

namespace B64Hunt.Configuration
{
    /// <summary>A configuration file that cannot be used (InvalidConfigFile): bad YAML or a value of the wrong shape, with where it is.</summary>
    public sealed class ConfigFileException : B64HuntException
    {
        public ConfigFileException(string filePath, long line, long column, string reason, Exception? inner = null)
            : base(ErrorIds.InvalidConfigFile, ProblemKind.InvalidData, Format(filePath, line, column, reason), inner)
        {
            FilePath = filePath;
            Line = line;
            Column = column;
            Reason = reason;
        }

        public string FilePath { get; }
        /// <summary>1-based line, 0 when unknown.</summary>
        public long Line { get; }
        public long Column { get; }
        public string Reason { get; }

        private static string Format(string path, long line, long column, string reason) =>
            line > 0 ? $"{path}:{line}:{column}: {reason}" : $"{path}: {reason}";
    }
}

using System;
using B64Hunt.Errors;

namespace B64Hunt.Configuration
{
    /// <summary>A configuration file that cannot be used: bad YAML or a value of the wrong shape, with where it is.</summary>
    public sealed class ConfigFileException : Exception
    {
        public ConfigFileException(string filePath, long line, long column, string reason, Exception? inner = null)
            : base(Format(filePath, line, column, reason), inner)
        {
            FilePath = filePath;
            Line = line;
            Column = column;
            Reason = reason;
        }

        /// <summary>The stable error id: InvalidConfigFile.</summary>
        public string ErrorId => ErrorIds.InvalidConfigFile;
        public string FilePath { get; }
        /// <summary>1-based line, 0 when unknown.</summary>
        public long Line { get; }
        public long Column { get; }
        public string Reason { get; }

        private static string Format(string path, long line, long column, string reason) =>
            line > 0 ? $"{path}:{line}:{column}: {reason}" : $"{path}: {reason}";
    }
}

using System;
using System.Collections.Generic;
using B64Hunt.Text;

namespace B64Hunt.Shell
{
    /// <summary>
    /// Reads a decoded command as a shell would: the simple commands it runs, including those inside
    /// substitutions, -c strings, eval, here-documents, interpreter code and the cron lines, unit files and
    /// scripts it writes. Thread-safe; results for recent texts are cached (identical payloads repeat a lot,
    /// and several hunt stages read the same text), so returned commands are shared and read-only.
    /// </summary>
    public static class ShellCommandReader
    {
        private static readonly TextCache<IReadOnlyList<SimpleCommand>> Cache = new TextCache<IReadOnlyList<SimpleCommand>>();

        /// <summary>
        /// The simple commands of <paramref name="text"/>, in reading order (a command before the code inside it), each with
        /// the positions of its words in <paramref name="text"/> (<see cref="SimpleCommand.Spans"/>) where they can be located.
        /// </summary>
        public static IReadOnlyList<SimpleCommand> Read(string? text)
        {
            if (string.IsNullOrEmpty(text)) return Array.Empty<SimpleCommand>();
            return Cache.Get(text!, ReadUncached);
        }

        internal static IReadOnlyList<SimpleCommand> ReadUncached(string text)
        {
            var session = new ShellReadSession(text);
            // A decoded python/perl/... script (#!/usr/bin/python3) is read as that language, not as shell.
            var language = ScriptCallReader.ShebangLanguage(text);
            if (language != null) session.ReadScript(text, language.Value, 1, null, 0, text.Length);
            else session.ReadCode(text, CommandOrigin.TopLevel, 0, null, 0);
            WrittenTextReader.Read(session);
            return session.Results.ToArray();
        }
    }
}

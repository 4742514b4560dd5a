using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace B64Hunt.Commands.Completers
{
    /// <summary>What the completers share: matching the typed prefix, quoting values that need it, and resolving paths typed on the same line.</summary>
    internal static class CompletionValues
    {
        /// <summary>The values that start with the word being completed (quotes the user typed are ignored), in the order given, each once.</summary>
        internal static IEnumerable<CompletionResult> Complete(IEnumerable<string> values, string? wordToComplete, Func<string, string>? toolTip = null)
        {
            string prefix = Unquote(wordToComplete);
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (string value in values)
            {
                if (string.IsNullOrEmpty(value) || !seen.Add(value)) continue;
                if (!value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
                yield return new CompletionResult(Quote(value), value, CompletionResultType.ParameterValue, toolTip?.Invoke(value) ?? value);
            }
        }

        private static string Unquote(string? word)
        {
            string text = word ?? string.Empty;
            if (text.Length > 0 && (text[0] == '\'' || text[0] == '"')) text = text.Substring(1);
            if (text.Length > 0 && (text[text.Length - 1] == '\'' || text[text.Length - 1] == '"')) text = text.Substring(0, text.Length - 1);
            return text;
        }

        /// <summary>Single-quotes a value the parser would otherwise split or expand (category names have spaces and slashes).</summary>
        private static string Quote(string value)
        {
            foreach (char c in value)
            {
                if (char.IsWhiteSpace(c) || "'\"`$(){}[];,&|<>@#".IndexOf(c) >= 0)
                {
                    return "'" + value.Replace("'", "''") + "'";
                }
            }
            return value;
        }

        /// <summary>The file-system paths of a parameter typed earlier on the line (e.g. -RulePath), resolved against the current location.</summary>
        internal static IEnumerable<string> BoundPaths(IDictionary fakeBoundParameters, string parameterName)
        {
            if (fakeBoundParameters == null || !fakeBoundParameters.Contains(parameterName)) yield break;
            object? value = fakeBoundParameters[parameterName];
            if (value is PSObject ps) value = ps.BaseObject;
            IEnumerable items = value is string text ? new[] { text } : value as IEnumerable ?? new[] { value };
            foreach (object? item in items)
            {
                string? path = Convert.ToString(item is PSObject p ? p.BaseObject : item);
                if (string.IsNullOrWhiteSpace(path)) continue;
                string? full = Resolve(path!);
                if (full != null && File.Exists(full)) yield return full;
            }
        }

        private static string? Resolve(string path)
        {
            try
            {
                if (path.StartsWith("~", StringComparison.Ordinal))
                {
                    path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Substring(1).TrimStart('/', '\\'));
                }
                if (Path.IsPathRooted(path)) return Path.GetFullPath(path);
                // Completion runs on the pipeline thread, so the session's location is readable; fall back to the process's.
                string? location = Runspace.DefaultRunspace?.SessionStateProxy.Path.CurrentFileSystemLocation.ProviderPath;
                return Path.GetFullPath(Path.Combine(location ?? Environment.CurrentDirectory, path));
            }
            catch (Exception ex) when (ex is ArgumentException || ex is IOException || ex is NotSupportedException || ex is PSInvalidOperationException || ex is InvalidRunspaceStateException)
            {
                return null;
            }
        }
    }
}

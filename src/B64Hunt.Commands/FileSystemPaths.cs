using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using B64Hunt.Errors;

namespace B64Hunt.Commands
{
    /// <summary>
    /// -Path and -LiteralPath as the file cmdlets resolve them, shared by every cmdlet that reads files: a pattern
    /// matching nothing and a missing file are PathNotFound (never a silent empty result); directories that a
    /// wildcard or Get-ChildItem -Recurse brings are skipped as Select-String skips them.
    /// </summary>
    internal static class FileSystemPaths
    {
        public static IEnumerable<string> ResolveWildcards(PSCmdlet cmdlet, IEnumerable<string> patterns)
        {
            foreach (string pattern in patterns)
            {
                Collection<string>? resolved = null;
                try
                {
                    resolved = cmdlet.GetResolvedProviderPathFromPSPath(pattern, out ProviderInfo provider);
                    if (provider.Name != "FileSystem")
                    {
                        cmdlet.WriteError(new ErrorRecord(new ArgumentException($"'{pattern}' is not a file system path."),
                            ErrorIds.PathNotFileSystem, ErrorCategory.InvalidArgument, pattern));
                        continue;
                    }
                }
                catch (Exception ex) when (ex is ItemNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException)
                {
                    // handled below: no match is a per-path error, the other paths go on
                }
                catch (Exception ex) when (ex is ArgumentException || ex is IOException || ex is NotSupportedException)
                {
                    cmdlet.WriteError(new ErrorRecord(ex, ErrorIds.InvalidPath, ErrorCategory.InvalidArgument, pattern));
                    continue;
                }

                if (resolved == null || resolved.Count == 0)
                {
                    WritePathNotFound(cmdlet, pattern, LiteralFileExists(cmdlet, pattern)
                        ? " A file of exactly that name exists: -Path reads [ ] * ? as wildcards, so name it with -LiteralPath."
                        : "");
                    continue;
                }
                bool expanded = WildcardPattern.ContainsWildcardCharacters(pattern);
                foreach (string file in resolved)
                {
                    if (Directory.Exists(file))
                    {
                        if (expanded)
                        {
                            cmdlet.WriteVerbose($"Skipped the directory {file}.");
                        }
                        else
                        {
                            cmdlet.WriteError(new ErrorRecord(new IOException($"'{file}' is a directory; pass the files in it (e.g. '{file}/*.log')."),
                                ErrorIds.PathIsDirectory, ErrorCategory.InvalidArgument, file));
                        }
                        continue;
                    }
                    yield return file;
                }
            }
        }

        public static IEnumerable<string> ResolveLiterals(PSCmdlet cmdlet, IEnumerable<string> literals)
        {
            foreach (string literal in literals)
            {
                string resolved = cmdlet.GetUnresolvedProviderPathFromPSPath(literal);
                if (File.Exists(resolved))
                {
                    yield return resolved;
                }
                else if (Directory.Exists(resolved))
                {
                    // Get-ChildItem -Recurse | Get-B64Command brings the folders too.
                    cmdlet.WriteVerbose($"Skipped the directory {resolved}.");
                }
                else
                {
                    WritePathNotFound(cmdlet, literal);
                }
            }
        }

        public static void WritePathNotFound(PSCmdlet cmdlet, string path, string hint = "")
        {
            cmdlet.WriteError(new ErrorRecord(new ItemNotFoundException($"Cannot find the file '{path}'.{hint}"),
                ErrorIds.PathNotFound, ErrorCategory.ObjectNotFound, path));
        }

        // './alerts[1].csv' given to -Path matches only alerts1.csv; say so when the literal name is the file meant.
        private static bool LiteralFileExists(PSCmdlet cmdlet, string pattern)
        {
            if (!WildcardPattern.ContainsWildcardCharacters(pattern)) return false;
            try
            {
                return File.Exists(cmdlet.GetUnresolvedProviderPathFromPSPath(pattern));
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is ItemNotFoundException
                || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException)
            {
                return false;
            }
        }
    }
}

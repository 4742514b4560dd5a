using System.Collections.Concurrent;
using System.Management.Automation;
using B64Hunt.Classification;
using B64Hunt.Errors;

namespace B64Hunt.Commands
{
    /// <summary>The category rules Add-B64Category and Get-B64CategoryRule load: the bundled set merged with -RulePath files.</summary>
    internal static class CategoryRuleLoading
    {
        private static readonly ConcurrentDictionary<string, CommandClassifier> BundledClassifiers = new ConcurrentDictionary<string, CommandClassifier>();

        /// <summary>The classifier for the bundled rules merged with <paramref name="rulePaths"/>; a bad file ends the command.</summary>
        internal static CommandClassifier LoadClassifier(PSCmdlet cmdlet, string[]? rulePaths)
        {
            var ruleSet = LoadRuleSet(cmdlet, rulePaths);
            if (rulePaths == null || rulePaths.Length == 0)
            {
                return BundledClassifiers.GetOrAdd(B64HuntCmdlet.ModuleDataDirectory, _ => new CommandClassifier(ruleSet));
            }
            return new CommandClassifier(ruleSet);
        }

        internal static CategoryRuleSet LoadRuleSet(PSCmdlet cmdlet, string[]? rulePaths)
        {
            string current = B64HuntCmdlet.ModuleDataDirectory;
            try
            {
                var set = CategoryRuleSet.LoadBundled(B64HuntCmdlet.ModuleDataDirectory);
                foreach (string path in rulePaths ?? new string[0])
                {
                    current = cmdlet.GetUnresolvedProviderPathFromPSPath(path);
                    if (!System.IO.File.Exists(current))
                    {
                        // Missing is not malformed: say so, without a line and column that do not exist.
                        cmdlet.ThrowTerminatingError(new ErrorRecord(new ItemNotFoundException($"Cannot find the category rule file '{current}'."),
                            ErrorIds.CategoryRuleFileNotFound, ErrorCategory.ObjectNotFound, path));
                    }
                    cmdlet.WriteVerbose(Text.DataText.Neutralize($"Merging category rules from {current}."));
                    set = set.Merge(current);
                }
                return set;
            }
            catch (CategoryRuleFileException ex)
            {
                var record = new ErrorRecord(ex, ex.ErrorId, ErrorCategory.InvalidData, ex.File)
                {
                    ErrorDetails = new ErrorDetails(ex.Message),
                };
                cmdlet.ThrowTerminatingError(record);
                throw; // not reached
            }
        }
    }
}

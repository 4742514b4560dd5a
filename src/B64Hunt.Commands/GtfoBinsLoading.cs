using System.IO;
using System.Management.Automation;
using B64Hunt.Errors;
using B64Hunt.GtfoBins;
using B64Hunt.Model;

namespace B64Hunt.Commands
{
    /// <summary>The GTFOBins checkout Add-GtfoBinsTag and Get-GtfoBinsFunction read with -GtfoBinsPath.</summary>
    internal static class GtfoBinsLoading
    {
        /// <summary>Reads a user's GTFOBins checkout: bad entries are non-terminating errors, a wrong folder ends the command.</summary>
        internal static GtfoBinsIndex LoadCheckout(B64HuntCmdlet cmdlet, string path)
        {
            string resolved = cmdlet.GetUnresolvedProviderPathFromPSPath(path);
            GtfoBinsIndex index;
            try
            {
                index = GtfoBinsIndexBuilder.Load(resolved, cmdlet.Reporter);
            }
            catch (DirectoryNotFoundException ex)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(new B64HuntException(ErrorIds.GtfoBinsPathNotFound, ProblemKind.ObjectNotFound, ex.Message, ex), ErrorIds.GtfoBinsPathNotFound, ErrorCategory.ObjectNotFound, resolved));
                throw; // not reached
            }
            cmdlet.WriteVerbose(Text.DataText.Neutralize($"Read {index.Entries.Count} GTFOBins entries and {index.Aliases.Count} aliases from {resolved}."));
            return index;
        }
    }
}

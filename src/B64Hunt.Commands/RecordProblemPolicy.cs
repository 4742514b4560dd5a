using System.Collections.Generic;
using System.Management.Automation;
using B64Hunt.Errors;

namespace B64Hunt.Commands
{
    /// <summary>
    /// A malformed log record loses only itself, so it must not stop a runbook that set
    /// $ErrorActionPreference = 'Stop' for the failures that do lose data: there it becomes a warning that keeps
    /// the stable id and file:line. Asking for Stop on the cmdlet itself (-ErrorAction Stop) keeps it an error.
    /// </summary>
    internal static class RecordProblemPolicy
    {
        private static readonly HashSet<string> RecordLevelIds = new HashSet<string>
        {
            ErrorIds.MalformedAuomsRecord,
            ErrorIds.MalformedAuditdRecord,
            ErrorIds.MalformedRow,
            ErrorIds.MalformedJson,
            ErrorIds.LineTooLong,
            ErrorIds.UnparsableLine,
            ErrorIds.MalformedSecurityAlertRow,
        };

        public static bool IsRecordLevel(string errorId) => RecordLevelIds.Contains(errorId);

        /// <summary>True when the session (not this call) asks to stop on errors.</summary>
        public static bool SessionStopsOnError(PSCmdlet cmdlet)
        {
            if (cmdlet.MyInvocation.BoundParameters.ContainsKey("ErrorAction")) return false;
            object? preference = cmdlet.GetVariableValue("ErrorActionPreference");
            if (preference is PSObject ps) preference = ps.BaseObject;
            return preference is ActionPreference action
                ? action == ActionPreference.Stop
                : string.Equals(preference?.ToString(), "Stop", System.StringComparison.OrdinalIgnoreCase);
        }
    }
}

using System;
using System.Linq;
using System.Management.Automation;
using B64Hunt.Errors;

namespace B64Hunt.Commands
{
    /// <summary>
    /// Whether a browser or device-code prompt can reach a person in this session; a sign-in that would wait for
    /// nobody (a runbook, pwsh -NonInteractive) is refused before it starts.
    /// </summary>
    internal static class InteractiveSession
    {
        /// <summary>Stops the command (ErrorIds.B64HuntInteractiveSignInRefused) when -Interactive or -DeviceCode is asked for and nobody can answer.</summary>
        public static void RefuseWhenNoPrompt(PSCmdlet cmdlet, bool interactive, bool deviceCode)
        {
            if (!(interactive || deviceCode) || CanPrompt(cmdlet)) return;
            var asked = interactive ? "-Interactive" : "-DeviceCode";
            cmdlet.ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException("Use -Identity, -AccessToken, or a service principal or Azure CLI sign-in (az login) instead of " + asked +
                    ": this session is non-interactive and cannot prompt."),
                ErrorIds.B64HuntInteractiveSignInRefused, ErrorCategory.InvalidOperation, asked));
        }

        public static bool CanPrompt(PSCmdlet cmdlet)
        {
            if (!Environment.UserInteractive) return false;
            if (Environment.GetCommandLineArgs().Skip(1).Any(IsNonInteractiveSwitch)) return false;
            var ui = cmdlet.Host?.UI;
            return ui != null && ui.RawUI != null;
        }

        // pwsh accepts any unambiguous prefix of -NonInteractive down to -noni, with - or /.
        private static bool IsNonInteractiveSwitch(string arg)
        {
            if (arg.Length < 5 || (arg[0] != '-' && arg[0] != '/')) return false;
            var name = arg.Substring(1).ToLowerInvariant();
            return name.Length >= 4 && "noninteractive".StartsWith(name, StringComparison.Ordinal);
        }
    }
}

using System;
using System.Management.Automation;
using B64Hunt.Configuration;
using B64Hunt.Errors;
using B64Hunt.LogAnalytics;

namespace B64Hunt.Commands
{
    /// <summary>
    /// The workspace a query goes to when the call names none: the session's (Connect-B64Hunt -WorkspaceId), else
    /// msticpyconfig.yaml's AzureSentinel.Workspaces.Default, as msticpy's QueryProvider picks it.
    /// </summary>
    internal static class WorkspaceDefault
    {
        /// <summary>The workspace to query; stops the command (WorkspaceNotGiven, InvalidConfigFile) when there is none.</summary>
        public static Guid Resolve(PSCmdlet cmdlet, Action<string> verbose)
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("WorkspaceId", out var given) && given is Guid explicitId) return explicitId;
            if (SessionSignIn.WorkspaceId is Guid session)
            {
                verbose($"Workspace {session} (Connect-B64Hunt).");
                return session;
            }
            var environment = ConfigEnvironment.FromProcess(cmdlet.SessionState.Path.CurrentFileSystemLocation.ProviderPath);
            var path = environment.MsticpyConfigPath();
            if (path != null)
            {
                B64HuntConfig config;
                try
                {
                    config = ConfigLoader.Load(path, environment);
                    if (config.DefaultWorkspaceError != null) throw config.DefaultWorkspaceError;
                }
                catch (ConfigFileException ex)
                {
                    cmdlet.ThrowTerminatingError(new ErrorRecord(ex, ex.ErrorId, ErrorCategory.InvalidData, path));
                    throw; // not reached
                }
                if (config.DefaultWorkspaceId is Guid configured)
                {
                    verbose($"Workspace {configured} (AzureSentinel.Workspaces.Default of {path}).");
                    return configured;
                }
            }
            cmdlet.ThrowTerminatingError(new ErrorRecord(
                new ArgumentException(Text.DataText.Neutralize("Give -WorkspaceId or run Connect-B64Hunt -WorkspaceId <Workspace ID>: no workspace was named, none is set for the " +
                    "session, and " + (path == null ? "no msticpyconfig.yaml was found" : path + " sets no AzureSentinel.Workspaces.Default.WorkspaceId") + ".")),
                ErrorIds.WorkspaceNotGiven, ErrorCategory.InvalidArgument, "WorkspaceId"));
            throw new InvalidOperationException(); // not reached
        }
    }
}

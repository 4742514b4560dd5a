using System;
using System.Management.Automation;
using System.Management.Automation.Host;
using B64Hunt.Errors;
using B64Hunt.LogAnalytics;
using B64Hunt.Model;
using B64Hunt.Reporting;
using B64Hunt.Text;

namespace B64Hunt.Commands
{
    /// <summary>
    /// Signs in once for the session, as Connect-AzAccount and Connect-MgGraph do: later workspace, Defender XDR,
    /// Data Explorer and SentinelTI calls given no sign-in parameter use this credential and its cached tokens.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "B64Hunt", HelpUri = "https://github.com/b64hunt/B64Hunt#sign-in-once-connect-b64hunt")]
    [OutputType(typeof(PSObject))]
    public sealed class ConnectB64HuntCommand : B64HuntCmdlet
    {
        // The parameters are the bag's, as Get-B64Command's sign-in parameters are (LogAnalyticsCmdlet).
        private readonly LogAnalyticsParameterBag _signIn = new LogAnalyticsParameterBag();

        /// <summary>The session's default workspace (its Workspace ID GUID).</summary>
        [Parameter(Position = 0)]
        public Guid? WorkspaceId { get; set; }

        /// <summary>The Microsoft Entra tenant.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TenantId { get => _signIn.TenantId; set => _signIn.TenantId = value; }

        /// <summary>Sign in with the managed identity.</summary>
        [Parameter]
        [Alias("UseManagedIdentity")]
        public SwitchParameter Identity { get => _signIn.UseManagedIdentity; set => _signIn.UseManagedIdentity = value; }

        /// <summary>Client id of a user-assigned managed identity.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get => _signIn.ClientId; set => _signIn.ClientId = value; }

        /// <summary>Sign in with a device code.</summary>
        [Parameter]
        public SwitchParameter DeviceCode { get => _signIn.DeviceCode; set => _signIn.DeviceCode = value; }

        /// <summary>Sign in in a browser.</summary>
        [Parameter]
        public SwitchParameter Interactive { get => _signIn.Interactive; set => _signIn.Interactive = value; }

        /// <summary>A ready token (string, SecureString or Get-AzAccessToken's object).</summary>
        [Parameter]
        [ValidateNotNull]
        public object? AccessToken { get => _signIn.AccessToken; set => _signIn.AccessToken = value; }

        /// <summary>The cloud.</summary>
        [Parameter]
        [ValidateSet("AzureCloud", "AzureUSGovernment", "AzureChinaCloud")]
        public string Environment { get => _signIn.Environment; set => _signIn.Environment = value; }

        protected override void EndProcessing()
        {
            LogAnalyticsParameterBag.HideBoundToken(MyInvocation);
            InteractiveSession.RefuseWhenNoPrompt(this, Interactive, DeviceCode);
            LogAnalyticsConnection connection;
            try
            {
                connection = _signIn.ToConnection(new HostReporter(Host.UI));
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.B64HuntConnectInvalidArgument, ErrorCategory.InvalidArgument, null));
                return;
            }
            SessionSignIn.Connect(connection, WorkspaceId);
            WriteVerbose("Connected: " + connection + (WorkspaceId.HasValue ? ", workspace " + WorkspaceId : string.Empty));
            WriteObject(Describe());
        }

        internal static PSObject Describe()
        {
            var info = new PSObject();
            var c = SessionSignIn.Connection;
            info.Properties.Add(new PSNoteProperty("WorkspaceId", SessionSignIn.WorkspaceId));
            info.Properties.Add(new PSNoteProperty("TenantId", c?.TenantId));
            info.Properties.Add(new PSNoteProperty("Environment", c?.Environment.ToString()));
            info.Properties.Add(new PSNoteProperty("Credential", c?.CredentialKind));
            info.TypeNames.Insert(0, "B64Hunt.SessionConnection");
            return info;
        }
    }

    /// <summary>
    /// The session sign-in outlives Connect-B64Hunt: its device-code prompt comes when a later cmdlet first needs a
    /// token, so it is written to the host itself, which any thread may use.
    /// </summary>
    internal sealed class HostReporter : IHuntReporter
    {
        private readonly PSHostUserInterface _ui;

        public HostReporter(PSHostUserInterface ui) => _ui = ui;

        public void Warning(string message) => _ui.WriteLine(DataText.Neutralize(message));

        public void Problem(Problem problem) => _ui.WriteErrorLine(DataText.Neutralize(problem.ToString()));

        public void Verbose(string message)
        {
            // The session's sign-in has no verbose text of its own; the cmdlet that queries writes its own.
        }

        public void Progress(ProgressReport progress)
        {
        }
    }

    /// <summary>Forgets the session's sign-in (Connect-B64Hunt) and its cached tokens.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "B64Hunt", HelpUri = "https://github.com/b64hunt/B64Hunt#sign-in-once-connect-b64hunt")]
    [OutputType(typeof(void))]
    public sealed class DisconnectB64HuntCommand : B64HuntCmdlet
    {
        protected override void EndProcessing()
        {
            if (!SessionSignIn.Disconnect()) WriteVerbose("Not connected: nothing to forget.");
        }
    }
}

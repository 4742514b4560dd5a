namespace B64Hunt.Tests.Hostile
{
    /// <summary>The hosted half of HostileLines (its inputs are linked from B64Hunt.Engine.Tests).</summary>
    internal static partial class HostileLines
    {
        /// <summary>A runspace with Get-B64Command, for the end-to-end cases.</summary>
        public static System.Management.Automation.PowerShell GetB64CommandShell()
        {
            var iss = System.Management.Automation.Runspaces.InitialSessionState.CreateDefault2();
            iss.Commands.Add(new System.Management.Automation.Runspaces.SessionStateCmdletEntry("Get-B64Command", typeof(B64Hunt.Commands.GetB64CommandCommand), null));
            return System.Management.Automation.PowerShell.Create(iss);
        }
    }
}

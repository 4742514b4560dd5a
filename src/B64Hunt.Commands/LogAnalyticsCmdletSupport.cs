using System;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using B64Hunt.LogAnalytics;
using B64Hunt.Reporting;

namespace B64Hunt.Commands
{
    /// <summary>
    /// The sign-in and cloud parameters (LogAnalyticsCmdlet's and Connect-B64Hunt's properties store their values
    /// here; Invoke-B64TiLookup fills one for SentinelTI), turned into the engine's <see cref="LogAnalyticsConnection"/>.
    /// </summary>
    internal sealed class LogAnalyticsParameterBag
    {
        public bool UseManagedIdentity { get; set; }
        public string? ClientId { get; set; }
        public string? TenantId { get; set; }
        public object? AccessToken { get; set; }
        public bool DeviceCode { get; set; }
        public bool Interactive { get; set; }
        public string Environment { get; set; } = nameof(LogAnalyticsEnvironment.AzureCloud);
        public Uri? Endpoint { get; set; }
        public int? ServerTimeoutSeconds { get; set; }

        /// <exception cref="ArgumentException">Conflicting or unusable sign-in parameters.</exception>
        public LogAnalyticsConnection ToConnection(IHuntReporter reporter)
        {
            var chosen = (UseManagedIdentity ? 1 : 0) + (AccessToken != null ? 1 : 0) + (DeviceCode ? 1 : 0) + (Interactive ? 1 : 0);
            if (chosen > 1)
            {
                throw new ArgumentException("Choose one sign-in: -UseManagedIdentity, -AccessToken, -DeviceCode or -Interactive.");
            }
            var connection = new LogAnalyticsConnection
            {
                Environment = (LogAnalyticsEnvironment)Enum.Parse(typeof(LogAnalyticsEnvironment), Environment, ignoreCase: true),
                Endpoint = Endpoint,
                UseManagedIdentity = UseManagedIdentity,
                ClientId = string.IsNullOrWhiteSpace(ClientId) ? null : ClientId,
                TenantId = string.IsNullOrWhiteSpace(TenantId) ? null : TenantId,
                UseDeviceCode = DeviceCode,
                UseInteractiveBrowser = Interactive,
                Reporter = reporter,
            };
            if (ServerTimeoutSeconds.HasValue) connection.ServerTimeout = TimeSpan.FromSeconds(ServerTimeoutSeconds.Value);
            if (AccessToken != null) connection.SetAccessToken(ReadAccessToken(AccessToken));
            return connection;
        }

        /// <summary>
        /// PowerShell keeps bound values in InvocationInfo.BoundParameters, which every error, warning and verbose
        /// record carries (and ConvertTo-Json/Export-Clixml show); a token given as a string would leak through them.
        /// The shared dictionary is masked once the token is read, so no record can carry it.
        /// </summary>
        internal static void HideBoundToken(InvocationInfo invocation)
        {
            if (invocation.BoundParameters.ContainsKey("AccessToken")) invocation.BoundParameters["AccessToken"] = "***";
        }

        /// <summary>A token from a string, a SecureString, or Get-AzAccessToken's object (its Token property, string or SecureString).</summary>
        internal static string ReadAccessToken(object value)
        {
            var direct = TryReadToken(value);
            if (direct != null) return direct;
            var token = TryReadToken((value as PSObject ?? PSObject.AsPSObject(value)).Properties["Token"]?.Value);
            if (token != null) return token;
            throw new ArgumentException("-AccessToken takes a string, a SecureString or the object Get-AzAccessToken returns.");
        }

        private static string? TryReadToken(object? value) => (value is PSObject ps ? ps.BaseObject : value) switch
        {
            string text => text,
            SecureString secure => FromSecureString(secure),
            _ => null,
        };

        private static string FromSecureString(SecureString secure)
        {
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
                return Marshal.PtrToStringUni(pointer) ?? string.Empty;
            }
            finally
            {
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}

using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;

namespace B64Hunt.LogAnalytics
{
    /// <summary>Turns the connection bag into the Azure.Identity credential it selects.</summary>
    internal static class CredentialFactory
    {
        /// <summary>
        /// The credential for <paramref name="connection"/>: the session's (Connect-B64Hunt, tokens cached) when the
        /// bag chooses no sign-in of its own, else the one it chooses.
        /// </summary>
        public static TokenCredential Create(LogAnalyticsConnection connection)
        {
            if (!connection.HasExplicitSignIn)
            {
                var session = SessionSignIn.Credential;
                if (session != null) return session;
            }
            return CreateExplicit(connection);
        }

        /// <summary>The credential the bag itself selects, ignoring the session's.</summary>
        internal static TokenCredential CreateExplicit(LogAnalyticsConnection connection)
        {
            if (connection.AccessToken != null)
            {
                return new StaticTokenCredential(connection.AccessToken);
            }
            var authority = LogAnalyticsCloud.GetAuthorityHost(connection.Environment);
            if (connection.UseManagedIdentity)
            {
                var options = new ManagedIdentityCredentialOptions(
                    string.IsNullOrEmpty(connection.ClientId)
                        ? ManagedIdentityId.SystemAssigned
                        : ManagedIdentityId.FromUserAssignedClientId(connection.ClientId!))
                {
                    AuthorityHost = authority,
                };
                return new ManagedIdentityCredential(options);
            }
            if (connection.UseDeviceCode)
            {
                var reporter = connection.Reporter;
                return new DeviceCodeCredential(new DeviceCodeCredentialOptions
                {
                    TenantId = connection.TenantId,
                    AuthorityHost = authority,
                    DeviceCodeCallback = (info, _) =>
                    {
                        reporter.Warning(info.Message);
                        return Task.CompletedTask;
                    },
                });
            }
            if (connection.UseInteractiveBrowser)
            {
                return new InteractiveBrowserCredential(new InteractiveBrowserCredentialOptions
                {
                    TenantId = connection.TenantId,
                    AuthorityHost = authority,
                });
            }
            var defaults = new DefaultAzureCredentialOptions { AuthorityHost = authority };
            if (!string.IsNullOrEmpty(connection.TenantId)) defaults.TenantId = connection.TenantId;
            if (!string.IsNullOrEmpty(connection.ClientId)) defaults.ManagedIdentityClientId = connection.ClientId;
            return new DefaultAzureCredential(defaults);
        }
    }
}

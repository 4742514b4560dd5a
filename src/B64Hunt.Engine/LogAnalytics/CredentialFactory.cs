using System;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;

namespace B64Hunt.LogAnalytics
{
    /// <summary>Turns the connection bag into the Azure.Identity credential it selects.</summary>
    internal static class CredentialFactory
    {
        public static TokenCredential Create(LogAnalyticsConnection connection)
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
                var callback = connection.DeviceCodeMessage;
                return new DeviceCodeCredential(new DeviceCodeCredentialOptions
                {
                    TenantId = connection.TenantId,
                    AuthorityHost = authority,
                    DeviceCodeCallback = (info, _) =>
                    {
                        callback?.Invoke(info.Message);
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

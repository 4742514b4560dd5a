using System;

namespace B64Hunt.LogAnalytics
{
    /// <summary>The Azure clouds Log Analytics runs in.</summary>
    public enum LogAnalyticsEnvironment
    {
        AzureCloud,
        AzureUSGovernment,
        AzureChinaCloud,
    }

    /// <summary>Endpoints, token audiences and sign-in authorities per cloud.</summary>
    public static class LogAnalyticsCloud
    {
        /// <summary>The query endpoint of the cloud (also the token audience).</summary>
        public static Uri GetEndpoint(LogAnalyticsEnvironment environment) => environment switch
        {
            LogAnalyticsEnvironment.AzureUSGovernment => new Uri("https://api.loganalytics.us"),
            LogAnalyticsEnvironment.AzureChinaCloud => new Uri("https://api.loganalytics.azure.cn"),
            _ => new Uri("https://api.loganalytics.io"),
        };

        /// <summary>The OAuth scope for the cloud's Log Analytics audience.</summary>
        public static string GetScope(LogAnalyticsEnvironment environment) =>
            GetEndpoint(environment).GetLeftPart(UriPartial.Authority) + "/.default";

        /// <summary>The Microsoft Entra authority the cloud's identities sign in at.</summary>
        public static Uri GetAuthorityHost(LogAnalyticsEnvironment environment) => environment switch
        {
            LogAnalyticsEnvironment.AzureUSGovernment => new Uri("https://login.microsoftonline.us/"),
            LogAnalyticsEnvironment.AzureChinaCloud => new Uri("https://login.chinacloudapi.cn/"),
            _ => new Uri("https://login.microsoftonline.com/"),
        };
    }
}

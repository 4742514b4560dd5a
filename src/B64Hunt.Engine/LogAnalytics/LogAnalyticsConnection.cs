using System;
using B64Hunt.Reporting;

namespace B64Hunt.LogAnalytics
{
    /// <summary>How to reach a workspace and who signs in: the parameter bag the cmdlets fill.</summary>
    /// <remarks>The access token is write-only and never part of ToString, so the bag can be logged.</remarks>
    public sealed class LogAnalyticsConnection
    {
        private string? _accessToken;

        /// <summary>The cloud; picks the endpoint, the token audience and the sign-in authority.</summary>
        public LogAnalyticsEnvironment Environment { get; set; } = LogAnalyticsEnvironment.AzureCloud;

        /// <summary>Overrides the cloud's endpoint (private links, tests). Plain http is accepted only for loopback.</summary>
        public Uri? Endpoint { get; set; }

        /// <summary>Sign in with the managed identity (runbooks, VMs); <see cref="ClientId"/> picks a user-assigned one.</summary>
        public bool UseManagedIdentity { get; set; }

        /// <summary>Client id of a user-assigned managed identity.</summary>
        public string? ClientId { get; set; }

        /// <summary>The Microsoft Entra tenant to sign in to.</summary>
        public string? TenantId { get; set; }

        /// <summary>Sign in with a device code (headless or remote prompts); the message goes to <see cref="Reporter"/> as a warning.</summary>
        public bool UseDeviceCode { get; set; }

        /// <summary>Sign in in a browser window.</summary>
        public bool UseInteractiveBrowser { get; set; }

        /// <summary>Warned with the "open the page and enter the code" text of a device-code sign-in (called on a worker thread).</summary>
        public IHuntReporter Reporter { get; set; } = SilentReporter.Instance;

        /// <summary>How long the service may run one query (Prefer: wait=N), 1 s to 10 min. Default 3 min.</summary>
        public TimeSpan ServerTimeout { get; set; } = TimeSpan.FromMinutes(3);

        /// <summary>Retries of 429 and 5xx answers (504 is retried at most once).</summary>
        public int MaxRetries { get; set; } = 3;

        /// <summary>True when a static token was given.</summary>
        public bool HasAccessToken => _accessToken != null;

        /// <summary>Uses a ready access token (e.g. from Get-AzAccessToken) instead of signing in.</summary>
        public void SetAccessToken(string token)
        {
            if (string.IsNullOrWhiteSpace(token)) throw new ArgumentException("The access token is empty.", nameof(token));
            var trimmed = token.Trim();
            // Accept a pasted "Bearer xyz" too.
            if (trimmed.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) trimmed = trimmed.Substring(7).Trim();
            _accessToken = trimmed;
        }

        internal string? AccessToken => _accessToken;

        /// <summary>The endpoint in effect: the override or the cloud's.</summary>
        public Uri EffectiveEndpoint => Endpoint ?? LogAnalyticsCloud.GetEndpoint(Environment);

        /// <summary>The token scope: always the cloud's Log Analytics audience, even with an endpoint override.</summary>
        public string Scope => LogAnalyticsCloud.GetScope(Environment);

        /// <summary>True when the bag chooses a sign-in (token, managed identity, device code, browser) rather than the default.</summary>
        public bool HasExplicitSignIn => HasAccessToken || UseManagedIdentity || UseDeviceCode || UseInteractiveBrowser;

        /// <summary>Which sign-in this bag selects, for verbose output.</summary>
        public string CredentialKind =>
            HasAccessToken ? "access token" :
            UseManagedIdentity ? (ClientId != null ? "managed identity (client id " + ClientId + ")" : "managed identity") :
            UseDeviceCode ? "device code" :
            UseInteractiveBrowser ? "interactive browser" :
            "DefaultAzureCredential";

        public override string ToString() => EffectiveEndpoint + " (" + Environment + ", " + CredentialKind + ")";
    }
}

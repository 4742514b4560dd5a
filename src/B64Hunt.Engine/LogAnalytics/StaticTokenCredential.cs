using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace B64Hunt.LogAnalytics
{
    /// <summary>A ready access token (Get-AzAccessToken, a runbook's REST call) presented as a TokenCredential.</summary>
    internal sealed class StaticTokenCredential : TokenCredential
    {
        private readonly AccessToken _token;

        public StaticTokenCredential(string token)
        {
            // The real expiry is inside the token; an hour lets the pipeline cache it without re-asking every call.
            _token = new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => _token;

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new ValueTask<AccessToken>(_token);

        public override string ToString() => "StaticTokenCredential";
    }
}

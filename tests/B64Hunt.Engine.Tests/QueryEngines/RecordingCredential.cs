using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace B64Hunt.Tests.QueryEngines
{
    /// <summary>A credential that hands out a fixed token and records the scopes it was asked for.</summary>
    internal sealed class RecordingCredential : TokenCredential
    {
        private readonly string _token;
        private readonly List<string> _scopes = new List<string>();

        public RecordingCredential(string token) => _token = token;

        public IReadOnlyList<string> Scopes
        {
            get
            {
                lock (_scopes) return _scopes.ToArray();
            }
        }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (_scopes) _scopes.AddRange(requestContext.Scopes);
            return new AccessToken(_token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new ValueTask<AccessToken>(GetToken(requestContext, cancellationToken));
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace B64Hunt.LogAnalytics
{
    /// <summary>
    /// The session's sign-in (Connect-B64Hunt): one credential whose tokens are cached per scope, used by every
    /// workspace, Defender XDR, Data Explorer and SentinelTI call that is given no sign-in of its own.
    /// </summary>
    public static class SessionSignIn
    {
        private static readonly object Gate = new object();
        private static TokenCredential? _credential;

        /// <summary>The connection given to Connect-B64Hunt, or null when not connected.</summary>
        public static LogAnalyticsConnection? Connection { get; private set; }

        /// <summary>The default workspace of the session, if any.</summary>
        public static Guid? WorkspaceId { get; private set; }

        /// <summary>Makes <paramref name="connection"/> the session's sign-in, replacing any earlier one.</summary>
        public static void Connect(LogAnalyticsConnection connection, Guid? workspaceId)
        {
            if (connection == null) throw new ArgumentNullException(nameof(connection));
            var credential = new CachingTokenCredential(CredentialFactory.CreateExplicit(connection));
            lock (Gate)
            {
                Connection = connection;
                WorkspaceId = workspaceId;
                _credential = credential;
            }
        }

        /// <summary>Forgets the session's sign-in and its cached tokens; false when there was none.</summary>
        public static bool Disconnect()
        {
            lock (Gate)
            {
                var was = Connection != null;
                Connection = null;
                WorkspaceId = null;
                _credential = null;
                return was;
            }
        }

        internal static TokenCredential? Credential
        {
            get { lock (Gate) return _credential; }
        }
    }

    /// <summary>Asks the inner credential once per scope set and tenant, then reuses the token until 5 minutes before it expires.</summary>
    internal sealed class CachingTokenCredential : TokenCredential
    {
        private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);
        private readonly TokenCredential _inner;
        private readonly Dictionary<string, AccessToken> _tokens = new Dictionary<string, AccessToken>(StringComparer.Ordinal);
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

        public CachingTokenCredential(TokenCredential inner) => _inner = inner ?? throw new ArgumentNullException(nameof(inner));

        private static string Key(TokenRequestContext context) => (context.TenantId ?? string.Empty) + "|" + string.Join(" ", context.Scopes);

        private bool TryCached(string key, out AccessToken token) =>
            _tokens.TryGetValue(key, out token) && token.ExpiresOn - Margin > DateTimeOffset.UtcNow;

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            var key = Key(requestContext);
            _gate.Wait(cancellationToken);
            try
            {
                if (TryCached(key, out var cached)) return cached;
                var token = _inner.GetToken(requestContext, cancellationToken);
                _tokens[key] = token;
                return token;
            }
            finally
            {
                _gate.Release();
            }
        }

        public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            var key = Key(requestContext);
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (TryCached(key, out var cached)) return cached;
                var token = await _inner.GetTokenAsync(requestContext, cancellationToken).ConfigureAwait(false);
                _tokens[key] = token;
                return token;
            }
            finally
            {
                _gate.Release();
            }
        }

        public override string ToString() => "CachingTokenCredential(" + _inner + ")";
    }
}

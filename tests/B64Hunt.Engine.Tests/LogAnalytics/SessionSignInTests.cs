using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using B64Hunt.LogAnalytics;
using Xunit;

namespace B64Hunt.Tests.LogAnalytics
{
    /// <summary>The session credential asks its inner credential once per audience and reuses the token.</summary>
    public sealed class SessionSignInTests
    {
        private sealed class CountingCredential : TokenCredential
        {
            public int Calls;
            private readonly TimeSpan _life;
            public CountingCredential(TimeSpan life) => _life = life;
            public override AccessToken GetToken(TokenRequestContext c, CancellationToken t) =>
                new AccessToken("t" + Interlocked.Increment(ref Calls), DateTimeOffset.UtcNow + _life);
            public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext c, CancellationToken t) => new ValueTask<AccessToken>(GetToken(c, t));
        }

        [Fact]
        public async Task AsksOncePerScopeAndReusesTheToken()
        {
            var inner = new CountingCredential(TimeSpan.FromHours(1));
            var cache = new CachingTokenCredential(inner);
            var la = new TokenRequestContext(new[] { "https://api.loganalytics.io/.default" });
            var first = await cache.GetTokenAsync(la, CancellationToken.None);
            var second = await cache.GetTokenAsync(la, CancellationToken.None);
            Assert.Equal(first.Token, second.Token);
            Assert.Equal(1, inner.Calls);
            cache.GetToken(new TokenRequestContext(new[] { "https://api.security.microsoft.com/.default" }), CancellationToken.None);
            Assert.Equal(2, inner.Calls);
        }

        [Fact]
        public async Task AsksAgainForATokenAboutToExpire()
        {
            var inner = new CountingCredential(TimeSpan.FromMinutes(2));
            var cache = new CachingTokenCredential(inner);
            var la = new TokenRequestContext(new[] { "https://api.loganalytics.io/.default" });
            await cache.GetTokenAsync(la, CancellationToken.None);
            await cache.GetTokenAsync(la, CancellationToken.None);
            Assert.Equal(2, inner.Calls);
        }
    }
}

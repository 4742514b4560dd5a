using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using B64Hunt.LogAnalytics;

namespace B64Hunt.Tests.LogAnalytics
{
    /// <summary>The token, workspace and query client the Log Analytics tests of both test projects use against FakeLogAnalyticsServer.</summary>
    internal static class LogAnalyticsTestClient
    {
        internal const string Token = "tok-SECRET-0f9e8d7c6b5a";
        internal static readonly Guid Workspace = new Guid("11111111-2222-3333-4444-555555555555");

        internal static (LogAnalyticsQueryClient Client, List<TimeSpan> Delays) CreateClient(FakeLogAnalyticsServer server, int? serverTimeout = null)
        {
            var connection = new LogAnalyticsConnection { Endpoint = server.Endpoint };
            if (serverTimeout.HasValue) connection.ServerTimeout = TimeSpan.FromSeconds(serverTimeout.Value);
            connection.SetAccessToken(Token);
            var delays = new List<TimeSpan>();
            var client = new LogAnalyticsQueryClient(connection, null, (wait, _) =>
            {
                lock (delays) delays.Add(wait);
                return Task.CompletedTask;
            });
            return (client, delays);
        }
    }
}

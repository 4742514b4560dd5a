using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.Errors;
using B64Hunt.LogAnalytics;
using B64Hunt.Tests.LogAnalytics;
using Xunit;

namespace B64Hunt.Tests.Hostile
{
    /// <summary>Issue #12 item 11, Log Analytics side: a dripping or huge answer from a server on 127.0.0.1 is bounded.</summary>
    public class HostileLogAnalyticsTests
    {
        private static readonly DateTime Start = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);

        private static LogAnalyticsQueryClient Client(Uri endpoint)
        {
            var connection = new LogAnalyticsConnection { Endpoint = endpoint, MaxRetries = 0 };
            connection.SetAccessToken(LogAnalyticsTestClient.Token);
            return new LogAnalyticsQueryClient(connection, null, (wait, _) => Task.CompletedTask);
        }

        [Fact]
        public async Task ADrippingAnswerEndsAtTheOverallDeadline()
        {
            using var drip = new DrippingServer(TimeSpan.FromMilliseconds(100));
            var client = Client(drip.Endpoint);
            client.NetworkTimeout = TimeSpan.FromSeconds(1);
            var watch = Stopwatch.StartNew();
            var ex = await Assert.ThrowsAsync<LogAnalyticsException>(() => client.QueryAsync(LogAnalyticsTestClient.Workspace, "Syslog", Start, Start.AddHours(1), CancellationToken.None));
            Assert.Equal(ErrorIds.LogAnalyticsTimeout, ex.ErrorId);
            // Each byte arrives well inside the per-read timeout; only an overall deadline ends it (the drip lasts 20 s).
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
        }

        [Fact]
        public async Task AnAnswerOverTheCapIsRefusedAndASmallOneRead()
        {
            string row = "[\"2026-10-01T00:00:00Z\",\"web-01\",\"" + new string('x', 1000) + "\"]";
            string huge = "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"TimeGenerated\",\"type\":\"datetime\"},{\"name\":\"Computer\",\"type\":\"string\"},{\"name\":\"SyslogMessage\",\"type\":\"string\"}],\"rows\":[" +
                string.Join(",", Enumerable.Repeat(row, 3000)) + "]}]}";
            using var server = new FakeLogAnalyticsServer(_ => new FakeResponse { Body = huge });
            var client = Client(server.Endpoint);
            client.MaxResponseBytes = 1024 * 1024;
            var ex = await Assert.ThrowsAsync<LogAnalyticsException>(() => client.QueryAsync(LogAnalyticsTestClient.Workspace, "Syslog", Start, Start.AddHours(1), CancellationToken.None));
            Assert.Equal(ErrorIds.LogAnalyticsResponseTooLarge, ex.ErrorId);

            client.MaxResponseBytes = 8 * 1024 * 1024;
            var result = await client.QueryAsync(LogAnalyticsTestClient.Workspace, "Syslog", Start, Start.AddHours(1), CancellationToken.None);
            Assert.Equal(3000, result.Tables[0].Rows.Count);
        }
    }
}

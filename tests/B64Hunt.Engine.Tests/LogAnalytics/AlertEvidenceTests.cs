using System;
using System.Collections.Generic;
using System.Linq;
using B64Hunt.LogAnalytics;
using Xunit;

namespace B64Hunt.Tests.LogAnalytics
{
    /// <summary>RelatedAlert keeps what an analyst pivots on: Entities, ExtendedProperties, AlertLink and Status.</summary>
    public sealed class AlertEvidenceTests
    {
        private const string Entities = "[{\"$id\":\"2\",\"HostName\":\"web1\",\"DnsDomain\":\"contoso.com\",\"Type\":\"host\"},{\"$id\":\"3\",\"Address\":\"45.9.148.35\",\"Type\":\"ip\"}]";
        private const string Extended = "{\"Compromised Host\":\"web1\",\"Suspicious Process\":\"/usr/bin/base64\"}";

        private static Dictionary<string, object?> Row(object? link, object? status) => new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["TimeGenerated"] = new DateTime(2024, 5, 2, 10, 0, 0, DateTimeKind.Utc),
            ["AlertName"] = "Suspicious base64 decode",
            ["AlertSeverity"] = "High",
            ["Entities"] = Entities,
            ["ExtendedProperties"] = Extended,
            ["AlertLink"] = link,
            ["Status"] = status,
        };

        [Fact]
        public void TheAlertsEvidenceIsKeptOnEveryHostItIsMatchedTo()
        {
            const string link = "https://portal.azure.com/#blade/Microsoft_Azure_Security/AlertBlade/alertId/2517";
            var alert = SecurityAlertMapper.Match(Row(link, "New"), new[] { "web1" }, "workspace:x").Single();
            Assert.Equal(Entities, alert.Entities);
            Assert.Equal(Extended, alert.ExtendedProperties);
            Assert.Equal(link, alert.AlertLink);
            Assert.Equal("New", alert.Status);
        }

        [Fact]
        public void AnExportWithoutTheColumnsLeavesThemEmpty()
        {
            var alert = SecurityAlertMapper.Match(Row("", null), Array.Empty<string>(), "alerts.csv").Single();
            Assert.Null(alert.AlertLink);
            Assert.Null(alert.Status);
            Assert.Equal("web1", alert.Computer);
        }

        [Fact]
        public void TheWorkspaceQueryAsksForThem()
        {
            Assert.Contains("AlertLink", SecurityAlertMapper.Columns);
            Assert.Contains("Status", SecurityAlertMapper.Columns);
            Assert.Contains("Entities", SecurityAlertMapper.Columns);
        }
    }
}

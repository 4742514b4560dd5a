using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using B64Hunt.Benchmarks.SampleGenerator;
using Xunit;

namespace B64Hunt.Tests.Sample
{
    public class SampleAlertsAndFeedTests
    {
        private static List<string[]> ReadCsv(string file) =>
            SampleText.ReadCsv(File.ReadAllText(Path.Combine(SampleText.SampleDirectory, file), Encoding.UTF8));

        [Fact]
        public void AlertsParseAsASecurityAlertExport()
        {
            var rows = ReadCsv(SampleHuntGenerator.AlertsFileName);
            Assert.Equal(
                new[] { "TimeGenerated [UTC]", "AlertName", "AlertSeverity", "Description", "CompromisedEntity", "Entities", "ExtendedProperties", "SystemAlertId", "ProviderName", "Tactics", "Techniques", "StartTime [UTC]", "EndTime [UTC]" },
                rows[0]);
            var alerts = rows.Skip(1).ToList();
            Assert.InRange(alerts.Count, 20, 45);
            var hosts = SampleHosts.All.ToDictionary(h => h.Name);
            foreach (var a in alerts)
            {
                Assert.Equal(13, a.Length);
                var generated = DateTime.Parse(a[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
                var start = DateTime.Parse(a[11], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
                var end = DateTime.Parse(a[12], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
                Assert.True(start <= end && end <= generated, string.Join(",", a));
                Assert.InRange(start, new DateTime(2026, 10, 1), new DateTime(2026, 10, 15));
                Assert.Contains(a[2], new[] { "Informational", "Low", "Medium", "High" });
                Assert.True(Guid.TryParse(a[7], out _));
                Assert.True(hosts.ContainsKey(a[4]), a[4]);

                // Entities: a JSON array whose host entity names the host by short name and domain.
                using var entities = JsonDocument.Parse(a[5]);
                var host = entities.RootElement.EnumerateArray().First(e => e.GetProperty("Type").GetString() == "host");
                Assert.Equal(hosts[a[4]].ShortName, host.GetProperty("HostName").GetString());
                Assert.Equal(hosts[a[4]].DnsDomain, host.GetProperty("DnsDomain").GetString());
                using var extended = JsonDocument.Parse(a[6]);
                Assert.Equal(a[4], extended.RootElement.GetProperty("Compromised Host").GetString());
            }
            // Some alert names repeat (a miner keeps running), and every severity is used.
            Assert.Contains(alerts.GroupBy(a => a[1] + "|" + a[4]), g => g.Count() > 1);
            Assert.Equal(4, alerts.Select(a => a[2]).Distinct().Count());
        }

        [Fact]
        public void AlertsLandMostlyOnHostsThatRanMaliciousPayloadsAndSomeOnHostsThatRanNone()
        {
            var alerts = ReadCsv(SampleHuntGenerator.AlertsFileName).Skip(1).ToList();
            var malicious = new HashSet<string>(PayloadCatalog.All.Where(p => p.IsMalicious).SelectMany(p => p.Hosts));
            var anyBase64 = new HashSet<string>(PayloadCatalog.All.SelectMany(p => p.Hosts));
            int onMalicious = alerts.Count(a => malicious.Contains(a[4]));
            int onNoBase64 = alerts.Count(a => !anyBase64.Contains(a[4]));
            Assert.True(onMalicious >= alerts.Count * 3 / 4, onMalicious + " of " + alerts.Count);
            Assert.InRange(onNoBase64, 2, 8);
            // Processes named in the alerts are the logged command lines of the sample.
            var commandLines = new HashSet<string>(PayloadCatalog.All.Select(p => p.Encoded.CommandLine));
            foreach (var a in alerts)
            {
                using var entities = JsonDocument.Parse(a[5]);
                foreach (var process in entities.RootElement.EnumerateArray().Where(e => e.GetProperty("Type").GetString() == "process"))
                    Assert.Contains(process.GetProperty("CommandLine").GetString()!, commandLines);
            }
        }

        [Fact]
        public void EveryTiFeedIndicatorOccursInAMaliciousDecodedCommand()
        {
            var rows = ReadCsv(SampleHuntGenerator.TiFeedFileName);
            Assert.Equal(new[] { "Indicator", "Type", "Severity", "Description", "Reference" }, rows[0]);
            var feed = rows.Skip(1).ToList();
            Assert.InRange(feed.Count, 10, 30);

            // Decode the logged payloads by hand (not from the generator's ground truth) and look for each indicator.
            var decoded = new List<string>();
            foreach (var line in File.ReadLines(Path.Combine(SampleText.SampleDirectory, SampleHuntGenerator.LogFileName)))
            {
                string? commandLine = SampleText.CommandLineOf(line);
                var p = commandLine == null ? null : PayloadCatalog.All.FirstOrDefault(x => x.Encoded.CommandLine == commandLine);
                if (p == null || !p.IsMalicious) continue;
                decoded.Add(p.Form == EncodingForm.Hex ? SampleText.FromHex(SampleText.LongestToken(commandLine!, true))
                    : p.Form == EncodingForm.Gzip ? SampleText.Gunzip(SampleText.FromBase64(SampleText.LongestToken(commandLine!, false)))
                    : p.Form == EncodingForm.SplitQuotes ? Encoding.UTF8.GetString(SampleText.FromBase64(SampleText.LongestToken(commandLine!.Replace("''", ""), false)))
                    : Encoding.UTF8.GetString(SampleText.FromBase64(SampleText.LongestToken(commandLine!, false))));
            }
            // Nested payloads: decode the inner layer too.
            decoded.AddRange(decoded.Where(d => d.StartsWith("echo ", StringComparison.Ordinal) && d.Contains("base64 -d"))
                .Select(d => Encoding.UTF8.GetString(SampleText.FromBase64(SampleText.LongestToken(d, false)))).ToList());

            foreach (var row in feed)
            {
                Assert.Equal(5, row.Length);
                Assert.Contains(row[1], new[] { "ipv4", "dns", "url", "sha256_hash" });
                Assert.Contains(row[2], new[] { "high", "medium", "low" });
                Assert.True(decoded.Any(d => d.Contains(row[0])), row[0] + " does not occur in any malicious decoded command");
            }
            Assert.Equal(3, feed.Select(r => r[2]).Distinct().Count());
        }
    }
}

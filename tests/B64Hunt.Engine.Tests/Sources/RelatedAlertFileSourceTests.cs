using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using B64Hunt.Errors;
using B64Hunt.LogAnalytics;
using B64Hunt.Model;
using B64Hunt.Sources;
using Xunit;

namespace B64Hunt.Tests.Sources
{
    /// <summary>Get-B64RelatedAlert's file stage in the engine: read, match to the hunted hosts, keep the window.</summary>
    public sealed class RelatedAlertFileSourceTests : IDisposable
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), "b64hunt-alertstage-" + Guid.NewGuid().ToString("N") + ".csv");

        public RelatedAlertFileSourceTests()
        {
            File.WriteAllLines(_path, new[]
            {
                "TimeGenerated [UTC],AlertName,SystemAlertId,CompromisedEntity",
                "2024-04-20T00:00:00Z,Before,a-1,web1",
                "2024-05-02T10:00:00Z,Inside,a-2,web1",
                "2024-05-02T10:00:00Z,Other host,a-3,db9",
                ",No time,a-4,web1",
                "2024-06-01T00:00:00Z,After,a-5,web1",
                "2024-05-02T11:00:00Z,,,web1",
                "not a time,Bad time,a-7,web1",
            });
        }

        public void Dispose() => File.Delete(_path);

        private static readonly (DateTime, DateTime) Window = (new DateTime(2024, 4, 27, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 5, 3, 0, 0, 0, DateTimeKind.Utc));

        [Fact]
        public void KeepsTheAlertsOfTheHuntedHostsInsideTheWindowAndReportsBadRows()
        {
            var problems = new ProblemList();
            var source = new RelatedAlertFileSource(new[] { "web1" }, Window);
            var alerts = source.Read(_path, problems, CancellationToken.None).ToList();
            // An alert without a time cannot be placed outside the window, so it stays (as in the cmdlet before).
            Assert.Equal(new[] { "Inside", "No time" }, alerts.Select(a => a.AlertName));
            Assert.Equal(7, source.RowsRead);
            Assert.Equal(2, source.AlertsFound);
            Assert.Equal(new[] { "7", "8" }, problems.Select(p => ((string)p.Target!).Split(':').Last()));
            Assert.All(problems, p => Assert.Equal(ErrorIds.MalformedSecurityAlertRow, p.ErrorId));
        }

        [Fact]
        public void WithoutAWindowOrHostsEveryReadableAlertComesOut()
        {
            var problems = new ProblemList();
            var alerts = new RelatedAlertFileSource(Array.Empty<string>(), null).Read(_path, problems, CancellationToken.None).ToList();
            Assert.Equal(new[] { "Before", "Inside", "Other host", "No time", "After" }, alerts.Select(a => a.AlertName));
            Assert.Equal(2, problems.Count);
        }

        [Fact]
        public void AMissingFileIsOneUnreadableProblemWithThePath()
        {
            var problems = new ProblemList();
            string missing = _path + ".missing";
            Assert.Empty(new RelatedAlertFileSource(new[] { "web1" }, null).Read(missing, problems, CancellationToken.None));
            var problem = Assert.Single(problems);
            Assert.Equal(ErrorIds.SecurityAlertFileUnreadable, problem.ErrorId);
            Assert.Equal(missing, problem.Target);
        }
    }
}

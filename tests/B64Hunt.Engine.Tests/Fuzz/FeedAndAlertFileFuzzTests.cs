using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using B64Hunt.Errors;
using B64Hunt.Intel;
using B64Hunt.LogAnalytics;
using B64Hunt.Model;
using B64Hunt.Sources;
using Xunit;

namespace B64Hunt.Tests.Fuzz
{
    /// <summary>
    /// The other local files a hunt reads: TI feeds (CSV, plain lists) and exported SecurityAlert files (CSV, JSON,
    /// gzip). A feed never throws (bad rows are InvalidTiFeedRow problems naming file:line); an alert file never
    /// throws either (SecurityAlertFileUnreadable / MalformedSecurityAlertRow problems).
    /// </summary>
    [Collection("Fuzz")]
    public sealed class FeedAndAlertFileFuzzTests
    {
        private static string Fixture(string area, string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", area, name);

        [Fact]
        public void MutatedTiFeedsReportBadRowsAndKeepTheRest()
        {
            var seeds = new[]
            {
                File.ReadAllBytes(Fixture("Intel", "ti-feed.csv")), File.ReadAllBytes(Fixture("Intel", "ti-list.txt")),
                File.ReadAllBytes(Path.Combine(FuzzSeeds.DataDirectory, "sample", "ti-feed.csv")),
            };
            string dir = Path.Combine(Path.GetTempPath(), "b64hunt-fuzz-feed-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                FuzzRunner.Run("ti-feed", 300, c =>
                {
                    var rng = c.Rng;
                    c.Input = rng.Chance(10) ? Mutator.RandomBlob(rng, rng.Next(0, 4000)) : Mutator.Mutate(rng, rng.Pick(seeds), 6, seeds);
                    string path = Path.Combine(dir, "feed-" + c.Index + (rng.Chance(50) ? ".csv" : ".txt"));
                    File.WriteAllBytes(path, c.Input);
                    var problems = new ProblemList();
                    var entries = LocalFeedReader.Read(path, problems);
                    Assert.NotNull(entries);
                    foreach (var problem in problems)
                    {
                        FuzzAssert.ValidProblem(problem, new[] { "InvalidTiFeedRow", "TiFeedUnreadable" }, c);
                        Assert.StartsWith(path, (string)problem.Target!);
                    }
                    File.Delete(path);
                });
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public void MutatedAlertFilesFailOnlyAsTheCmdletExpects()
        {
            byte[] csv = File.ReadAllBytes(Path.Combine(FuzzSeeds.DataDirectory, "sample", "alerts.csv"));
            byte[] json = Encoding.UTF8.GetBytes(File.ReadAllText(FuzzSeeds.SourceFixture("la-rest.json")));
            var seeds = new[] { csv, json, File.ReadAllBytes(Fixture("LogAnalytics", "SecurityAlert.csv")) };
            string dir = Path.Combine(Path.GetTempPath(), "b64hunt-fuzz-alerts-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            var hosts = new[] { "bastion-01", "mail-01", "web-01" };
            try
            {
                FuzzRunner.Run("alert-file", 300, c =>
                {
                    var rng = c.Rng;
                    int pick = rng.Next(seeds.Length);
                    byte[] content = Mutator.Mutate(rng, seeds[pick], 6, seeds);
                    string extension = pick == 1 ? rng.Pick(new[] { ".json", ".jsonl" }) : ".csv";
                    if (rng.Chance(20))
                    {
                        content = rng.Chance(50) ? SourceFuzzTests.Gzip(content) : Mutator.Mutate(rng, SourceFuzzTests.Gzip(content), 3);
                        extension += ".gz";
                    }
                    c.Input = content;
                    string path = Path.Combine(dir, "alerts-" + c.Index + extension);
                    File.WriteAllBytes(path, content);
                    // The reader never throws: bad rows and bad files are problems with the documented ids, targeted.
                    var problems = new ProblemList();
                    foreach (var row in SecurityAlertFileReader.Read(path, problems))
                    {
                        Assert.False(string.IsNullOrEmpty(row.Location));
                        try
                        {
                            SecurityAlertMapper.Match(row.Values, hosts, row.Location).ToList();
                        }
                        catch (FormatException)
                        {
                            // MalformedSecurityAlertRow for this row; the next row is read
                        }
                    }
                    Assert.All(problems, p =>
                    {
                        Assert.Contains(p.ErrorId, new[] { ErrorIds.SecurityAlertFileUnreadable, ErrorIds.MalformedSecurityAlertRow });
                        Assert.False(string.IsNullOrEmpty(p.Target as string));
                    });
                    File.Delete(path);
                });
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }
}

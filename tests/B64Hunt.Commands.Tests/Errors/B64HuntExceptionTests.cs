using System;
using System.IO;
using System.Linq;
using System.Reflection;
using B64Hunt.Classification;
using B64Hunt.Commands;
using B64Hunt.Configuration;
using B64Hunt.Errors;
using B64Hunt.LogAnalytics;
using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.Errors
{
    /// <summary>One exception base carries the id: the failures that have one derive from it, and error records keep it.</summary>
    public class B64HuntExceptionTests
    {
        [Fact]
        public void FileFaultsCarryTheirIdAndKind()
        {
            Exception config = new ConfigFileException("b64hunt.yaml", 3, 5, "not a mapping");
            Exception rules = new CategoryRuleFileException("rules.yaml", 7, 2, "bad pattern");
            var c = Assert.IsAssignableFrom<B64HuntException>(config);
            var r = Assert.IsAssignableFrom<B64HuntException>(rules);
            Assert.Equal((ErrorIds.InvalidConfigFile, ProblemKind.InvalidData), (c.ErrorId, c.Kind));
            Assert.Equal((ErrorIds.InvalidCategoryRuleFile, ProblemKind.InvalidData), (r.ErrorId, r.Kind));
            Assert.Equal("b64hunt.yaml:3:5: not a mapping", c.Message);
        }

        [Fact]
        public void AQueryFailureIsOneToo_AndBecomesAProblemAboutItsTarget()
        {
            B64HuntException ex = new LogAnalyticsException(ErrorIds.DefenderXdrThrottled, ProblemKind.LimitsExceeded, "throttled", 429);
            var problem = ex.ToProblem("DeviceProcessEvents");
            Assert.Equal((ErrorIds.DefenderXdrThrottled, ProblemKind.LimitsExceeded, "throttled", (object)"DeviceProcessEvents"),
                (problem.ErrorId, problem.Kind, problem.Message, problem.Target!));
            Assert.Same(ex, problem.Exception);
        }

        [Fact]
        public void NoOtherTypeHoldsAnErrorIdOfItsOwn()
        {
            // Exceptions with an id derive from the base; the Problem record is the one other carrier.
            var assemblies = new[] { typeof(ErrorIds).Assembly, typeof(B64HuntCmdlet).Assembly };
            var holders = assemblies.SelectMany(a => a.GetTypes())
                .Where(t => t != typeof(B64HuntException)
                            && t.GetProperty("ErrorId", BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly) != null)
                .Select(t => t.FullName)
                .ToList();
            Assert.Empty(holders);
            var exceptions = typeof(ErrorIds).Assembly.GetTypes().Where(t => typeof(B64HuntException).IsAssignableFrom(t)).Select(t => t.Name).OrderBy(n => n).ToArray();
            Assert.Equal(new[] { "B64HuntException", "CategoryRuleFileException", "ConfigFileException", "LogAnalyticsException" }, exceptions);
        }

        [Fact]
        public void AnErrorRecordMadeFromAProblemCarriesTheIdInItsException()
        {
            var plain = B64HuntCmdlet.ToErrorRecord(new Problem(ErrorIds.MalformedRow, ProblemKind.InvalidData, "3 fields, 5 expected.", "a.csv:4"));
            var wrapped = B64HuntCmdlet.ToErrorRecord(new Problem(ErrorIds.FileReadError, ProblemKind.ReadError, "a.csv: denied",
                "a.csv", new IOException("denied")));
            Assert.Equal(ErrorIds.MalformedRow, Assert.IsType<B64HuntException>(plain.Exception).ErrorId);
            var outer = Assert.IsType<B64HuntException>(wrapped.Exception);
            Assert.Equal((ErrorIds.FileReadError, ProblemKind.ReadError), (outer.ErrorId, outer.Kind));
            Assert.IsType<IOException>(outer.InnerException);
        }
    }
}

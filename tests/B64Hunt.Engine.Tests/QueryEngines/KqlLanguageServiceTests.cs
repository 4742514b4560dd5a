using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using B64Hunt.QueryEngines;
using Xunit;
using Xunit.Abstractions;

namespace B64Hunt.Tests.QueryEngines
{
    /// <summary>
    /// Every KQL query the module builds (<see cref="ModuleQueries.All"/>) parses and binds without a single diagnostic
    /// in Kusto's own language service, against the schemas of the engine it runs on (tests/kql/schemas.json).
    /// </summary>
    public class KqlLanguageServiceTests
    {
        private static readonly DateTime Start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        private readonly ITestOutputHelper _output;

        public KqlLanguageServiceTests(ITestOutputHelper output) => _output = output;

        private static string SchemasPath => Path.Combine(KustoLanguageService.KqlDirectory, "schemas.json");

        private static List<(string Name, string Engine, List<string> Diagnostics)> Bind(IEnumerable<ModuleQuery> queries, out int exitCode)
        {
            var file = Path.Combine(Path.GetTempPath(), "b64hunt-kql-" + Guid.NewGuid().ToString("N") + ".json");
            try
            {
                File.WriteAllText(file, JsonSerializer.Serialize(queries.Select(q => new { name = q.Name, engine = q.Engine, kql = q.Kql })));
                var (code, output) = KustoLanguageService.Bind(SchemasPath, file);
                exitCode = code;
                var results = new List<(string, string, List<string>)>();
                foreach (var line in output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("{", StringComparison.Ordinal)))
                {
                    var json = JsonDocument.Parse(line).RootElement;
                    results.Add((json.GetProperty("name").GetString()!, json.GetProperty("engine").GetString()!,
                        json.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetString()!).ToList()));
                }
                if (results.Count == 0) throw new InvalidOperationException("bind-kql.js printed no result (exit code " + code + "): " + output);
                return results;
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void EveryModuleQueryParsesAndBindsAgainstItsEnginesSchema()
        {
            var queries = ModuleQueries.All(Start, Start.AddDays(1));
            var results = Bind(queries, out var exitCode);

            foreach (var (name, engine, diagnostics) in results) _output.WriteLine(engine + "/" + name + ": " + (diagnostics.Count == 0 ? "ok" : string.Join("; ", diagnostics)));
            Assert.Equal(queries.Count, results.Count);
            Assert.Equal(new[] { "adx", "defenderxdr", "workspace" }, results.Select(r => r.Engine).Distinct().OrderBy(e => e));
            Assert.Empty(results.Where(r => r.Diagnostics.Count > 0).Select(r => r.Engine + "/" + r.Name + ": " + string.Join("; ", r.Diagnostics)));
            Assert.Equal(0, exitCode);
        }

        [Theory]
        [InlineData("workspace", "Syslog | where SyslogMesage has 'x'")]                    // a misspelt column
        [InlineData("defenderxdr", "Syslog | take 1")]                                     // a table the engine does not have
        [InlineData("workspace", "_Im_ProcessCreate() | project DvcHostName")]              // an ASIM field in the wrong case
        [InlineData("adx", "DeviceProcessEvents | where ProcessCommandLine has_any ('a' | project x")]
        public void AQueryThatDoesNotBindIsReported(string engine, string kql)
        {
            var result = Assert.Single(Bind(new[] { new ModuleQuery("wrong", engine, kql) }, out var exitCode));
            Assert.NotEmpty(result.Diagnostics);
            Assert.Equal(1, exitCode);
        }
    }
}

using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using B64Hunt.Commands;
using B64Hunt.Configuration;
using B64Hunt.Model;
using B64Hunt.Scoring;
using Xunit;
using static B64Hunt.Tests.Scoring.Fixture;

namespace B64Hunt.Tests.Scoring
{
    /// <summary>
    /// The Scoring section of B64Hunt's config (Weights, AlertWindow) and Measure-B64Score's precedence:
    /// parameter > configuration > the notebook's defaults. Cmdlet tests use -ConfigPath into a temporary folder
    /// (the process environment is shared by parallel tests; the Pester file covers $env:B64HUNT_CONFIG).
    /// </summary>
    public sealed class ScoringConfigurationTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "b64hunt-scoring-" + Guid.NewGuid().ToString("N"));

        public ScoringConfigurationTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        private static ConfigEnvironment Env() => ConfigEnvironment.FromDictionary(new Dictionary<string, string>(), "/nonexistent-home", "/");

        private static B64HuntConfig Parse(string yaml) => ConfigLoader.Parse(yaml, "config.yaml", Env());

        private string Write(string yaml)
        {
            var path = Path.Combine(_dir, "config.yaml");
            File.WriteAllText(path, yaml);
            return path;
        }

        private static PowerShell Shell()
        {
            var iss = InitialSessionState.CreateDefault2();
            iss.Commands.Add(new SessionStateCmdletEntry("Measure-B64Score", typeof(MeasureB64ScoreCommand), null));
            return PowerShell.Create(iss);
        }

        private static KeyValuePair<string, double> W(string key, double value) => new KeyValuePair<string, double>(key, value);

        // ---------------------------------------------------------------- the loader

        [Theory]
        [InlineData("\"1.00:00:00\"", 24 * 60)]
        [InlineData("1.00:00:00", 24 * 60)]
        [InlineData("'02:30:00'", 150)]
        [InlineData("00:00:00", 0)]
        public void AlertWindowIsReadAsATimeSpan(string value, int minutes)
        {
            var config = Parse("Scoring:\n  AlertWindow: " + value + "\n");
            Assert.Equal(TimeSpan.FromMinutes(minutes), config.ScoringAlertWindow);
        }

        [Fact]
        public void NoAlertWindowMeansTheNotebooksRule()
        {
            Assert.Null(Parse("Scoring:\n  Weights: { High: 5 }\n").ScoringAlertWindow);
            Assert.Null(B64HuntConfig.Empty.ScoringAlertWindow);
        }

        [Theory]
        [InlineData("soon")]
        [InlineData("\"-01:00:00\"")]
        [InlineData("[1, 2]")]
        public void ABadAlertWindowIsAnInvalidConfigFileWithItsLine(string value)
        {
            var ex = Assert.Throws<ConfigFileException>(() => Parse("Scoring:\n  Weights: { High: 5 }\n  AlertWindow: " + value + "\n"));
            Assert.Equal("InvalidConfigFile", ex.ErrorId);
            Assert.Equal(3, ex.Line);
            Assert.Contains("Scoring.AlertWindow", ex.Message);
        }

        // ---------------------------------------------------------------- precedence

        [Fact]
        public void ConfigWeightsMergeUnderParameterWeightsKeyByKey()
        {
            var config = Parse("Scoring:\n  Weights: { High: 5, AlertLow: 0.5, Unknown: 2 }\n");
            var weights = ScoringSettings.ResolveWeights(config, new[] { W("unknown", 0), W("Medium", 4) }, out var problem);
            Assert.Null(problem);
            Assert.Equal(5, weights.High);            // config
            Assert.Equal(0.5, weights.AlertLow);      // config
            Assert.Equal(0, weights.Unknown);         // parameter beats config's 2
            Assert.Equal(4, weights.Medium);          // parameter
            Assert.Equal(1, weights.Low);             // default
            Assert.Equal(3, weights.AlertHigh);       // default
        }

        [Fact]
        public void AnUnknownConfigWeightNamesTheFileAndTheKey()
        {
            var config = Parse("Scoring:\n  Weights: { Severe: 2 }\n");
            var weights = ScoringSettings.ResolveWeights(config, null, out var problem);
            Assert.NotNull(problem);
            Assert.Equal("UnknownScoreWeight", problem!.ErrorId);
            Assert.Equal(ProblemKind.InvalidArgument, problem.Kind);
            Assert.StartsWith("config.yaml: Scoring.Weights.Severe: ", problem.Message);
            Assert.Equal("Severe", problem.Target);
            Assert.Equal(3, weights.High);            // the defaults come back with the problem
        }

        [Fact]
        public void ANegativeConfigWeightIsInvalidEvenWhenTheParameterSetsIt()
        {
            var config = Parse("Scoring:\n  Weights: { AlertHigh: -1 }\n");
            ScoringSettings.ResolveWeights(config, new[] { W("AlertHigh", 3) }, out var problem);
            Assert.Equal("InvalidScoreWeight", problem!.ErrorId);
            Assert.Contains("Scoring.Weights.AlertHigh", problem.Message);
        }

        [Fact]
        public void TheParameterWindowBeatsTheConfiguredOne()
        {
            var config = Parse("Scoring:\n  AlertWindow: \"1.00:00:00\"\n");
            Assert.Equal(TimeSpan.FromDays(1), ScoringSettings.ResolveAlertWindow(config, null));
            Assert.Equal(TimeSpan.FromHours(2), ScoringSettings.ResolveAlertWindow(config, TimeSpan.FromHours(2)));
            Assert.Null(ScoringSettings.ResolveAlertWindow(B64HuntConfig.Empty, null));
        }

        // ---------------------------------------------------------------- the cmdlet

        // web1 ran "x" at 0; a High alert at +30 and a Low one at +600 (10 h later).
        private static object[] Input() => new object[]
        {
            Event("x", "web1", 0), Alert("web1", "Miner", "High", 30), Alert("web1", "Scan", "Low", 600),
        };

        private static CommandScore Single(PowerShell ps)
        {
            var output = ps.Invoke(Input());
            Assert.False(ps.HadErrors, string.Join("; ", ps.Streams.Error.Select(e => e.ToString())));
            return (CommandScore)Assert.Single(output).BaseObject;
        }

        [Fact]
        public void AlertWindowParameterNarrowsTheAlerts()
        {
            using var ps = Shell();
            ps.AddCommand("Measure-B64Score").AddParameter("Model", "Notebook").AddParameter("AlertWindow", "01:00:00");
            var score = Single(ps);
            Assert.Equal(3.0, score.AlertScore, 9);               // the Low at +600 is outside ±60 min
            Assert.Equal(4.0, score.TotalScore, 9);               // 1 + 3

            using var notebook = Shell();
            notebook.AddCommand("Measure-B64Score").AddParameter("Model", "Notebook");
            Assert.Equal(4.0, Single(notebook).AlertScore, 9);    // 3 + 1 without a window
        }

        [Fact]
        public void ANegativeAlertWindowStopsTheCommand()
        {
            using var ps = Shell();
            ps.AddCommand("Measure-B64Score").AddParameter("Model", "Notebook").AddParameter("AlertWindow", TimeSpan.FromMinutes(-5));
            var ex = Assert.ThrowsAny<RuntimeException>(() => ps.Invoke(Input()));
            Assert.Equal("InvalidAlertWindow,B64Hunt.Commands.MeasureB64ScoreCommand", ex.ErrorRecord.FullyQualifiedErrorId);
        }

        [Fact]
        public void ConfigPathWeightsAndWindowAreUsedAndTheParametersWin()
        {
            var path = Write("Scoring:\n  Weights:\n    AlertHigh: 10\n    AlertLow: 4\n  AlertWindow: \"01:00:00\"\n");
            using (var ps = Shell())
            {
                ps.AddCommand("Measure-B64Score").AddParameter("Model", "Notebook").AddParameter("ConfigPath", path);
                // Config: AlertHigh 10, window ±1 h keeps only the Miner: 10. Total 1 + 10 = 11.
                Assert.Equal(11.0, Single(ps).TotalScore, 9);
            }
            using (var ps = Shell())
            {
                ps.AddCommand("Measure-B64Score").AddParameter("Model", "Notebook").AddParameter("ConfigPath", path)
                    .AddParameter("Weight", new Hashtable { ["AlertHigh"] = 2 }).AddParameter("AlertWindow", TimeSpan.FromDays(1));
                // -Weight AlertHigh 2 beats 10, config AlertLow 4 stays; -AlertWindow 1 day keeps both: 2 + 4 = 6. Total 7.
                var score = Single(ps);
                Assert.Equal(6.0, score.AlertScore, 9);
                Assert.Equal(7.0, score.TotalScore, 9);
            }
        }

        [Fact]
        public void NoAlertWindowRestoresTheNotebookRuleOverTheConfig()
        {
            var path = Write("Scoring:\n  AlertWindow: \"01:00:00\"\n");
            using (var ps = Shell())
            {
                ps.AddCommand("Measure-B64Score").AddParameter("Model", "Notebook").AddParameter("ConfigPath", path).AddParameter("NoAlertWindow");
                Assert.Equal(4.0, Single(ps).AlertScore, 9);      // High 3 + Low 1 (+600) as in the notebook
            }
            using (var ps = Shell())
            {
                ps.AddCommand("Measure-B64Score").AddParameter("Model", "Notebook").AddParameter("NoAlertWindow").AddParameter("AlertWindow", TimeSpan.FromHours(1));
                var ex = Assert.ThrowsAny<RuntimeException>(() => ps.Invoke(Input()));
                Assert.Equal("InvalidAlertWindow,B64Hunt.Commands.MeasureB64ScoreCommand", ex.ErrorRecord.FullyQualifiedErrorId);
            }
        }

        [Fact]
        public void ABadWeightInTheConfigStopsWithItsIdAndNamesTheKey()
        {
            var path = Write("Scoring:\n  Weights: { Critical: 9 }\n");
            using var ps = Shell();
            ps.AddCommand("Measure-B64Score").AddParameter("Model", "Notebook").AddParameter("ConfigPath", path);
            var ex = Assert.ThrowsAny<RuntimeException>(() => ps.Invoke(Input()));
            Assert.Equal("UnknownScoreWeight,B64Hunt.Commands.MeasureB64ScoreCommand", ex.ErrorRecord.FullyQualifiedErrorId);
            Assert.Contains("Scoring.Weights.Critical", ex.Message);
            Assert.Contains(path, ex.Message);
        }

        [Theory]
        [InlineData("Scoring:\n  Weights: { High: lots }\n", "Scoring.Weights.High must be a number")]
        [InlineData("Scoring: [\n", "not valid YAML")]
        public void AnUnusableConfigFileStopsWithInvalidConfigFile(string yaml, string reason)
        {
            var path = Write(yaml);
            using var ps = Shell();
            ps.AddCommand("Measure-B64Score").AddParameter("Model", "Notebook").AddParameter("ConfigPath", path);
            var ex = Assert.ThrowsAny<RuntimeException>(() => ps.Invoke(Input()));
            Assert.Equal("InvalidConfigFile,B64Hunt.Commands.MeasureB64ScoreCommand", ex.ErrorRecord.FullyQualifiedErrorId);
            Assert.Contains(reason, ex.Message);
        }

        [Fact]
        public void AMissingConfigPathStops()
        {
            using var ps = Shell();
            ps.AddCommand("Measure-B64Score").AddParameter("Model", "Notebook").AddParameter("ConfigPath", Path.Combine(_dir, "absent.yaml"));
            var ex = Assert.ThrowsAny<RuntimeException>(() => ps.Invoke(Input()));
            Assert.Equal("ConfigFileNotFound,B64Hunt.Commands.MeasureB64ScoreCommand", ex.ErrorRecord.FullyQualifiedErrorId);
        }
    }
}

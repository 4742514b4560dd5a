using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using B64Hunt.Classification;
using B64Hunt.Configuration;
using B64Hunt.Errors;
using B64Hunt.GtfoBins;
using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.Fuzz
{
    /// <summary>
    /// Hostile YAML: category rule files, B64Hunt config / msticpyconfig, and GTFOBins entries. A bad rule or
    /// config file fails only with its documented exception naming the file, line and column; a bad GTFOBins
    /// file is one InvalidGtfoBinsEntry problem while the good files still load. Alias bombs and deep nesting
    /// neither hang nor blow up memory.
    /// </summary>
    [Collection("Fuzz")]
    public sealed class YamlFuzzTests
    {
        internal const string MsticpyConfig = @"TIProviders:
  OTX:
    Args:
      AuthKey: ""otx-from-msticpy""
    Primary: True
    Provider: ""OTX""
  VirusTotal:
    Args:
      AuthKey:
        EnvironmentVar: ""VIRUSTOTAL_AUTH""
    Primary: True
    Provider: ""VirusTotal""
  XForce:
    Args:
      ApiID:
        EnvironmentVar: ""XFORCE_ID""
      AuthKey:
        EnvironmentVar: ""XFORCE_KEY""
    Primary: False
    Provider: ""XForce""
  OpenPageRank:
    Args:
      AuthKey:
        KeyVault:
    Primary: False
    Provider: ""OPR""
KeyVault:
  TenantId: 5d6a50cf-b1b6-4bfd-ad54-b9822b06ff92
  VaultName: ""myvault""
";

        internal const string B64HuntConfig = @"TIProviders:
  OTX:
    Endpoint: http://127.0.0.1:1111
    RequestsPerMinute: 10
    Args:
      AuthKey: otx-own
  VirusTotal:
    RequestsPerMinute: 4
    RequestsPerDay: 500
    Args:
      AuthKey:
        EnvironmentVar: VT_KEY
Scoring:
  Weights:
    High: 4
    Medium: 2
    Low: 1
";

        /// <summary>YAML shapes that make naive readers hang or explode: alias bombs, deep nesting, long keys.</summary>
        internal static string Structural(FuzzRng rng, string seed)
        {
            switch (rng.Next(6))
            {
                case 0: // billion laughs, referenced where the reader looks
                    return Mutator.AliasBomb(rng.Next(3, 10)) + rng.Pick(new[] { "rules: *a", "TIProviders: *a", "Scoring:\n  Weights: *a", "functions: *a" })
                        + (rng.Next(3, 9)) + "\n";
                case 1: // the bomb inside a real document
                    {
                        int at = rng.Next(seed.Length);
                        int nl = seed.IndexOf('\n', at);
                        at = nl < 0 ? seed.Length : nl + 1;
                        return seed.Substring(0, at) + "x: &b0 [a,a,a,a,a,a,a,a,a,a]\ny: &b1 [*b0,*b0,*b0,*b0,*b0,*b0,*b0,*b0,*b0,*b0]\nz: &b2 [*b1,*b1,*b1,*b1,*b1,*b1,*b1,*b1,*b1,*b1]\n" + seed.Substring(at);
                    }
                case 2: // deep flow nesting
                    {
                        int depth = rng.Next(10, 400);
                        return "rules: " + new string('[', depth) + (rng.Chance(50) ? new string(']', depth) : "") + "\n";
                    }
                case 3: // deep block nesting
                    {
                        var sb = new StringBuilder();
                        int depth = rng.Next(10, 200);
                        for (int i = 0; i < depth; i++) sb.Append(new string(' ', i)).Append("k").Append(i).Append(":\n");
                        return sb.ToString();
                    }
                case 4: // a billion-laughs alias used as a mapping key (hashing a key walks it)
                    return Mutator.AliasBomb(rng.Next(3, 10)) + "? *a" + rng.Next(3, 9) + "\n: x\n";
                default: // an unknown alias, a recursive-looking alias, a long key
                    return rng.Pick(new[] { "rules: *nowhere\n", "a: &x [*x]\n", new string('k', rng.Next(1, 100_000)) + ": v\n", "? [a, b]\n: c\n", "TIProviders:\n  ? [OTX]\n  : {}\n", "Scoring:\n  Weights:\n    ? {a: 1}\n    : 4\n", "rules:\n  - ? [id]\n    : x\n", "%TAG ! tag:x,2000:\n--- !foo\n" });
            }
        }

        private static string Hostile(FuzzRng rng, string seed, IReadOnlyList<byte[]> donors)
        {
            if (rng.Chance(20)) return Structural(rng, seed);
            if (rng.Chance(5)) return Encoding.UTF8.GetString(Mutator.RandomBlob(rng, rng.Next(0, 2000)));
            return Mutator.MutateText(rng, seed, 6, donors);
        }

        [Fact]
        public void MutatedCategoryRuleFilesFailOnlyWithFileLineAndColumn()
        {
            string bundled = FuzzSeeds.CategoriesYaml;
            string[] seeds =
            {
                bundled,
                File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Classification", "user-rules.yaml")),
                "rules:\n  - id: r1\n    category: C\n    techniques: [T1105]\n    commands: [curl]\n    pattern: 'a+b'\n    sequence: [{commands: [x]}, {args: ['-e']}]\n",
            };
            var donors = FuzzSeeds.Donors(seeds);
            FuzzRunner.Run("category-yaml", 400, c =>
            {
                var rng = c.Rng;
                string seed = rng.Chance(30) ? bundled : rng.Pick(seeds);
                string yaml = Hostile(rng, seed, donors);
                c.Input = Encoding.UTF8.GetBytes(yaml);
                try
                {
                    var set = CategoryRuleSet.Parse(yaml, "rules.yaml");
                    var classifier = new CommandClassifier(set);
                    classifier.Classify(rng.Pick(FuzzSeeds.DecodedCommands));
                }
                catch (CategoryRuleFileException ex)
                {
                    Assert.Equal("rules.yaml", ex.File);
                    Assert.True(ex.Line >= 1 && ex.Column >= 1, $"no position: line {ex.Line}, column {ex.Column}: {ex.Message}");
                    Assert.Contains("rules.yaml", ex.Message);
                    Assert.False(string.IsNullOrEmpty(ex.Reason));
                }
            });
        }

        [Fact]
        public void MutatedConfigFilesFailOnlyWithFileLineAndColumn()
        {
            string[] seeds = { MsticpyConfig, B64HuntConfig };
            var donors = FuzzSeeds.Donors(seeds);
            var env = ConfigEnvironment.FromDictionary(new Dictionary<string, string> { ["VIRUSTOTAL_AUTH"] = "k", ["VT_KEY"] = "k" }, "/home/u", "/home/u");
            FuzzRunner.Run("config-yaml", 800, c =>
            {
                var rng = c.Rng;
                string yaml = Hostile(rng, rng.Pick(seeds), donors);
                c.Input = Encoding.UTF8.GetBytes(yaml);
                var warnings = new List<Problem>();
                try
                {
                    ConfigLoader.Parse(yaml, "config.yaml", env, warnings);
                }
                catch (ConfigFileException ex)
                {
                    Assert.Equal("config.yaml", ex.FilePath);
                    Assert.True(ex.Line >= 1 && ex.Column >= 1, $"no position: line {ex.Line}, column {ex.Column}: {ex.Message}");
                    Assert.Contains("config.yaml", ex.Message);
                }
                foreach (var warning in warnings)
                {
                    FuzzAssert.ValidProblem(warning, new[] { "TiConfigVariableNotSet" }, c);
                }
            });
        }

        [Fact]
        public void MutatedGtfoBinsFilesAreReportedAndTheOthersLoad()
        {
            var files = FuzzSeeds.GtfoBinsFiles(60);
            string functions = FuzzSeeds.GtfoBinsFunctionsYaml;
            var donors = files.Select(f => f.Value).ToList();
            string root = Path.Combine(Path.GetTempPath(), "b64hunt-fuzz-gtfobins-" + Guid.NewGuid().ToString("N"));
            try
            {
                FuzzRunner.Run("gtfobins-yaml", 150, c =>
                {
                    var rng = c.Rng;
                    string dir = Path.Combine(root, c.Index.ToString());
                    string bins = Path.Combine(dir, "bins");
                    Directory.CreateDirectory(bins);
                    string functionsPath = Path.Combine(dir, "functions.yml");
                    bool functionsMutated = rng.Chance(20);
                    // Bytes, not WriteAllText: the hostile text may hold lone surrogates (written as U+FFFD).
                    File.WriteAllBytes(functionsPath, Encoding.UTF8.GetBytes(functionsMutated ? Hostile(rng, functions, donors) : functions));
                    var mutated = new HashSet<string>();
                    var good = new List<string>();
                    long size = 0;
                    int n = rng.Next(2, 8);
                    var chosen = new HashSet<string>();
                    for (int i = 0; i < n; i++)
                    {
                        var file = rng.Pick(files);
                        if (!chosen.Add(file.Key)) continue;
                        string path = Path.Combine(bins, file.Key);
                        byte[] content = file.Value;
                        if (rng.Chance(50))
                        {
                            content = rng.Chance(15) ? Encoding.UTF8.GetBytes(Structural(rng, Encoding.UTF8.GetString(content))) : Mutator.Mutate(rng, content, 6, donors);
                            mutated.Add(path);
                        }
                        else if (!Encoding.UTF8.GetString(content).Contains("alias:"))
                        {
                            good.Add(file.Key); // (an alias loads only when its target is in the folder too)
                        }
                        size += content.Length;
                        File.WriteAllBytes(path, content);
                        if (mutated.Contains(path)) c.Input = content;
                    }
                    c.InputSize = size;
                    var problems = new ProblemList();
                    var index = GtfoBinsIndexBuilder.Load(dir, problems);
                    foreach (var problem in problems)
                    {
                        FuzzAssert.ValidProblem(problem, new[] { ErrorIds.InvalidGtfoBinsEntry }, c);
                        Assert.True(mutated.Contains((string)problem.Target!) || (functionsMutated && (string)problem.Target! == functionsPath),
                            $"problem for an unmutated file: {problem}");
                    }
                    Assert.True(problems.Select(p => p.Target).Distinct().Count() == problems.Count, "one problem per bad file");
                    foreach (string name in good)
                    {
                        Assert.True(index.Entries.Any(e => e.Name == name) || index.Aliases.ContainsKey(name), $"good GTFOBins file '{name}' did not load");
                    }
                    // The index round-trips through its JSON form and tags with it.
                    var copy = GtfoBinsIndex.FromJson(index.ToJson());
                    new GtfoBinsTagger(copy).Tag(rng.Pick(FuzzSeeds.DecodedCommands));
                    Directory.Delete(dir, true);
                });
            }
            finally
            {
                if (Directory.Exists(root)) Directory.Delete(root, true);
            }
        }
    }
}

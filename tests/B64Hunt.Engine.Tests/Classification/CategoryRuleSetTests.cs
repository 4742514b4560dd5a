using System;
using System.IO;
using System.Linq;
using B64Hunt.Classification;
using B64Hunt.Errors;
using Xunit;

namespace B64Hunt.Tests.Classification
{
    public class CategoryRuleSetTests
    {
        private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Classification", name);

        [Fact]
        public void BundledRulesLoadWithSourceAndTechniques()
        {
            var rules = CommandClassifierTests.Bundled.Rules;
            Assert.True(rules.Count > 90);
            Assert.Equal(rules.Count, rules.Select(r => r.Id).Distinct().Count());
            var expectedCategories = new[]
            {
                "Network connections/Downloading", "File manipulation", "Host enumeration", "File/Process deletion/killing",
                "Archive/Compression programs", "Reverse shell", "Persistence", "Crypto mining", "Defence evasion",
                "Privilege escalation", "Credential access", "Execution of downloaded code", "Lateral movement", "Execution from temporary folder", "Config file write",
            };
            Assert.Equal(expectedCategories, rules.Select(r => r.Category).Distinct());
            var devTcp = rules.Single(r => r.Id == "revshell-dev-tcp");
            Assert.Equal(new[] { "T1059.004", "T1095" }, devTcp.Techniques);
            Assert.EndsWith(Path.Combine("rules", "categories.yaml"), devTcp.SourceFile);
            Assert.True(devTcp.Line > 1);
            Assert.Equal("tokens: /dev/tcp/*, /dev/udp/*", devTcp.Conditions);
            Assert.Equal("commands: set; allArgs: +o, history", rules.Single(r => r.Id == "evasion-history-set-o").Conditions);
            Assert.StartsWith("sequence: (commands: mkfifo, mknod) then (commands: nc, ", rules.Single(r => r.Id == "revshell-nc-fifo").Conditions);
            Assert.Same(CommandClassifierTests.Bundled, CategoryRuleSet.LoadBundled(Path.Combine(AppContext.BaseDirectory, "data")));
        }

        [Fact]
        public void UserFileAddsOverridesAndDisables()
        {
            var bundled = CommandClassifierTests.Bundled;
            var merged = bundled.Merge(Fixture("user-rules.yaml"));
            Assert.Equal(bundled.Rules.Count, merged.Rules.Count); // +1 added, -1 disabled
            Assert.DoesNotContain(merged.Rules, r => r.Id == "privesc-sudo");
            var added = merged.Rules.Last();
            Assert.Equal("custom-company-tool", added.Id);
            Assert.EndsWith("user-rules.yaml", added.SourceFile);
            var overridden = merged.Rules.Single(r => r.Id == "kill-processes");
            Assert.EndsWith("user-rules.yaml", overridden.SourceFile);
            // the override keeps the rule's place
            Assert.Equal(bundled.Rules.ToList().FindIndex(r => r.Id == "kill-processes"), merged.Rules.ToList().FindIndex(r => r.Id == "kill-processes"));

            var classifier = new CommandClassifier(merged);
            Assert.Equal(new[] { "Company tooling" }, classifier.Classify("deployctl push").Categories);
            Assert.Empty(classifier.Classify("kill 1234").Categories);
            Assert.Contains("T1562.001", classifier.Classify("kill -9 1234").Techniques);
            Assert.DoesNotContain("Privilege escalation", classifier.Classify("sudo apt-get update").Categories);
            Assert.Contains("Privilege escalation", new CommandClassifier(bundled).Classify("sudo apt-get update").Categories);
        }

        [Fact]
        public void BadYamlNamesFileLineAndColumn()
        {
            string path = Fixture("bad-indent.yaml");
            var ex = Assert.Throws<CategoryRuleFileException>(() => CategoryRuleSet.Load(path));
            Assert.Equal(path, ex.File);
            Assert.Equal(5, ex.Line);
            Assert.Equal(4, ex.Column);
            Assert.StartsWith(path + "(5,4): ", ex.Message);
            Assert.Equal("InvalidCategoryRuleFile", ErrorIds.InvalidCategoryRuleFile);
        }

        [Fact]
        public void UnknownKeyIsAFaultAtTheKey()
        {
            var ex = Assert.Throws<CategoryRuleFileException>(() => CommandClassifierTests.Bundled.Merge(Fixture("bad-key.yaml")));
            Assert.Equal(4, ex.Line);
            Assert.Equal(5, ex.Column);
            Assert.Contains("comands", ex.Reason);
        }

        [Theory]
        [InlineData("rules:\n  - category: X\n    commands: [a]\n", 2, 5, "no 'id'")]
        [InlineData("rules:\n  - id: x\n    commands: [a]\n", 2, 5, "no 'category'")]
        [InlineData("rules:\n  - id: x\n    category: X\n", 2, 5, "no condition")]
        [InlineData("rules:\n  - id: x\n    category: X\n    techniques: [T105]\n    commands: [a]\n", 4, 18, "T105")]
        [InlineData("rules:\n  - id: x\n    category: X\n    pattern: '(unclosed'\n", 4, 14, "Invalid pattern")]
        [InlineData("rules:\n  - id: x\n    category: X\n    scope: text\n    commands: [a]\n", 2, 5, "scope text")]
        [InlineData("rules:\n  - id: x\n    category: X\n    origins: [Nowhere]\n", 4, 15, "Unknown origin")]
        [InlineData("rules:\n  - id: x\n    category: X\n    commands: [a]\n  - id: x\n    category: Y\n    commands: [b]\n", 5, 5, "Duplicate")]
        [InlineData("rulez: []\n", 1, 1, "Unknown top-level key")]
        [InlineData("rules:\n  - id: nothing-here\n    enabled: false\n", 2, 5, "No loaded rule")]
        [InlineData("rules:\n  - id: x\n    category: X\n    sequence:\n      - commands: [a]\n", 5, 7, "at least two steps")]
        [InlineData("rules: [\n", 2, 1, "Invalid YAML")]
        public void InvalidRulesAreFaultsWithPositions(string yaml, int line, int column, string reason)
        {
            var ex = Assert.Throws<CategoryRuleFileException>(() => CommandClassifierTests.Bundled.MergeText(yaml, "user.yaml"));
            Assert.Equal("user.yaml", ex.File);
            Assert.Contains(reason, ex.Message);
            Assert.Equal((line, column), (ex.Line, ex.Column));
        }

        [Fact]
        public void MissingFileIsARuleFileFault()
        {
            var ex = Assert.Throws<CategoryRuleFileException>(() => CategoryRuleSet.Load(Fixture("absent.yaml")));
            Assert.Contains("cannot be read", ex.Message);
        }

        [Fact]
        public void PatternsTimeOutInsteadOfHanging()
        {
            Assert.Equal(TimeSpan.FromMilliseconds(100), CategoryRuleSet.PatternTimeout);
            var set = CommandClassifierTests.Bundled.MergeText("rules:\n  - id: slow\n    category: Slow\n    scope: text\n    pattern: '(a+)+b'\n", "user.yaml");
            var match = new CommandClassifier(set).Classify(new string('a', 40000) + "!");
            Assert.DoesNotContain("Slow", match.Categories);
        }
    }
}

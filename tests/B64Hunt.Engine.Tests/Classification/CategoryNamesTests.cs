using System.Linq;
using B64Hunt.Classification;
using Xunit;

namespace B64Hunt.Tests.Classification
{
    public class CategoryNamesTests
    {
        [Theory]
        [InlineData("Defence evasion", "Defense evasion")]
        [InlineData("defence EVASION", "Defense evasion")]
        [InlineData("Defense evasion", "Defense evasion")]
        [InlineData("Reverse shell", "Reverse shell")]
        public void OldSpellingsReadAsAttackSpelling(string name, string expected) =>
            Assert.Equal(expected, CategoryNames.Canonical(name));

        [Fact]
        public void RuleFileAndRiskSectionWithTheOldSpellingUseTheCurrentName()
        {
            var set = CommandClassifierTests.Bundled.MergeText(
                "rules:\n  - id: my-shred\n    category: Defence evasion\n    commands: [shred]\nrisk:\n  categories:\n    Defence evasion: 4.5\n", "mine.yaml");
            Assert.Equal("Defense evasion", set.Rules.Single(r => r.Id == "my-shred").Category);
            Assert.Equal(4.5, set.Risk.CategoryRisk("Defense evasion"));
            Assert.Equal(4.5, set.Risk.CategoryRisk("Defence evasion"));
            Assert.DoesNotContain(set.Rules, r => r.Category == "Defence evasion");
            Assert.Equal(new[] { "Defense evasion", "Defence evasion" }, CategoryNames.Spellings("Defense evasion").ToArray());
        }
    }
}

using System;
using System.Text;
using B64Hunt.Classification;
using Xunit;

namespace B64Hunt.Tests.Hostile
{
    /// <summary>Issue #12 item 5: padding that made a rule pattern time out no longer drops its category.</summary>
    public class RegexPaddingTests
    {
        private static CommandClassifier Bundled() => new CommandClassifier(CategoryRuleSet.LoadBundled(System.IO.Path.Combine(AppContext.BaseDirectory, "data")));

        [Theory]
        [InlineData("xmr")]
        [InlineData("pool-")]
        [InlineData("a")]
        public void MegabytesOfPaddingBeforeAMinerCommandKeepCryptoMining(string unit)
        {
            var padding = new StringBuilder();
            while (padding.Length < 2 * 1024 * 1024) padding.Append(unit);
            string command = "echo " + padding + "; ./xmrig -o pool.supportxmr.com:3333 -u 4AdUndXHHZ6cfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2684Rge";
            var match = Bundled().Classify(command);
            Assert.Contains("Crypto mining", match.Categories);
        }

        [Fact]
        public void ThePaddingAloneIsNoMinerCommand()
        {
            var padding = new StringBuilder();
            while (padding.Length < 2 * 1024 * 1024) padding.Append("xmr");
            Assert.DoesNotContain("Crypto mining", Bundled().Classify("echo " + padding).Categories);
        }

        [Fact]
        public void SimplePatternsAreLinearAndLookaroundsStillWork()
        {
            Assert.True(RulePattern.Create("(?:pool|xmr)[a-z0-9.-]{0,64}:(?:3333|4444)\\b", TimeSpan.FromMilliseconds(100)).IsLinear);
            var lookaround = RulePattern.Create("(?-i)4(?<![0-9A-Za-z]4)[0-9AB]x(?![0-9A-Za-z])", TimeSpan.FromMilliseconds(100));
            Assert.False(lookaround.IsLinear);
            Assert.True(lookaround.IsMatch("id 4Ax;"));
            Assert.False(lookaround.IsMatch("id 44Axy"));
        }

        [Fact]
        public void ABacktrackingPatternThatTimesOutEvenOnAWindowIsCountedForTheWarning()
        {
            var pattern = RulePattern.Create("(?!q)^(\\w+\\s?)+$", TimeSpan.FromMilliseconds(20));
            Assert.False(pattern.IsLinear);
            long before = CommandClassifier.PatternTimeouts;
            Assert.False(pattern.IsMatch(new string('a', 60) + "!"));
            Assert.True(CommandClassifier.PatternTimeouts > before);
        }
    }
}

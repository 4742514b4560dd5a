using B64Hunt.Reports;
using Xunit;

namespace B64Hunt.Tests.Reports
{
    public class DisplayTextTests
    {
        [Theory]
        [InlineData("a\r\nb\nc\rd", "a⏎b⏎c⏎d")]
        [InlineData("x\ty", "x y")]
        [InlineData("\u001b[2J\u0007", "␛[2J␇")]
        [InlineData("a\u0000b\u007f", "a␀b␡")]
        [InlineData("\u202Eexe.txt", "�exe.txt")]
        [InlineData("\u0085next", "�next")]
        [InlineData("\uD83D\uDE00 ok", "\uD83D\uDE00 ok")]
        public void OneLineMakesControlsVisible(string input, string expected)
        {
            Assert.Equal(expected, DisplayText.OneLine(input));
        }

        [Fact]
        public void LoneSurrogatesBecomeReplacementCharacters()
        {
            // Built in code: xunit's test-case serialisation would already mangle a lone surrogate in InlineData.
            string input = "lone " + (char)0xD83D + " end " + (char)0xDE00;
            Assert.Equal("lone � end �", DisplayText.OneLine(input));
            Assert.Equal("lone � end �", DisplayText.MultiLine(input));
        }

        [Fact]
        public void OneLineCutsWithAnEllipsis()
        {
            Assert.Equal("abcd…", DisplayText.OneLine("abcdefghij", 5));
            Assert.Equal("abcde", DisplayText.OneLine("abcde", 5));
            Assert.Equal("a⏎b", DisplayText.OneLine("a\nb", 5));
        }

        [Fact]
        public void MultiLineKeepsLineBreaks()
        {
            Assert.Equal("a\nb\nc\t␛", DisplayText.MultiLine("a\r\nb\rc\t\u001b"));
        }

        [Fact]
        public void HtmlTextEncodesMarkupAndQuotes()
        {
            Assert.Equal("&lt;/script&gt;&lt;img src=x onerror=&quot;a&#39;&quot;&gt; &amp;amp;", HtmlText.Encode("</script><img src=x onerror=\"a'\"> &amp;"));
        }
    }
}

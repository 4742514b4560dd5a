using System;
using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.Model
{
    public class GtfoBinsTagTests
    {
        [Fact]
        public void ATagOverSharedArraysReadsThemAndCopiesAtItsFirstChange()
        {
            string[] functions = { "shell", "file-read" }, contexts = { "sudo" }, inherits = { "less" };
            var one = GtfoBinsTag.OverShared("man", null, functions, contexts, inherits, "https://gtfobins.github.io/gtfobins/man/");
            var two = GtfoBinsTag.OverShared("man", "/usr/bin/man", functions, contexts, inherits, "https://gtfobins.github.io/gtfobins/man/");

            Assert.Equal(new[] { "shell", "file-read" }, one.Functions);
            Assert.Equal(new[] { "sudo" }, one.Contexts);
            Assert.Equal(new[] { "less" }, one.InheritsFrom);
            Assert.Equal("/usr/bin/man", two.InvokedAs);

            one.Functions.Add("upload");
            one.Contexts.Clear();
            two.InheritsFrom.RemoveAt(0);

            Assert.Equal(new[] { "shell", "file-read", "upload" }, one.Functions);
            Assert.Empty(one.Contexts);
            Assert.Equal(new[] { "shell", "file-read" }, two.Functions);
            Assert.Equal(new[] { "sudo" }, two.Contexts);
            Assert.Empty(two.InheritsFrom);
            Assert.Equal(new[] { "less" }, one.InheritsFrom);
            Assert.Equal(new[] { "shell", "file-read" }, functions);
            Assert.Equal(new[] { "sudo" }, contexts);
            Assert.Equal(new[] { "less" }, inherits);
            // A setter replaces the list as on any tag; a tag made with new has empty lists.
            two.Functions = new[] { "command" };
            Assert.Equal(new[] { "command" }, two.Functions);
            Assert.Empty(new GtfoBinsTag().Functions);
            Assert.Throws<ArgumentNullException>(() => GtfoBinsTag.OverShared("x", null, null!, contexts, inherits, ""));
        }
    }
}

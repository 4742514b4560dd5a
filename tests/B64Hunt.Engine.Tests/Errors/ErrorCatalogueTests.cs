using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using B64Hunt.Errors;
using B64Hunt.Tests.GtfoBins;
using Xunit;

namespace B64Hunt.Tests.Errors
{
    /// <summary>
    /// The error catalogue and the help agree: every id in <see cref="ErrorIds"/> is listed in a cmdlet's "Error ids"
    /// paragraph, every id those paragraphs list is in the catalogue, and the ids a cmdlet's own code names are in its help.
    /// </summary>
    public class ErrorCatalogueTests
    {
        // Helpers that compare ids without raising them, and the base every cmdlet derives from (its one id, from
        // ToCommandEvent, is attributed by that call instead of by the type name).
        private static readonly string[] NotRaisingHelpers = { "RecordProblemPolicy", "SessionWarnings", "B64HuntCmdlet" };

        private static readonly Regex IdToken = new Regex(@"\b[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+\b", RegexOptions.CultureInvariant);
        private static readonly Regex Parenthesised = new Regex(@"\([^()]*\)", RegexOptions.CultureInvariant);
        private static readonly Regex IdUse = new Regex(@"\bErrorIds\.(\w+)", RegexOptions.CultureInvariant);

        private static string Root => GtfoBinsTestData.RepositoryRoot();

        private static Dictionary<string, string> Catalogue() =>
            typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral)
                .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!, StringComparer.Ordinal);

        /// <summary>
        /// The ids a help file lists: the text after the colon of each paragraph that starts "Error ids", up to the first
        /// sentence end, with the explanations in parentheses left out.
        /// </summary>
        internal static HashSet<string> HelpIds(string helpFile)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (string line in File.ReadLines(helpFile))
            {
                if (!line.StartsWith("Error ids", StringComparison.Ordinal)) continue;
                int colon = line.IndexOf(':');
                Assert.True(colon > 0, helpFile + ": an 'Error ids' paragraph without a colon: " + line);
                string list = line.Substring(colon + 1);
                string previous;
                do { previous = list; list = Parenthesised.Replace(list, string.Empty); } while (list != previous);
                int end = list.IndexOf(". ", StringComparison.Ordinal);
                if (end >= 0) list = list.Substring(0, end);
                foreach (Match m in IdToken.Matches(list)) ids.Add(m.Value);
            }
            return ids;
        }

        private static IEnumerable<string> HelpFiles() =>
            Directory.GetFiles(Path.Combine(Root, "module", "help"), "*-*.md").OrderBy(f => f, StringComparer.Ordinal);

        [Fact]
        public void EachConstantIsNamedAsItsValueAndNoIdIsHeldTwice()
        {
            var catalogue = Catalogue();
            Assert.True(catalogue.Count > 100, "the catalogue should hold every id, found " + catalogue.Count);
            Assert.All(catalogue, pair => Assert.Equal(pair.Key, pair.Value));
            Assert.Equal(catalogue.Count, catalogue.Values.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }

        [Fact]
        public void EveryCatalogueIdIsListedInSomeHelp()
        {
            var listed = new HashSet<string>(HelpFiles().SelectMany(HelpIds), StringComparer.Ordinal);
            var missing = Catalogue().Values.Where(id => !listed.Contains(id)).OrderBy(id => id, StringComparer.Ordinal).ToList();
            Assert.True(missing.Count == 0, "ids in ErrorIds that no module/help 'Error ids' paragraph lists: " + string.Join(", ", missing));
        }

        [Fact]
        public void EveryIdTheHelpListsIsInTheCatalogue()
        {
            var catalogue = new HashSet<string>(Catalogue().Values, StringComparer.Ordinal);
            var unknown = HelpFiles()
                .SelectMany(file => HelpIds(file).Where(id => !catalogue.Contains(id)).Select(id => Path.GetFileName(file) + ": " + id))
                .ToList();
            Assert.True(unknown.Count == 0, "ids listed in help that ErrorIds does not hold: " + string.Join(", ", unknown));
        }

        [Fact]
        public void TheIdsACmdletsCodeNamesAreInItsHelp()
        {
            string commands = Path.Combine(Root, "src", "B64Hunt.Commands");
            var helperSources = Directory.GetFiles(commands, "*.cs")
                .Where(f => !Path.GetFileNameWithoutExtension(f).EndsWith("Command", StringComparison.Ordinal)
                            && !Path.GetFileName(f).Contains("Command."))
                .Select(f => (Type: Path.GetFileNameWithoutExtension(f), Text: File.ReadAllText(f)))
                .Where(h => !NotRaisingHelpers.Contains(h.Type))
                .ToList();
            string baseCmdlet = File.ReadAllText(Path.Combine(commands, "B64HuntCmdlet.cs"));
            var wrong = new List<string>();
            int checkedCmdlets = 0;
            foreach (string help in HelpFiles())
            {
                string name = Path.GetFileNameWithoutExtension(help);
                var own = Directory.GetFiles(commands, name.Replace("-", string.Empty) + "Command*.cs");
                if (own.Length == 0) continue; // Disconnect-B64Hunt lives in Connect's file and raises nothing
                checkedCmdlets++;
                string code = string.Concat(own.Select(File.ReadAllText));
                var raised = Names(code);
                // The helper types it uses, and those they use in turn.
                var used = new HashSet<string>(StringComparer.Ordinal);
                var pending = new Queue<string>(new[] { code });
                while (pending.Count > 0)
                {
                    string text = pending.Dequeue();
                    foreach (var helper in helperSources)
                    {
                        if (used.Contains(helper.Type) || !Regex.IsMatch(text, @"\b" + helper.Type + @"\b")) continue;
                        used.Add(helper.Type);
                        raised.UnionWith(Names(helper.Text));
                        pending.Enqueue(helper.Text);
                    }
                }
                if (code.Contains("ToCommandEvent(")) raised.UnionWith(Names(baseCmdlet));
                var listed = HelpIds(help);
                wrong.AddRange(raised.Where(id => !listed.Contains(id)).Select(id => name + ": " + id));
            }
            Assert.True(checkedCmdlets >= 13, "cmdlet sources found for only " + checkedCmdlets + " help files");
            Assert.True(wrong.Count == 0, "ids a cmdlet's code raises that its help does not list: " + string.Join(", ", wrong));
        }

        [Fact]
        public void HelpIdsReadsTheListAndLeavesExplanationsOut()
        {
            string file = Path.Combine(Path.GetTempPath(), "b64hunt-errorids-" + Guid.NewGuid().ToString("N") + ".md");
            File.WriteAllText(file,
                "## NOTES\n" +
                "Error ids: PathNotFound (terminating: a DecoyId (nested) here), InvalidPath; warnings NotARegularFile. Then prose with OtherWords.\n" +
                "Error ids with -Cluster (NotAnId either): DataExplorerTimeout.\n" +
                "A line naming SomeId that is not an Error ids paragraph.\n");
            try
            {
                Assert.Equal(new[] { "DataExplorerTimeout", "InvalidPath", "NotARegularFile", "PathNotFound" },
                    HelpIds(file).OrderBy(id => id, StringComparer.Ordinal).ToArray());
            }
            finally
            {
                File.Delete(file);
            }
        }

        private static HashSet<string> Names(string code) =>
            new HashSet<string>(IdUse.Matches(code).Cast<Match>().Select(m => m.Groups[1].Value), StringComparer.Ordinal);
    }
}

using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using B64Hunt.Commands.Completers;
using Xunit;
using B64Hunt.Model;

namespace B64Hunt.Tests.Commands
{
    public class CompletionTests
    {
        private static CompletionResult[] Complete(IArgumentCompleter completer, string word, IDictionary? bound = null) =>
            completer.CompleteArgument("Get-B64CategoryRule", "Category", word, null!, bound ?? new Hashtable()).ToArray();

        [Fact]
        public void CategoriesWithSpacesAreQuotedAndQuotesTypedByTheUserAreIgnored()
        {
            var results = Complete(new CategoryCompleter(), "'Network c");
            var result = Assert.Single(results);
            Assert.Equal("'Network connections/Downloading'", result.CompletionText);
            Assert.Equal("Network connections/Downloading", result.ListItemText);
            Assert.Equal(CompletionResultType.ParameterValue, result.ResultType);
        }

        [Fact]
        public void ACategoryWithAnApostropheIsEscapedForSingleQuotes()
        {
            string file = Path.Combine(Path.GetTempPath(), "b64hunt-completion-" + Guid.NewGuid().ToString("N") + ".yaml");
            File.WriteAllText(file, "version: 1\nrules:\n  - id: ops-tool\n    category: Ops' own tools\n    commands: [opsctl]\n");
            try
            {
                var bound = new Hashtable { ["RulePath"] = new[] { file } };
                Assert.Equal("'Ops'' own tools'", Assert.Single(Complete(new CategoryCompleter(), "ops", bound)).CompletionText);
                Assert.Equal("ops-tool", Assert.Single(Complete(new CategoryRuleIdCompleter(), "ops-", bound)).CompletionText);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void ARuleFileThatDoesNotLoadCompletesAsTheBundledRules()
        {
            string file = Path.Combine(Path.GetTempPath(), "b64hunt-completion-" + Guid.NewGuid().ToString("N") + ".yaml");
            File.WriteAllText(file, "rules: [ { id: broken, category: ");
            try
            {
                var withBroken = Complete(new CategoryCompleter(), "", new Hashtable { ["RulePath"] = file });
                var bundled = Complete(new CategoryCompleter(), "");
                Assert.NotEmpty(bundled);
                Assert.Equal(bundled.Select(r => r.CompletionText), withBroken.Select(r => r.CompletionText));
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void ValuesWithoutSpecialCharactersAreNotQuotedAndEachComesOnce()
        {
            var names = Complete(new TiProviderNameCompleter(), "").Select(r => r.CompletionText).ToArray();
            Assert.Equal(new[] { "OTX", "VirusTotal", "XForce", "LocalFeed", "GreyNoise", "AbuseIPDB", "SentinelTI" }, names);
            Assert.Equal(new[] { "sha1_hash", "sha256_hash" }, Complete(new IocTypeCompleter(), "SHA").Select(r => r.CompletionText));
            Assert.Contains(Complete(new GtfoBinsFunctionCompleter(), "rev"), r => r.CompletionText == "reverse-shell" && r.ToolTip.StartsWith("This executable", StringComparison.Ordinal));
        }
    }
}

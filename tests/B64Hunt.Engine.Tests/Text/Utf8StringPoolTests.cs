using System;
using System.Collections.Generic;
using System.Text;
using B64Hunt.Text;
using Xunit;

namespace B64Hunt.Tests.Text
{
    public class Utf8StringPoolTests
    {
        private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

        [Fact]
        public void EqualSpansGiveOneStringAndOtherSpansTheirOwn()
        {
            var pool = new Utf8StringPool();
            string line = "/bin/sh -c \"echo Y3VybA== | base64 -d | sh\"";
            string first = pool.Get(Bytes(line));
            string again = pool.Get(Bytes(line)); // another array with the same bytes
            Assert.Equal(line, first);
            Assert.Same(first, again);
            string other = pool.Get(Bytes(line + " "));
            Assert.Equal(line + " ", other);
            Assert.NotSame(first, other);
            Assert.Null(pool.GetOrNull(ReadOnlySpan<byte>.Empty));
            Assert.Same(string.Empty, pool.Get(ReadOnlySpan<byte>.Empty));
        }

        [Fact]
        public void DecodesAsTheReaderDoesInvalidUtf8AndLongSpansIncluded()
        {
            var pool = new Utf8StringPool();
            byte[] invalid = { (byte)'a', 0xC3, (byte)'b', 0xFF, 0xE2, 0x82 };
            Assert.Equal(Encoding.UTF8.GetString(invalid), pool.Get(invalid));
            Assert.Equal("a\uFFFDb\uFFFD\uFFFD", pool.Get(invalid));
            byte[] multi = Bytes("héllo ✓ 𝄞");
            Assert.Equal("héllo ✓ 𝄞", pool.Get(multi));
            // Longer than the pool keeps: decoded each time, a new string each time.
            byte[] longSpan = Bytes(new string('x', Utf8StringPool.MaxPooledBytes + 1));
            string a = pool.Get(longSpan), b = pool.Get(longSpan);
            Assert.Equal(new string('x', Utf8StringPool.MaxPooledBytes + 1), a);
            Assert.NotSame(a, b);
        }

        [Fact]
        public void AFullPoolEvictsAndStillGivesTheRightStrings()
        {
            // One set of 4: the fifth distinct span evicts the oldest, and every answer stays right.
            var pool = new Utf8StringPool(sets: 1);
            var kept = new List<string>();
            for (int i = 0; i < 5; i++) kept.Add(pool.Get(Bytes("host-" + i)));
            for (int round = 0; round < 3; round++)
            {
                for (int i = 0; i < 5; i++) Assert.Equal("host-" + i, pool.Get(Bytes("host-" + i)));
            }
            // Recently added spans are kept: the last four of a round are found again as the same instances.
            var recent = new List<string>();
            for (int i = 10; i < 14; i++) recent.Add(pool.Get(Bytes("host-" + i)));
            for (int i = 10; i < 14; i++) Assert.Same(recent[i - 10], pool.Get(Bytes("host-" + i)));
            Assert.Throws<ArgumentOutOfRangeException>(() => new Utf8StringPool(sets: 3));
        }
    }
}

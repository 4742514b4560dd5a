using System;
using B64Hunt.Sources;
using Xunit;

namespace B64Hunt.Tests.Sources
{
    public class ByteSearchTests
    {
        private static int NaiveIndexOf(byte[] hay, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= hay.Length; i++)
            {
                if (hay.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
            }
            return -1;
        }

        private static int NaiveLastIndexOf(byte[] hay, byte[] needle)
        {
            for (int i = hay.Length - needle.Length; i >= 0; i--)
            {
                if (hay.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
            }
            return -1;
        }

        [Fact]
        public void AgreesWithANaiveSearchAcrossLengthsAndPositions()
        {
            // A small alphabet makes partial matches (same first and last byte) frequent.
            var random = new Random(99);
            for (int round = 0; round < 4000; round++)
            {
                var hay = new byte[random.Next(0, 200)];
                for (int i = 0; i < hay.Length; i++) hay[i] = (byte)('a' + random.Next(3));
                var needle = new byte[random.Next(1, 6)];
                for (int i = 0; i < needle.Length; i++) needle[i] = (byte)('a' + random.Next(3));

                Assert.Equal(NaiveIndexOf(hay, needle), ByteSearch.IndexOf(hay, needle));
                Assert.Equal(NaiveLastIndexOf(hay, needle), ByteSearch.LastIndexOf(hay, needle));
                Assert.Equal(Array.IndexOf(hay, needle[0]), ByteSearch.IndexOf(hay, needle[0]));
            }
        }

        [Theory]
        [InlineData(31)]
        [InlineData(32)]
        [InlineData(33)]
        [InlineData(64)]
        [InlineData(95)]
        public void FindsTheOnlyMatchInTheLastByteOfEveryBlockSize(int length)
        {
            var hay = new byte[length];
            hay.AsSpan().Fill((byte)'x');
            hay[length - 1] = (byte)'\n';
            Assert.Equal(length - 1, ByteSearch.IndexOf(hay, (byte)'\n'));
            hay[length - 2] = (byte)'A';
            Assert.Equal(length - 2, ByteSearch.IndexOf(hay, new[] { (byte)'A', (byte)'\n' }));
            Assert.Equal(-1, ByteSearch.IndexOf(hay, (byte)'\r'));
            Assert.Equal(-1, ByteSearch.IndexOf(hay, new[] { (byte)'\n', (byte)'A' }));
        }
    }
}

using System;
using System.IO;
using System.IO.Compression;

namespace B64Hunt.Decoding
{
    /// <summary>Outcome of inflating one layer.</summary>
    internal enum InflateResult
    {
        /// <summary>Not compressed data (or nothing could be inflated): the layer does not apply.</summary>
        NotApplicable,
        Complete,
        /// <summary>Stopped at the size limit: a gzip bomb or simply too large.</summary>
        LimitExceeded,
        /// <summary>Corrupt or truncated stream after some output: the partial output is kept.</summary>
        Corrupt,
    }

    /// <summary>gzip and zlib layers, inflated into a bounded buffer so a bomb cannot exhaust memory.</summary>
    internal static partial class Decompressor
    {
        public static bool IsGzip(byte[] data) => data.Length >= 10 && data[0] == 0x1f && data[1] == 0x8b && data[2] == 8;

        /// <summary>zlib header (RFC 1950): deflate method, window ≤ 32K, no preset dictionary, header checksum.</summary>
        public static bool IsZlib(byte[] data) =>
            data.Length >= 6 && (data[0] & 0x0f) == 8 && (data[0] >> 4) <= 7 && (data[1] & 0x20) == 0
            && ((data[0] << 8) | data[1]) % 31 == 0;

        // A stream cut short just ends early without an exception, so the trailers tell complete from truncated:
        // gzip ends with the uncompressed size (ISIZE, little-endian, mod 2^32), zlib with the Adler-32 checksum.
        public static InflateResult Gunzip(byte[] data, int maxBytes, out byte[] output)
        {
            var result = Inflate(new GZipStream(new MemoryStream(data, false), CompressionMode.Decompress), maxBytes, out output);
            if (result == InflateResult.Complete)
            {
                uint size = (uint)(data[data.Length - 4] | data[data.Length - 3] << 8 | data[data.Length - 2] << 16 | data[data.Length - 1] << 24);
                if (size != (uint)output.Length) result = InflateResult.Corrupt;
            }
            return result;
        }

        // DeflateStream reads raw deflate, so the 2-byte zlib header is skipped.
        public static InflateResult Unzlib(byte[] data, int maxBytes, out byte[] output)
        {
            var result = Inflate(new DeflateStream(new MemoryStream(data, 2, data.Length - 2, false), CompressionMode.Decompress), maxBytes, out output);
            if (result == InflateResult.Complete)
            {
                uint expected = (uint)(data[data.Length - 4] << 24 | data[data.Length - 3] << 16 | data[data.Length - 2] << 8 | data[data.Length - 1]);
                if (expected != Adler32(output)) result = InflateResult.Corrupt;
            }
            return result;
        }

        private static uint Adler32(byte[] data)
        {
            uint a = 1, b = 0;
            int i = 0;
            while (i < data.Length)
            {
                int block = Math.Min(5552, data.Length - i);
                for (int end = i + block; i < end; i++)
                {
                    a += data[i];
                    b += a;
                }
                a %= 65521;
                b %= 65521;
            }
            return (b << 16) | a;
        }

        internal static InflateResult Inflate(Stream stream, int maxBytes, out byte[] output)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            var result = InflateResult.Complete;
            try
            {
                using (stream)
                {
                    while (true)
                    {
                        int room = maxBytes - (int)buffer.Length;
                        // Ask for one byte beyond the limit so a stream that ends exactly at it is not called a bomb.
                        int n = stream.Read(chunk, 0, Math.Min(chunk.Length, room + 1));
                        if (n <= 0) break;
                        if (n > room)
                        {
                            buffer.Write(chunk, 0, room);
                            result = InflateResult.LimitExceeded;
                            break;
                        }
                        buffer.Write(chunk, 0, n);
                    }
                }
            }
            catch (Exception ex) when (IsDecoderFault(ex))
            {
                result = InflateResult.Corrupt;
            }
            output = buffer.ToArray();
            if (output.Length == 0 && result != InflateResult.LimitExceeded) return InflateResult.NotApplicable;
            return result;
        }
    }
}

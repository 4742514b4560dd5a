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
    internal static class Decompressor
    {
        public static bool IsGzip(byte[] data) => data.Length >= 10 && data[0] == 0x1f && data[1] == 0x8b && data[2] == 8;

        /// <summary>zlib header (RFC 1950): deflate method, window ≤ 32K, no preset dictionary, header checksum.</summary>
        public static bool IsZlib(byte[] data) =>
            data.Length >= 6 && (data[0] & 0x0f) == 8 && (data[0] >> 4) <= 7 && (data[1] & 0x20) == 0
            && ((data[0] << 8) | data[1]) % 31 == 0;

        public static InflateResult Gunzip(byte[] data, int maxBytes, out byte[] output) =>
            Inflate(new GZipStream(new MemoryStream(data, false), CompressionMode.Decompress), maxBytes, out output);

        // DeflateStream reads raw deflate, so the 2-byte zlib header is skipped (the Adler-32 trailer is ignored).
        public static InflateResult Unzlib(byte[] data, int maxBytes, out byte[] output) =>
            Inflate(new DeflateStream(new MemoryStream(data, 2, data.Length - 2, false), CompressionMode.Decompress), maxBytes, out output);

        private static InflateResult Inflate(Stream stream, int maxBytes, out byte[] output)
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
            catch (Exception ex) when (ex is InvalidDataException || ex is IOException || ex is NotSupportedException
                                       || ex is ArgumentException || ex is InvalidOperationException)
            {
                result = InflateResult.Corrupt;
            }
            output = buffer.ToArray();
            if (output.Length == 0 && result != InflateResult.LimitExceeded) return InflateResult.NotApplicable;
            return result;
        }
    }
}

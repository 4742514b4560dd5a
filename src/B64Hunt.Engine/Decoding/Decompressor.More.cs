using System;
using System.IO;
using System.IO.Compression;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.Xz;
using SharpCompressionMode = SharpCompress.Compressors.CompressionMode;

namespace B64Hunt.Decoding
{
    /// <summary>bzip2 and xz layers (SharpCompress's decoders) and raw deflate, each into the same bounded buffer as gzip.</summary>
    internal static partial class Decompressor
    {
        /// <summary>"BZh", a block size digit 1-9, then the block magic (pi) or the end-of-stream magic (sqrt pi).</summary>
        public static bool IsBzip2(byte[] data) =>
            data.Length >= 14 && data[0] == 'B' && data[1] == 'Z' && data[2] == 'h' && data[3] >= '1' && data[3] <= '9'
            && ((data[4] == 0x31 && data[5] == 0x41 && data[6] == 0x59 && data[7] == 0x26 && data[8] == 0x53 && data[9] == 0x59)
                || (data[4] == 0x17 && data[5] == 0x72 && data[6] == 0x45 && data[7] == 0x38 && data[8] == 0x50 && data[9] == 0x90));

        /// <summary>The xz stream header magic FD 37 7A 58 5A 00.</summary>
        public static bool IsXz(byte[] data) =>
            data.Length >= 12 && data[0] == 0xfd && data[1] == '7' && data[2] == 'z' && data[3] == 'X' && data[4] == 'Z' && data[5] == 0;

        /// <summary>The compressor whose header starts the data ("gzip", "zlib", "bzip2", "xz"), or null.</summary>
        public static string? Identify(byte[] data) =>
            IsGzip(data) ? "gzip" : IsZlib(data) ? "zlib" : IsBzip2(data) ? "bzip2" : IsXz(data) ? "xz" : null;

        public static InflateResult Decompress(string compressor, byte[] data, int maxBytes, out byte[] output)
        {
            switch (compressor)
            {
                case "gzip": return Gunzip(data, maxBytes, out output);
                case "zlib": return Unzlib(data, maxBytes, out output);
                case "bzip2": return Bunzip2(data, maxBytes, out output);
                default: return Unxz(data, maxBytes, out output);
            }
        }

        public static InflateResult Bunzip2(byte[] data, int maxBytes, out byte[] output)
        {
            Stream stream;
            try
            {
                stream = BZip2Stream.Create(new MemoryStream(data, false), SharpCompressionMode.Decompress, true, false, false);
            }
            catch (Exception ex) when (IsDecoderFault(ex))
            {
                output = Array.Empty<byte>();
                return InflateResult.NotApplicable;
            }
            return Inflate(stream, maxBytes, out output);
        }

        public static InflateResult Unxz(byte[] data, int maxBytes, out byte[] output) =>
            Inflate(new XZStream(new MemoryStream(data, false)), maxBytes, out output);

        /// <summary>
        /// Raw deflate (RFC 1951, no header): PHP's gzinflate, zlib.decompress(x, -15). It has no magic, so the caller
        /// tries it only when the command names such a call; a stream that does not end cleanly does not count.
        /// </summary>
        public static InflateResult InflateRaw(byte[] data, int maxBytes, out byte[] output) =>
            Inflate(new DeflateStream(new MemoryStream(data, false), CompressionMode.Decompress), maxBytes, out output);

        private static bool IsDecoderFault(Exception ex) =>
            ex is InvalidDataException || ex is IOException || ex is NotSupportedException || ex is ArgumentException
            || ex is InvalidOperationException || ex is IndexOutOfRangeException || ex is OverflowException
            || (ex.GetType().Namespace ?? string.Empty).StartsWith("SharpCompress", StringComparison.Ordinal); // its format errors
    }
}

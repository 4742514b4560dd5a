using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using B64Hunt.Streams;

namespace B64Hunt.Sources.Rows
{
    /// <summary>
    /// Opens a row source's bytes as UTF-8 text, whatever file it is: gzip by its magic (with the truncation check and
    /// the decompressed-size budget), UTF-16 with or without a byte-order mark, CR-only line ends. Every reader of
    /// files (command logs, alert exports, threat feeds) opens through here, so they share those defences.
    /// </summary>
    internal static class RowContent
    {
        private const int HeadLength = 64 * 1024;
        private const long MinDecompressedCap = 1L << 30;
        private const long MaxCompressionRatio = 100;

        /// <summary>Opens a file to read as others write or rotate it.</summary>
        public static FileStream OpenFile(string path) =>
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);

        /// <summary>
        /// Wraps <paramref name="raw"/> (not disposed with the result) so it reads as UTF-8 text: gunzipped when
        /// it starts with the gzip magic 1F 8B (with an end check and a decompressed-size cap), re-encoded when it
        /// has a UTF-16 byte-order mark or looks like UTF-16 without one, CR-only line ends made LF. Its <see cref="PrefixedStream.Prefix"/> is the text's first 64 KB, to detect the format from.
        /// </summary>
        public static PrefixedStream Open(Stream raw, long? maxDecompressedBytes, out GzipEndCheckStream? gzip)
        {
            gzip = null;
            var magic = new byte[2];
            int n = PrefixedStream.ReadFully(raw, magic, 0, 2);
            Stream content = new PrefixedStream(magic, n, raw, ownsInner: false);
            if (n == 2 && magic[0] == 0x1F && magic[1] == 0x8B)
            {
                long? storedSize = ReadStoredSize(raw, out long compressedLength);
                long cap = maxDecompressedBytes ?? Math.Max(MinDecompressedCap, compressedLength > 0 ? compressedLength * MaxCompressionRatio : long.MaxValue);
                gzip = new GzipEndCheckStream(new GZipStream(content, CompressionMode.Decompress), storedSize, cap);
                content = gzip;
            }
            var head = new byte[HeadLength];
            int headLength = PrefixedStream.ReadFully(content, head, 0, head.Length);
            Encoding? utf16 = null;
            if (headLength >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
            {
                utf16 = head[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            }
            else
            {
                utf16 = Utf16Sniffer.Detect(new ReadOnlySpan<byte>(head, 0, headLength));
            }
            if (utf16 != null)
            {
                content = new Utf16ToUtf8Stream(new PrefixedStream(head, headLength, content, ownsInner: true), utf16);
                head = new byte[HeadLength];
                headLength = PrefixedStream.ReadFully(content, head, 0, head.Length);
            }
            if (CrLineEndStream.IsCrOnly(new ReadOnlySpan<byte>(head, 0, headLength)))
            {
                content = new CrLineEndStream(new PrefixedStream(head, headLength, content, ownsInner: true));
                head = new byte[HeadLength];
                headLength = PrefixedStream.ReadFully(content, head, 0, head.Length);
            }
            return new PrefixedStream(head, headLength, content, ownsInner: true);
        }

        // The gzip trailer's ISIZE is the input's last 4 bytes; only a seekable input can show it up front.
        // An input shorter than a gzip header and trailer is cut whatever it holds.
        private static long? ReadStoredSize(Stream raw, out long length)
        {
            length = 0;
            try
            {
                if (!raw.CanSeek) return null;
                length = raw.Length;
                if (length < 18) return long.MaxValue;
                long position = raw.Position;
                raw.Seek(length - 4, SeekOrigin.Begin);
                var size = new byte[4];
                int got = PrefixedStream.ReadFully(raw, size, 0, 4);
                raw.Seek(position, SeekOrigin.Begin);
                return got == 4 ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(size) : (long?)null;
            }
            catch (NotSupportedException)
            {
                return null;
            }
        }
    }
}

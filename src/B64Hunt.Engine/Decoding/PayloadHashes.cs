using System;
using System.Security.Cryptography;

namespace B64Hunt.Decoding
{
    /// <summary>MD5, SHA-1 and SHA-256 of decoded bytes, in lower-case hex: what threat intelligence looks a dropped file up by.</summary>
    internal sealed class PayloadHashes
    {
        private PayloadHashes(string md5, string sha1, string sha256)
        {
            Md5 = md5;
            Sha1 = sha1;
            Sha256 = sha256;
        }

        public string Md5 { get; }
        public string Sha1 { get; }
        public string Sha256 { get; }

        public static PayloadHashes Of(byte[] data, int offset, int count)
        {
            var bytes = new ReadOnlySpan<byte>(data, offset, count);
            return new PayloadHashes(Hex(MD5.HashData(bytes)), Hex(SHA1.HashData(bytes)), Hex(SHA256.HashData(bytes)));
        }

        public static PayloadHashes Of(byte[] data) => Of(data, 0, data.Length);

        private static string Hex(byte[] hash) => Convert.ToHexString(hash).ToLowerInvariant();
    }
}

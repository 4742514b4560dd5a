using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace B64Hunt.Tests.Sample
{
    /// <summary>
    /// Independent readers for the sample files: the tests check the generator's output with these, not with the
    /// generator's own helpers, so a bug in one is not hidden by the same bug in the other.
    /// </summary>
    internal static class SampleText
    {
        public static string SampleDirectory => Path.Combine(AppContext.BaseDirectory, "data", "sample");

        public static string TempDirectory()
        {
            string dir = Path.Combine(Path.GetTempPath(), "b64hunt-sample-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            return dir;
        }

        /// <summary>The cmdline field of an AUOMS record: from ` cmdline="` to the last `" redactors=` (inner quotes are bare).</summary>
        public static string? CommandLineOf(string line)
        {
            int start = line.IndexOf(" cmdline=\"", StringComparison.Ordinal);
            int end = line.LastIndexOf("\" redactors=", StringComparison.Ordinal);
            if (start < 0 || end < start) return null;
            start += " cmdline=\"".Length;
            return line.Substring(start, end - start);
        }

        /// <summary>The host field of an RFC 3164 line ("Oct  1 00:00:01 host tag: ...").</summary>
        public static string HostOf(string line) => line.Substring(16, line.IndexOf(' ', 16) - 16);

        private static readonly Regex Base64Run = new Regex("[A-Za-z0-9+/_-]{16,}={0,2}", RegexOptions.CultureInvariant);
        private static readonly Regex HexRun = new Regex("[0-9a-fA-F]{16,}", RegexOptions.CultureInvariant);

        /// <summary>The longest base64-alphabet (or hex) run of a command line: where a payload sits.</summary>
        public static string LongestToken(string commandLine, bool hex)
        {
            var regex = hex ? HexRun : Base64Run;
            return regex.Matches(commandLine).Cast<Match>().Select(m => m.Value).OrderByDescending(v => v.Length).FirstOrDefault() ?? string.Empty;
        }

        /// <summary>Standard or url-safe base64, padded or not, with System.Convert.</summary>
        public static byte[] FromBase64(string token)
        {
            string s = token.Replace('-', '+').Replace('_', '/').TrimEnd('=');
            s = s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
            return Convert.FromBase64String(s);
        }

        public static string Gunzip(byte[] bytes)
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            return reader.ReadToEnd();
        }

        public static string FromHex(string hex) => Encoding.UTF8.GetString(Convert.FromHexString(hex));

        /// <summary>Minimal RFC 4180 reader (quoted fields, doubled quotes, commas and newlines inside quotes).</summary>
        public static List<string[]> ReadCsv(string text)
        {
            var rows = new List<string[]>();
            var row = new List<string>();
            var field = new StringBuilder();
            bool quoted = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                        else quoted = false;
                    }
                    else field.Append(c);
                }
                else if (c == '"' && field.Length == 0) quoted = true;
                else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
                else if (c == '\n' || c == '\r')
                {
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                    row.Add(field.ToString()); field.Clear();
                    rows.Add(row.ToArray()); row.Clear();
                }
                else if (c == '"') throw new FormatException("A quote inside an unquoted field at " + i);
                else field.Append(c);
            }
            if (quoted) throw new FormatException("Unterminated quoted field");
            if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row.ToArray()); }
            return rows;
        }
    }
}

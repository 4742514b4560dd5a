using System.Collections.Generic;
using System.Text;

namespace B64Hunt.Benchmarks.SampleGenerator
{
    /// <summary>
    /// Joins argv the way AUOMS's ExecveConverter (bash_escape_string) shows it: an argument holding spaces or shell
    /// metacharacters is wrapped in double quotes, one holding '!' in single quotes, and nothing inside is escaped,
    /// so inner double quotes stay bare: bash -c "{echo,X}|{base64,-d}|{bash,-i}".
    /// </summary>
    public static class BashEscape
    {
        private const string MetaCharacters = " \t|&;<>()$`\\\"'*?[]#{}";

        public static string Join(IReadOnlyList<string> argv)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < argv.Count; i++)
            {
                if (i > 0) sb.Append(' ');
                AppendQuoted(sb, argv[i]);
            }
            return sb.ToString();
        }

        public static void AppendQuoted(StringBuilder sb, string arg)
        {
            if (arg.Length == 0)
            {
                sb.Append("\"\"");
                return;
            }
            if (arg.IndexOf('!') >= 0)
            {
                sb.Append('\'').Append(arg).Append('\'');
                return;
            }
            bool needsQuotes = false;
            foreach (char c in arg)
            {
                if (MetaCharacters.IndexOf(c) >= 0) { needsQuotes = true; break; }
            }
            if (needsQuotes) sb.Append('"').Append(arg).Append('"');
            else sb.Append(arg);
        }

        /// <summary>AUOMS's tty_escape_string: bytes below 0x20 or above 0x7E become \xNN (of the UTF-8 bytes).</summary>
        public static string TtyEscape(string text)
        {
            bool plain = true;
            foreach (char c in text)
            {
                if (c < 0x20 || c > 0x7E) { plain = false; break; }
            }
            if (plain) return text;
            var sb = new StringBuilder(text.Length + 16);
            foreach (byte b in Encoding.UTF8.GetBytes(text))
            {
                if (b < 0x20 || b > 0x7E) sb.Append("\\x").Append(b.ToString("X2"));
                else sb.Append((char)b);
            }
            return sb.ToString();
        }
    }
}

using System;
using System.IO;

namespace B64Hunt.Decoding
{
    /// <summary>
    /// uuencoding (uudecode's "begin MODE NAME" ... "end" blocks, and perl's unpack("u", ...) lines): each line
    /// starts with a length character (32 + n), then groups of four characters (32 + six bits, '`' for zero).
    /// </summary>
    internal static class UuCodec
    {
        /// <summary>Where a "begin NNN name" line starts in the text, or -1.</summary>
        public static int FindBegin(string text)
        {
            int at = text.IndexOf("begin ", StringComparison.Ordinal);
            while (at >= 0)
            {
                int i = at + 6, digits = 0;
                while (i < text.Length && text[i] >= '0' && text[i] <= '7') { i++; digits++; }
                if ((at == 0 || text[at - 1] == '\n' || text[at - 1] == '\'' || text[at - 1] == '"') && digits >= 3 && digits <= 4
                    && i < text.Length && text[i] == ' ') return at;
                at = text.IndexOf("begin ", at + 6, StringComparison.Ordinal);
            }
            return -1;
        }

        /// <summary>Decodes uuencoded lines (with or without begin/end); null when a line is not uuencoding.</summary>
        public static byte[]? Decode(string text, int maxBytes, out bool truncated)
        {
            truncated = false;
            var output = new MemoryStream();
            string[] lines = text.Replace("\r", string.Empty).Split('\n');
            int first = 0;
            if (FindBegin(text) is int begin && begin >= 0)
            {
                while (first < lines.Length && !lines[first].StartsWith("begin ", StringComparison.Ordinal)) first++;
                first++;
            }
            int decodedLines = 0;
            for (int l = first; l < lines.Length; l++)
            {
                string line = lines[l];
                if (line == "end" || line.StartsWith("end", StringComparison.Ordinal) && line.Trim() == "end") break;
                if (line.Length == 0) continue;
                int n = (line[0] - 32) & 63;
                if (n == 0) continue; // the closing "`" line
                if (line[0] < 32 || line[0] > 96 || (line.Length - 1) * 3 / 4 < n) return null;
                for (int i = 1, written = 0; written < n; i += 4)
                {
                    int a = Six(line, i), b = Six(line, i + 1), c = Six(line, i + 2), d = Six(line, i + 3);
                    if (a < 0 || b < 0 || c < 0 || d < 0) return null;
                    int[] bytes = { (a << 2) | (b >> 4), ((b & 15) << 4) | (c >> 2), ((c & 3) << 6) | d };
                    for (int k = 0; k < 3 && written < n; k++, written++)
                    {
                        if (output.Length >= maxBytes) { truncated = true; return output.ToArray(); }
                        output.WriteByte((byte)bytes[k]);
                    }
                }
                decodedLines++;
            }
            return decodedLines == 0 ? null : output.ToArray();
        }

        private static int Six(string line, int i)
        {
            if (i >= line.Length) return 0; // trailing spaces are often stripped
            char c = line[i];
            if (c < 32 || c > 96) return -1;
            return (c - 32) & 63;
        }
    }
}

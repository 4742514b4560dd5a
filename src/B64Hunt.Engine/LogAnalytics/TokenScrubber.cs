using System;
using System.Text.RegularExpressions;

namespace B64Hunt.LogAnalytics
{
    /// <summary>Removes bearer tokens from text before it reaches an error, a warning or verbose output.</summary>
    internal static class TokenScrubber
    {
        private const string Mask = "***";

        // "Authorization: Bearer x", "Bearer x", and bare JWTs (three base64url parts, the first "eyJ").
        private static readonly Regex Bearer = new Regex(@"(?i)\bbearer\s+[A-Za-z0-9\-_.~+/=]+", RegexOptions.Compiled);
        private static readonly Regex Jwt = new Regex(@"eyJ[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*", RegexOptions.Compiled);

        public static string Scrub(string? text, string? secret)
        {
            if (string.IsNullOrEmpty(text)) return text ?? string.Empty;
            var result = text!;
            if (!string.IsNullOrEmpty(secret) && result.IndexOf(secret, StringComparison.Ordinal) >= 0)
            {
                result = result.Replace(secret, Mask);
            }
            result = Bearer.Replace(result, "Bearer " + Mask);
            return Jwt.Replace(result, Mask);
        }
    }
}

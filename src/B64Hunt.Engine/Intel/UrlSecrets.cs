using System;

namespace B64Hunt.Intel
{
    /// <summary>
    /// Removes what authenticates a URL before it is sent to a provider or cached: the user info
    /// ("user:password@") and a query string that signs or authorises the request (pre-signed S3 and GCS URLs,
    /// Azure SAS tokens, access tokens and keys). The host and path, which identify the resource, stay.
    /// </summary>
    public static class UrlSecrets
    {
        private static readonly string[] SecretParameterPrefixes = { "x-amz-", "x-goog-" };
        private static readonly string[] SecretParameters =
        {
            "signature", "sig", "se", "sp", "sv", "skoid", "token", "access_token", "id_token", "refresh_token", "code",
            "awsaccesskeyid", "googleaccessid", "key", "apikey", "api_key", "password", "passwd", "pwd", "secret", "auth", "policy",
        };

        public static string Strip(string url)
        {
            if (url == null) throw new ArgumentNullException(nameof(url));
            int schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd <= 0) return url;
            int authorityStart = schemeEnd + 3;
            int authorityEnd = url.IndexOfAny(new[] { '/', '?', '#' }, authorityStart);
            if (authorityEnd < 0) authorityEnd = url.Length;
            int at = url.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
            if (at >= authorityStart) url = url.Substring(0, authorityStart) + url.Substring(at + 1);

            int query = url.IndexOf('?');
            if (query < 0) return url;
            int fragment = url.IndexOf('#', query);
            string queryText = fragment < 0 ? url.Substring(query + 1) : url.Substring(query + 1, fragment - query - 1);
            return HasSecret(queryText) ? url.Substring(0, query) + (fragment < 0 ? "" : url.Substring(fragment)) : url;
        }

        private static bool HasSecret(string query)
        {
            foreach (string pair in query.Split('&', ';'))
            {
                int equals = pair.IndexOf('=');
                string name = Uri.UnescapeDataString(equals < 0 ? pair : pair.Substring(0, equals)).Trim().ToLowerInvariant();
                foreach (string prefix in SecretParameterPrefixes)
                {
                    if (name.StartsWith(prefix, StringComparison.Ordinal)) return true;
                }
                if (Array.IndexOf(SecretParameters, name) >= 0) return true;
            }
            return false;
        }
    }
}

using System;

namespace B64Hunt.Intel
{
    /// <summary>
    /// Where a provider's key may be sent: an https address, or plain http only to a loopback test server
    /// (the rule the Log Analytics client follows too).
    /// </summary>
    public static class TiEndpointPolicy
    {
        /// <summary>Null when <paramref name="endpoint"/> may receive a key; else why not.</summary>
        public static string? Check(Uri endpoint)
        {
            if (endpoint == null) throw new ArgumentNullException(nameof(endpoint));
            if (!endpoint.IsAbsoluteUri) return $"the endpoint '{endpoint}' is not an absolute address";
            if (endpoint.Scheme == Uri.UriSchemeHttps) return null;
            if (endpoint.Scheme == Uri.UriSchemeHttp && endpoint.IsLoopback) return null;
            if (endpoint.Scheme == Uri.UriSchemeHttp) return $"the endpoint {endpoint.GetLeftPart(UriPartial.Authority)} is plain http; an API key is sent only over https (plain http only to a loopback test server)";
            return $"the endpoint '{endpoint.GetLeftPart(UriPartial.Authority)}' is not an https address";
        }
    }
}

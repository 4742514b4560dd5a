using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;

namespace B64Hunt.LogAnalytics
{
    /// <summary>Azure.Core options for the query pipeline: B64Hunt's own retry policy replaces the built-in one.</summary>
    internal sealed class LogAnalyticsClientOptions : ClientOptions
    {
        public LogAnalyticsClientOptions(bool loopbackOverHttp)
        {
            Retry.MaxRetries = 0;
            Diagnostics.ApplicationId = "B64Hunt";
            Diagnostics.IsLoggingEnabled = false;
            Diagnostics.IsDistributedTracingEnabled = false;
            Diagnostics.IsTelemetryEnabled = false;
            if (loopbackOverHttp)
            {
                Transport = new HttpClientTransport(new LoopbackDowngradeHandler(new HttpClientHandler()));
            }
        }
    }

    /// <summary>
    /// Azure.Core's bearer-token policy refuses plain http. A test server on 127.0.0.1 has no certificate, so
    /// requests to it are built as https (the policy is satisfied) and sent as http here, for loopback only.
    /// </summary>
    internal sealed class LoopbackDowngradeHandler : DelegatingHandler
    {
        public LoopbackDowngradeHandler(HttpMessageHandler inner) : base(inner) { }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri;
            if (uri != null && uri.IsLoopback && uri.Scheme == Uri.UriSchemeHttps)
            {
                request.RequestUri = new UriBuilder(uri) { Scheme = Uri.UriSchemeHttp }.Uri;
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}

using System;
using System.Net.Http;
using System.Threading;
using B64Hunt.Intel;
using B64Hunt.Model;

namespace B64Hunt.Tests.Intel
{
    /// <summary>Builds providers pointed at a test server, with a fake clock and no pacing unless asked.</summary>
    internal sealed class ProviderHarness : IDisposable
    {
        public const string OtxKey = "otx-key-0f3c9a7e51b24d7c";
        public const string VtKey = "vt-key-9d8e7f6a5b4c3d2e1f";
        public const string XfId = "xf-id-1a2b3c";
        public const string XfKey = "xf-secret-4d5e6f7a";

        public ProviderHarness(Func<SeenRequest, int, TestReply> handler)
        {
            Server = new TiTestServer(handler);
        }

        public TiTestServer Server { get; }
        public FakeClock Clock { get; } = new FakeClock();
        public HttpClient Http { get; } = new HttpClient();
        public ProblemList Listener { get; } = new ProblemList();

        public OtxProvider Otx(int? perMinute = null) =>
            new OtxProvider(OtxKey, Server.BaseUri, Http, new RequestPacer(perMinute, null, Clock), Clock);

        public VirusTotalProvider VirusTotal(int? perMinute = null, int? perDay = null) =>
            new VirusTotalProvider(VtKey, Server.BaseUri, Http, new RequestPacer(perMinute, perDay, Clock), Clock);

        public XForceProvider XForce() =>
            new XForceProvider(XfId, XfKey, Server.BaseUri, Http, new RequestPacer(null, null, Clock), Clock);

        public TiLookupOutcome Lookup(ITiProvider provider, string type, string value) =>
            provider.LookupAsync(new TiIndicator(type, value), Listener, CancellationToken.None).GetAwaiter().GetResult();

        public void Dispose()
        {
            Http.Dispose();
            Server.Dispose();
        }
    }
}

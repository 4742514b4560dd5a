using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace B64Hunt.Tests.Intel
{
    /// <summary>A reply the test server sends.</summary>
    public sealed class TestReply
    {
        public TestReply(int status, string? body = null, IDictionary<string, string>? headers = null)
        {
            Status = status;
            Body = body;
            Headers = headers;
        }

        public int Status { get; }
        public string? Body { get; }
        public IDictionary<string, string>? Headers { get; }

        public static TestReply Json(string body) => new TestReply(200, body);
        public static TestReply Status429(int retryAfterSeconds, string? body = null) =>
            new TestReply(429, body, new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString() });
    }

    /// <summary>One request the server saw.</summary>
    public sealed class SeenRequest
    {
        public SeenRequest(string rawPath, string path, IDictionary<string, string> headers)
        {
            RawPath = rawPath;
            Path = path;
            Headers = headers;
        }

        /// <summary>The path and query as sent (still escaped).</summary>
        public string RawPath { get; }

        /// <summary>The unescaped path.</summary>
        public string Path { get; }
        public IDictionary<string, string> Headers { get; }
    }

    /// <summary>
    /// A real HTTP server on 127.0.0.1 (a free port) that answers with a handler the test gives,
    /// and counts and records every request.
    /// </summary>
    public sealed class TiTestServer : IDisposable
    {
        private readonly HttpListener _listener = new HttpListener();
        private readonly Func<SeenRequest, int, TestReply> _handler;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Task _loop;
        private int _count;

        /// <param name="handler">Gets the request and its 1-based number.</param>
        public TiTestServer(Func<SeenRequest, int, TestReply> handler)
        {
            _handler = handler;
            var port = FreePort();
            BaseUrl = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(BaseUrl + "/");
            _listener.Start();
            _loop = Task.Run(LoopAsync);
        }

        public string BaseUrl { get; }
        public Uri BaseUri => new Uri(BaseUrl);
        public ConcurrentQueue<SeenRequest> Requests { get; } = new ConcurrentQueue<SeenRequest>();
        public int Count => Volatile.Read(ref _count);

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (HttpListenerException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                try
                {
                    var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    foreach (string? key in context.Request.Headers.AllKeys)
                    {
                        if (key != null) headers[key] = context.Request.Headers[key] ?? string.Empty;
                    }
                    var raw = context.Request.RawUrl ?? string.Empty;
                    var seen = new SeenRequest(raw, Uri.UnescapeDataString(raw), headers);
                    Requests.Enqueue(seen);
                    var number = Interlocked.Increment(ref _count);
                    var reply = _handler(seen, number);
                    context.Response.StatusCode = reply.Status;
                    if (reply.Headers != null)
                    {
                        foreach (var h in reply.Headers) context.Response.Headers[h.Key] = h.Value;
                    }
                    var bytes = Encoding.UTF8.GetBytes(reply.Body ?? string.Empty);
                    context.Response.ContentType = "application/json";
                    context.Response.ContentLength64 = bytes.Length;
                    await context.Response.OutputStream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
                    context.Response.Close();
                }
                catch (Exception)
                {
                    try { context.Response.Abort(); } catch (Exception) { }
                }
            }
        }

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        public void Dispose()
        {
            _stop.Cancel();
            try { _listener.Stop(); _listener.Close(); } catch (Exception) { }
            try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (Exception) { }
            _stop.Dispose();
        }
    }
}

using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace B64Hunt.Tests.Hostile
{
    /// <summary>
    /// A TCP server on 127.0.0.1 that answers every request with prompt headers and then a body dripped one
    /// byte at a time (the slow-loris answer that holds a client with only a per-read timeout). Each connection
    /// is closed after <see cref="MaxDrip"/>, so a test can never hang on it.
    /// </summary>
    internal sealed class DrippingServer : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly TimeSpan _interval;
        private int _connections;

        public DrippingServer(TimeSpan interval, string contentType = "application/json")
        {
            _interval = interval;
            ContentType = contentType;
            _listener.Start();
            Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
            Task.Run(AcceptAsync);
        }

        public Uri Endpoint { get; }
        public string ContentType { get; }
        public TimeSpan MaxDrip { get; set; } = TimeSpan.FromSeconds(20);
        public int Connections => Volatile.Read(ref _connections);

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception)
                {
                    return;
                }
                Interlocked.Increment(ref _connections);
                _ = Task.Run(() => DripAsync(client));
            }
        }

        private async Task DripAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    var request = new byte[8192];
                    await stream.ReadAsync(request, 0, request.Length, _stop.Token).ConfigureAwait(false);
                    var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: {ContentType}\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(head, 0, head.Length, _stop.Token).ConfigureAwait(false);
                    var started = DateTime.UtcNow;
                    var space = new[] { (byte)' ' };
                    while (DateTime.UtcNow - started < MaxDrip && !_stop.IsCancellationRequested)
                    {
                        await stream.WriteAsync(space, 0, 1, _stop.Token).ConfigureAwait(false);
                        await Task.Delay(_interval, _stop.Token).ConfigureAwait(false);
                    }
                }
                catch (Exception)
                {
                    // the client gave up: that is the point
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }
}

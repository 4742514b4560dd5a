using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace B64Hunt.Tests.Fuzz
{
    /// <summary>
    /// A TCP server on 127.0.0.1 that answers each HTTP request with a fault the test picks: garbage instead of HTTP,
    /// a body cut short of its Content-Length, a connection closed before or after the status line, broken chunked
    /// encoding, absurd headers. What HttpListener-based servers cannot send.
    /// </summary>
    internal sealed class RawHttpFaultServer : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly Func<byte[]> _answer;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Task _loop;

        /// <param name="answer">The raw bytes to send for the next request (the connection closes after them).</param>
        public RawHttpFaultServer(Func<byte[]> answer)
        {
            _answer = answer;
            _listener.Start();
            Endpoint = new Uri("http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port + "/");
            _loop = Task.Run(LoopAsync);
        }

        public Uri Endpoint { get; }

        /// <summary>One faulty answer, built from <paramref name="rng"/> around <paramref name="body"/>.</summary>
        public static byte[] Fault(FuzzRng rng, byte[] body)
        {
            string Head(int status, string extra) => $"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n{extra}Connection: close\r\n\r\n";
            int status = rng.Pick(new[] { 200, 200, 200, 400, 404, 429, 500, 503 });
            switch (rng.Next(8))
            {
                case 0: return Mutator.RandomBlob(rng, rng.Next(0, 300)); // not HTTP at all
                case 1: return Array.Empty<byte>(); // closed without a word
                case 2: return Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Le"); // cut inside the headers
                case 3: // body shorter than announced
                    {
                        int cut = rng.Next(body.Length + 1);
                        return Concat(Encoding.ASCII.GetBytes(Head(status, $"Content-Length: {body.Length + rng.Next(1, 1000)}\r\n")), body, cut);
                    }
                case 4: // broken chunked encoding
                    return Concat(Encoding.ASCII.GetBytes(Head(status, "Transfer-Encoding: chunked\r\n") + rng.Pick(new[] { "zz\r\n", "FFFFFFFFFFFF\r\nab", "5\r\nabc", "-1\r\n" })), Array.Empty<byte>(), 0);
                case 5: // absurd headers
                    return Concat(Encoding.ASCII.GetBytes(Head(status, rng.Pick(new[] { "Content-Length: -5\r\n", "Content-Length: 99999999999999999999\r\n", "Retry-After: \u0001\r\n", "X: " + new string('a', 70_000) + "\r\n", "Content-Length: 3\r\nContent-Length: 4\r\n" }))), body, body.Length);
                case 6: // a status line that is not one
                    return Encoding.ASCII.GetBytes(rng.Pick(new[] { "HTTP/1.1 999999 X\r\n\r\n", "HTTP/9.9 200\r\n\r\n", "HTTP/1.1 20 OK\r\n\r\n", "ICY 200 OK\r\n\r\n" }));
                default: // well formed, mutated body, no length (read to close)
                    return Concat(Encoding.ASCII.GetBytes(Head(status, "")), Mutator.Mutate(rng, body, 4), int.MaxValue);
            }
        }

        private static byte[] Concat(byte[] head, byte[] body, int bodyBytes)
        {
            int n = Math.Min(bodyBytes, body.Length);
            var all = new byte[head.Length + n];
            Buffer.BlockCopy(head, 0, all, 0, head.Length);
            Buffer.BlockCopy(body, 0, all, head.Length, n);
            return all;
        }

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    // Read the request head (and whatever body came with it); then answer and close.
                    var buffer = new byte[64 * 1024];
                    var seen = new StringBuilder();
                    while (seen.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal) < 0)
                    {
                        int n = await stream.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false);
                        if (n == 0) return;
                        seen.Append(Encoding.ASCII.GetString(buffer, 0, n));
                    }
                    byte[] answer;
                    lock (_answer) answer = _answer();
                    await stream.WriteAsync(answer, 0, answer.Length).ConfigureAwait(false);
                    await stream.FlushAsync().ConfigureAwait(false);
                    client.Client.Shutdown(SocketShutdown.Both);
                }
                catch (IOException)
                {
                }
                catch (SocketException)
                {
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        }
    }
}

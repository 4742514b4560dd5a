using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace B64Hunt.IO
{
    /// <summary>Reads an HTTP answer body into memory up to a size cap, under a deadline (the HTTP clients' one body reader).</summary>
    internal static class CappedRead
    {
        /// <summary>The body, positioned at 0; null when it is longer than <paramref name="max"/> bytes (read no further).</summary>
        /// <exception cref="OperationCanceledException">The token was cancelled (the deadline passed).</exception>
        public static async Task<MemoryStream?> ReadAsync(Stream? stream, long max, CancellationToken cancellationToken)
        {
            var buffer = new MemoryStream();
            if (stream == null) return buffer;
            var chunk = new byte[64 * 1024];
            // Not every stream honours ReadAsync's token: the deadline also disposes it.
            using (cancellationToken.Register(stream.Dispose))
            {
                while (true)
                {
                    int n;
                    try
                    {
                        n = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when ((ex is ObjectDisposedException || ex is IOException) && cancellationToken.IsCancellationRequested)
                    {
                        throw new OperationCanceledException(cancellationToken);
                    }
                    if (n == 0) break;
                    if (buffer.Length + n > max)
                    {
                        buffer.Dispose();
                        return null;
                    }
                    buffer.Write(chunk, 0, n);
                }
            }
            buffer.Position = 0;
            return buffer;
        }
    }
}

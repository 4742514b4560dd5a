namespace B64Hunt.Decoding
{
    /// <summary>The result of removing every layer from one payload.</summary>
    internal sealed class PeeledPayload
    {
        public byte[] Data = System.Array.Empty<byte>();
        /// <summary>The decoded text, or null for binary.</summary>
        public string? Text;
        public bool Truncated;
        /// <summary>A gzip or zlib layer inflated: strong evidence that this was a real payload.</summary>
        public bool Inflated;
    }
}

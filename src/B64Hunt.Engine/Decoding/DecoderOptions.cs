namespace B64Hunt.Decoding
{
    /// <summary>Bounds and thresholds of <see cref="PayloadDecoder"/>. Copied at construction, so changing it later has no effect.</summary>
    public sealed class DecoderOptions
    {
        /// <summary>
        /// Bound on nesting and layers: at most this many layers are removed from one payload (base64, gzip, ...),
        /// and payloads are looked for inside decoded payloads down to Depth = MaxDepth - 1. Clamped to 1..32.
        /// </summary>
        public int MaxDepth { get; set; } = 5;

        /// <summary>
        /// Largest decoded size of one payload, after each layer (base64, hex, gzip, zlib). A gzip bomb is cut off
        /// here with the warning "DecompressionLimitExceeded" and the truncated text is kept (IsTruncated).
        /// Values below 1024 count as 1024.
        /// </summary>
        public int MaxDecodedBytes { get; set; } = 4 * 1024 * 1024;

        /// <summary>
        /// Shortest payload (encoded characters, padding included) considered when the line names a decoder
        /// (base64 -d, b64decode, openssl, ...) or the token carries base64 padding or percent-escaped base64.
        /// Values below 4 count as 4. A bare token with none of those signs must be at least 16 characters
        /// (or this value, when larger) and decode to something that reads like a command.
        /// </summary>
        public int MinPayloadLength { get; set; } = 8;
        /// <summary>
        /// Decoded bytes one command line may produce in all its payloads and layers. Beyond it the line's remaining
        /// payloads are still found but decoded only to <see cref="PreviewBytes"/>, with the warning "DecodeBudgetExceeded".
        /// </summary>
        public long MaxDecodedBytesPerLine { get; set; } = 16L * 1024 * 1024;

        /// <summary>
        /// Decoded bytes one run (one <see cref="DecodeMemo"/>, one Get-B64Command) may produce; beyond it every payload is
        /// decoded only to <see cref="PreviewBytes"/>, with the warning "DecodeBudgetExceeded" once.
        /// </summary>
        public long MaxDecodedBytesPerRun { get; set; } = 256L * 1024 * 1024;

        /// <summary>
        /// Decoded text longer than 1 MB is kept as its first PreviewBytes (IsTruncated, with Size and hashes of the whole);
        /// also the per-payload limit once a budget is spent. Values below 1024 count as 1024.
        /// </summary>
        public int PreviewBytes { get; set; } = 64 * 1024;
    }
}

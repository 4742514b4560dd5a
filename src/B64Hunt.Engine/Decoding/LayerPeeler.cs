using System.Collections.Generic;
using B64Hunt.Errors;
using B64Hunt.Model;

namespace B64Hunt.Decoding
{
    /// <summary>
    /// Removes layers after the first one until plain text (or binary) remains, at most MaxDepth layers in all:
    /// gzip, zlib, bzip2 and xz (by their headers); UTF-16LE text (pwsh -EncodedCommand) re-encoded as "utf16le"; then, on text that is entirely one encoding, base64 (symbols and line
    /// breaks only), hex digits, \xNN escapes or %XX escapes. A text layer is removed only when what comes out
    /// is itself plausible text or compressed data, so a plain word that happens to use the base64 alphabet
    /// stays as it is.
    /// </summary>
    internal static class LayerPeeler
    {
        private const int MinLayerLength = 8;

        // encoded: the encoded text, shown cut to a preview in a warning; the preview is made only when a warning is given.
        public static PeeledPayload Peel(byte[] data, List<string> chain, int maxLayers, int maxBytes, string encoded, IList<Problem>? problems)
        {
            var result = new PeeledPayload();
            while (true)
            {
                bool more = chain.Count < maxLayers;
                string? compressor = Decompressor.Identify(data);
                if (compressor != null)
                {
                    if (!more) { DepthExceeded(result, encoded, problems); break; }
                    var outcome = Decompressor.Decompress(compressor, data, maxBytes, out byte[] inflated);
                    if (outcome == InflateResult.NotApplicable) break; // a zlib-looking header on random bytes
                    chain.Add(compressor);
                    data = inflated;
                    result.Inflated = true;
                    if (outcome == InflateResult.LimitExceeded)
                    {
                        result.Truncated = true;
                        problems?.Add(new Problem(ErrorIds.DecompressionLimitExceeded, ProblemKind.Warning,
                            $"Decompressed payload exceeds {maxBytes} bytes; kept the first {maxBytes} bytes.", PayloadDecoder.Preview(encoded)));
                    }
                    else if (outcome == InflateResult.Corrupt)
                    {
                        result.Truncated = true;
                        problems?.Add(new Problem(ErrorIds.DecompressionFailed, ProblemKind.Warning,
                            "Compressed payload is corrupt or truncated; kept what inflated before the damage.", PayloadDecoder.Preview(encoded)));
                    }
                    continue;
                }
                if (!TextClassifier.TryGetText(data, out string text))
                {
                    // pwsh -EncodedCommand and friends carry UTF-16LE: re-encode as UTF-8 text and go on.
                    byte[]? utf8 = TextClassifier.TryUtf16LeToUtf8(data);
                    if (utf8 == null) break; // binary: nothing more to remove
                    if (!more) { DepthExceeded(result, encoded, problems); break; }
                    chain.Add("utf16le");
                    data = utf8;
                    continue;
                }
                byte[]? inner = TryTextLayer(text, maxBytes, out string layer, out bool truncated);
                if (inner == null) break;
                if (!more) { DepthExceeded(result, encoded, problems); break; }
                chain.Add(layer);
                if (truncated) SizeExceeded(result, maxBytes, encoded, problems);
                data = inner;
            }
            result.Data = data;
            result.Text = TextClassifier.TryGetText(data, out string final) || CommentTailedText.TryGet(data, out final) ? final : null;
            return result;
        }

        /// <summary>Decodes text that is entirely one encoding and yields text or compressed data; null otherwise.</summary>
        private static byte[]? TryTextLayer(string text, int maxBytes, out string layer, out bool truncated)
        {
            layer = string.Empty;
            truncated = false;
            string t = text.Trim();
            if (t.Length < MinLayerLength) return null;

            bool hex = true, base64 = true;
            int padding = 0;
            foreach (char c in t)
            {
                bool lineBreak = c == '\n' || c == '\r';
                if (c == '=') { padding++; hex = false; continue; }
                if (padding > 0 && !lineBreak) { base64 = false; }
                if (!HexCodec.IsHexDigit(c) && !lineBreak && c != ' ') hex = false;
                if (!Base64Codec.IsAlphabet(c) && !lineBreak) base64 = false;
                if (!hex && !base64) break;
            }
            if (hex)
            {
                byte[]? bytes = HexCodec.DecodeDigits(t, maxBytes, out truncated);
                if (bytes != null && IsGoodLayerOutput(bytes)) { layer = "hex"; return bytes; }
            }
            if (base64 && padding <= 2 && !LookAlikes.IsHexDigitsOnly(t))
            {
                byte[]? bytes = Base64Codec.Decode(t, maxBytes, out truncated);
                if (bytes != null && !LookAlikes.IsSshKeyBlob(bytes) && IsGoodLayerOutput(bytes)) { layer = Base64Codec.AlphabetName(t); return bytes; }
            }
            int escapes = HexCodec.CountEscapes(t);
            if (escapes >= 4 && escapes * 4 * 10 >= t.Length * 6)
            {
                byte[]? bytes = HexCodec.DecodeEscapes(t, maxBytes, out truncated);
                if (bytes != null && IsGoodLayerOutput(bytes)) { layer = "hex"; return bytes; }
            }
            int percents = PercentCodec.CountEscapes(t);
            if (percents >= 3 && percents * 3 * 10 >= t.Length * 3)
            {
                byte[]? bytes = PercentCodec.Decode(t, maxBytes, out truncated);
                if (bytes != null && IsGoodLayerOutput(bytes)) { layer = "percent"; return bytes; }
            }
            truncated = false;
            return null;
        }

        private static bool IsGoodLayerOutput(byte[] bytes) =>
            Decompressor.Identify(bytes) != null
            || (TextClassifier.TryGetText(bytes, out string text) && TextClassifier.IsPlausible(text));

        private static void DepthExceeded(PeeledPayload result, string encoded, IList<Problem>? problems)
        {
            result.Truncated = true;
            problems?.Add(new Problem(ErrorIds.DecodeDepthLimitExceeded, ProblemKind.Warning,
                "Payload has more encoding layers than MaxDepth allows; the rest was left encoded.", PayloadDecoder.Preview(encoded)));
        }

        private static void SizeExceeded(PeeledPayload result, int maxBytes, string encoded, IList<Problem>? problems)
        {
            result.Truncated = true;
            problems?.Add(new Problem(ErrorIds.PayloadSizeLimitExceeded, ProblemKind.Warning,
                $"Decoded payload exceeds {maxBytes} bytes; kept the first {maxBytes} bytes.", PayloadDecoder.Preview(encoded)));
        }
    }
}

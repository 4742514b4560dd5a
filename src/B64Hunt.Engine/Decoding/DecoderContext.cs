using System;

namespace B64Hunt.Decoding
{
    /// <summary>What the text around a payload says about decoding.</summary>
    [Flags]
    internal enum DecoderContext
    {
        None = 0,
        /// <summary>A decoder is named: base64/b64/decode64 (base64 -d, b64decode, MIME::Base64, Base64.decode64,
        /// base64_decode, Buffer.from(x,'base64')), basenc, openssl, atob, (un)pack, decode, and the hex decoders below.</summary>
        Decoder = 1,
        /// <summary>A hex decoder is named (xxd -r -p, bytes.fromhex, unhexlify, hex2bin, codecs 'hex', basenc --base16, pack("H*")),
        /// so bare hex digit runs are payloads rather than hashes.</summary>
        Hex = 2,
    }

    /// <summary>Finds decoder keywords with one case-insensitive pass and no allocation.</summary>
    internal static class DecoderKeywords
    {
        /// <summary>
        /// Keywords count only inside a symbol run of at most 24 characters ("b64decode", "decode_base64",
        /// "/usr/bin/base64"): a long run is itself a payload candidate, and random base64 spells "hex" or "e64"
        /// often enough that it must not vouch for itself.
        /// </summary>
        private const int MaxKeywordRun = 24;

        public static DecoderContext Find(string text)
        {
            var found = DecoderContext.None;
            var pending = DecoderContext.None;
            int n = text.Length, runStart = 0;
            for (int i = 0; i <= n; i++)
            {
                char c = i < n ? text[i] : ' ';
                if (!Base64Codec.IsAlphabet(c))
                {
                    if (pending != DecoderContext.None && i - runStart <= MaxKeywordRun)
                    {
                        found |= pending;
                        if (found == (DecoderContext.Decoder | DecoderContext.Hex)) break;
                    }
                    pending = DecoderContext.None;
                    runStart = i + 1;
                    continue;
                }
                if (c == '4')
                {
                    // "b64" and "e64" cover base64, b64decode, decode64 and friends but not x86_64.
                    if (i - runStart >= 2 && text[i - 1] == '6')
                    {
                        char p = (char)(text[i - 2] | 0x20);
                        if (p == 'b' || p == 'e') pending |= DecoderContext.Decoder;
                    }
                    continue;
                }
                switch ((char)(c | 0x20))
                {
                    case 'b':
                        if (At(text, i, "basenc") || At(text, i, "base16")) pending |= DecoderContext.Decoder | DecoderContext.Hex;
                        break;
                    case 'o':
                        if (At(text, i, "openssl")) pending |= DecoderContext.Decoder;
                        break;
                    case 'a':
                        if (At(text, i, "atob")) pending |= DecoderContext.Decoder;
                        break;
                    case 'p':
                        if (At(text, i, "pack")) pending |= DecoderContext.Decoder | DecoderContext.Hex;
                        break;
                    case 'd':
                        if (At(text, i, "decode")) pending |= DecoderContext.Decoder;
                        break;
                    case 'x':
                        if (At(text, i, "xxd")) pending |= DecoderContext.Decoder | DecoderContext.Hex;
                        break;
                    case 'f':
                        if (At(text, i, "fromhex")) pending |= DecoderContext.Decoder | DecoderContext.Hex;
                        break;
                    case 'u':
                        if (At(text, i, "unhexlify")) pending |= DecoderContext.Decoder | DecoderContext.Hex;
                        break;
                    case 'h':
                        // hex2bin (php), or the bare word hex (codecs.decode(x,'hex'), -hex): not hex.txt or hexdump.
                        if (At(text, i, "hex2bin")
                            || (i == runStart && At(text, i, "hex") && (i + 3 >= n || !Base64Codec.IsAlphabet(text[i + 3]))))
                            pending |= DecoderContext.Decoder | DecoderContext.Hex;
                        break;
                }
            }
            return found;
        }

        /// <summary>Case-insensitive match of a lower-case ASCII keyword at position i.</summary>
        private static bool At(string text, int i, string keyword)
        {
            if (i + keyword.Length > text.Length) return false;
            for (int k = 1; k < keyword.Length; k++)
            {
                if ((char)(text[i + k] | 0x20) != keyword[k]) return false;
            }
            return true;
        }
    }
}

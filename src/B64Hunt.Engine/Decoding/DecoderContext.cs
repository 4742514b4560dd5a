using System;

namespace B64Hunt.Decoding
{
    /// <summary>What the text around a payload says about decoding.</summary>
    [Flags]
    internal enum DecoderContext
    {
        None = 0,
        /// <summary>A decoder is named: base64/b64/decode64 (base64 -d, b64decode, MIME::Base64, Base64.decode64,
        /// base64_decode, Buffer.from(x,'base64')), basenc, openssl, atob, (un)pack, decode, xxd, hex.</summary>
        Decoder = 1,
        /// <summary>A hex decoder is named (xxd -r -p, bytes.fromhex, unhexlify, codecs 'hex', basenc --base16, pack("H*")),
        /// so bare hex digit runs are payloads rather than hashes.</summary>
        Hex = 2,
    }

    /// <summary>Finds decoder keywords with one case-insensitive pass and no allocation.</summary>
    internal static class DecoderKeywords
    {
        public static DecoderContext Find(string text)
        {
            var found = DecoderContext.None;
            int n = text.Length;
            for (int i = 0; i < n; i++)
            {
                char c = text[i];
                if (c == '4')
                {
                    // "b64" and "e64" cover base64, b64decode, decode64 and friends but not x86_64.
                    if (i >= 2 && text[i - 1] == '6')
                    {
                        char p = (char)(text[i - 2] | 0x20);
                        if (p == 'b' || p == 'e') found |= DecoderContext.Decoder;
                    }
                    continue;
                }
                switch ((char)(c | 0x20))
                {
                    case 'b':
                        if (At(text, i, "basenc") || At(text, i, "base16")) found |= DecoderContext.Decoder | DecoderContext.Hex;
                        break;
                    case 'o':
                        if (At(text, i, "openssl")) found |= DecoderContext.Decoder;
                        break;
                    case 'a':
                        if (At(text, i, "atob")) found |= DecoderContext.Decoder;
                        break;
                    case 'p':
                        if (At(text, i, "pack")) found |= DecoderContext.Decoder | DecoderContext.Hex;
                        break;
                    case 'd':
                        if (At(text, i, "decode")) found |= DecoderContext.Decoder;
                        break;
                    case 'x':
                        if (At(text, i, "xxd")) found |= DecoderContext.Decoder | DecoderContext.Hex;
                        break;
                    case 'h':
                        if (At(text, i, "hex")) found |= DecoderContext.Decoder | DecoderContext.Hex;
                        break;
                }
                if (found == (DecoderContext.Decoder | DecoderContext.Hex)) break;
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

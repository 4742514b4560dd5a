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
        /// <summary>A base32 decoder is named (base32 -d, basenc --base32, b32decode), so an upper-case run is tried as base32 first.</summary>
        Base32 = 4,
    }
}

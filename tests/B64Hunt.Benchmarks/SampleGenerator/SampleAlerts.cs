using System.Collections.Generic;

namespace B64Hunt.Benchmarks.SampleGenerator
{
    /// <summary>How an EDR would alert on a payload (or on activity with no payload at all).</summary>
    public sealed class AlertRule
    {
        public AlertRule(string name, string severity, string tactics, string techniques, string description, string provider = "MDATP", int repeatDays = 0)
        {
            Name = name; Severity = severity; Tactics = tactics; Techniques = techniques; Description = description;
            Provider = provider; RepeatDays = repeatDays;
        }

        public string Name { get; }

        /// <summary>Informational, Low, Medium or High (SecurityAlert.AlertSeverity).</summary>
        public string Severity { get; }
        public string Tactics { get; }
        public string Techniques { get; }

        /// <summary>Text with {host} where the host name goes.</summary>
        public string Description { get; }
        public string Provider { get; }

        /// <summary>The same alert fires again on this many following days (a miner keeps running).</summary>
        public int RepeatDays { get; }
    }

    /// <summary>Which payloads raise which alerts in the sample, and the alerts on hosts that ran nothing encoded.</summary>
    public static class SampleAlerts
    {
        private static readonly AlertRule Mining = new AlertRule("Digital currency mining related behavior detected", "High", "Impact", "T1496",
            "Analysis of host data on {host} detected the execution of a process or command normally associated with digital currency mining.", repeatDays: 1);
        private static readonly AlertRule DownloadRun = new AlertRule("Suspicious download then run activity", "Medium", "Execution,CommandAndControl", "T1105,T1059.004",
            "Analysis of host data on {host} detected a file being downloaded and run in the same command. Attackers use this technique to get malware onto a host.");
        private static readonly AlertRule ReverseShell = new AlertRule("Possible reverse shell detected", "High", "Execution,CommandAndControl", "T1059.004,T1071",
            "Analysis of host data on {host} detected a potential reverse shell: a shell whose input and output are connected to a remote host.");

        public static IReadOnlyDictionary<string, AlertRule> ByPayload { get; } = new Dictionary<string, AlertRule>
        {
            ["miner-xmrig-curl"] = Mining,
            ["miner-kworker-gzip"] = Mining,
            ["miner-nohup"] = new AlertRule("Detected suspicious use of the nohup command", "Medium", "Execution", "T1059.004",
                "Analysis of host data on {host} detected nohup starting a process from a hidden temporary folder."),
            ["dropper-ldr-curl"] = DownloadRun,
            ["dropper-botnet-bins"] = DownloadRun,
            ["dropper-x86-wget"] = new AlertRule("Detected file download from a known malicious source", "Medium", "CommandAndControl", "T1105",
                "Analysis of host data on {host} detected a download from an address known to host malware."),
            ["dropper-bot-hex"] = new AlertRule("Executable found running from a suspicious location", "High", "Execution,DefenseEvasion", "T1059,T1036",
                "Analysis of host data on {host} detected an executable running from /dev/shm, a location attackers use to hide binaries."),
            ["revshell-bash-tcp"] = ReverseShell,
            ["revshell-nc"] = ReverseShell,
            ["revshell-python"] = ReverseShell,
            ["revshell-socat"] = ReverseShell,
            ["persist-crontab"] = new AlertRule("Detected Persistence Attempt", "Medium", "Persistence", "T1053.003",
                "Analysis of host data on {host} detected a new scheduled task that downloads and runs a script."),
            ["persist-ssh-key"] = new AlertRule("New SSH key added", "Low", "Persistence", "T1098.004",
                "A new SSH key was added to the authorized keys file of root on {host}."),
            ["persist-ld-preload"] = new AlertRule("Possible library hijacking via /etc/ld.so.preload", "High", "Persistence,DefenseEvasion", "T1574.006",
                "Analysis of host data on {host} detected a change to /etc/ld.so.preload, which loads a library into every process."),
            ["persist-backdoor-user"] = new AlertRule("New user account with root privileges created", "Medium", "Persistence,PrivilegeEscalation", "T1136.001",
                "Analysis of host data on {host} detected the creation of a user with UID 0."),
            ["evasion-history"] = new AlertRule("History file has been cleared", "Medium", "DefenseEvasion", "T1070.003",
                "Analysis of host data on {host} indicates that the command history log file has been cleared."),
            ["evasion-audit"] = new AlertRule("Possible Log Tampering Activity Detected", "Medium", "DefenseEvasion", "T1562.012",
                "Analysis of host data on {host} detected the audit daemon being stopped and its rules deleted."),
            ["evasion-firewall"] = new AlertRule("Suspicious firewall rule change detected", "Low", "DefenseEvasion", "T1562.004",
                "Analysis of host data on {host} detected all firewall rules being flushed and SELinux being disabled."),
            ["cred-shadow"] = new AlertRule("Suspicious password access", "Informational", "CredentialAccess", "T1003.008",
                "Analysis of host data on {host} detected suspicious access to encrypted user passwords."),
            ["cred-imds-token"] = new AlertRule("Suspicious access to the instance metadata service", "Medium", "CredentialAccess", "T1552.005",
                "Analysis of host data on {host} detected a managed identity token being requested and sent to an external address."),
            ["recon-basic"] = new AlertRule("Suspicious system discovery activity", "Low", "Discovery", "T1082,T1033",
                "Analysis of host data on {host} detected a burst of discovery commands run by the web server account."),
        };

        /// <summary>Alerts on hosts that ran nothing encoded: the ranking must not credit them to any command.</summary>
        public static IReadOnlyList<(string Host, int Day, int Hour, AlertRule Rule)> Unrelated { get; } = new List<(string, int, int, AlertRule)>
        {
            ("bastion-01", 3, 4, new AlertRule("Failed SSH brute force attack", "Medium", "PreAttack,CredentialAccess", "T1110",
                "Several failed authentication attempts were detected on {host}. 412 attempts came from 45.9.148.220.", "Azure Security Center")),
            ("bastion-01", 12, 23, new AlertRule("Failed SSH brute force attack", "Medium", "PreAttack,CredentialAccess", "T1110",
                "Several failed authentication attempts were detected on {host}. 1,108 attempts came from 185.220.101.90.", "Azure Security Center")),
            ("vpn-gw-01", 7, 2, new AlertRule("Suspicious authentication activity", "Low", "InitialAccess", "T1078",
                "Although none of them succeeded, some of the accounts used on {host} were recognized by the host.", "Azure Security Center")),
            ("mail-01", 5, 14, new AlertRule("Antimalware action taken", "Low", "Execution", "T1204",
                "Microsoft Defender for Endpoint quarantined a malicious attachment on {host}.")),
            ("monitor-01", 10, 11, new AlertRule("Anomalous network protocol usage", "Informational", "CommandAndControl", "T1095",
                "Analysis of network traffic on {host} detected unusual outbound ICMP volume.", "Azure Security Center")),
        };
    }
}

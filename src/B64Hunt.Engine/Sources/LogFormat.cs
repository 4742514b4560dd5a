namespace B64Hunt.Sources
{
    /// <summary>The content format of a log file; <see cref="Auto"/> detects it per file from the content.</summary>
    public enum LogFormat
    {
        Auto,
        /// <summary>Syslog (RFC 3164, RFC 5424, or bare) lines carrying AUOMS_EXECVE records.</summary>
        AuomsSyslog,
        /// <summary>Native auditd records (audit.log), optionally behind a syslog prefix.</summary>
        Auditd,
        /// <summary>CSV export (RFC 4180) of Log Analytics or Defender results.</summary>
        Csv,
        /// <summary>JSON: an array of objects, the Log Analytics REST shape {"tables":[...]}, or one object.</summary>
        Json,
        /// <summary>One JSON object per line.</summary>
        JsonLines,
    }
}

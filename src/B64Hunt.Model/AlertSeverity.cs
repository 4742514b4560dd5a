namespace B64Hunt.Model
{
    /// <summary>
    /// A Sentinel alert's severity, ordered from least to most severe, so Sort-Object Severity ranks alerts and
    /// Where-Object Severity -ge 'Medium' works. Unknown is a severity the source wrote but Sentinel does not define
    /// (its text is kept in <see cref="RelatedAlert.SeverityText"/>); it sorts below Informational.
    /// </summary>
    /// <remarks>
    /// long-based: PowerShell's ConvertTo-Json writes enums over Int64 by name (JSON numbers cannot carry 64 bits), so
    /// <c>$a | ConvertTo-Json</c> says "High", not 4, without -EnumsAsStrings; values and ordering are as declared.
    /// </remarks>
    public enum AlertSeverity : long
    {
        Unknown = 0,
        Informational = 1,
        Low = 2,
        Medium = 3,
        High = 4,
    }

    /// <summary>Reads the severity an alert row gives.</summary>
    public static class AlertSeverities
    {
        /// <summary>Sentinel's names, case-insensitive ("Information" too, as Defender writes it); anything else, or none, is Unknown.</summary>
        public static AlertSeverity Parse(string? text)
        {
            switch ((text ?? string.Empty).Trim().ToLowerInvariant())
            {
                case "high": return AlertSeverity.High;
                case "medium": return AlertSeverity.Medium;
                case "low": return AlertSeverity.Low;
                case "informational": case "information": return AlertSeverity.Informational;
                default: return AlertSeverity.Unknown;
            }
        }

        /// <summary>The severity's name, or for an Unknown one the text the source wrote ("Critical"), so reports show what came in.</summary>
        public static string Describe(AlertSeverity severity, string? text) =>
            severity == AlertSeverity.Unknown && !string.IsNullOrWhiteSpace(text) ? text! : severity.ToString();
    }
}

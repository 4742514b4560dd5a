using System;

namespace B64Hunt.Model
{
    /// <summary>A Microsoft Sentinel SecurityAlert on a host where base64 commands ran.</summary>
    public sealed class RelatedAlert
    {
        public DateTime? TimeGenerated { get; set; }
        /// <summary>The alert's own host (CompromisedEntity, else its host entity); never rewritten to the hunted host.</summary>
        public string? Computer { get; set; }
        public string AlertName { get; set; } = string.Empty;
        /// <summary>Informational, Low, Medium or High (ordered, so it sorts by severity); Unknown for any other text.</summary>
        public AlertSeverity Severity { get; set; }
        /// <summary>The severity as the source wrote it, e.g. "Critical" for an Unknown one, so no alert text is lost.</summary>
        public string SeverityText { get; set; } = string.Empty;
        public string? Description { get; set; }
        public string? Tactics { get; set; }
        public string? Techniques { get; set; }
        public string? SystemAlertId { get; set; }
        public string? ProviderName { get; set; }
        public string? CompromisedEntity { get; set; }
        public DateTime? StartTime { get; set; }
        public DateTime? EndTime { get; set; }
        public string? Source { get; set; }
        /// <summary>The alert's Entities column (JSON: hosts, accounts, processes, files, IPs), to pivot on.</summary>
        public string? Entities { get; set; }
        /// <summary>The alert's ExtendedProperties column (JSON).</summary>
        public string? ExtendedProperties { get; set; }
        /// <summary>The alert's page in its product's portal.</summary>
        public string? AlertLink { get; set; }
        /// <summary>New, InProgress, Resolved, Dismissed, ...</summary>
        public string? Status { get; set; }

        /// <summary>The hunted host this alert was matched to (Get-B64RelatedAlert -Computer), when it was looked up for one.</summary>
        public string? HuntedHost { get; set; }

        public override string ToString() => AlertName;
    }
}

using System;
using System.Globalization;
using System.Management.Automation;
using B64Hunt.Sources.Rows;

namespace B64Hunt.Commands
{
    /// <summary>
    /// Reads a time from pipeline input (Import-Csv rows, strings, DateTime): a DateTime as it is, text through the
    /// engine's one cell-time reader in the session's culture (02.10.2026 is 2 October in de-DE), or with the formats
    /// the user names (-DateFormat). Text none of them reads is null, so the caller reports it rather than guessing.
    /// </summary>
    internal static class PipelineTime
    {
        public static DateTime? Parse(object? value, CultureInfo culture, string[]? formats)
        {
            object? raw = value is PSObject ps ? ps.BaseObject : value;
            switch (raw)
            {
                case null:
                    return null;
                case DateTime dt:
                    return dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt.ToUniversalTime();
                case DateTimeOffset dto:
                    return dto.UtcDateTime;
            }
            return CellTime.Parse(raw.ToString(), culture, formats);
        }
    }
}

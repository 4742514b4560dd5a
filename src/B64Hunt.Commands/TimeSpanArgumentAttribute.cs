using System;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace B64Hunt.Commands
{
    /// <summary>
    /// Binds a span the way a Sentinel hunter writes one: KQL-style (7d, 12h, 30m, 45s, 1.5h), a TimeSpan or
    /// d.hh:mm:ss text. A bare number is refused (PowerShell would read 7 as 7 ticks, a 700 ns window), and so is
    /// a span under a second that is not zero: both are typos that would silently find nothing. Unquoted 7d and 30s
    /// reach us as PowerShell's decimal and short literals and are read as days and seconds. PowerShell rounds an
    /// unquoted fraction of a short (0.5s is 0, 1.5s is 2) before we see it, so a short zero is refused: it may be a
    /// half second silently turned into "the same instant".
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class TimeSpanArgumentAttribute : ArgumentTransformationAttribute
    {
        private static readonly Regex KqlSpan = new Regex(@"^\s*(\d+(?:\.\d+)?)\s*(d|h|m|s|ms)\s*$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject ps ? ps.BaseObject : inputData;
            if (value == null) return null;
            TimeSpan span = value switch
            {
                TimeSpan given => given,
                string text => Parse(text),
                // Unquoted, 7d and 30s are PowerShell number literals (decimal 7, short 30): read them by their suffix.
                decimal days => TimeSpan.FromDays((double)days),
                short zero when zero == 0 => throw new ArgumentTransformationMetadataException(
                    "An unquoted 0s reaches the cmdlet as 0 even when it was a fraction such as 0.5s (PowerShell rounds "
                    + "the short literal). Write 0 for a zero span, or quote a fraction: '1.5s'."),
                short seconds => TimeSpan.FromSeconds(seconds),
                _ when IsZero(value) => TimeSpan.Zero,
                _ when IsNumber(value) => throw new ArgumentTransformationMetadataException(
                    $"'{value}' has no unit (PowerShell would read it as {value} ticks). Write 7d, 12h, 30m, 45s or 1.00:00:00."),
                _ => throw new ArgumentTransformationMetadataException(
                    $"Cannot read '{value}' as a time span. Write 7d, 12h, 30m, 45s or 1.00:00:00."),
            };
            if (span > TimeSpan.Zero && span < TimeSpan.FromSeconds(1))
            {
                throw new ArgumentTransformationMetadataException(
                    $"{span} is under a second, which matches almost nothing. Write 7d, 12h, 30m or 45s.");
            }
            return span;
        }

        /// <summary>KQL-style "7d"/"12h"/"30m"/"45s"/"500ms", else d.hh:mm:ss; throws with the fix for anything else.</summary>
        internal static TimeSpan Parse(string text)
        {
            Match kql = KqlSpan.Match(text);
            if (kql.Success)
            {
                double amount = double.Parse(kql.Groups[1].Value, CultureInfo.InvariantCulture);
                return kql.Groups[2].Value.ToLowerInvariant() switch
                {
                    "d" => TimeSpan.FromDays(amount),
                    "h" => TimeSpan.FromHours(amount),
                    "m" => TimeSpan.FromMinutes(amount),
                    "s" => TimeSpan.FromSeconds(amount),
                    _ => TimeSpan.FromMilliseconds(amount),
                };
            }
            if (text.IndexOf(':') >= 0 && TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out TimeSpan parsed))
            {
                return parsed;
            }
            throw new ArgumentTransformationMetadataException(
                $"Cannot read '{text}' as a time span. Write 7d, 12h, 30m, 45s or 1.00:00:00.");
        }

        private static bool IsZero(object value) => IsNumber(value) && Convert.ToDouble(value, CultureInfo.InvariantCulture) == 0;

        private static bool IsNumber(object value) => value is int || value is long || value is double || value is decimal
            || value is float || value is short || value is byte || value is uint || value is ulong;
    }
}

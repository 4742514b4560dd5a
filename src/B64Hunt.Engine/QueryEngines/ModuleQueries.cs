using System;
using System.Collections.Generic;
using B64Hunt.LogAnalytics;

namespace B64Hunt.QueryEngines
{
    /// <summary>One KQL query the module builds, and the engine whose schema it must bind against.</summary>
    public sealed class ModuleQuery
    {
        public ModuleQuery(string name, string engine, string kql)
        {
            Name = name;
            Engine = engine;
            Kql = kql;
        }

        public string Name { get; }

        /// <summary>"workspace", "defenderxdr" or "adx": which tables exist where the query runs.</summary>
        public string Engine { get; }

        public string Kql { get; }

        public override string ToString() => Engine + "/" + Name;
    }

    /// <summary>
    /// Every KQL query the module builds, for the test that parses and binds each one in Kusto's language service
    /// against the tables' schemas (tests/kql). A new query builder adds its queries here.
    /// </summary>
    public static class ModuleQueries
    {
        public static IReadOnlyList<ModuleQuery> All(DateTime start, DateTime end)
        {
            var hosts = new[] { "web-01.contoso.com", "db-02" };
            var queries = new List<ModuleQuery>();
            void Add(string engine, string name, string kql) => queries.Add(new ModuleQuery(name, engine, kql));
            foreach (var engine in new[] { "workspace", "adx" })
            {
                Add(engine, "Auoms", WorkspaceKql.Build(WorkspaceTable.Auoms, false, start, end));
                Add(engine, "Auoms -Summarize", WorkspaceKql.Build(WorkspaceTable.Auoms, true, start, end));
                Add(engine, "Auditd", WorkspaceKql.Build(WorkspaceTable.Auditd, false, start, end));
                Add(engine, "SecurityAlert", RelatedAlertKql.Build(hosts, start, end));
            }
            foreach (var engine in new[] { "workspace", "defenderxdr", "adx" })
            {
                Add(engine, "DeviceProcessEvents", WorkspaceKql.Build(WorkspaceTable.DeviceProcessEvents, false, start, end));
                Add(engine, "DeviceProcessEvents -Summarize", WorkspaceKql.Build(WorkspaceTable.DeviceProcessEvents, true, start, end));
            }
            Add("workspace", "ProcessEvent (ASIM)", WorkspaceKql.Build(WorkspaceTable.ProcessEvent, false, start, end));
            Add("workspace", "ProcessEvent (ASIM) -Summarize", WorkspaceKql.Build(WorkspaceTable.ProcessEvent, true, start, end));
            Add("defenderxdr", "AlertInfo + AlertEvidence", DefenderAlertKql.Build(hosts, start, end));
            var indicators = new[] { "45.9.148.99", "evil.example.com", "http://203.0.113.5/x.sh" };
            Add("workspace", "SentinelTI ThreatIntelIndicators", Intel.WorkspaceTiProvider.CurrentQuery(indicators));
            Add("workspace", "SentinelTI ThreatIntelligenceIndicator", Intel.WorkspaceTiProvider.LegacyQuery(indicators));
            return queries;
        }
    }
}

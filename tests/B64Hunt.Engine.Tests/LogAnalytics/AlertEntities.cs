namespace B64Hunt.Tests.LogAnalytics
{
    /// <summary>SecurityAlert Entities values the alert tests of both test projects match hosts against.</summary>
    internal static class AlertEntities
    {
        internal const string Web1Entities =
            "[{\"$id\":\"3\",\"HostName\":\"web1\",\"DnsDomain\":\"contoso.com\",\"OSFamily\":\"Linux\",\"Type\":\"host\"}," +
            "{\"$id\":\"4\",\"Name\":\"root\",\"Type\":\"account\"}]";
    }
}

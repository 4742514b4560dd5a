using System.Linq;

namespace B64Hunt.Tests.Intel
{
    /// <summary>VirusTotal v3 bodies in the service's documented shape.</summary>
    internal static class VirusTotalAnswers
    {
        internal static string Report(string type, string id, int malicious, int suspicious) =>
            $"{{\"data\":{{\"id\":\"{id}\",\"type\":\"{type}\",\"links\":{{\"self\":\"https://www.virustotal.com/api/v3/x\"}}," +
            $"\"attributes\":{{\"reputation\":-5,\"last_analysis_stats\":{{\"harmless\":61,\"malicious\":{malicious},\"suspicious\":{suspicious},\"undetected\":9,\"timeout\":0}}," +
            "\"last_analysis_results\":{}}}}";

        internal const string Quota = "{\"error\":{\"code\":\"QuotaExceededError\",\"message\":\"Quota exceeded\"}}";
    }

    /// <summary>OTX general-section bodies in the service's documented shape.</summary>
    internal static class OtxAnswers
    {
        internal static string General(string indicator, int count)
        {
            var pulses = string.Join(",", Enumerable.Range(1, count).Select(i =>
                $"{{\"id\":\"5f{i}\",\"name\":\"Mirai campaign {i}\",\"tags\":[\"mirai\",\"botnet\"],\"references\":[\"https://blog.example.org/{i}\"]}}"));
            return $"{{\"indicator\":\"{indicator}\",\"type\":\"IPv4\",\"type_title\":\"IPv4\",\"reputation\":0," +
                   $"\"pulse_info\":{{\"count\":{count},\"pulses\":[{pulses}],\"references\":[],\"related\":{{}}}}," +
                   "\"sections\":[\"general\",\"geo\",\"reputation\",\"url_list\",\"passive_dns\",\"malware\"],\"false_positive\":[],\"validation\":[]}";
        }
    }
}

namespace B64Hunt.QueryEngines
{
    /// <summary>
    /// The stable error ids of one engine: its prefix and a fixed suffix per failure, the same suffixes as
    /// <see cref="LogAnalytics.LogAnalyticsErrorIds"/> ("LogAnalyticsThrottled", "DefenderXdrThrottled", "DataExplorerThrottled").
    /// </summary>
    public sealed class EngineErrorIds
    {
        public static readonly EngineErrorIds LogAnalytics = new EngineErrorIds("LogAnalytics");
        public static readonly EngineErrorIds DefenderXdr = new EngineErrorIds("DefenderXdr");
        public static readonly EngineErrorIds DataExplorer = new EngineErrorIds("DataExplorer");

        private EngineErrorIds(string prefix) => Prefix = prefix;

        public string Prefix { get; }
        public string SyntaxError => Prefix + "SyntaxError";
        public string BadRequest => Prefix + "BadRequest";
        public string Unauthorized => Prefix + "Unauthorized";
        public string Forbidden => Prefix + "Forbidden";
        public string NotFound => Prefix + "NotFound";
        public string Throttled => Prefix + "Throttled";
        public string ServerError => Prefix + "ServerError";
        public string PartialError => Prefix + "PartialError";
        public string Timeout => Prefix + "Timeout";
        public string ConnectionFailed => Prefix + "ConnectionFailed";
        public string InvalidResponse => Prefix + "InvalidResponse";
        /// <summary>The answer was larger than the client's cap (MaxResponseBytes): not read (narrow the time range).</summary>
        public string ResponseTooLarge => Prefix + "ResponseTooLarge";

        /// <summary>Defender XDR keeps 30 days: (part of) the window is older (a warning).</summary>
        public const string DefenderXdrBeyondRetention = "DefenderXdrBeyondRetention";
    }
}

using B64Hunt.Errors;

namespace B64Hunt.QueryEngines
{
    /// <summary>
    /// One engine's error ids, picked from <see cref="ErrorIds"/> so shared code (the HTTP client, the time splitter) can raise
    /// "the engine's Throttled" without knowing which engine it serves ("LogAnalyticsThrottled", "DefenderXdrThrottled" ...).
    /// </summary>
    public sealed class EngineErrorIds
    {
        public static readonly EngineErrorIds LogAnalytics = new EngineErrorIds(
            ErrorIds.LogAnalyticsSyntaxError, ErrorIds.LogAnalyticsBadRequest, ErrorIds.LogAnalyticsUnauthorized, ErrorIds.LogAnalyticsForbidden,
            ErrorIds.LogAnalyticsWorkspaceNotFound, ErrorIds.LogAnalyticsThrottled, ErrorIds.LogAnalyticsServerError, ErrorIds.LogAnalyticsPartialError,
            ErrorIds.LogAnalyticsTimeout, ErrorIds.LogAnalyticsConnectionFailed, ErrorIds.LogAnalyticsInvalidResponse, ErrorIds.LogAnalyticsResponseTooLarge);

        public static readonly EngineErrorIds DefenderXdr = new EngineErrorIds(
            ErrorIds.DefenderXdrSyntaxError, ErrorIds.DefenderXdrBadRequest, ErrorIds.DefenderXdrUnauthorized, ErrorIds.DefenderXdrForbidden,
            ErrorIds.DefenderXdrNotFound, ErrorIds.DefenderXdrThrottled, ErrorIds.DefenderXdrServerError, ErrorIds.DefenderXdrPartialError,
            ErrorIds.DefenderXdrTimeout, ErrorIds.DefenderXdrConnectionFailed, ErrorIds.DefenderXdrInvalidResponse, ErrorIds.DefenderXdrResponseTooLarge);

        public static readonly EngineErrorIds DataExplorer = new EngineErrorIds(
            ErrorIds.DataExplorerSyntaxError, ErrorIds.DataExplorerBadRequest, ErrorIds.DataExplorerUnauthorized, ErrorIds.DataExplorerForbidden,
            ErrorIds.DataExplorerNotFound, ErrorIds.DataExplorerThrottled, ErrorIds.DataExplorerServerError, ErrorIds.DataExplorerPartialError,
            ErrorIds.DataExplorerTimeout, ErrorIds.DataExplorerConnectionFailed, ErrorIds.DataExplorerInvalidResponse, ErrorIds.DataExplorerResponseTooLarge);

        private EngineErrorIds(string syntaxError, string badRequest, string unauthorized, string forbidden, string notFound, string throttled,
            string serverError, string partialError, string timeout, string connectionFailed, string invalidResponse, string responseTooLarge)
        {
            SyntaxError = syntaxError;
            BadRequest = badRequest;
            Unauthorized = unauthorized;
            Forbidden = forbidden;
            NotFound = notFound;
            Throttled = throttled;
            ServerError = serverError;
            PartialError = partialError;
            Timeout = timeout;
            ConnectionFailed = connectionFailed;
            InvalidResponse = invalidResponse;
            ResponseTooLarge = responseTooLarge;
        }

        public string SyntaxError { get; }
        public string BadRequest { get; }
        public string Unauthorized { get; }
        public string Forbidden { get; }
        /// <summary>404; for Log Analytics the workspace (its own mapper raises it, never the shared client).</summary>
        public string NotFound { get; }
        public string Throttled { get; }
        public string ServerError { get; }
        public string PartialError { get; }
        public string Timeout { get; }
        public string ConnectionFailed { get; }
        public string InvalidResponse { get; }
        /// <summary>The answer was larger than the client's cap (MaxResponseBytes): not read (narrow the time range).</summary>
        public string ResponseTooLarge { get; }
    }
}

namespace B64Hunt.LogAnalytics
{
    /// <summary>Stable error ids of workspace queries (a tested contract).</summary>
    public static class LogAnalyticsErrorIds
    {
        /// <summary>400: the KQL did not parse; the message carries the service's text and line/position.</summary>
        public const string SyntaxError = "LogAnalyticsSyntaxError";
        /// <summary>400 other than a syntax error: an unknown table or column, a bad argument.</summary>
        public const string BadRequest = "LogAnalyticsBadRequest";
        /// <summary>401, or sign-in failed before any request was sent.</summary>
        public const string Unauthorized = "LogAnalyticsUnauthorized";
        /// <summary>403: the identity has no read access on the workspace (or the token is for another audience).</summary>
        public const string Forbidden = "LogAnalyticsForbidden";
        /// <summary>404 or "workspace not found".</summary>
        public const string WorkspaceNotFound = "LogAnalyticsWorkspaceNotFound";
        /// <summary>429 still answered after the retries.</summary>
        public const string Throttled = "LogAnalyticsThrottled";
        /// <summary>5xx still answered after the retries.</summary>
        public const string ServerError = "LogAnalyticsServerError";
        /// <summary>HTTP 200 with an error: rows came back, but not all of them (a warning).</summary>
        public const string PartialError = "LogAnalyticsPartialError";
        /// <summary>504 from the service, or the network timeout passed.</summary>
        public const string Timeout = "LogAnalyticsTimeout";
        /// <summary>The endpoint could not be reached.</summary>
        public const string ConnectionFailed = "LogAnalyticsConnectionFailed";
        /// <summary>The answer was not the documented JSON.</summary>
        public const string InvalidResponse = "LogAnalyticsInvalidResponse";
        /// <summary>The answer was larger than the client's cap (MaxResponseBytes): not read (narrow the time range).</summary>
        public const string ResponseTooLarge = "LogAnalyticsResponseTooLarge";
        /// <summary>A custom -Query returned no command-line column.</summary>
        public const string NoCommandLineColumn = "LogAnalyticsNoCommandLineColumn";
        /// <summary>-Summarize cannot aggregate this table on the service; raw rows are queried instead (a warning).</summary>
        public const string SummarizeNotSupported = "LogAnalyticsSummarizeNotSupported";
        /// <summary>An exported SecurityAlert file could not be read (-Path).</summary>
        public const string AlertFileUnreadable = "SecurityAlertFileUnreadable";
        /// <summary>A row of an exported SecurityAlert file lacked fields or had bad values (-Path).</summary>
        public const string MalformedAlertRow = "MalformedSecurityAlertRow";
    }
}

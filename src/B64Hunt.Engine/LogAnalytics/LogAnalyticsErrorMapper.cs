using System;
using B64Hunt.Errors;
using B64Hunt.Model;

namespace B64Hunt.LogAnalytics
{
    /// <summary>Turns a failed answer (status + the service's error object) into a stable id and a message that says what to do.</summary>
    internal static class LogAnalyticsErrorMapper
    {
        public static LogAnalyticsException Map(int status, QueryError? error, Guid workspaceId, Func<string?, string> scrub)
        {
            var detail = error != null ? scrub(error.Describe()) : "(no error body)";
            var code = error?.InnermostCode ?? error?.Code;
            if (status == 404 || MentionsMissingWorkspace(error))
            {
                return new LogAnalyticsException(ErrorIds.LogAnalyticsWorkspaceNotFound, ProblemKind.ObjectNotFound,
                    "Log Analytics workspace " + workspaceId + " was not found (HTTP " + status + "): check -WorkspaceId (the workspace's " +
                    "'Workspace ID' GUID, not its name or resource id) and -Environment. " + detail, status, code);
            }
            switch (status)
            {
                case 400:
                    if (IsSyntaxError(error))
                    {
                        var where = error!.Line.HasValue
                            ? " at line " + error.Line + ", position " + (error.Position?.ToString() ?? "?")
                            : string.Empty;
                        return new LogAnalyticsException(ErrorIds.LogAnalyticsSyntaxError, ProblemKind.InvalidArgument,
                            "The KQL query has a syntax error" + where + ": " + scrub(error.InnermostMessage ?? error.Message) +
                            " (" + detail + ")", status, code);
                    }
                    return new LogAnalyticsException(ErrorIds.LogAnalyticsBadRequest, ProblemKind.InvalidArgument,
                        "Log Analytics rejected the query: " + detail, status, code);
                case 401:
                    return new LogAnalyticsException(ErrorIds.LogAnalyticsUnauthorized, ProblemKind.AuthenticationError,
                        "Log Analytics refused the request as unauthenticated (HTTP 401): the sign-in failed or no valid token was sent " +
                        "(expired -AccessToken, or a token for another audience). " + detail, status, code);
                case 403:
                    return new LogAnalyticsException(ErrorIds.LogAnalyticsForbidden, ProblemKind.PermissionDenied,
                        "Access to Log Analytics workspace " + workspaceId + " was denied (HTTP 403): the signed-in identity needs the " +
                        "'Log Analytics Reader' role (or 'Reader') on the workspace, and a token for the Log Analytics audience. " + detail,
                        status, code);
                case 429:
                    return new LogAnalyticsException(ErrorIds.LogAnalyticsThrottled, ProblemKind.LimitsExceeded,
                        "Log Analytics is throttling the requests (HTTP 429) and still did after the retries; wait and run again, or run fewer " +
                        "queries at once. " + detail, status, code);
                case 504:
                case 408:
                    return new LogAnalyticsException(ErrorIds.LogAnalyticsTimeout, ProblemKind.OperationTimeout,
                        "The query timed out on the service (HTTP " + status + "); narrow the time range, use -Summarize, or raise " +
                        "-ServerTimeout (at most 600 s). " + detail, status, code);
                default:
                    if (status >= 500)
                    {
                        return new LogAnalyticsException(ErrorIds.LogAnalyticsServerError, ProblemKind.ConnectionError,
                            "Log Analytics failed with HTTP " + status + " after the retries. " + detail, status, code);
                    }
                    return new LogAnalyticsException(ErrorIds.LogAnalyticsBadRequest, ProblemKind.InvalidArgument,
                        "Log Analytics answered HTTP " + status + ". " + detail, status, code);
            }
        }

        private static bool IsSyntaxError(QueryError? error)
        {
            if (error == null) return false;
            if (error.Line.HasValue) return true;
            foreach (var text in error.AllText())
            {
                if (text.IndexOf("SyntaxError", StringComparison.OrdinalIgnoreCase) >= 0
                    || text.StartsWith("SYN", StringComparison.Ordinal)
                    || text.IndexOf("could not be parsed", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }
            return false;
        }

        private static bool MentionsMissingWorkspace(QueryError? error)
        {
            if (error == null) return false;
            foreach (var text in error.AllText())
            {
                if (text.IndexOf("WorkspaceNotFound", StringComparison.OrdinalIgnoreCase) >= 0) return true;
                var at = text.IndexOf("workspace", StringComparison.OrdinalIgnoreCase);
                if (at >= 0 && text.IndexOf("not found", at, StringComparison.OrdinalIgnoreCase) >= 0) return true;
            }
            return false;
        }
    }
}

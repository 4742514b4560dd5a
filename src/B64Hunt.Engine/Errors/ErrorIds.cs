namespace B64Hunt.Errors
{
    /// <summary>
    /// Every stable error and warning id B64Hunt reports, in one place (a tested contract: scripts and the help name them).
    /// Each constant's name is its value. ErrorCatalogueTests checks that every id here is listed in a cmdlet's help and that
    /// every id the help lists is here.
    /// </summary>
    public static class ErrorIds
    {
        // Paths given to -Path/-LiteralPath/-OutFile (resolved by the cmdlets).
        public const string PathNotFound = "PathNotFound";
        public const string PathIsDirectory = "PathIsDirectory";
        public const string PathNotFileSystem = "PathNotFileSystem";
        public const string InvalidPath = "InvalidPath";
        public const string OutFileExists = "OutFileExists";

        // Log files: target "path:line" for a record, the path for a file.
        public const string MalformedAuomsRecord = "MalformedAuomsRecord";
        public const string MalformedAuditdRecord = "MalformedAuditdRecord";
        public const string MissingCommandLineColumn = "MissingCommandLineColumn";
        public const string MalformedRow = "MalformedRow";
        public const string MalformedJson = "MalformedJson";
        public const string LineTooLong = "LineTooLong";
        /// <summary>A parser bug on one line, never an I/O error: reported, and the file goes on.</summary>
        public const string UnparsableLine = "UnparsableLine";
        /// <summary>The file could not be opened or read (missing, denied, I/O error, corrupt or truncated gzip).</summary>
        public const string FileReadError = "FileReadError";
        /// <summary>A gzip file decompressed past LogReadOptions.MaxDecompressedBytes: the rest is not read.</summary>
        public const string DecompressedSizeLimit = "DecompressedSizeLimit";
        /// <summary>Warning: the detected format gave no records although the file carries AUOMS/auditd records.</summary>
        public const string DetectedFormatYieldedNothing = "DetectedFormatYieldedNothing";
        /// <summary>Warning: a FIFO, socket or device is skipped so the run cannot hang on it.</summary>
        public const string NotARegularFile = "NotARegularFile";
        /// <summary>Warning: no command record in a file of any known format.</summary>
        public const string FormatNotRecognized = "FormatNotRecognized";

        // Decoding warnings: a payload is cut short or skipped, the event is still written.
        public const string DecompressionLimitExceeded = "DecompressionLimitExceeded";
        public const string DecompressionFailed = "DecompressionFailed";
        public const string PayloadSizeLimitExceeded = "PayloadSizeLimitExceeded";
        public const string DecodeDepthLimitExceeded = "DecodeDepthLimitExceeded";
        public const string PayloadLimitExceeded = "PayloadLimitExceeded";
        public const string DecodeBudgetExceeded = "DecodeBudgetExceeded";
        public const string DecoderFailed = "DecoderFailed";
        public const string ArchiveLimitExceeded = "ArchiveLimitExceeded";
        public const string ArchiveUnsafePath = "ArchiveUnsafePath";
        public const string ArchiveCorrupt = "ArchiveCorrupt";

        // Parameters of the hunting cmdlets (terminating).
        public const string InvalidTimeGenerated = "InvalidTimeGenerated";
        public const string InvalidTimeWindow = "InvalidTimeWindow";
        public const string InvalidLogAnalyticsParameters = "InvalidLogAnalyticsParameters";
        public const string WorkspaceNotGiven = "WorkspaceNotGiven";

        // Sign-in.
        public const string B64HuntConnectInvalidArgument = "B64HuntConnectInvalidArgument";
        public const string B64HuntInteractiveSignInRefused = "B64HuntInteractiveSignInRefused";

        // Configuration files (msticpyconfig.yaml).
        public const string ConfigFileNotFound = "ConfigFileNotFound";
        public const string InvalidConfigFile = "InvalidConfigFile";

        // Log Analytics workspace queries.
        public const string LogAnalyticsSyntaxError = "LogAnalyticsSyntaxError";
        public const string LogAnalyticsBadRequest = "LogAnalyticsBadRequest";
        public const string LogAnalyticsUnauthorized = "LogAnalyticsUnauthorized";
        public const string LogAnalyticsForbidden = "LogAnalyticsForbidden";
        public const string LogAnalyticsWorkspaceNotFound = "LogAnalyticsWorkspaceNotFound";
        public const string LogAnalyticsThrottled = "LogAnalyticsThrottled";
        public const string LogAnalyticsServerError = "LogAnalyticsServerError";
        /// <summary>Warning: HTTP 200 with an error, rows came back but not all of them.</summary>
        public const string LogAnalyticsPartialError = "LogAnalyticsPartialError";
        public const string LogAnalyticsTimeout = "LogAnalyticsTimeout";
        public const string LogAnalyticsConnectionFailed = "LogAnalyticsConnectionFailed";
        public const string LogAnalyticsInvalidResponse = "LogAnalyticsInvalidResponse";
        public const string LogAnalyticsResponseTooLarge = "LogAnalyticsResponseTooLarge";
        public const string LogAnalyticsNoCommandLineColumn = "LogAnalyticsNoCommandLineColumn";
        /// <summary>Warning: -Summarize cannot aggregate this table on the service; raw rows are queried instead.</summary>
        public const string LogAnalyticsSummarizeNotSupported = "LogAnalyticsSummarizeNotSupported";

        // Exported SecurityAlert files (Get-B64RelatedAlert -Path).
        public const string SecurityAlertFileUnreadable = "SecurityAlertFileUnreadable";
        public const string MalformedSecurityAlertRow = "MalformedSecurityAlertRow";

        // Defender XDR advanced hunting (-DefenderXdr): the Log Analytics failures under its own prefix.
        public const string DefenderXdrSyntaxError = "DefenderXdrSyntaxError";
        public const string DefenderXdrBadRequest = "DefenderXdrBadRequest";
        public const string DefenderXdrUnauthorized = "DefenderXdrUnauthorized";
        public const string DefenderXdrForbidden = "DefenderXdrForbidden";
        public const string DefenderXdrNotFound = "DefenderXdrNotFound";
        public const string DefenderXdrThrottled = "DefenderXdrThrottled";
        public const string DefenderXdrServerError = "DefenderXdrServerError";
        public const string DefenderXdrPartialError = "DefenderXdrPartialError";
        public const string DefenderXdrTimeout = "DefenderXdrTimeout";
        public const string DefenderXdrConnectionFailed = "DefenderXdrConnectionFailed";
        public const string DefenderXdrInvalidResponse = "DefenderXdrInvalidResponse";
        public const string DefenderXdrResponseTooLarge = "DefenderXdrResponseTooLarge";
        /// <summary>Warning: Defender XDR keeps 30 days and (part of) the window is older.</summary>
        public const string DefenderXdrBeyondRetention = "DefenderXdrBeyondRetention";

        // Azure Data Explorer (-Cluster): the same failures under its prefix.
        public const string DataExplorerSyntaxError = "DataExplorerSyntaxError";
        public const string DataExplorerBadRequest = "DataExplorerBadRequest";
        public const string DataExplorerUnauthorized = "DataExplorerUnauthorized";
        public const string DataExplorerForbidden = "DataExplorerForbidden";
        public const string DataExplorerNotFound = "DataExplorerNotFound";
        public const string DataExplorerThrottled = "DataExplorerThrottled";
        public const string DataExplorerServerError = "DataExplorerServerError";
        public const string DataExplorerPartialError = "DataExplorerPartialError";
        public const string DataExplorerTimeout = "DataExplorerTimeout";
        public const string DataExplorerConnectionFailed = "DataExplorerConnectionFailed";
        public const string DataExplorerInvalidResponse = "DataExplorerInvalidResponse";
        public const string DataExplorerResponseTooLarge = "DataExplorerResponseTooLarge";

        // Scoring (Measure-B64Score, Show-B64Timeline).
        public const string UnknownScoreWeight = "UnknownScoreWeight";
        public const string InvalidScoreWeight = "InvalidScoreWeight";
        public const string InvalidAlertWindow = "InvalidAlertWindow";
        public const string InvalidEventCount = "InvalidEventCount";
        public const string UntimedAlert = "UntimedAlert";
        public const string UnattributedAlert = "UnattributedAlert";
        public const string UnknownAlertSeverity = "UnknownAlertSeverity";

        // Pipeline input of another type (skipped).
        public const string UnsupportedInputObject = "UnsupportedInputObject";

        // Written files and reports.
        public const string CsvWriteFailed = "CsvWriteFailed";
        public const string ReportWriteFailed = "ReportWriteFailed";
        public const string ReportOpenFailed = "ReportOpenFailed";

        // Indicators (Find-B64Ioc).
        public const string PublicSuffixListNotFound = "PublicSuffixListNotFound";
        public const string PublicSuffixListUnreadable = "PublicSuffixListUnreadable";

        // Category rules and GTFOBins data.
        public const string InvalidCategoryRuleFile = "InvalidCategoryRuleFile";
        public const string CategoryRuleFileNotFound = "CategoryRuleFileNotFound";
        public const string InvalidGtfoBinsEntry = "InvalidGtfoBinsEntry";
        public const string GtfoBinsPathNotFound = "GtfoBinsPathNotFound";

        // Threat-intelligence configuration and providers (target: the indicator, or the file).
        public const string TiConfigKeyVaultUnavailable = "TiConfigKeyVaultUnavailable";
        public const string TiConfigKeyVaultUnsupported = "TiConfigKeyVaultUnsupported";
        public const string TiConfigVariableNotSet = "TiConfigVariableNotSet";
        public const string TiProviderNotUsable = "TiProviderNotUsable";
        public const string TiEndpointInsecure = "TiEndpointInsecure";
        public const string TiWorkspaceQueryFailed = "TiWorkspaceQueryFailed";
        public const string TiUnauthorized = "TiUnauthorized";
        public const string TiRateLimited = "TiRateLimited";
        public const string TiQuotaExhausted = "TiQuotaExhausted";
        public const string TiServerError = "TiServerError";
        public const string TiConnectionFailed = "TiConnectionFailed";
        public const string TiTimeout = "TiTimeout";
        public const string TiBadResponse = "TiBadResponse";
        public const string TiResponseTooLarge = "TiResponseTooLarge";
        public const string TiRedirectRefused = "TiRedirectRefused";
        public const string TiRequestFailed = "TiRequestFailed";
        public const string TiCacheUntrusted = "TiCacheUntrusted";
        public const string TiCacheUnreadable = "TiCacheUnreadable";
        public const string TiCacheUnwritable = "TiCacheUnwritable";
        public const string TiFeedNotFound = "TiFeedNotFound";
        public const string TiFeedUnreadable = "TiFeedUnreadable";
        public const string InvalidTiFeedRow = "InvalidTiFeedRow";
        public const string InvalidTiParameter = "InvalidTiParameter";
        public const string InvalidCacheTtl = "InvalidCacheTtl";
        /// <summary>Warning: no input object carried an indicator of the -IocType types.</summary>
        public const string NothingLookedUp = "NothingLookedUp";
    }
}

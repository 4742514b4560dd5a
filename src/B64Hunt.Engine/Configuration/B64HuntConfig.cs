using System;
using System.Collections.Generic;

namespace B64Hunt.Configuration
{
    /// <summary>A loaded configuration file: B64Hunt's own config.yaml or an analyst's msticpyconfig.yaml.</summary>
    public sealed class B64HuntConfig
    {
        internal B64HuntConfig(string? filePath, IReadOnlyList<TiProviderSection> tiProviders, IReadOnlyDictionary<string, double> scoringWeights,
            TimeSpan? scoringAlertWindow = null, Guid? defaultWorkspaceId = null, ConfigFileException? defaultWorkspaceError = null)
        {
            DefaultWorkspaceError = defaultWorkspaceError;
            ScoringAlertWindow = scoringAlertWindow;
            DefaultWorkspaceId = defaultWorkspaceId;
            FilePath = filePath;
            TiProviders = tiProviders;
            ScoringWeights = scoringWeights;
        }

        public static B64HuntConfig Empty { get; } = new B64HuntConfig(null, Array.Empty<TiProviderSection>(),
            new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase));

        /// <summary>The file it came from; null for the empty configuration.</summary>
        public string? FilePath { get; }

        public IReadOnlyList<TiProviderSection> TiProviders { get; }

        /// <summary>Scoring: Weights: (e.g. High: 3, Medium: 1.5); case-insensitive names; empty when not configured.</summary>
        public IReadOnlyDictionary<string, double> ScoringWeights { get; }

        /// <summary>Scoring: AlertWindow: (e.g. "1.00:00:00"), Measure-B64Score's default -AlertWindow; null when not configured.</summary>
        public TimeSpan? ScoringAlertWindow { get; }

        /// <summary>msticpy's AzureSentinel: Workspaces: Default: WorkspaceId:, the workspace hunted when none is given; null when not set.</summary>
        public Guid? DefaultWorkspaceId { get; }

        /// <summary>Why AzureSentinel.Workspaces.Default cannot be used (not a GUID, a section of the wrong shape); null when it can or is absent.</summary>
        public ConfigFileException? DefaultWorkspaceError { get; }
    }
}

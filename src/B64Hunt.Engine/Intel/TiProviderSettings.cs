using System;
using System.Collections.Generic;
using B64Hunt.Model;

namespace B64Hunt.Intel
{
    /// <summary>
    /// One provider as resolved from parameters, environment and configuration: everything needed to build it.
    /// The credentials are internal and never printed (ToString shows the name only).
    /// </summary>
    public sealed class TiProviderSettings
    {
        internal TiProviderSettings(string name, string? kind)
        {
            Name = name;
            Kind = kind;
        }

        /// <summary>The display name (the canonical provider name, or the config section name for unknown providers).</summary>
        public string Name { get; }

        /// <summary>The implemented provider (OTX, VirusTotal, XForce, LocalFeed); null when B64Hunt does not implement it.</summary>
        public string? Kind { get; }

        public bool Configured { get; internal set; }
        public bool Primary { get; internal set; } = true;
        public TiKeySource KeySource { get; internal set; }
        public Uri? Endpoint { get; internal set; }
        public int? RequestsPerMinute { get; internal set; }
        public int? RequestsPerDay { get; internal set; }
        public IReadOnlyList<string> FeedPaths { get; internal set; } = Array.Empty<string>();
        public List<string> Notes { get; } = new List<string>();

        /// <summary>SentinelTI: the workspace whose threat-intelligence tables are asked.</summary>
        public Guid? WorkspaceId { get; internal set; }

        /// <summary>SentinelTI: the sign-in, set by the cmdlet from its parameters (the engine knows no PowerShell).</summary>
        public LogAnalytics.LogAnalyticsConnection? WorkspaceConnection { get; set; }

        /// <summary>OTX/VirusTotal AuthKey, XForce AuthKey.</summary>
        internal string? AuthKey { get; set; }

        /// <summary>XForce ApiID.</summary>
        internal string? ApiId { get; set; }

        public bool Usable
        {
            get
            {
                switch (Kind)
                {
                    case TiProviderNames.Otx:
                    case TiProviderNames.VirusTotal:
                    case TiProviderNames.AbuseIpdb:
                        return !string.IsNullOrEmpty(AuthKey) && Endpoint != null;
                    case TiProviderNames.Workspace:
                        return WorkspaceId != null;
                    case TiProviderNames.GreyNoise:
                        return Endpoint != null; // the community API answers without a key too (fewer lookups a day)
                    case TiProviderNames.XForce:
                        return !string.IsNullOrEmpty(AuthKey) && !string.IsNullOrEmpty(ApiId) && Endpoint != null;
                    case TiProviderNames.LocalFeed:
                        foreach (var path in FeedPaths)
                        {
                            if (System.IO.File.Exists(path)) return true;
                        }
                        return false;
                    default:
                        return false;
                }
            }
        }

        public string Pacing => Kind == TiProviderNames.LocalFeed ? "offline"
            : Kind == TiProviderNames.Workspace ? "batched (" + WorkspaceTiProvider.BatchSize + " a query)"
            : RequestPacer.Describe(RequestsPerMinute, RequestsPerDay);

        public TiProviderInfo ToInfo() => new TiProviderInfo
        {
            Name = Name,
            Configured = Configured,
            Usable = Usable,
            Primary = Primary,
            KeySource = KeySource,
            Endpoint = Kind == TiProviderNames.LocalFeed ? (FeedPaths.Count > 0 ? string.Join("; ", FeedPaths) : null)
                : Kind == TiProviderNames.Workspace && WorkspaceId != null ? "workspace " + WorkspaceId + (Endpoint != null ? " at " + Endpoint.AbsoluteUri : string.Empty)
                : Endpoint?.AbsoluteUri,
            Pacing = Kind == null ? string.Empty : Pacing,
            SupportedTypes = new List<string>(TiProviderFactory.SupportedTypes(Kind)),
            Notes = Notes.Count > 0 ? string.Join("; ", Notes) : null,
        };

        public override string ToString() => Name;
    }
}

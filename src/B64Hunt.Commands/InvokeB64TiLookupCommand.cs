using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using B64Hunt.Commands.Completers;
using System.Net.Http;
using System.Threading;
using B64Hunt.Configuration;
using B64Hunt.Errors;
using B64Hunt.Intel;
using B64Hunt.Model;

namespace B64Hunt.Commands
{
    /// <summary>
    /// Looks up the indicators of CommandEvents (from Find-B64Ioc) with OTX, VirusTotal, X-Force and local feeds,
    /// attaches the TiResults and emits the events, in input order, once all lookups are done. It buffers the
    /// input on purpose: that is what lets it look each indicator up once and pace the requests.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "B64TiLookup", HelpUri = "https://github.com/b64hunt/B64Hunt#invoke-b64tilookup-and-get-b64tiprovider-threat-intelligence", DefaultParameterSetName = DefaultSet, SupportsShouldProcess = true)]
    [OutputType(typeof(CommandEvent))]
    public sealed class InvokeB64TiLookupCommand : B64HuntCmdlet
    {
        private const string DefaultSet = "Default";
        private readonly PickedIndicators _input = new PickedIndicators();
        private readonly List<ITiProvider> _providers = new List<ITiProvider>();
        private IReadOnlyList<TiProviderSettings> _settings = Array.Empty<TiProviderSettings>();
        private HttpClient? _http;

        /// <summary>CommandEvents with Iocs (Find-B64Ioc output), Ioc records (Find-B64Ioc -Expand, filtered: only those are looked up,
        /// and the verdicts go to the event each came from), or strings (pass through as events without indicators).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = DefaultSet)]
        [AllowNull]
        public object?[] InputObject { get; set; } = Array.Empty<object>();

        /// <summary>The providers to use; default: every usable primary provider.</summary>
        [Parameter]
        [ValidateSet(TiProviderNames.Otx, TiProviderNames.VirusTotal, TiProviderNames.XForce, TiProviderNames.LocalFeed,
            TiProviderNames.GreyNoise, TiProviderNames.AbuseIpdb, TiProviderNames.Workspace, IgnoreCase = true)]
        public string[]? Provider { get; set; }

        /// <summary>Base URL per provider, e.g. @{ OTX = 'http://127.0.0.1:8080' }.</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? Endpoint { get; set; }

        /// <summary>Key per provider (SecureString, string, or for XForce 'ApiID:AuthKey' / a PSCredential).</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? ApiKey { get; set; }

        /// <summary>Local feed files (CSV with an Indicator column, or one indicator a line).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? LocalFeed { get; set; }

        /// <summary>Only these indicator types.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateIocType]
        [ArgumentCompleter(typeof(IocTypeCompleter))]
        public string[]? IocType { get; set; }

        /// <summary>How long cached answers are used (default one day).</summary>
        [Parameter]
        [TimeSpanArgument]
        public TimeSpan CacheTtl { get; set; } = TimeSpan.FromDays(1);

        /// <summary>Neither read nor write the cache.</summary>
        [Parameter]
        public SwitchParameter NoCache { get; set; }

        /// <summary>The cache folder (default: $env:B64HUNT_CACHE, else the user's cache folder).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CachePath { get; set; }

        /// <summary>Also send private/reserved addresses and internal names to outside providers.</summary>
        [Parameter]
        public SwitchParameter IncludePrivate { get; set; }

        /// <summary>B64Hunt's config file (default: $env:B64HUNT_CONFIG, else ~/.config/b64hunt/config.yaml).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ConfigPath { get; set; }

        /// <summary>SentinelTI: the workspace whose ThreatIntelIndicators (or ThreatIntelligenceIndicator) table is asked.</summary>
        [Parameter]
        public Guid? WorkspaceId { get; set; }

        /// <summary>SentinelTI: sign in with the managed identity (runbooks).</summary>
        [Parameter]
        [Alias("Identity")]
        public SwitchParameter UseManagedIdentity { get; set; }

        /// <summary>SentinelTI: a Log Analytics token (string, SecureString or Get-AzAccessToken's object) instead of signing in.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? AccessToken { get; set; }

        /// <summary>The clock used for pacing and waits; tests replace it so pacing can be checked without waiting.</summary>
        internal ITiClock Clock { get; set; } = SystemTiClock.Instance;

        protected override void BeginProcessing()
        {
            if (CacheTtl < TimeSpan.Zero)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentOutOfRangeException(nameof(CacheTtl), "-CacheTtl cannot be negative."),
                    ErrorIds.InvalidCacheTtl, ErrorCategory.InvalidArgument, CacheTtl));
            }
            LogAnalyticsParameterBag.HideBoundToken(MyInvocation);
            _settings = TiCommandSupport.Resolve(this, ApiKey, Endpoint, LocalFeed, ConfigPath, Reporter, WorkspaceId);
            var chosen = TiProviderResolver.Choose(_settings, Provider);
            _http = TiProviderFactory.CreateHttpClient();
            foreach (var settings in chosen)
            {
                if (settings.Kind == TiProviderNames.Workspace && settings.Usable) settings.WorkspaceConnection = WorkspaceConnection(settings);
                var provider = TiProviderFactory.Create(settings, _http, Clock, Reporter);
                if (provider == null) continue;
                _providers.Add(provider);
                WriteVerbose(TiProviderResolver.Describe(settings, provider));
            }
        }

        /// <summary>The workspace sign-in: -AccessToken, -UseManagedIdentity, else DefaultAzureCredential, as for Get-B64Command -WorkspaceId.</summary>
        private LogAnalytics.LogAnalyticsConnection WorkspaceConnection(TiProviderSettings settings)
        {
            try
            {
                return new LogAnalyticsParameterBag { UseManagedIdentity = UseManagedIdentity, AccessToken = AccessToken, Endpoint = settings.Endpoint }
                    .ToConnection(Reporter);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.InvalidLogAnalyticsParameters, ErrorCategory.InvalidArgument, null));
                throw; // not reached
            }
        }

        protected override void ProcessRecord()
        {
            foreach (var item in InputObject)
            {
                if ((item is PSObject ps ? ps.BaseObject : item) is Ioc ioc)
                {
                    _input.Add(ioc);
                    continue;
                }
                var commandEvent = ToCommandEvent(item);
                if (commandEvent != null) _input.Add(commandEvent);
            }
        }

        protected override void EndProcessing()
        {
            try
            {
                if (_providers.Count == 0)
                {
                    WriteWarning("No threat-intelligence provider is usable, so the events pass through unchanged. Give -LocalFeed, -ApiKey or a configuration (Get-B64TiProvider shows what is configured).");
                }
                else
                {
                    RunLookups();
                }
                foreach (var commandEvent in _input.Events) WriteObject(commandEvent);
            }
            finally
            {
                _http?.Dispose();
            }
        }

        private void RunLookups()
        {
            TiCache? cache = null;
            if (!NoCache && _providers.Any(p => p.SendsRequests))
            {
                var directory = CachePath != null
                    ? GetUnresolvedProviderPathFromPSPath(CachePath)
                    : ConfigEnvironment.FromProcess().CacheDirectory();
                cache = new TiCache(directory, CacheTtl, Clock);
                var loadProblem = cache.Load();
                if (loadProblem != null) WriteProblem(loadProblem);
                WriteVerbose($"Cache: {cache.FilePath} (entries younger than {CacheTtl} are used).");
            }

            var options = new TiLookupOptions { IncludePrivate = IncludePrivate, IocTypes = IocType };
            var confirmed = ConfirmRequests(new TiLookupService(_providers, cache), options);
            if (confirmed.Count == 0) return;
            var service = new TiLookupService(confirmed, cache);
            var targets = _input.Targets();
            TiLookupSummary? summary = null;
            try
            {
                RunOnWorker(async token => summary = await service.LookupAsync(targets, options, Reporter, token).ConfigureAwait(false));
                if (summary == null) return; // Ctrl+C: PowerShell is stopping the pipeline.
                WriteVerbose($"Threat intelligence: {_input.Events.Count} events{_input.PickedSummary}, {summary.UniqueIndicators} unique indicators, {summary.Providers} providers " +
                             $"({string.Join(", ", _providers.Select(p => p.Name))}); {summary.Requests} requests made, {summary.CacheHits} cache hits, " +
                             $"{summary.SkippedPrivate} skipped as private, {summary.Unsupported} unsupported, {summary.Answered} answered, " +
                             $"{summary.NotFound} not found, {summary.Failed} failed.");
                WarnWhenNothingLookedUp(summary);
            }
            finally
            {
                // Even after Ctrl+C, answers already paid for are kept (RunOnWorker has let the lookups end).
                var saveProblem = cache?.Save();
                if (saveProblem != null && !CancellationToken.IsCancellationRequested) WriteProblem(saveProblem);
            }
        }

        /// <summary>
        /// -WhatIf and -Confirm: each provider that leaves the machine is shown the indicators it would be sent (an
        /// operational-security preview); a declined provider is left out, so nothing is sent to it.
        /// </summary>
        private List<ITiProvider> ConfirmRequests(TiLookupService service, TiLookupOptions options)
        {
            var declined = new HashSet<ITiProvider>();
            foreach (var planned in service.PlanRequests(_input.Targets(), options))
            {
                if (planned.Value.Count == 0) continue;
                string target = string.Join(", ", planned.Value.Select(i => i.ToString()));
                string action = $"Send {planned.Value.Count} indicator(s) to {planned.Key.Name} (pacing {planned.Key.Pacing})";
                if (!ShouldProcess(target, action)) declined.Add(planned.Key);
            }
            return _providers.Where(p => !declined.Contains(p)).ToList();
        }

        /// <summary>Events with no (wanted) indicator pass through unchanged: say so, with the usual fix.</summary>
        private void WarnWhenNothingLookedUp(TiLookupSummary summary)
        {
            if (_input.Events.Count == 0 || summary.UniqueIndicators > 0) return;
            string types = IocType != null && IocType.Length > 0 ? " of type " + string.Join(", ", IocType) : string.Empty;
            WriteWarning(ErrorIds.NothingLookedUp + $": none of the {_input.Events.Count} input object(s) carries an indicator{types}, so nothing was looked up. " +
                         "Find the indicators first: ... | Find-B64Ioc | Invoke-B64TiLookup.");
        }
    }
}

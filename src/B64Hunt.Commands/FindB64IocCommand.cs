using System;
using System.IO;
using System.Management.Automation;
using B64Hunt.Errors;
using B64Hunt.Iocs;
using B64Hunt.Model;

namespace B64Hunt.Commands
{
    /// <summary>
    /// Find-B64Ioc: fills each CommandEvent's Iocs with the indicators of its decoded command (and, with
    /// -IncludeCommandLine, of its outer command line), or with -Expand emits one Ioc row per indicator.
    /// </summary>
    [Cmdlet(VerbsCommon.Find, "B64Ioc", HelpUri = "https://github.com/b64hunt/B64Hunt#find-b64ioc-indicators-without-the-noise", DefaultParameterSetName = EventParameterSet)]
    [OutputType(typeof(CommandEvent), ParameterSetName = new[] { EventParameterSet })]
    [OutputType(typeof(Ioc), ParameterSetName = new[] { ExpandParameterSet })]
    public sealed class FindB64IocCommand : B64HuntCmdlet
    {
        private const string EventParameterSet = "Event";
        private const string ExpandParameterSet = "Expand";

        private IocExtractor? _extractor;
        private IocTypes _types = IocTypes.All;
        private readonly VerboseTally _tally = new VerboseTally();

        /// <summary>CommandEvents (from Get-B64Command and the enrichment cmdlets) or plain strings.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        public object? InputObject { get; set; }

        /// <summary>Restricts the search to these indicator types.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateIocType]
        [ArgumentCompleter(typeof(Completers.IocTypeCompleter))]
        public string[]? IocType { get; set; }

        /// <summary>Also searches the outer (logged) command line, not only the decoded command.</summary>
        [Parameter]
        public SwitchParameter IncludeCommandLine { get; set; }

        /// <summary>Emits one Ioc record per indicator (with Event set) instead of the events.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ExpandParameterSet)]
        public SwitchParameter Expand { get; set; }

        /// <summary>A Public Suffix List file to use instead of the bundled subset (e.g. the full list from publicsuffix.org).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? PublicSuffixPath { get; set; }

        protected override void BeginProcessing()
        {
            if (IocType != null && IocType.Length > 0) _types = IocTypeNames.Parse(IocType);
            string path = PublicSuffixPath != null
                ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(PublicSuffixPath)
                : Path.Combine(ModuleDataDirectory, PublicSuffixList.DataFileRelativePath);
            if (!File.Exists(path))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new FileNotFoundException($"The public suffix list '{path}' does not exist.", path),
                    ErrorIds.PublicSuffixListNotFound, ErrorCategory.ObjectNotFound, path));
            }
            try
            {
                _extractor = IocExtractor.FromFile(path);
                WriteVerbose($"Public suffix list: {path} ({_extractor.PublicSuffixes.Count} rules).");
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.PublicSuffixListUnreadable, ErrorCategory.ReadError, path));
            }
        }

        protected override void ProcessRecord()
        {
            if (_extractor == null) return;
            foreach (var item in PipelineItems.Of(InputObject))
            {
                var commandEvent = ToCommandEvent(item);
                if (commandEvent == null) continue;
                var added = _extractor.AddTo(commandEvent, _types, IncludeCommandLine.IsPresent);
                _tally.AddEvent(added.Count > 0);
                for (int i = 0; i < added.Count; i++) _tally.Count(added[i].Type);
                if (!Expand.IsPresent)
                {
                    WriteObject(commandEvent);
                    continue;
                }
                foreach (var ioc in commandEvent.Iocs)
                {
                    if (IocTypeNames.TryParse(ioc.Type, out var type) && (type & _types) == 0) continue;
                    WriteObject(IocExtractor.WithEvent(ioc, commandEvent));
                }
            }
        }

        protected override void EndProcessing()
        {
            WriteVerbose($"Searched {_tally.Events} event(s): {_tally.Values} new indicator(s) in {_tally.EventsWithAny} event(s)" + _tally.Breakdown("; by type: ") + ".");
        }
    }
}

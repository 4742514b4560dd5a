using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.Model;
using B64Hunt.Reporting;

namespace B64Hunt.Intel
{
    /// <summary>One threat-intelligence source. Lookups on one provider are made one at a time.</summary>
    public interface ITiProvider
    {
        /// <summary>OTX, VirusTotal, XForce or LocalFeed.</summary>
        string Name { get; }

        /// <summary>The indicator types it answers for; others are skipped without a request.</summary>
        IReadOnlyList<string> SupportedTypes { get; }

        /// <summary>False for providers that never leave the machine (LocalFeed): no private guard, no cache.</summary>
        bool SendsRequests { get; }

        /// <summary>"4/min, 500/day", "unlimited" or "offline".</summary>
        string Pacing { get; }

        bool Supports(string indicatorType);

        /// <summary>Looks one indicator up. Never throws for provider failures: they come back as a Failed result with a Problem.</summary>
        Task<TiLookupOutcome> LookupAsync(TiIndicator indicator, IHuntReporter reporter, CancellationToken cancellationToken);
    }

    /// <summary>The answer of one lookup, the failure to report (if any) and how many HTTP requests it took.</summary>
    public sealed class TiLookupOutcome
    {
        public TiLookupOutcome(TiResult result, Problem? problem = null, int requests = 0)
        {
            Result = result;
            Problem = problem;
            Requests = requests;
        }

        public TiResult Result { get; }
        public Problem? Problem { get; }
        public int Requests { get; }

        /// <summary>Only real answers are cached: never failures, rate limits or skips.</summary>
        public bool IsCacheable => Result.Status == TiStatus.Ok || Result.Status == TiStatus.NotFound;
    }
}

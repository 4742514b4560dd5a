using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.Reporting;

namespace B64Hunt.Intel
{
    /// <summary>A provider that answers many indicators in one request: it is given all of them before the per-indicator lookups.</summary>
    public interface ITiBatchProvider
    {
        /// <summary>Asks about every indicator; failures are kept and reported by the lookups that follow, never thrown.</summary>
        Task PrefetchAsync(IReadOnlyList<TiIndicator> indicators, IHuntReporter reporter, CancellationToken cancellationToken);
    }
}

using B64Hunt.Model;
using B64Hunt.Reporting;

namespace B64Hunt.Intel
{
    /// <summary>
    /// What one provider's lookups report, passed on to the run's reporter: a provider knows only that it waits and
    /// why, so its waits are shown with the counts of the provider's last update ("4 of 6 looked up, 2 left; waiting
    /// 3 s (pacing)").
    /// </summary>
    internal sealed class ProviderReporter : IHuntReporter
    {
        private readonly IHuntReporter _inner;
        private readonly string _provider;
        private volatile TiProgress? _last;

        public ProviderReporter(IHuntReporter inner, string provider)
        {
            _inner = inner;
            _provider = provider;
        }

        public void Counts(TiProgress progress)
        {
            _last = progress;
            _inner.Progress(progress.ToReport());
        }

        public void Progress(ProgressReport progress)
        {
            var last = _last;
            _inner.Progress(progress.Remaining is { } remaining
                ? new ProgressReport(progress.Activity, TiProgress.WaitStatus(_provider, last, remaining, progress.Status),
                    last?.PercentComplete ?? 0, remaining)
                : progress);
        }

        public void Problem(Problem problem) => _inner.Problem(problem);

        public void Warning(string message) => _inner.Warning(message);

        public void Verbose(string message) => _inner.Verbose(message);
    }
}

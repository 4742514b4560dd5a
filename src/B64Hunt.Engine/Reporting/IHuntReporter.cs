using B64Hunt.Model;

namespace B64Hunt.Reporting
{
    /// <summary>
    /// The one way the engine reports while it works: problems (an error or a warning, by the problem's kind), other
    /// warnings, verbose text and progress. Thread-safe: engine stages call it from worker threads, and the cmdlets'
    /// implementation (B64HuntCmdlet) queues those calls for the pipeline thread. Results still carry what belongs
    /// to them (a decode's problems, a scoring's problems, a log reader's in-order problems); this is for what a
    /// stage has to say while it runs.
    /// </summary>
    public interface IHuntReporter
    {
        /// <summary>A bad item or a failed step that did not stop the run (ErrorId is its stable id).</summary>
        void Problem(Problem problem);

        /// <summary>Something the user must see that is not a problem with an item (a device-code prompt).</summary>
        void Warning(string message);

        void Verbose(string message);

        void Progress(ProgressReport progress);
    }

    /// <summary>Drops everything: for callers (tests, the benchmark) that do not listen.</summary>
    public sealed class SilentReporter : IHuntReporter
    {
        public static readonly SilentReporter Instance = new SilentReporter();

        private SilentReporter()
        {
        }

        public void Problem(Problem problem)
        {
        }

        public void Warning(string message)
        {
        }

        public void Verbose(string message)
        {
        }

        public void Progress(ProgressReport progress)
        {
        }
    }
}

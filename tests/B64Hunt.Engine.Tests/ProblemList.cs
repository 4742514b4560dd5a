using System;
using System.Collections.Generic;
using System.Linq;
using B64Hunt.Model;
using B64Hunt.Reporting;

namespace B64Hunt.Tests
{
    /// <summary>A reporter for tests that look at what was reported: the problems in order, the verbose text, the progress.</summary>
    public sealed class ProblemList : List<Problem>, IHuntReporter
    {
        public List<string> Verbose { get; } = new List<string>();
        public List<string> Warnings { get; } = new List<string>();
        public List<ProgressReport> Progress { get; } = new List<ProgressReport>();

        /// <summary>The progress reports that are waits: the provider their bar names, the time left, the status.</summary>
        public IEnumerable<(string Provider, TimeSpan Remaining, string Reason)> Waits =>
            Progress.Where(p => p.Remaining.HasValue).Select(p => (BarProvider(p.Activity), p.Remaining!.Value, p.Status));

        // "Threat-intelligence lookup (VirusTotal)" is VirusTotal's bar.
        private static string BarProvider(string activity)
        {
            int open = activity.LastIndexOf('(');
            return open < 0 ? activity : activity.Substring(open + 1).TrimEnd(')');
        }

        void IHuntReporter.Problem(Problem problem)
        {
            lock (this) Add(problem);
        }

        void IHuntReporter.Verbose(string message)
        {
            lock (Verbose) Verbose.Add(message);
        }

        void IHuntReporter.Warning(string message)
        {
            lock (Warnings) Warnings.Add(message);
        }

        void IHuntReporter.Progress(ProgressReport progress)
        {
            lock (Progress) Progress.Add(progress);
        }
    }
}

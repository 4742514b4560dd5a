using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.Commands;
using B64Hunt.Model;
using B64Hunt.Reporting;
using Xunit;

namespace B64Hunt.Tests.Commands
{
    /// <summary>B64HuntCmdlet's worker and reporter, through a real pipeline: what a worker yields and reports reaches the pipeline thread in order.</summary>
    public class RunOnWorkerTests
    {
        /// <summary>What the test cmdlet's worker does; set per test (tests of this class do not run in parallel).</summary>
        internal static Func<Action<string>, IHuntReporter, CancellationToken, Task> Work = (_, _, _) => Task.CompletedTask;

        [Cmdlet(VerbsLifecycle.Invoke, "TestWorker")]
        public sealed class InvokeTestWorkerCommand : B64HuntCmdlet
        {
            internal static readonly List<string> Seen = new List<string>();
            internal static readonly List<int> Threads = new List<int>();

            protected override void EndProcessing()
            {
                var work = Work;
                foreach (var item in RunOnWorker<string>((yield, token) => work(yield, Reporter, token)))
                {
                    lock (Seen) Seen.Add(item);
                    WriteObject(item);
                }
            }
        }

        private static PowerShell Shell()
        {
            var iss = InitialSessionState.CreateDefault2();
            iss.Commands.Add(new SessionStateCmdletEntry("Invoke-TestWorker", typeof(InvokeTestWorkerCommand), null));
            var ps = PowerShell.Create(iss);
            lock (InvokeTestWorkerCommand.Seen) InvokeTestWorkerCommand.Seen.Clear();
            InvokeTestWorkerCommand.Threads.Clear();
            // DataAdded runs on the thread that writes: the order and thread of every report.
            ps.Streams.Verbose.DataAdded += (s, e) => Record("verbose:" + ((PSDataCollection<VerboseRecord>)s!)[e.Index].Message);
            ps.Streams.Warning.DataAdded += (s, e) => Record("warning:" + ((PSDataCollection<WarningRecord>)s!)[e.Index].Message);
            ps.Streams.Error.DataAdded += (s, e) => Record("error:" + ((PSDataCollection<ErrorRecord>)s!)[e.Index].FullyQualifiedErrorId.Split(',')[0]);
            ps.Streams.Progress.DataAdded += (s, e) => Record("progress:" + ((PSDataCollection<ProgressRecord>)s!)[e.Index].StatusDescription);
            return ps;
        }

        private static void Record(string entry)
        {
            lock (InvokeTestWorkerCommand.Seen)
            {
                InvokeTestWorkerCommand.Seen.Add(entry);
                InvokeTestWorkerCommand.Threads.Add(Environment.CurrentManagedThreadId);
            }
        }

        [Fact]
        public void ItemsAndReportsArriveInOrderOnThePipelineThread()
        {
            int workerThread = 0;
            Work = async (yield, reporter, _) =>
            {
                await Task.Yield();
                workerThread = Environment.CurrentManagedThreadId;
                yield("a");
                reporter.Verbose("log \u001b[31mred");
                reporter.Problem(new Problem("SomeFailure", ProblemKind.ReadError, "bad", "x:1"));
                reporter.Warning("open the page");
                reporter.Progress(new ProgressReport("Reading", "half", 50));
                yield("b");
            };
            using var ps = Shell();
            int pipelineThread = 0;
            ps.Streams.Verbose.DataAdded += (_, _) => pipelineThread = Environment.CurrentManagedThreadId;
            var output = ps.AddCommand("Invoke-TestWorker").AddParameter("Verbose").Invoke().Select(o => (string)o.BaseObject).ToList();

            Assert.Equal(new[] { "a", "b" }, output);
            Assert.Equal(new[] { "a", "verbose:log \\x1b[31mred", "error:SomeFailure", "warning:open the page", "progress:half", "b" },
                InvokeTestWorkerCommand.Seen);
            Assert.NotEqual(workerThread, pipelineThread);
            Assert.Single(InvokeTestWorkerCommand.Threads.Distinct());
            Assert.Equal("x:1", ps.Streams.Error[0].TargetObject);
            Assert.Equal(50, ps.Streams.Progress[0].PercentComplete);
        }

        [Fact]
        public void TheWorksFailureIsRethrownAfterItsItems()
        {
            Work = async (yield, _, _) =>
            {
                await Task.Yield();
                yield("first");
                throw new InvalidOperationException("boom");
            };
            using var ps = Shell();
            var ex = Assert.ThrowsAny<RuntimeException>(() => ps.AddCommand("Invoke-TestWorker").Invoke());
            Assert.Contains("boom", ex.InnerException?.Message ?? ex.Message);
            Assert.Equal(new[] { "first" }, InvokeTestWorkerCommand.Seen);
        }

        [Fact]
        public void AConsumerThatStopsEarlyCancelsTheWork()
        {
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Work = async (yield, _, token) =>
            {
                token.Register(() => cancelled.TrySetResult(true));
                yield("one");
                yield("two");
                await Task.Delay(Timeout.Infinite, token);
            };
            using var ps = Shell();
            var output = ps.AddCommand("Invoke-TestWorker").AddCommand("Select-Object").AddParameter("First", 1).Invoke();
            Assert.Equal("one", Assert.Single(output).BaseObject);
            // RunOnWorker lets the cancelled work end before the cmdlet moves on.
            Assert.True(cancelled.Task.IsCompleted);
        }

        [Fact]
        public async Task StoppingThePipelineCancelsTheWorkAndEndsTheStreamQuietly()
        {
            var started = new ManualResetEventSlim();
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Work = async (yield, _, token) =>
            {
                token.Register(() => cancelled.TrySetResult(true));
                yield("x");
                started.Set();
                await Task.Delay(Timeout.Infinite, token);
            };
            using var ps = Shell();
            ps.AddCommand("Invoke-TestWorker");
            var run = ps.BeginInvoke();
            Assert.True(started.Wait(TimeSpan.FromSeconds(30)));
            ps.Stop();
            Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(run));
            Assert.Same(cancelled.Task, await Task.WhenAny(cancelled.Task, Task.Delay(TimeSpan.FromSeconds(10))));
        }
    }
}

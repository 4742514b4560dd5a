using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace B64Hunt.Commands
{
    /// <summary>
    /// The queue between a worker and the pipeline thread (B64HuntCmdlet.RunOnWorker): items to yield and writes to
    /// run, in the order the worker made them, and the token that stops the worker when the consumer leaves.
    /// </summary>
    internal sealed class WorkerQueue : IDisposable
    {
        private readonly BlockingCollection<object> _entries = new BlockingCollection<object>();
        private readonly CancellationTokenSource _work;

        public WorkerQueue(CancellationToken cancellationToken) =>
            _work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        public CancellationToken Token => _work.Token;

        /// <summary>From any thread: an item to yield, or an Action to run on the pipeline thread.</summary>
        public void Add(object entry)
        {
            try
            {
                _entries.Add(entry);
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is ObjectDisposedException)
            {
                // Completed or disposed: the consumer is gone (the pipeline stopped, or Select-Object -First had enough).
            }
        }

        /// <summary>The entries as they come, until the worker completes.</summary>
        public IEnumerable<object> Entries() => _entries.GetConsumingEnumerable();

        public void Complete()
        {
            try
            {
                _entries.CompleteAdding();
            }
            catch (ObjectDisposedException)
            {
                // The consumer left first.
            }
        }

        /// <summary>Stops the worker: its token is cancelled and what it adds from now on goes nowhere.</summary>
        public void Cancel()
        {
            _work.Cancel();
            Complete();
        }

        public void Dispose()
        {
            _work.Cancel();
            _work.Dispose();
            _entries.Dispose();
        }
    }
}

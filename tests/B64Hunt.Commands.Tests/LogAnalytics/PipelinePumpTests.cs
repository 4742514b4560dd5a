using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.Commands;
using Xunit;

namespace B64Hunt.Tests.LogAnalytics
{
    public class PipelinePumpTests
    {
        [Fact]
        public void ItemsAndActionsArriveInOrderOnTheConsumingThread()
        {
            var consumer = Environment.CurrentManagedThreadId;
            var seen = new List<string>();
            var actionThreads = new List<int>();
            using var pump = new PipelinePump<string>();
            foreach (var item in pump.Run(async token =>
            {
                await Task.Yield();
                pump.Yield("a");
                pump.Post(() => { seen.Add("log"); actionThreads.Add(Environment.CurrentManagedThreadId); });
                pump.Yield("b");
            }, CancellationToken.None))
            {
                seen.Add(item);
            }
            Assert.Equal(new[] { "a", "log", "b" }, seen);
            Assert.Equal(new[] { consumer }, actionThreads);
        }

        [Fact]
        public void TheWorksFailureIsRethrownAfterItsItems()
        {
            using var pump = new PipelinePump<string>();
            var items = new List<string>();
            var ex = Assert.Throws<InvalidOperationException>(() =>
            {
                foreach (var item in pump.Run(async _ =>
                {
                    await Task.Yield();
                    pump.Yield("first");
                    throw new InvalidOperationException("boom");
                }, CancellationToken.None))
                {
                    items.Add(item);
                }
            });
            Assert.Equal("boom", ex.Message);
            Assert.Equal(new[] { "first" }, items);
        }

        [Fact]
        public async Task AConsumerThatStopsEarlyCancelsTheWork()
        {
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var pump = new PipelinePump<string>();
            var first = pump.Run(async token =>
            {
                token.Register(() => cancelled.TrySetResult(true));
                pump.Yield("one");
                await Task.Delay(Timeout.Infinite, token);
            }, CancellationToken.None).First();
            Assert.Equal("one", first);
            pump.Dispose();
            Assert.True(await cancelled.Task);
        }

        [Fact]
        public void CancellationEndsTheStreamQuietly()
        {
            using var cts = new CancellationTokenSource();
            using var pump = new PipelinePump<string>();
            var items = pump.Run(async token =>
            {
                pump.Yield("x");
                cts.Cancel();
                await Task.Delay(Timeout.Infinite, token);
            }, cts.Token).ToList();
            Assert.Equal(new[] { "x" }, items);
        }
    }
}

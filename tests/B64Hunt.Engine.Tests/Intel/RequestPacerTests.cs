using System;
using System.Threading;
using B64Hunt.Intel;
using Xunit;

namespace B64Hunt.Tests.Intel
{
    public class RequestPacerTests
    {
        private static bool Acquire(RequestPacer pacer) => pacer.AcquireAsync(null, CancellationToken.None).GetAwaiter().GetResult();

        [Fact]
        public void WindowSlidesFromTheOldestRequest()
        {
            var clock = new FakeClock();
            var pacer = new RequestPacer(4, null, clock);
            Acquire(pacer);
            clock.Advance(TimeSpan.FromSeconds(30));
            for (var i = 0; i < 3; i++) Acquire(pacer);
            Assert.Equal(TimeSpan.Zero, clock.Waited);
            // The fifth waits until the first request (30 s ago) leaves the window: 30 s more.
            Acquire(pacer);
            Assert.Equal(30, clock.Waited.TotalSeconds, 3);
            // The sixth waits for the second request (sent at 30 s) to leave: until 90 s.
            Acquire(pacer);
            Assert.Equal(60, clock.Waited.TotalSeconds, 3);
            Assert.Equal(6, pacer.Granted);
        }

        [Fact]
        public void DailyBudgetIsReportedSpentInsteadOfWaitingHours()
        {
            var clock = new FakeClock();
            var pacer = new RequestPacer(null, 3, clock);
            Assert.True(Acquire(pacer));
            Assert.True(Acquire(pacer));
            Assert.True(Acquire(pacer));
            Assert.False(Acquire(pacer));
            Assert.Equal(TimeSpan.Zero, clock.Waited);
            clock.Advance(TimeSpan.FromHours(24));
            Assert.True(Acquire(pacer));
        }

        [Fact]
        public void NoLimitsMeansNoWaits()
        {
            var clock = new FakeClock();
            var pacer = new RequestPacer(null, 0, clock);
            for (var i = 0; i < 1000; i++) Acquire(pacer);
            Assert.Equal(TimeSpan.Zero, clock.Waited);
            Assert.Equal("unlimited", pacer.Description);
            Assert.Equal("4/min, 500/day", new RequestPacer(4, 500, clock).Description);
        }
    }
}

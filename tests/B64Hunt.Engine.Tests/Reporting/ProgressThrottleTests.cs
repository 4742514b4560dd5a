using B64Hunt.Reporting;
using Xunit;

namespace B64Hunt.Tests.Reporting
{
    public class ProgressThrottleTests
    {
        [Fact]
        public void TheProgressBarIsFirstDueAfter1024ItemsAndTheClockIsReadOnlyEvery1024()
        {
            var throttle = new ProgressThrottle();
            for (int i = 1; i < 1024; i++) Assert.False(throttle.Tick());
            Assert.False(throttle.Shown);
            Assert.True(throttle.Tick());
            Assert.True(throttle.Shown);
            Assert.Equal(1024, throttle.Count);
            // Between checks the clock is not even read.
            for (int i = 1; i < 1024; i++) Assert.False(throttle.Tick());
        }
    }
}

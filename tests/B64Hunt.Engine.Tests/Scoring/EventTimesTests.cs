using System;
using System.Linq;
using B64Hunt.Model;
using B64Hunt.Scoring;
using Xunit;

namespace B64Hunt.Tests.Scoring
{
    /// <summary>The one rule for when an event ran, as the alert window, the routine model and the timeline read it.</summary>
    public class EventTimesTests
    {
        private static readonly DateTime T1 = new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc);
        private static readonly DateTime T2 = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);

        [Fact]
        public void KeptRunsAreInstantsAndTheRestOfTheCountHasNoTime()
        {
            var e = new CommandEvent { EventCount = 5, TimeGenerated = T2, FirstSeen = T1, LastSeen = T2 };
            e.ExecutionTimes.Add(T1);
            e.ExecutionTimes.Add(T2);
            Assert.Equal(new[] { (T1, T1), (T2, T2) }, EventTimes.Runs(e).ToArray());
            Assert.Equal(new[] { T1, T2 }, EventTimes.Marks(e).ToArray());
            Assert.Equal(3, EventTimes.Untimed(e));
        }

        [Fact]
        public void AServiceAggregatedRowIsOneRunFromFirstToLastSeenMarkedAtBothEnds()
        {
            var e = new CommandEvent { EventCount = 40, TimeGenerated = T1.AddMinutes(30), FirstSeen = T2, LastSeen = T1 };
            Assert.Equal(new[] { (T1, T2) }, EventTimes.Runs(e).ToArray());
            Assert.Equal(new[] { T1, T2 }, EventTimes.Marks(e).ToArray());
            Assert.Equal(0, EventTimes.Untimed(e));
        }

        [Fact]
        public void APlainEventIsItsTimeGeneratedAndOneWithoutATimeIsUntimed()
        {
            Assert.Equal(new[] { T1 }, EventTimes.Marks(new CommandEvent { TimeGenerated = T1 }).ToArray());
            var none = new CommandEvent { EventCount = 3 };
            Assert.Empty(EventTimes.Runs(none));
            Assert.Equal(3, EventTimes.Untimed(none));
            Assert.Equal(1, EventTimes.Untimed(new CommandEvent()));
        }

        [Fact]
        public void AnUnspecifiedTimeIsTakenAsUtcAndALocalOneIsConverted()
        {
            var unspecified = DateTime.SpecifyKind(T1, DateTimeKind.Unspecified);
            var mark = EventTimes.Marks(new CommandEvent { TimeGenerated = unspecified }).Single();
            Assert.Equal(T1, mark);
            Assert.Equal(DateTimeKind.Utc, mark.Kind);
            Assert.Equal(T1, EventTimes.Marks(new CommandEvent { TimeGenerated = T1.ToLocalTime() }).Single());
        }
    }
}

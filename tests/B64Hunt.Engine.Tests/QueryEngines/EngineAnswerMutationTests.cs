using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using B64Hunt.QueryEngines;
using Xunit;

namespace B64Hunt.Tests.QueryEngines
{
    /// <summary>
    /// Mutated Graph and Data Explorer answers (cut, bytes flipped, values swapped for others of the wrong type) either
    /// read or fail with one of the exceptions the engines turn into their InvalidResponse id: never anything else.
    /// </summary>
    public class EngineAnswerMutationTests
    {
        private static readonly Type[] Mapped =
        {
            typeof(System.Text.Json.JsonException), typeof(FormatException), typeof(InvalidOperationException), typeof(OverflowException),
            typeof(KeyNotFoundException),
        };

        private static IEnumerable<string> Mutations(string valid, int seed, int count)
        {
            var random = new Random(seed);
            string[] swaps = { "\"x\"", "12", "true", "null", "[]", "{}", "\"2024-13-45T99:00:00Z\"", "1e400", "\"NaN\"" };
            for (var i = 0; i < count; i++)
            {
                var text = new StringBuilder(valid);
                switch (i % 3)
                {
                    case 0:
                        text.Length = random.Next(valid.Length);
                        break;
                    case 1:
                        for (var k = 0; k < 3; k++) text[random.Next(text.Length)] = (char)random.Next(32, 127);
                        break;
                    default:
                        var at = valid.IndexOf(':', random.Next(valid.Length));
                        if (at < 0) at = valid.IndexOf(':');
                        var end = valid.IndexOfAny(new[] { ',', '}', ']' }, at + 1);
                        if (end > at) text.Remove(at + 1, end - at - 1).Insert(at + 1, swaps[random.Next(swaps.Length)]);
                        break;
                }
                yield return text.ToString();
            }
        }

        private static void ReadsOrFailsAsMapped(Func<Stream, object> read, string valid)
        {
            Assert.NotNull(read(new MemoryStream(Encoding.UTF8.GetBytes(valid))));
            var failed = 0;
            foreach (var answer in Mutations(valid, 1729, 600))
            {
                try
                {
                    read(new MemoryStream(Encoding.UTF8.GetBytes(answer)));
                }
                catch (Exception ex)
                {
                    failed++;
                    Assert.True(Array.Exists(Mapped, t => t.IsInstanceOfType(ex)), ex.GetType() + " for: " + answer);
                }
            }
            Assert.True(failed > 100, "the mutations should break most answers: " + failed);
        }

        [Fact]
        public void GraphAnswers()
        {
            var valid = EngineAnswers.Hunting(new[] { ("Timestamp", "DateTime"), ("DeviceName", "String"), ("ProcessId", "Int64"), ("Fields", "Object"), ("Ok", "Boolean") },
                new[] { new object?[] { new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), "web-01", 42L, null, "true" } });
            ReadsOrFailsAsMapped(s => DefenderXdrQueryEngine.ReadResult(s), valid);
        }

        [Fact]
        public void DataExplorerAnswers()
        {
            var valid = EngineAnswers.Kusto(new[] { ("TimeGenerated", "datetime"), ("Computer", "string"), ("Count", "long"), ("Bag", "dynamic") },
                new[] { new object?[] { new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), "db-01", 12L, "{\"a\":1}" } });
            ReadsOrFailsAsMapped(s => DataExplorerQueryEngine.ReadResult(s), valid);
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using B64Hunt.Decoding;
using Xunit;
using Xunit.Abstractions;

namespace B64Hunt.Tests.Decoding
{
    /// <summary>
    /// The real-world evaluation set (Decoding/RealWorld/evaluation-set.jsonl, sources noted per line): every positive
    /// decodes fully to its expected command and no benign look-alike yields a payload.
    /// </summary>
    public class RealWorldEvaluationTests
    {
        private readonly ITestOutputHelper _output;

        public RealWorldEvaluationTests(ITestOutputHelper output) => _output = output;

        private sealed class Item
        {
            public string Kind { get; set; } = string.Empty;
            public string Expect { get; set; } = string.Empty;
            public string Source { get; set; } = string.Empty;
            public string Line { get; set; } = string.Empty;
        }

        private static List<Item> Load()
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Decoding", "RealWorld", "evaluation-set.jsonl");
            var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
            return File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l => JsonSerializer.Deserialize<Item>(l, options)!).ToList();
        }

        [Fact]
        public void EveryPositiveDecodesAndNoLookAlikeDoes()
        {
            var items = Load();
            var decoder = new PayloadDecoder();
            int positives = 0, decoded = 0, benign = 0, falseDecodes = 0;
            var failures = new List<string>();
            foreach (var item in items)
            {
                Assert.False(string.IsNullOrWhiteSpace(item.Source), "every line notes its source: " + item.Line);
                var payloads = decoder.Decode(item.Line);
                if (item.Kind == "positive")
                {
                    positives++;
                    if (payloads.Any(p => !p.IsBinary && p.DecodedText.Contains(item.Expect, StringComparison.Ordinal))) decoded++;
                    else failures.Add("missed: " + item.Line + " => " + string.Join(" | ", payloads.Select(p => p.DecodedText)));
                    // A payload that decodes to something else than what ran is a false decode too.
                    foreach (var p in payloads.Where(p => p.Depth == 0 && !p.IsBinary && !p.DecodedText.Contains(item.Expect, StringComparison.Ordinal)
                                                          && !payloads.Any(q => q.Depth > 0 && q.DecodedText.Contains(item.Expect, StringComparison.Ordinal))))
                    {
                        falseDecodes++;
                        failures.Add("wrong decode: " + item.Line + " => " + p.DecodedText);
                    }
                }
                else
                {
                    benign++;
                    if (payloads.Count > 0)
                    {
                        falseDecodes++;
                        failures.Add("false decode: " + item.Line + " => " + string.Join(" | ", payloads.Select(p => string.Join(">", p.Chain) + ": " + p.DecodedText)));
                    }
                }
            }
            _output.WriteLine($"Real-world set: {positives} positives, {decoded} decoded fully; {benign} benign look-alikes; {falseDecodes} false decodes.");
            foreach (var f in failures) _output.WriteLine(f);
            Assert.True(positives >= 40, $"{positives} positives");
            Assert.True(benign >= 20, $"{benign} benign");
            Assert.True(failures.Count == 0, string.Join("\n", failures));
            Assert.Equal(positives, decoded);
            Assert.Equal(0, falseDecodes);
        }
    }
}

using System;
using System.Globalization;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Xunit.Sdk;

namespace B64Hunt.Tests.Fuzz
{
    /// <summary>One fuzz case: its seeded generator and the input it built (saved when the case fails).</summary>
    internal sealed class FuzzCase
    {
        public FuzzCase(string stage, int index, ulong seed)
        {
            Stage = stage;
            Index = index;
            Seed = seed;
            Rng = new FuzzRng(seed);
        }

        public string Stage { get; }
        public int Index { get; }
        public ulong Seed { get; }
        public FuzzRng Rng { get; }

        /// <summary>The input under test (set by the case body); its size sets the memory ceiling and it is saved on failure.</summary>
        public byte[]? Input { get; set; }

        /// <summary>Overrides the input size the memory ceiling is computed from (e.g. several files).</summary>
        public long? InputSize { get; set; }

        /// <summary>Skips the allocation ceiling (work spread over threads the case does not own, e.g. HTTP).</summary>
        public bool SkipAllocationCheck { get; set; }

        public long Size => InputSize ?? Input?.LongLength ?? 0;

        /// <summary>Allocations on the case's thread before this call (building the input) do not count against the ceiling.</summary>
        public void StartMeasuring() => AllocationBaseline = GC.GetAllocatedBytesForCurrentThread();

        internal long? AllocationBaseline { get; private set; }
    }

    /// <summary>
    /// Runs fuzz cases deterministically: case seeds derive from a base seed (B64HUNT_FUZZ_SEED, default
    /// <see cref="DefaultBaseSeed"/>), the stage name and the case index. Each case runs on a worker with a
    /// time budget (a hang detector, not a speed test: budgets are generous for a loaded 2-core machine) and
    /// an allocation ceiling (50 x input + 64 MB, bytes allocated by the case's thread). A failure names the
    /// seed, the case and a file holding the input; B64HUNT_FUZZ_CASE=stage:index replays just that case.
    /// </summary>
    internal static class FuzzRunner
    {
        public const ulong DefaultBaseSeed = 0xB64_2026_0001UL;

        /// <summary>The default per-case budget for small inputs: a hang detector only.</summary>
        public static readonly TimeSpan SmallBudget = TimeSpan.FromSeconds(10);

        /// <summary>The per-case budget for multi-megabyte inputs: a hang detector only.</summary>
        public static readonly TimeSpan HugeBudget = TimeSpan.FromSeconds(30);

        public static ulong BaseSeed
        {
            get
            {
                string? text = Environment.GetEnvironmentVariable("B64HUNT_FUZZ_SEED");
                if (string.IsNullOrWhiteSpace(text)) return DefaultBaseSeed;
                text = text!.Trim();
                return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                    ? ulong.Parse(text.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                    : ulong.Parse(text, CultureInfo.InvariantCulture);
            }
        }

        /// <summary>Runs <paramref name="count"/> cases of <paramref name="stage"/>.</summary>
        public static void Run(string stage, int count, Action<FuzzCase> body, TimeSpan? budget = null)
        {
            ulong baseSeed = BaseSeed;
            string? only = Environment.GetEnvironmentVariable("B64HUNT_FUZZ_CASE");
            for (int i = 0; i < count; i++)
            {
                if (!string.IsNullOrEmpty(only) && only != stage + ":" + i.ToString(CultureInfo.InvariantCulture)) continue;
                var fuzzCase = new FuzzCase(stage, i, FuzzRng.CaseSeed(baseSeed, stage, i));
                RunCase(fuzzCase, body, budget ?? SmallBudget, baseSeed);
            }
        }

        private static void RunCase(FuzzCase fuzzCase, Action<FuzzCase> body, TimeSpan budget, ulong baseSeed)
        {
            long allocated = 0;
            var task = Task.Factory.StartNew(() =>
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                body(fuzzCase);
                allocated = GC.GetAllocatedBytesForCurrentThread() - (fuzzCase.AllocationBaseline ?? before);
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

            bool finished;
            try
            {
                finished = task.Wait(budget);
            }
            catch (AggregateException ex)
            {
                var inner = ex.InnerException ?? ex;
                if (inner is XunitException) Fail(fuzzCase, baseSeed, inner.Message, inner);
                Fail(fuzzCase, baseSeed, "unexpected exception " + inner.GetType().FullName + ": " + inner.Message, inner);
                return;
            }
            if (!finished)
            {
                Fail(fuzzCase, baseSeed, $"no result within the hang budget of {budget.TotalSeconds:0} s", null);
            }
            long ceiling = 50 * fuzzCase.Size + 64L * 1024 * 1024;
            if (!fuzzCase.SkipAllocationCheck && allocated > ceiling)
            {
                Fail(fuzzCase, baseSeed, $"allocated {allocated:N0} bytes for an input of {fuzzCase.Size:N0} bytes (ceiling {ceiling:N0})", null);
            }
        }

        private static void Fail(FuzzCase fuzzCase, ulong baseSeed, string what, Exception? inner)
        {
            string saved = "(no input recorded)";
            if (fuzzCase.Input != null)
            {
                saved = Path.Combine(Path.GetTempPath(), $"b64hunt-fuzz-{fuzzCase.Stage}-{fuzzCase.Index}.bin");
                try { File.WriteAllBytes(saved, fuzzCase.Input); } catch (IOException) { saved = "(could not save the input)"; }
            }
            string message =
                $"Fuzz stage '{fuzzCase.Stage}' case {fuzzCase.Index} (case seed 0x{fuzzCase.Seed:X16}, base seed 0x{baseSeed:X}) failed: {what}" + Environment.NewLine +
                $"Input: {saved}" + Environment.NewLine +
                $"Reproduce: B64HUNT_FUZZ_SEED=0x{baseSeed:X} B64HUNT_FUZZ_CASE={fuzzCase.Stage}:{fuzzCase.Index} dotnet test tests/{typeof(FuzzRunner).Assembly.GetName().Name} --filter FullyQualifiedName~Fuzz";
            if (inner != null) message += Environment.NewLine + inner;
            throw new XunitException(message);
        }
    }
}

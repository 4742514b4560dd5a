using System.Threading;

namespace B64Hunt.Decoding
{
    /// <summary>
    /// Decoded bytes one run may still produce (<see cref="DecoderOptions.MaxDecodedBytesPerRun"/>). One per pipeline:
    /// <see cref="DecodeMemo"/> keeps one, so a repeated command line costs nothing from it. When it is spent, every
    /// further payload is still found and decoded, but only to a preview of <see cref="DecoderOptions.PreviewBytes"/>.
    /// Thread-safe.
    /// </summary>
    public sealed class DecodeBudget
    {
        private long _remaining;
        private int _warned;

        public DecodeBudget(long bytes)
        {
            _remaining = bytes;
        }

        /// <summary>Bytes left (zero or less when spent).</summary>
        public long Remaining => Interlocked.Read(ref _remaining);

        internal void Spend(long bytes) => Interlocked.Add(ref _remaining, -bytes);

        /// <summary>True the first time only: the run's warning is given once.</summary>
        internal bool FirstWarning() => Interlocked.Exchange(ref _warned, 1) == 0;
    }

    /// <summary>What one command line may still decode: the line's budget and the run's.</summary>
    internal sealed class LineBudget
    {
        private readonly DecodeBudget? _run;
        private long _line;

        public LineBudget(long lineBytes, DecodeBudget? run)
        {
            _line = lineBytes;
            _run = run;
        }

        public bool LineWarned;

        public bool LineSpent => _line <= 0;

        public bool RunSpent => _run != null && _run.Remaining <= 0;

        public DecodeBudget? Run => _run;

        /// <summary>The size limit for the next payload: the per-payload limit, or the preview size once a budget is spent.</summary>
        public int Limit(int maxBytes, int previewBytes) => LineSpent || RunSpent ? System.Math.Min(maxBytes, previewBytes) : maxBytes;

        public void Spend(long bytes)
        {
            _line -= bytes;
            _run?.Spend(bytes);
        }
    }
}

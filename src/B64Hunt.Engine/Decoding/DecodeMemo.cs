using System;
using System.Collections.Generic;
using B64Hunt.Model;
using B64Hunt.Text;

namespace B64Hunt.Decoding
{
    /// <summary>
    /// Remembers how recent command lines decoded. Logs repeat their command lines (a cron job, one dropper on many
    /// hosts), so a repeat costs one lookup and shares the first occurrence's strings: a hunt that keeps its events
    /// (Measure-B64Score must) then holds one copy of each text rather than one per line, which keeps the garbage
    /// collector's work flat. When full it evicts by CLOCK (<see cref="TextCache{T}"/>), keeping the lines that recur,
    /// instead of starting over: a fleet with 30,000 distinct command lines no longer decodes them all again every
    /// few hundred thousand lines. Decoding is deterministic, so the answer is the one <see cref="PayloadDecoder.Decode(string, System.Collections.Generic.IList{B64Hunt.Model.Problem}, DecodeBudget)"/> gives.
    /// It also holds the run's budget of decoded bytes (<see cref="DecoderOptions.MaxDecodedBytesPerRun"/>).
    /// Not thread-safe: one per pipeline.
    /// </summary>
    public sealed class DecodeMemo
    {
        /// <summary>Command lines longer than this are decoded every time and not kept.</summary>
        public const int MaxCommandLineLength = 64 * 1024;

        /// <summary>Characters (command lines, payloads, decoded texts) kept at most; beyond them the least recently hit lines go.</summary>
        public const long MaxCharacters = 8L * 1024 * 1024;

        private readonly PayloadDecoder _decoder;
        private readonly TextCache<DecodeResult> _results = new TextCache<DecodeResult>(TextCache<DecodeResult>.DefaultCapacity, MaxCharacters, MaxCommandLineLength, PayloadCharacters);
        private readonly Func<string, DecodeResult> _decode, _decodePrefiltered;
        private readonly List<Problem> _problems = new List<Problem>();
        private readonly DecodeBudget _budget;
        private string? _lastLine;
        private DecodeResult? _lastResult;

        public DecodeMemo(PayloadDecoder decoder)
        {
            _decoder = decoder ?? throw new ArgumentNullException(nameof(decoder));
            _budget = decoder.NewRunBudget();
            _decode = line => Compute(line, prefiltered: false);
            _decodePrefiltered = line => Compute(line, prefiltered: true);
        }

        /// <summary>
        /// The payloads of <paramref name="commandLine"/> and the decoder's warnings about it. The result's CommandLine is
        /// equal to <paramref name="commandLine"/> and may be the instance seen first; use it to share the text.
        /// </summary>
        public DecodeResult Decode(string commandLine) => Decode(commandLine, prefiltered: false);

        /// <summary>
        /// <see cref="Decode(string)"/> for a line that passed <see cref="PayloadDecoder.MayContainPayload(ReadOnlySpan{byte})"/> already,
        /// as every record of the log readers has: the answer is the same, without the test.
        /// </summary>
        public DecodeResult DecodePrefiltered(string commandLine) => Decode(commandLine, prefiltered: true);

        private DecodeResult Decode(string commandLine, bool prefiltered)
        {
            if (commandLine == null) throw new ArgumentNullException(nameof(commandLine));
            // The same instance again: Get-B64Command decodes a line in the reader's filter, then once more for its record.
            // Lines too long to keep are not decoded (nor charged to the run's budget) twice either.
            if (ReferenceEquals(commandLine, _lastLine)) return _lastResult!;
            var result = _results.Get(commandLine, prefiltered ? _decodePrefiltered : _decode);
            _lastLine = commandLine;
            _lastResult = result;
            return result;
        }

        private DecodeResult Compute(string commandLine, bool prefiltered)
        {
            _problems.Clear();
            var payloads = prefiltered
                ? _decoder.DecodePrefiltered(commandLine, _problems, _budget)
                : _decoder.Decode(commandLine, _problems, _budget);
            return new DecodeResult(commandLine, payloads, _problems.Count == 0 ? Array.Empty<Problem>() : _problems.ToArray());
        }

        // What a kept result holds beside its command line.
        private static long PayloadCharacters(DecodeResult result)
        {
            long size = 0;
            foreach (var p in result.Payloads) size += p.EncodedText.Length + p.DecodedText.Length;
            return size;
        }
    }
}

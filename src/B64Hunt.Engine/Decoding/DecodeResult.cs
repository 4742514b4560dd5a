using System.Collections.Generic;
using B64Hunt.Model;

namespace B64Hunt.Decoding
{
    /// <summary>How one command line decoded (see <see cref="DecodeMemo"/>).</summary>
    public sealed class DecodeResult
    {
        internal DecodeResult(string commandLine, IReadOnlyList<DecodedPayload> payloads, IReadOnlyList<Problem> problems)
        {
            CommandLine = commandLine;
            Payloads = payloads;
            Problems = problems;
        }

        /// <summary>The command line (the first instance of this text the memo saw).</summary>
        public string CommandLine { get; }

        /// <summary>As <see cref="PayloadDecoder.Decode(string, System.Collections.Generic.IList{B64Hunt.Model.Problem}, DecodeBudget)"/> returns them: outermost first, nested ones after their parent.</summary>
        public IReadOnlyList<DecodedPayload> Payloads { get; }

        /// <summary>The decoder's warnings for this command line (limits hit, decoding stopped early).</summary>
        public IReadOnlyList<Problem> Problems { get; }
    }
}

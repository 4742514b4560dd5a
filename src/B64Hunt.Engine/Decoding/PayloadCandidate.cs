namespace B64Hunt.Decoding
{
    internal enum CandidateKind
    {
        /// <summary>A run of base64 symbols (either alphabet), maybe padded, maybe percent-escaped.</summary>
        Base64,
        /// <summary>A run made only of \xNN escapes (echo -e, printf).</summary>
        HexEscapes,
    }

    /// <summary>A stretch of text that may be an encoded payload, as found by <see cref="CandidateScanner"/>.</summary>
    internal struct PayloadCandidate
    {
        /// <summary>Raw span [Start, End) in the scanned text.</summary>
        public int Start;
        public int End;
        /// <summary>The payload with the bridges (adjacent quotes, line breaks) removed and %2B %2F %3D turned into + / =.</summary>
        public string Joined;
        public CandidateKind Kind;
        /// <summary>Ends with '=' padding (or %3D).</summary>
        public bool Padded;
        /// <summary>Carried %2B, %2F or %3D escapes.</summary>
        public bool PercentEncoded;
        /// <summary>Raw index just past the first line-break bridge, or -1: where to cut when the joined run does not decode.</summary>
        public int FirstLineBreak;
        /// <summary>Raw index of the end of the payload before the first line-break bridge.</summary>
        public int EndBeforeLineBreak;
    }
}

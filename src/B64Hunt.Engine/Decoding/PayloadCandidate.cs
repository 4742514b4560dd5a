namespace B64Hunt.Decoding
{
    internal enum CandidateKind
    {
        /// <summary>A run of base64 symbols (either alphabet), maybe padded, maybe percent-escaped.</summary>
        Base64,
        /// <summary>A run made only of \xNN escapes (echo -e, printf).</summary>
        HexEscapes,
        /// <summary>A run made only of octal escapes (\NNN, echo -e's \0NNN).</summary>
        OctalEscapes,
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
        /// <summary>Raw index where the line after the first line-break bridge starts, or -1 when the run has none.</summary>
        public int FirstLineBreak;
        /// <summary>Raw end of the payload before the first line-break bridge.</summary>
        public int EndBeforeFirstLineBreak;
        /// <summary>Raw index where the last bridged line starts (-1: none): the run bridged into it may have gone one line too far.</summary>
        public int LastLineBreak;
        /// <summary>Raw end of the payload before the last line-break bridge.</summary>
        public int EndBeforeLastLineBreak;
    }
}

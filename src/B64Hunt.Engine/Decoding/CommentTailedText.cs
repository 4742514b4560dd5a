namespace B64Hunt.Decoding
{
    /// <summary>
    /// A script that is text up to a final shell comment holding a few control or NUL bytes (padding, a marker,
    /// junk to defeat naive text checks): bash ignores the comment, so the payload is the text before it and must be
    /// classified as text, not as binary. The tail is kept, escaped when rendered.
    /// </summary>
    internal static class CommentTailedText
    {
        /// <summary>Longest comment tail accepted; anything longer is data, not a trailer.</summary>
        private const int MaxTailBytes = 64;

        public static bool TryGet(byte[] data, out string text)
        {
            text = string.Empty;
            int hash = System.Array.LastIndexOf(data, (byte)'#');
            if (hash < 16) return false;
            byte before = data[hash - 1];
            if (before != (byte)' ' && before != (byte)'\t' && before != (byte)'\n' && before != (byte)';') return false; // '#' starts a comment only at a word
            int tail = data.Length - hash - 1;
            if (tail < 1 || tail > MaxTailBytes || tail * 4 > data.Length) return false;
            for (int i = hash + 1; i < data.Length; i++)
            {
                if (data[i] == (byte)'\n') return false; // the comment must run to the end
            }
            byte[] prefix = new byte[hash];
            System.Array.Copy(data, prefix, hash);
            if (!TextClassifier.TryGetText(prefix, out string head) || !TextClassifier.IsPlausible(head)) return false;
            var chars = new char[tail];
            for (int i = 0; i < tail; i++) chars[i] = (char)data[hash + 1 + i]; // byte for byte; Sanitize escapes the controls
            text = head + "#" + new string(chars);
            return true;
        }
    }
}

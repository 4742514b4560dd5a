using System;
using System.Text.RegularExpressions;
using System.Threading;

namespace B64Hunt.Classification
{
    /// <summary>
    /// A rule's regex, matched so that a timeout never reads as "no match". Patterns the non-backtracking engine
    /// accepts (.NET 7+, what PowerShell 7.4 runs on) match in linear time and cannot time out. The others
    /// (lookarounds, backreferences) backtrack with a timeout; when the whole text times out, the pattern is
    /// retried on overlapping windows of the text (padding elsewhere cannot hide a match inside one window),
    /// and only a window that still times out is counted in <see cref="Timeouts"/>, for the cmdlet to warn.
    /// </summary>
    internal sealed class RulePattern
    {
        internal const int WindowLength = 64 * 1024;
        internal const int WindowOverlap = 4 * 1024;
        private static long _timeouts;

        private readonly Regex _regex;

        private RulePattern(Regex regex, bool isLinear)
        {
            _regex = regex;
            IsLinear = isLinear;
        }

        /// <summary>Matches in linear time (the non-backtracking engine took it).</summary>
        public bool IsLinear { get; }

        /// <summary>Windows of text that timed out even alone, since the process started (the cmdlet reports the change).</summary>
        public static long Timeouts => Interlocked.Read(ref _timeouts);

        /// <exception cref="ArgumentException">The pattern is not a valid .NET regex.</exception>
        public static RulePattern Create(string pattern, TimeSpan timeout)
        {
            const RegexOptions common = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;
            try
            {
                return new RulePattern(new Regex(pattern, common | RegexOptions.NonBacktracking), isLinear: true);
            }
            catch (NotSupportedException)
            {
                // lookarounds, backreferences, atomic groups: the backtracking engine, with a timeout
            }
            return new RulePattern(new Regex(pattern, common | RegexOptions.Compiled, timeout), isLinear: false);
        }

        public bool IsMatch(string text)
        {
            try
            {
                return _regex.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                return IsMatchInWindows(text);
            }
        }

        private bool IsMatchInWindows(string text)
        {
            for (int start = 0; start < text.Length; start += WindowLength - WindowOverlap)
            {
                int length = Math.Min(WindowLength, text.Length - start);
                try
                {
                    if (_regex.IsMatch(text.Substring(start, length))) return true;
                }
                catch (RegexMatchTimeoutException)
                {
                    Interlocked.Increment(ref _timeouts);
                }
                if (start + length >= text.Length) break;
            }
            return false;
        }
    }
}

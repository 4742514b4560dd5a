using System;
using System.Collections.Generic;

namespace B64Hunt.Scoring
{
    /// <summary>
    /// A payload cut short (CommandEvent.IsTruncated) decodes to a prefix of the command that ran, so on its own it would rank
    /// as a separate, maximally rare command. Each group whose events are all truncated joins the complete command it is
    /// a prefix of (the most executed one when several are); with none it stays on its own.
    /// </summary>
    internal static class TruncatedPayloads
    {
        public static List<CommandScorer.Group> Merge(Dictionary<string, CommandScorer.Group> groups)
        {
            var result = new List<CommandScorer.Group>(groups.Count);
            List<CommandScorer.Group>? truncated = null;
            var complete = new List<CommandScorer.Group>(groups.Count);
            foreach (var g in groups.Values)
            {
                if (g.AllTruncated && g.Key.Length > 0) (truncated ??= new List<CommandScorer.Group>()).Add(g);
                else complete.Add(g);
            }
            if (truncated == null)
            {
                result.AddRange(groups.Values);
                return result;
            }
            // Sorted keys: the commands a prefix starts are one contiguous run from its lower bound.
            complete.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            var keys = new List<string>(complete.Count);
            foreach (var g in complete) keys.Add(g.Key);
            var absorbed = new HashSet<CommandScorer.Group>();
            foreach (var t in truncated)
            {
                int i = LowerBound(keys, t.Key);
                CommandScorer.Group? target = null;
                for (; i < keys.Count && keys[i].StartsWith(t.Key, StringComparison.Ordinal); i++)
                {
                    if (keys[i].Length > t.Key.Length && (target == null || complete[i].Count > target.Count)) target = complete[i];
                }
                if (target == null) continue;
                target.Absorb(t);
                absorbed.Add(t);
            }
            foreach (var g in groups.Values) if (!absorbed.Contains(g)) result.Add(g);
            return result;
        }

        private static int LowerBound(List<string> sorted, string key)
        {
            int lo = 0, hi = sorted.Count;
            while (lo < hi)
            {
                int mid = lo + ((hi - lo) >> 1);
                if (string.CompareOrdinal(sorted[mid], key) < 0) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }
    }
}

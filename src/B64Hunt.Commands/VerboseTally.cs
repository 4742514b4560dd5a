using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace B64Hunt.Commands
{
    /// <summary>
    /// Counts for a cmdlet's closing -Verbose summary: events seen, events with at least one of something
    /// (a category, a GTFOBins binary, an indicator), and how often each value came up.
    /// </summary>
    internal sealed class VerboseTally
    {
        private const int BreakdownLimit = 12;
        private readonly Dictionary<string, long> _byValue = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);

        internal long Events { get; private set; }

        internal long EventsWithAny { get; private set; }

        /// <summary>Total values counted (e.g. indicators), across every event.</summary>
        internal long Values { get; private set; }

        /// <summary>One event and its values.</summary>
        internal void Add(IList<string>? values)
        {
            Events++;
            if (values == null || values.Count == 0) return;
            EventsWithAny++;
            for (int i = 0; i < values.Count; i++) Count(values[i]);
        }

        /// <summary>One event that had <paramref name="found"/> of something, counted without names.</summary>
        internal void Add(int found)
        {
            Events++;
            if (found > 0) EventsWithAny++;
        }

        /// <summary>One event; its values are given afterwards with <see cref="Count"/>.</summary>
        internal void AddEvent(bool any)
        {
            Events++;
            if (any) EventsWithAny++;
        }

        internal void Count(string? value)
        {
            Values++;
            string key = string.IsNullOrEmpty(value) ? "(none)" : value!;
            _byValue.TryGetValue(key, out long n);
            _byValue[key] = n + 1;
        }

        /// <summary>"prefix a 12, b 3, ... and N more" by descending count; empty when nothing was counted.</summary>
        internal string Breakdown(string prefix)
        {
            if (_byValue.Count == 0) return string.Empty;
            var text = new StringBuilder(prefix);
            var ordered = _byValue.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.OrdinalIgnoreCase).ToList();
            for (int i = 0; i < ordered.Count && i < BreakdownLimit; i++)
            {
                if (i > 0) text.Append(", ");
                text.Append(ordered[i].Key).Append(' ').Append(ordered[i].Value.ToString(CultureInfo.InvariantCulture));
            }
            if (ordered.Count > BreakdownLimit) text.Append(", and ").Append(ordered.Count - BreakdownLimit).Append(" more");
            return text.ToString();
        }
    }
}

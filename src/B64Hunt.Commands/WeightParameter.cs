using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using B64Hunt.Errors;
using B64Hunt.Model;

namespace B64Hunt.Commands
{
    /// <summary>Turns a -Weight hashtable into ScoreWeights, or a Problem naming the bad entry.</summary>
    internal static class WeightParameter
    {
        /// <summary>The hashtable's entries as numbers; null when empty, and a Problem (InvalidScoreWeight) for a value that is not a number.</summary>
        public static List<KeyValuePair<string, double>>? ToPairs(Hashtable? table, out Problem? problem)
        {
            problem = null;
            if (table == null || table.Count == 0)
            {
                return null;
            }
            var pairs = new List<KeyValuePair<string, double>>();
            foreach (DictionaryEntry entry in table)
            {
                string key = entry.Key?.ToString() ?? string.Empty;
                object? value = entry.Value is PSObject ps ? ps.BaseObject : entry.Value;
                double number;
                try
                {
                    number = value == null ? double.NaN : LanguagePrimitives.ConvertTo<double>(value);
                }
                catch (PSInvalidCastException)
                {
                    problem = new Problem(ErrorIds.InvalidScoreWeight, ProblemKind.InvalidArgument,
                        $"Score weight '{key}' must be a number, not '{value}'.", key);
                    return null;
                }
                pairs.Add(new KeyValuePair<string, double>(key, number));
            }
            return pairs;
        }
    }
}

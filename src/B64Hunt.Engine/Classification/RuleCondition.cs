using System;
using System.Collections.Generic;
using B64Hunt.Shell;

namespace B64Hunt.Classification
{
    /// <summary>
    /// The conditions of a rule (or of one step of a sequence rule) on one simple command. Every condition given
    /// must hold; within a list, any entry may match (allArgs: every group must).
    /// </summary>
    internal sealed class RuleCondition
    {
        public HashSet<string>? Commands;
        public HashSet<string>? Wrappers;
        public GlobSet? Args;
        public List<GlobSet>? AllArgs;
        public GlobSet? NotArgs;
        public GlobSet? Tokens;
        public GlobSet? WritesTo;
        /// <summary>Lower-case substrings: any must occur.</summary>
        public string[]? Text;
        /// <summary>Lower-case substrings: all must occur.</summary>
        public string[]? TextAll;
        public RulePattern? Pattern;
        public HashSet<string>? PipedFrom;
        public HashSet<string>? Within;
        public HashSet<CommandOrigin>? Origins;
        public bool? LocalExecutable;

        public bool HasCommandCondition => Commands != null || Wrappers != null || Args != null || AllArgs != null || NotArgs != null ||
            Tokens != null || WritesTo != null || PipedFrom != null || Within != null || Origins != null || LocalExecutable != null;

        public bool HasTextCondition => Text != null || TextAll != null || Pattern != null;

        public bool Matches(SimpleCommand c, Func<SimpleCommand, string> lowerText)
        {
            if (Commands != null && !MatchesName(Commands, c.CommandName)) return false;
            if (Wrappers != null && !AnyIn(Wrappers, c.Wrappers)) return false;
            if (Args != null && !Args.IsMatchAny(c.Arguments)) return false;
            if (AllArgs != null)
            {
                foreach (var group in AllArgs) if (!group.IsMatchAny(c.Arguments)) return false;
            }
            if (NotArgs != null && NotArgs.IsMatchAny(c.Arguments)) return false;
            if (Origins != null && !Origins.Contains(c.Origin)) return false;
            if (LocalExecutable != null && CommandFacts.RunsLocalExecutable(c) != LocalExecutable.Value) return false;
            if (Tokens != null && !AnyToken(Tokens, c)) return false;
            if (WritesTo != null && !WritesToAny(WritesTo, c)) return false;
            if (PipedFrom != null && !IsPipedFrom(PipedFrom, c)) return false;
            if (Within != null && !IsWithin(Within, c)) return false;
            if (HasTextCondition && !MatchesText(lowerText(c), c.Text)) return false;
            return true;
        }

        /// <summary>The text conditions alone; <paramref name="text"/> is lower case unless a case-insensitive comparison is given.</summary>
        public bool MatchesText(string text, string original, StringComparison comparison = StringComparison.Ordinal)
        {
            if (Text != null)
            {
                bool any = false;
                foreach (string s in Text)
                {
                    if (text.IndexOf(s, comparison) >= 0) { any = true; break; }
                }
                if (!any) return false;
            }
            if (TextAll != null)
            {
                foreach (string s in TextAll) if (text.IndexOf(s, comparison) < 0) return false;
            }
            if (Pattern != null)
            {
                if (!Pattern.IsMatch(original)) return false;
            }
            return true;
        }

        internal static bool MatchesName(HashSet<string> names, string name) =>
            name.Length > 0 && (names.Contains(name) || names.Contains(ShellNames.StripVersion(name)));

        private static bool AnyIn(HashSet<string> names, IReadOnlyList<string> values)
        {
            foreach (string v in values) if (names.Contains(v)) return true;
            return false;
        }

        private static bool AnyToken(GlobSet globs, SimpleCommand c)
        {
            foreach (string t in c.Tokens) if (globs.IsMatch(t)) return true;
            return false;
        }

        private static bool WritesToAny(GlobSet globs, SimpleCommand c)
        {
            var targets = c.CachedWriteTargets ??= CommandFacts.WriteTargets(c).ToArray();
            foreach (string t in targets) if (globs.IsMatch(t)) return true;
            return false;
        }

        private static bool IsPipedFrom(HashSet<string> names, SimpleCommand c)
        {
            var queue = new Queue<SimpleCommand>(c.PipedFrom);
            int seen = 0;
            while (queue.Count > 0 && seen++ < 32)
            {
                var upstream = queue.Dequeue();
                if (MatchesName(names, upstream.CommandName)) return true;
                foreach (var u in upstream.PipedFrom) queue.Enqueue(u);
            }
            return false;
        }

        private static bool IsWithin(HashSet<string> names, SimpleCommand c)
        {
            int hops = 0;
            for (var p = c.Parent; p != null && hops < 32; p = p.Parent, hops++)
            {
                if (MatchesName(names, p.CommandName)) return true;
            }
            return false;
        }
    }
}

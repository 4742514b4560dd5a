using System;
using System.Collections.Generic;

namespace B64Hunt.Shell
{
    /// <summary>
    /// The variables a decoded text assigns itself (a=cu;b=rl;$a$b), so their expansions can be read as the shell
    /// would read them. Bounded: attacker text cannot grow the table or the expanded text without limit
    /// (a=xx;b=$a$a;c=$b$b... stops expanding once the budget is spent).
    /// </summary>
    internal sealed class ShellVariables
    {
        private const int MaxVariables = 256;
        private const int MaxValueLength = 4096;

        /// <summary>Characters all expansions of one read may add; past it, expansions stay as written.</summary>
        private int _budget = 64 * 1024;

        private readonly Dictionary<string, string> _values = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Records NAME=value; a value too long, or a full table, forgets NAME (its later uses stay as written).</summary>
        public void Assign(string name, string value)
        {
            if (value.Length > MaxValueLength || (_values.Count >= MaxVariables && !_values.ContainsKey(name)))
            {
                _values.Remove(name);
                return;
            }
            _values[name] = value;
        }

        /// <summary>
        /// The value $NAME expands to, when the text assigned it (IFS, never assigned, is the shell's default
        /// separator: a space). False when unknown or when the expansion budget is spent.
        /// </summary>
        public bool TryExpand(string name, out string value)
        {
            if (!_values.TryGetValue(name, out value!))
            {
                if (name != "IFS") return false;
                value = " ";
            }
            if (value.Length > _budget) return false;
            _budget -= value.Length;
            return true;
        }

        /// <summary>Forgets NAME: it was given a value the reader cannot know (a=$(curl ...)).</summary>
        public void Forget(string name) => _values.Remove(name);

        public static bool IsNameStart(char c) => IsAsciiLetter(c) || c == '_';

        public static bool IsNamePart(char c) => IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_';

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        public static bool IsName(string s, int start, int end)
        {
            if (end <= start) return false;
            char c0 = s[start];
            if (!(IsAsciiLetter(c0) || c0 == '_')) return false;
            for (int i = start + 1; i < end; i++)
            {
                char c = s[i];
                if (!(IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_')) return false;
            }
            return true;
        }
    }
}

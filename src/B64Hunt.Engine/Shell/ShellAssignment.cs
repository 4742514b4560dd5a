using System;

namespace B64Hunt.Shell
{
    /// <summary>The shell's rule for a variable assignment word (NAME=value, NAME+=value), shared by the shell reader and the decoder's site search.</summary>
    internal static class ShellAssignment
    {
        /// <summary>True for NAME=... or NAME+=..., NAME a shell identifier (a letter or '_', then letters, digits and '_').</summary>
        public static bool IsAssignment(ReadOnlySpan<char> word)
        {
            int eq = word.IndexOf('=');
            if (eq <= 0) return false;
            char c0 = word[0];
            if (!(char.IsLetter(c0) || c0 == '_')) return false;
            for (int k = 1; k < eq; k++)
            {
                char c = word[k];
                if (!(char.IsLetterOrDigit(c) || c == '_' || (c == '+' && k == eq - 1))) return false;
            }
            return true;
        }
    }
}

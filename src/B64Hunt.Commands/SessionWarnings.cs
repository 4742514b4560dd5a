using System;
using System.Collections.Concurrent;
using B64Hunt.Errors;
using B64Hunt.Model;

namespace B64Hunt.Commands
{
    /// <summary>
    /// Configuration warnings that repeat on every call until the file changes (a KeyVault reference B64Hunt does not
    /// follow) are said once per session: the module is loaded once per process, so a static set is the session.
    /// </summary>
    internal static class SessionWarnings
    {
        private static readonly ConcurrentDictionary<string, bool> Said = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        /// <summary>True unless this is a once-a-session warning (id and text) already said; other problems always pass.</summary>
        public static bool FirstTime(Problem problem) =>
            problem.ErrorId != ErrorIds.TiConfigKeyVaultUnsupported || Said.TryAdd(problem.ErrorId + "\n" + problem.Message, true);
    }
}

using System.Collections.Generic;
using B64Hunt.Model;

namespace B64Hunt.Iocs
{
    /// <summary>
    /// The SHA-256 of a decoded binary payload, of an archive member event, and of each member a decoded archive
    /// lists, as sha256_hash indicators: Invoke-B64TiLookup can then look the dropped file up.
    /// </summary>
    internal static class PayloadHashIocs
    {
        public static IEnumerable<Ioc> Of(CommandEvent commandEvent)
        {
            if ((commandEvent.IsBinary || commandEvent.ArchiveMemberName != null) && IsSha256(commandEvent.Sha256))
                yield return Hash(commandEvent.Sha256);
            if (commandEvent.ArchiveMembers == null) yield break;
            foreach (var member in commandEvent.ArchiveMembers)
                if (member != null && IsSha256(member.Sha256)) yield return Hash(member.Sha256);
        }

        private static Ioc Hash(string sha256) => new Ioc { Type = IocTypeNames.Sha256Hash, Value = sha256, Normalized = sha256.ToLowerInvariant() };

        private static bool IsSha256(string? value)
        {
            if (value == null || value.Length != 64) return false;
            foreach (char c in value)
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
            return true;
        }
    }
}

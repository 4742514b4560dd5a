using System.IO;
using B64Hunt.IO;

namespace B64Hunt.Intel
{
    /// <summary>
    /// Whether a cache file and its folder can be trusted: on Unix both must belong to the current user (or
    /// root) and be writable by no one else, or another user could plant answers. On Windows the same rule is read
    /// from the ACL (owner and write grants; SYSTEM and Administrators are trusted), see <see cref="WindowsOwnerAcl"/>.
    /// </summary>
    internal static class CacheFileTrust
    {
        private const uint GroupOrOtherWrite = 0x12; // 0022

        /// <summary>Null when trusted; else why not (for the warning).</summary>
        public static string? Check(string directory, string file)
        {
            if (WindowsOwnerAcl.IsWindows)
            {
                return WindowsOwnerAcl.Distrust(directory, directory: true, "folder")
                    ?? (File.Exists(file) ? WindowsOwnerAcl.Distrust(file, directory: false, "file") : null);
            }
            uint? me = UnixFileStatus.EffectiveUserId();
            if (me == null) return null;
            string? folder = Distrust(directory, me.Value, "folder");
            if (folder != null) return folder;
            return File.Exists(file) ? Distrust(file, me.Value, "file") : null;
        }

        /// <summary>Makes a folder 0700 or a file 0600 (on Windows: a protected owner-only ACL).</summary>
        public static void RestrictToOwner(string path, bool directory)
        {
            if (WindowsOwnerAcl.IsWindows) WindowsOwnerAcl.RestrictToOwner(path, directory);
            else UnixFileStatus.SetMode(path, directory ? 0x1C0u : 0x180u);
        }

        private static string? Distrust(string path, uint me, string what)
        {
            var status = UnixFileStatus.Get(path, followLinks: false);
            if (status == null) return null;
            var (mode, uid) = status.Value;
            if ((mode & UnixFileStatus.TypeMask) == UnixFileStatus.SymlinkType) return $"the cache {what} is a symbolic link";
            if (uid != me && uid != 0) return $"the cache {what} belongs to another user (uid {uid})";
            if ((mode & GroupOrOtherWrite) != 0) return $"the cache {what} can be written by other users (mode {System.Convert.ToString(mode & 0xFFF, 8)})";
            return null;
        }
    }
}

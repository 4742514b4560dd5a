using System;
using System.Runtime.InteropServices;
using System.Text;

namespace B64Hunt.IO
{
    /// <summary>
    /// The few stat(2) facts .NET does not expose on Unix: file type, owner and mode bits, and chmod (.NET 8 reads
    /// and sets mode bits, File.GetUnixFileMode, but has no owner, so the stat call stays and answers both).
    /// Reads st_mode and st_uid at the offsets of the 64-bit Linux layouts (x86-64, generic arm64);
    /// elsewhere (and on Windows) every query answers null and callers fall back to what .NET can tell.
    /// </summary>
    internal static class UnixFileStatus
    {
        public const uint TypeMask = 0xF000;    // S_IFMT
        public const uint RegularType = 0x8000; // S_IFREG
        public const uint SymlinkType = 0xA000; // S_IFLNK

        private static readonly (int Mode, int Uid, bool Short)? Layout = DetectLayout();

        /// <summary>st_mode and st_uid of <paramref name="path"/> (lstat when <paramref name="followLinks"/> is false), or null.</summary>
        public static (uint Mode, uint Uid)? Get(string path, bool followLinks = true)
        {
            if (Layout == null) return null;
            var buffer = new byte[512];
            try
            {
                byte[] name = Encoding.UTF8.GetBytes(path + "\0");
                if ((followLinks ? stat(name, buffer) : lstat(name, buffer)) != 0) return null;
            }
            catch (Exception e) when (e is EntryPointNotFoundException || e is DllNotFoundException)
            {
                return null;
            }
            var layout = Layout.Value;
            uint mode = layout.Short ? BitConverter.ToUInt16(buffer, layout.Mode) : BitConverter.ToUInt32(buffer, layout.Mode);
            return (mode, BitConverter.ToUInt32(buffer, layout.Uid));
        }

        /// <summary>The effective user id, or null where there is none to ask.</summary>
        public static uint? EffectiveUserId()
        {
            if (Layout == null) return null;
            try
            {
                return geteuid();
            }
            catch (Exception e) when (e is EntryPointNotFoundException || e is DllNotFoundException)
            {
                return null;
            }
        }

        /// <summary>Sets the permission bits; false when it failed or cannot be done here.</summary>
        public static bool SetMode(string path, uint mode)
        {
            if (Layout == null) return false;
            try
            {
                return chmod(Encoding.UTF8.GetBytes(path + "\0"), mode) == 0;
            }
            catch (Exception e) when (e is EntryPointNotFoundException || e is DllNotFoundException)
            {
                return false;
            }
        }

        private static (int, int, bool)? DetectLayout()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                // x86-64: st_dev, st_ino, st_nlink (8 each), st_mode, st_uid. Generic (arm64): st_dev, st_ino (8), st_mode, st_nlink (4), st_uid.
                if (RuntimeInformation.ProcessArchitecture == Architecture.X64) return (24, 28, false);
                if (RuntimeInformation.ProcessArchitecture == Architecture.Arm64) return (16, 24, false);
                return null;
            }
            // macOS exports its 64-bit-inode stat under another symbol name; not guessed at.
            return null;
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int stat(byte[] nulTerminatedUtf8Path, byte[] buffer);

        [DllImport("libc", SetLastError = true)]
        private static extern int lstat(byte[] nulTerminatedUtf8Path, byte[] buffer);

        [DllImport("libc", SetLastError = true)]
        private static extern int chmod(byte[] nulTerminatedUtf8Path, uint mode);

        [DllImport("libc")]
        private static extern uint geteuid();
    }
}

using System;
using System.IO;
using System.Runtime.InteropServices;

namespace B64Hunt.Sources
{
    /// <summary>
    /// Tells a regular file from a FIFO, socket or device before it is opened: opening a FIFO for reading
    /// blocks until a writer comes, so one matched by a wildcard would hang the run. .NET's file attributes
    /// do not carry the file type on Unix, so this asks stat(2) (following symlinks, as opening would).
    /// </summary>
    public static class RegularFile
    {
        private const uint TypeMask = 0xF000; // S_IFMT
        private const uint RegularType = 0x8000; // S_IFREG

        /// <summary>True for a regular file (or a symlink to one); false for FIFOs, sockets, devices, directories.
        /// On Windows, and wherever the type cannot be learned, true (the open then reports any failure).</summary>
        public static bool Is(string path)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return !Directory.Exists(path);
            uint? mode = Mode(path);
            return mode == null || (mode.Value & TypeMask) == RegularType;
        }

        private static uint? Mode(string path)
        {
            int offset;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                // struct stat: st_dev, st_ino (8 each), then st_nlink (8) before st_mode on x86-64; st_mode first on the generic ABI (arm64).
                offset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;
                if (RuntimeInformation.ProcessArchitecture == Architecture.X86 || RuntimeInformation.ProcessArchitecture == Architecture.Arm) return null;
            }
            else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                offset = 4; // st_dev (4), then st_mode (2)
            }
            else
            {
                return null;
            }
            var buffer = new byte[512];
            try
            {
                byte[] name = System.Text.Encoding.UTF8.GetBytes(path + "\0");
                if (stat(name, buffer) != 0) return null;
            }
            catch (Exception e) when (e is EntryPointNotFoundException || e is DllNotFoundException)
            {
                return null;
            }
            return RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? BitConverter.ToUInt16(buffer, offset) : BitConverter.ToUInt32(buffer, offset);
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int stat(byte[] nulTerminatedUtf8Path, byte[] buffer);
    }
}

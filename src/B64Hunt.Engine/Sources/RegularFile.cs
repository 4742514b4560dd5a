using System.IO;
using B64Hunt.IO;

namespace B64Hunt.Sources
{
    /// <summary>
    /// Tells a regular file from a FIFO, socket or device before it is opened: opening a FIFO for reading
    /// blocks until a writer comes, so one matched by a wildcard would hang the run.
    /// </summary>
    public static class RegularFile
    {
        /// <summary>True for a regular file (or a symlink to one); false for FIFOs, sockets, devices, directories.
        /// Where the type cannot be learned, true unless it is a directory (the open then reports any failure).</summary>
        public static bool Is(string path)
        {
            var status = UnixFileStatus.Get(path);
            if (status == null) return !Directory.Exists(path);
            return (status.Value.Mode & UnixFileStatus.TypeMask) == UnixFileStatus.RegularType;
        }
    }
}

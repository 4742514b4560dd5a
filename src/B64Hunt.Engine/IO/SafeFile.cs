using System;
using System.IO;
using System.Text;

namespace B64Hunt.IO
{
    /// <summary>
    /// Writes a whole file the safe way for output someone else may have prepared a trap for: an existing file
    /// or a symbolic link at the path is refused unless overwriting was asked for (and then the link itself is
    /// replaced, its target never written); the content goes to a new temporary file in the target folder
    /// (created exclusively, so a planted name cannot redirect it) and is renamed over the path at the end,
    /// so a reader never sees half a file.
    /// </summary>
    public static class SafeFile
    {
        /// <summary>Why writing <paramref name="path"/> needs overwrite permission (it exists, or is a link); null when it does not.</summary>
        public static string? ExistingTarget(string path)
        {
            bool link;
            var status = UnixFileStatus.Get(path, followLinks: false);
            if (status != null)
            {
                link = (status.Value.Mode & UnixFileStatus.TypeMask) == UnixFileStatus.SymlinkType;
            }
            else if (File.Exists(path) || Directory.Exists(path))
            {
                link = (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0;
            }
            else
            {
                return null;
            }
            return link ? $"'{path}' is a symbolic link (it would be replaced, not followed)" : $"'{path}' already exists";
        }

        /// <summary>Writes <paramref name="content"/> as UTF-8 without a byte-order mark.</summary>
        /// <exception cref="IOException">The path exists and <paramref name="overwrite"/> is false (message says why), is a folder, or the write failed.</exception>
        public static void WriteAllText(string path, string content, bool overwrite)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (content == null) throw new ArgumentNullException(nameof(content));
            string full = Path.GetFullPath(path);
            if (Directory.Exists(full)) throw new IOException($"'{full}' is a folder.");
            string? existing = ExistingTarget(full);
            if (existing != null && !overwrite) throw new IOException(existing + "; pass -Force to replace it.");
            string folder = Path.GetDirectoryName(full) ?? ".";
            Directory.CreateDirectory(folder);
            string temp = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    var bytes = new UTF8Encoding(false).GetBytes(content);
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(true);
                }
                // rename(2) replaces a link at the path with the file; it never writes through the link.
                if (ExistingTarget(full) != null) File.Replace(temp, full, null);
                else File.Move(temp, full);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;
using B64Hunt.Errors;
using B64Hunt.Model;

namespace B64Hunt.Decoding
{
    /// <summary>One file read from a tar or zip payload.</summary>
    internal sealed class ArchiveEntry
    {
        public string Name = string.Empty;
        /// <summary>The size the archive declares.</summary>
        public long DeclaredSize;
        /// <summary>The content, or null when it could not be read (encrypted, unsupported method, out of budget).</summary>
        public byte[]? Data;
        public bool Truncated;
    }

    /// <summary>
    /// Lists tar (ustar, GNU long names, pax path records) and zip (central directory, else local headers; stored and
    /// deflated members) archives from the format specifications, within bounds: at most MaxMembers members, each
    /// member and all of them together at most the byte budget (a zip bomb is cut with "ArchiveLimitExceeded"), and
    /// names that climb out of the extraction folder reported as "ArchiveUnsafePath". Never throws on hostile bytes.
    /// </summary>
    internal static class ArchiveReader
    {
        public const int MaxMembers = 256;
        private const int Block = 512;

        /// <summary>A tar header block: "ustar" magic at 257, or a valid header checksum (old v7 archives).</summary>
        public static bool IsTar(byte[] data)
        {
            if (data.Length < Block) return false;
            if (data[257] == 'u' && data[258] == 's' && data[259] == 't' && data[260] == 'a' && data[261] == 'r') return ChecksumOk(data, 0);
            return data[0] != 0 && ChecksumOk(data, 0);
        }

        public static List<ArchiveEntry> Read(string fileType, byte[] data, int maxBytes, string target, IList<Problem>? problems)
        {
            var entries = new List<ArchiveEntry>();
            long budget = maxBytes;
            try
            {
                if (fileType == FileTypes.Tar) ReadTar(data, entries, ref budget, target, problems);
                else ReadZip(data, entries, ref budget, target, problems);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is IndexOutOfRangeException || ex is OverflowException
                                       || ex is InvalidDataException || ex is IOException)
            {
                problems?.Add(new Problem(ErrorIds.ArchiveCorrupt, ProblemKind.Warning, "Archive is corrupt; listed the members read before the damage.", target));
            }
            foreach (var entry in entries)
            {
                if (IsUnsafePath(entry.Name))
                    problems?.Add(new Problem(ErrorIds.ArchiveUnsafePath, ProblemKind.Warning,
                        "Archive member '" + TextClassifier.Sanitize(entry.Name) + "' climbs out of the extraction folder (path traversal).", target));
            }
            return entries;
        }

        /// <summary>An absolute path, a drive letter, or a ".." segment: extracting it writes outside the target folder.</summary>
        public static bool IsUnsafePath(string name)
        {
            if (name.Length == 0) return false;
            string n = name.Replace('\\', '/');
            if (n[0] == '/' || (n.Length >= 2 && n[1] == ':')) return true;
            foreach (string segment in n.Split('/'))
                if (segment == "..") return true;
            return false;
        }

        private static bool MemberLimit(List<ArchiveEntry> entries, string target, IList<Problem>? problems)
        {
            if (entries.Count < MaxMembers) return false;
            problems?.Add(new Problem(ErrorIds.ArchiveLimitExceeded, ProblemKind.Warning,
                $"Archive has more than {MaxMembers} members; the rest were not listed.", target));
            return true;
        }

        private static void ReadTar(byte[] data, List<ArchiveEntry> entries, ref long budget, string target, IList<Problem>? problems)
        {
            int pos = 0;
            string? longName = null;
            while (pos + Block <= data.Length)
            {
                if (IsZeroBlock(data, pos)) break;
                if (!ChecksumOk(data, pos))
                {
                    problems?.Add(new Problem(ErrorIds.ArchiveCorrupt, ProblemKind.Warning, "Tar header checksum is wrong; listed the members before it.", target));
                    break;
                }
                long size = ParseTarNumber(data, pos + 124, 12);
                char type = (char)data[pos + 156];
                int content = pos + Block;
                long available = Math.Max(0, Math.Min(size, data.Length - (long)content));
                if (type == 'L' || type == 'x')
                {
                    // GNU long name, or pax extended header with a "path=" record: it names the next member.
                    string meta = Encoding.UTF8.GetString(data, content, (int)Math.Min(available, 64 * 1024));
                    longName = type == 'L' ? meta.TrimEnd('\0') : PaxPath(meta) ?? longName;
                }
                else if (type == '0' || type == '\0' || type == '7')
                {
                    if (MemberLimit(entries, target, problems)) return;
                    string name = longName ?? TarName(data, pos);
                    longName = null;
                    entries.Add(Take(name, size, data, content, available, ref budget, target, problems));
                }
                else
                {
                    longName = null; // directories, links, devices: nothing to hash
                }
                long next = content + ((size + Block - 1) / Block) * Block;
                if (next > data.Length || next <= pos) break;
                pos = (int)next;
            }
        }

        private static ArchiveEntry Take(string name, long declared, byte[] data, int offset, long available, ref long budget,
            string target, IList<Problem>? problems)
        {
            var entry = new ArchiveEntry { Name = name, DeclaredSize = declared };
            long take = Math.Min(available, Math.Max(0, budget));
            if (take < declared)
            {
                entry.Truncated = true;
                if (take < available) BudgetSpent(target, problems);
            }
            entry.Data = new byte[take];
            Buffer.BlockCopy(data, offset, entry.Data, 0, (int)take);
            budget -= take;
            return entry;
        }

        private static void BudgetSpent(string target, IList<Problem>? problems) =>
            problems?.Add(new Problem(ErrorIds.ArchiveLimitExceeded, ProblemKind.Warning,
                "Archive members decompress beyond the size limit (a zip bomb or simply too large); the rest was cut.", target));

        private static string TarName(byte[] data, int pos)
        {
            string name = CString(data, pos, 100);
            if (data[pos + 257] == 'u' && data[pos + 258] == 's')
            {
                string prefix = CString(data, pos + 345, 155);
                if (prefix.Length > 0) name = prefix + "/" + name;
            }
            return name;
        }

        private static string? PaxPath(string meta)
        {
            // Records are "<length> <key>=<value>\n".
            foreach (string record in meta.Split('\n'))
            {
                int space = record.IndexOf(' ');
                if (space > 0 && string.CompareOrdinal(record, space + 1, "path=", 0, 5) == 0) return record.Substring(space + 6);
            }
            return null;
        }

        private static string CString(byte[] data, int offset, int max)
        {
            int end = offset;
            while (end < offset + max && data[end] != 0) end++;
            return Encoding.UTF8.GetString(data, offset, end - offset);
        }

        /// <summary>Octal, space or NUL terminated; or GNU base-256 when the high bit of the first byte is set.</summary>
        private static long ParseTarNumber(byte[] data, int offset, int length)
        {
            if ((data[offset] & 0x80) != 0)
            {
                long v = data[offset] & 0x7f;
                for (int i = 1; i < length; i++) v = checked((v << 8) | data[offset + i]);
                return v;
            }
            long value = 0;
            for (int i = 0; i < length; i++)
            {
                byte b = data[offset + i];
                if (b == ' ' && value == 0) continue;
                if (b < '0' || b > '7') break;
                value = checked(value * 8 + (b - '0'));
            }
            return value;
        }

        private static bool ChecksumOk(byte[] data, int pos)
        {
            long stored = ParseTarNumber(data, pos + 148, 8);
            long sum = 0;
            for (int i = 0; i < Block; i++) sum += i >= 148 && i < 156 ? ' ' : data[pos + i];
            return stored == sum;
        }

        private static bool IsZeroBlock(byte[] data, int pos)
        {
            for (int i = 0; i < Block; i++)
                if (data[pos + i] != 0) return false;
            return true;
        }

        private static void ReadZip(byte[] data, List<ArchiveEntry> entries, ref long budget, string target, IList<Problem>? problems)
        {
            int eocd = FindEndOfCentralDirectory(data);
            if (eocd >= 0)
            {
                int count = U16(data, eocd + 10);
                int at = (int)U32(data, eocd + 16);
                for (int i = 0; i < count && at >= 0 && at + 46 <= data.Length && U32(data, at) == 0x02014b50; i++)
                {
                    if (MemberLimit(entries, target, problems)) return;
                    int flags = U16(data, at + 8), method = U16(data, at + 10);
                    long compressed = U32(data, at + 20), size = U32(data, at + 24);
                    int nameLength = U16(data, at + 28), extra = U16(data, at + 30), comment = U16(data, at + 32);
                    long local = U32(data, at + 42);
                    string name = Encoding.UTF8.GetString(data, at + 46, Math.Min(nameLength, data.Length - at - 46));
                    if (!name.EndsWith("/", StringComparison.Ordinal))
                        entries.Add(ZipMember(data, name, flags, method, compressed, size, local, ref budget, target, problems));
                    at += 46 + nameLength + extra + comment;
                }
                return;
            }
            // No central directory (a cut archive): walk the local headers.
            int pos = 0;
            while (pos + 30 <= data.Length && U32(data, pos) == 0x04034b50)
            {
                if (MemberLimit(entries, target, problems)) return;
                int flags = U16(data, pos + 6), method = U16(data, pos + 8);
                long compressed = U32(data, pos + 18), size = U32(data, pos + 22);
                int nameLength = U16(data, pos + 26), extra = U16(data, pos + 28);
                string name = Encoding.UTF8.GetString(data, pos + 30, Math.Min(nameLength, data.Length - pos - 30));
                if (!name.EndsWith("/", StringComparison.Ordinal))
                    entries.Add(ZipMember(data, name, flags, method, compressed, size, pos, ref budget, target, problems));
                if ((flags & 8) != 0) break; // sizes follow the data: cannot step over it without the directory
                long next = pos + 30L + nameLength + extra + compressed;
                if (next > data.Length || next <= pos) break;
                pos = (int)next;
            }
        }

        private static ArchiveEntry ZipMember(byte[] data, string name, int flags, int method, long compressed, long size, long local,
            ref long budget, string target, IList<Problem>? problems)
        {
            var entry = new ArchiveEntry { Name = name, DeclaredSize = size };
            if (local < 0 || local + 30 > data.Length || U32(data, (int)local) != 0x04034b50 || (flags & 1) != 0 || (method != 0 && method != 8))
            {
                entry.Truncated = true; // encrypted, an unsupported method, or a bad offset: listed without content
                return entry;
            }
            long start = local + 30 + U16(data, (int)local + 26) + U16(data, (int)local + 28);
            long available = Math.Max(0, Math.Min(compressed, data.Length - start));
            if (method == 0)
                return Take(name, size, data, (int)start, available, ref budget, target, problems);

            int limit = (int)Math.Max(0, Math.Min(budget, int.MaxValue - 1));
            var outcome = Decompressor.Inflate(new DeflateStream(new MemoryStream(data, (int)start, (int)available, false), CompressionMode.Decompress),
                Math.Max(limit, 1), out byte[] inflated);
            entry.Data = inflated;
            budget -= inflated.Length;
            if (outcome == InflateResult.LimitExceeded) { entry.Truncated = true; BudgetSpent(target, problems); }
            else if (outcome == InflateResult.Corrupt || inflated.Length != size) entry.Truncated = true;
            return entry;
        }

        private static int FindEndOfCentralDirectory(byte[] data)
        {
            // The record is 22 bytes plus a comment of at most 65535.
            for (int i = data.Length - 22; i >= 0 && i >= data.Length - 22 - 65535; i--)
                if (U32(data, i) == 0x06054b50) return i;
            return -1;
        }

        private static int U16(byte[] d, int i) => i + 2 <= d.Length && i >= 0 ? d[i] | d[i + 1] << 8 : 0;

        private static long U32(byte[] d, int i) => i + 4 <= d.Length && i >= 0 ? (uint)(d[i] | d[i + 1] << 8 | d[i + 2] << 16 | d[i + 3] << 24) : 0;
    }
}

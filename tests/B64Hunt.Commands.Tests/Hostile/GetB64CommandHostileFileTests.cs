using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.InteropServices;
using B64Hunt.Commands;
using B64Hunt.Errors;
using B64Hunt.Model;
using B64Hunt.Sources;
using B64Hunt.Tests.Sources;
using Xunit;
using static B64Hunt.Tests.Hostile.HostileLines;

namespace B64Hunt.Tests.Hostile
{
    /// <summary>Issue #12 items 1 and 14: one bad file (corrupt gzip, unreadable, a FIFO) never ends a multi-file run.</summary>
    public class GetB64CommandHostileFileTests
    {
        [Fact]
        public void ACorruptGzipAndAFifoBetweenGoodFilesCostOnlyThemselves()
        {
            using var dir = new SourceTestSupport.TempDirectory();
            File.WriteAllText(dir.File("syslog.1"), AuomsFile(10));
            byte[] gz = Gzip(AuomsFile(10));
            gz[gz.Length - 6] ^= 0xFF; // the CRC32 in the trailer
            File.WriteAllBytes(dir.File("syslog.2.gz"), gz);
            File.WriteAllText(dir.File("syslog.3"), AuomsFile(7));
            bool fifo = !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
            if (fifo)
            {
                using var mk = Process.Start(new ProcessStartInfo("mkfifo", dir.File("syslog.4")) { UseShellExecute = false });
                mk!.WaitForExit();
            }

            using var ps = GetB64CommandShell();
            ps.AddCommand("Get-B64Command").AddParameter("Path", Path.Combine(dir.Path, "syslog*")).AddParameter("Verbose", true);
            var async = ps.BeginInvoke();
            Assert.True(async.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60)), "the run hung");
            var events = ps.EndInvoke(async).Select(o => (CommandEvent)o.BaseObject).ToList();

            Assert.Equal(17, events.Count);
            var error = Assert.Single(ps.Streams.Error);
            Assert.Equal(ErrorIds.FileReadError, error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.EndsWith("syslog.2.gz", (string)error.TargetObject);
            if (fifo)
            {
                var warning = Assert.Single(ps.Streams.Warning);
                Assert.Contains("syslog.4", warning.Message);
            }
        }
    }
}

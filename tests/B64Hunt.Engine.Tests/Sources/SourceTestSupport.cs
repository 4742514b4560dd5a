using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;
using B64Hunt.Model;
using B64Hunt.Sources;

namespace B64Hunt.Tests.Sources
{
    /// <summary>Reads fixtures and temporary files through the public reader API.</summary>
    internal sealed class ReadResult
    {
        public List<SourceItem> Items { get; } = new List<SourceItem>();
        public ReadStatistics Stats { get; } = new ReadStatistics();
        public List<CommandRecord> Records => Items.Where(i => i.IsRecord).Select(i => i.Record!).ToList();
        public List<Problem> Problems => Items.Where(i => i.Problem != null).Select(i => i.Problem!).ToList();
    }

    internal static class SourceTestSupport
    {
        public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Sources", name);

        public static ReadResult Read(string path, LogReadOptions? options = null)
        {
            var result = new ReadResult();
            foreach (var item in LogFileReader.Read(path, options ?? new LogReadOptions(), result.Stats, CancellationToken.None))
            {
                // Every item is exactly one of the two.
                if ((item.Record == null) == (item.Problem == null)) throw new InvalidOperationException("An item must be a record or a problem.");
                result.Items.Add(item);
            }
            return result;
        }

        public static ReadResult ReadBytes(byte[] content, string name, LogReadOptions? options = null)
        {
            var result = new ReadResult();
            using var stream = new MemoryStream(content);
            foreach (var item in LogFileReader.Read(stream, name, options ?? new LogReadOptions(), result.Stats, CancellationToken.None))
            {
                result.Items.Add(item);
            }
            return result;
        }

        public static DateTime Utc(long epochMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(epochMilliseconds).UtcDateTime;

        public static DateTime Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime;

        /// <summary>A temporary directory deleted on dispose.</summary>
        public sealed class TempDirectory : IDisposable
        {
            public TempDirectory()
            {
                Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "b64hunt-sources-" + Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(Path);
            }

            public string Path { get; }

            public string File(string name) => System.IO.Path.Combine(Path, name);

            /// <summary>Writes the gzip of <paramref name="source"/> as <paramref name="name"/> (a rotated-log name without .gz works too).</summary>
            public string Gzip(string source, string name)
            {
                string target = File(name);
                using var input = System.IO.File.OpenRead(source);
                using var output = System.IO.File.Create(target);
                using var gzip = new GZipStream(output, CompressionLevel.Optimal);
                input.CopyTo(gzip);
                return target;
            }

            public void Dispose()
            {
                try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }
}

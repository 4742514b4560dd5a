using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Threading;
using B64Hunt.Model;

namespace B64Hunt.Sources
{
    /// <summary>
    /// Reads command records from local log files: syslog with AUOMS_EXECVE records, native auditd logs,
    /// and CSV / JSON / JSON-lines exports of Log Analytics or Defender; any of them gzip-compressed. The
    /// format is detected per file from its content. Streams with bounded memory; bad input becomes
    /// <see cref="Problem"/> items and never ends the enumeration early except for an unreadable file.
    /// Only <see cref="OperationCanceledException"/> escapes.
    /// </summary>
    public static class LogFileReader
    {
        private const int HeadLength = 64 * 1024;

        /// <summary>Detects the format of a file (looking through gzip). Throws the I/O exception when the file cannot be read.</summary>
        public static LogFormat DetectFormat(string path)
        {
            using var file = OpenFile(path);
            using var content = OpenContent(file, LogFormat.Auto, out LogFormat format);
            return format;
        }

        /// <summary>Reads the file at <paramref name="path"/>; Source values are "path:line".</summary>
        public static IEnumerable<SourceItem> Read(string path, LogReadOptions options, ReadStatistics stats, CancellationToken cancellationToken)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (stats == null) throw new ArgumentNullException(nameof(stats));
            return ReadFile(path, options, stats, cancellationToken);
        }

        /// <summary>
        /// Reads <paramref name="stream"/> (left open); Source values are "<paramref name="sourceName"/>:line"
        /// and problems that concern the whole input name <paramref name="sourceName"/> as their target.
        /// </summary>
        public static IEnumerable<SourceItem> Read(Stream stream, string sourceName, LogReadOptions options, ReadStatistics stats, CancellationToken cancellationToken)
        {
            if (stream == null) throw new ArgumentNullException(nameof(stream));
            if (sourceName == null) throw new ArgumentNullException(nameof(sourceName));
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (stats == null) throw new ArgumentNullException(nameof(stats));
            return Guard(() => ReadContent(stream, sourceName, options, stats, cancellationToken), sourceName);
        }

        // Lazy: the file is opened when the enumeration starts, so building many reads up front opens nothing.
        private static IEnumerable<SourceItem> ReadFile(string path, LogReadOptions options, ReadStatistics stats, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Stream? file = null;
            Problem? problem = null;
            try
            {
                file = OpenFile(path);
            }
            catch (Exception e) when (IsReadFailure(e))
            {
                problem = ReadError(path, e);
            }
            if (problem != null || file == null)
            {
                yield return SourceItem.FromProblem(problem!);
                yield break;
            }
            using (file)
            {
                foreach (var item in Guard(() => ReadContent(file, path, options, stats, cancellationToken), path)) yield return item;
            }
        }

        private static FileStream OpenFile(string path) =>
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);

        private static IEnumerable<SourceItem> ReadContent(Stream raw, string sourceName, LogReadOptions options, ReadStatistics stats, CancellationToken cancellationToken)
        {
            using var content = OpenContent(raw, options.Format, out LogFormat format);
            IEnumerable<SourceItem> items = format switch
            {
                LogFormat.Csv => CsvLogReader.Read(content, sourceName, options, stats, cancellationToken),
                LogFormat.Json => JsonLogReader.Read(content, sourceName, options, stats, cancellationToken),
                LogFormat.JsonLines => JsonLinesLogReader.Read(content, sourceName, options, stats, cancellationToken),
                _ => AuditTextLogReader.Read(content, sourceName, options, stats, cancellationToken),
            };
            foreach (var item in items) yield return item;
        }

        /// <summary>
        /// Wraps <paramref name="raw"/> (not disposed with the result) so it reads as UTF-8 text: gunzipped when
        /// it starts with the gzip magic 1F 8B, re-encoded when it has a UTF-16 byte-order mark; detects the format.
        /// </summary>
        private static Stream OpenContent(Stream raw, LogFormat requested, out LogFormat format)
        {
            var magic = new byte[2];
            int n = PrefixedStream.ReadFully(raw, magic, 0, 2);
            Stream content = new PrefixedStream(magic, n, raw, ownsInner: false);
            if (n == 2 && magic[0] == 0x1F && magic[1] == 0x8B)
            {
                content = new GZipStream(content, CompressionMode.Decompress);
            }
            var head = new byte[HeadLength];
            int headLength = PrefixedStream.ReadFully(content, head, 0, head.Length);
            if (headLength >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
            {
                var encoding = head[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
                content = new Utf16ToUtf8Stream(new PrefixedStream(head, headLength, content, ownsInner: true), encoding);
                head = new byte[HeadLength];
                headLength = PrefixedStream.ReadFully(content, head, 0, head.Length);
            }
            format = requested == LogFormat.Auto ? FormatDetector.Detect(new ReadOnlySpan<byte>(head, 0, headLength)) : requested;
            return new PrefixedStream(head, headLength, content, ownsInner: true);
        }

        // Runs an enumeration so that a failure inside it (I/O error, corrupt gzip) becomes a FileReadError
        // item at the end, after everything read before it.
        private static IEnumerable<SourceItem> Guard(Func<IEnumerable<SourceItem>> source, string target)
        {
            IEnumerator<SourceItem>? enumerator = null;
            Problem? failure = null;
            try
            {
                try
                {
                    enumerator = source().GetEnumerator();
                }
                catch (Exception e) when (!(e is OperationCanceledException))
                {
                    failure = ReadError(target, e);
                }
                while (enumerator != null)
                {
                    SourceItem current;
                    try
                    {
                        if (!enumerator.MoveNext()) break;
                        current = enumerator.Current;
                    }
                    catch (Exception e) when (!(e is OperationCanceledException))
                    {
                        failure = ReadError(target, e);
                        break;
                    }
                    yield return current;
                }
            }
            finally
            {
                enumerator?.Dispose();
            }
            if (failure != null) yield return SourceItem.FromProblem(failure);
        }

        private static bool IsReadFailure(Exception e) =>
            e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException || e is System.Security.SecurityException;

        private static Problem ReadError(string target, Exception e)
        {
            string why = e is InvalidDataException ? "the compressed data is corrupt or truncated" : e.Message;
            return new Problem(SourceErrorIds.FileReadError, ProblemKind.ReadError, $"Cannot read '{target}': {why}", target, e);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using B64Hunt.Errors;
using B64Hunt.Model;
using B64Hunt.Sources.Rows;
using B64Hunt.Streams;

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
        /// <summary>Detects the format of a file (looking through gzip). Throws the I/O exception when the file cannot be read.</summary>
        public static LogFormat DetectFormat(string path)
        {
            using var file = RowContent.OpenFile(path);
            using var content = RowContent.Open(file, null, out _);
            return FormatDetector.Detect(content.Prefix);
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
                file = RowContent.OpenFile(path);
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

        private static IEnumerable<SourceItem> ReadContent(Stream raw, string sourceName, LogReadOptions options, ReadStatistics stats, CancellationToken cancellationToken)
        {
            using var content = RowContent.Open(raw, options.MaxDecompressedBytes, out GzipEndCheckStream? gzip);
            LogFormat format = options.Format == LogFormat.Auto ? FormatDetector.Detect(content.Prefix) : options.Format;
            IEnumerable<SourceItem> items = format switch
            {
                LogFormat.Csv => CsvLogReader.Read(content, sourceName, options, stats, cancellationToken),
                LogFormat.Json => JsonLogReader.Read(content, sourceName, options, stats, cancellationToken),
                LogFormat.JsonLines => JsonLogReader.ReadLines(content, sourceName, options, stats, cancellationToken),
                _ => AuditTextLogReader.Read(content, sourceName, options, stats, cancellationToken),
            };
            long records = 0;
            foreach (var item in items)
            {
                if (item.Record != null)
                {
                    records++;
                    // The reader has met the end before it hands out the last line, so a cut is known by now.
                    if (gzip != null && gzip.AtEnd && (gzip.Truncated || gzip.OverLimit) && !gzip.EndsWithNewline &&
                        item.Record.Source == sourceName + ":" + (gzip.Newlines + 1).ToString(CultureInfo.InvariantCulture))
                    {
                        item.Record.IsTruncated = true;
                    }
                }
                yield return item;
            }
            if (gzip != null && gzip.Truncated)
            {
                yield return SourceItem.FromProblem(new Problem(ErrorIds.FileReadError, ProblemKind.ReadError,
                    $"Cannot read '{sourceName}' to its end: the gzip data stops before its trailer after {gzip.Length64:N0} decompressed bytes (the file is truncated)" +
                    (gzip.EndsWithNewline ? "." : "; its last line is incomplete and its record, if any, is marked IsTruncated."), sourceName));
            }
            if (gzip != null && gzip.OverLimit)
            {
                yield return SourceItem.FromProblem(new Problem(ErrorIds.DecompressedSizeLimit, ProblemKind.LimitsExceeded,
                    $"Stopped reading '{sourceName}' after {gzip.MaxBytes:N0} decompressed bytes (LogReadOptions.MaxDecompressedBytes): the rest of the file was not read.", sourceName));
            }
            if (records == 0 && options.Format == LogFormat.Auto && format == LogFormat.Csv &&
                FormatDetector.HasCommandMarkers(content.Prefix))
            {
                yield return SourceItem.FromProblem(new Problem(ErrorIds.DetectedFormatYieldedNothing, ProblemKind.Warning,
                    $"'{sourceName}' was read as {format} and gave no command records, yet its first lines carry AUOMS or auditd command records: pass -Format to read it differently.", sourceName));
            }
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
            return new Problem(ErrorIds.FileReadError, ProblemKind.ReadError, $"Cannot read '{target}': {why}", target, e);
        }
    }
}

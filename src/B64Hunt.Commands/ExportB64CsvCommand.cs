using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using B64Hunt.Errors;
using B64Hunt.IO;
using B64Hunt.Reports;

namespace B64Hunt.Commands
{
    /// <summary>
    /// Export-Csv for hunt results that are opened in a spreadsheet: attacker-controlled cells starting with
    /// =, +, -, @ cannot run as formulas, list properties are joined "a; b", times are ISO 8601 UTC with
    /// milliseconds. Other values use PowerShell's normal string conversion. Writes through a temporary file.
    /// </summary>
    [Cmdlet(VerbsData.Export, "B64Csv", HelpUri = "https://github.com/b64hunt/B64Hunt#export-b64csv-results-for-a-spreadsheet", SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportB64CsvCommand : B64HuntCmdlet
    {
        private readonly StringBuilder _csv = new StringBuilder();
        private string[]? _columns;
        private long _rows;

        /// <summary>The objects to export (CommandEvent, CommandScore, or any object).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>The CSV file to write.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The properties to export, in this order (default: every property of the first object).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Property { get; set; }

        /// <summary>Replace an existing file (or a symbolic link, itself, never its target).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes the file's FileInfo to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (InputObject == null) return;
            if (_columns == null)
            {
                _columns = Property ?? InputObject.Properties.Where(p => p.IsGettable).Select(p => p.Name).ToArray();
                _csv.Append(SpreadsheetCsv.Row(_columns)).Append("\r\n");
            }
            var cells = new string?[_columns.Length];
            for (int i = 0; i < _columns.Length; i++)
            {
                cells[i] = CellText(ValueOf(InputObject, _columns[i]));
            }
            _csv.Append(SpreadsheetCsv.Row(cells)).Append("\r\n");
            _rows++;
        }

        protected override void EndProcessing()
        {
            string path = GetUnresolvedProviderPathFromPSPath(Path);
            string? existing = SafeFile.ExistingTarget(path);
            if (existing != null && !Force)
            {
                WriteError(new ErrorRecord(new IOException(existing + "; pass -Force to replace it."), ErrorIds.OutFileExists, ErrorCategory.ResourceExists, path));
                return;
            }
            if (!ShouldProcess(path, $"Write {_rows} row(s) as spreadsheet-safe CSV")) return;
            try
            {
                SafeFile.WriteAllText(path, _csv.ToString(), overwrite: Force);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                WriteError(new ErrorRecord(ex, ErrorIds.CsvWriteFailed, ErrorCategory.WriteError, path));
                return;
            }
            WriteVerbose($"Wrote {_rows} row(s) of {_columns?.Length ?? 0} column(s) to {path}.");
            if (PassThru) WriteObject(new FileInfo(path));
        }

        private static object? ValueOf(PSObject item, string name)
        {
            try
            {
                return item.Properties[name]?.Value;
            }
            catch (GetValueException)
            {
                return null;
            }
        }

        // PowerShell's own conversion for scalars; lists joined, times in one unambiguous form.
        private static string CellText(object? value)
        {
            object? raw = value is PSObject ps ? ps.BaseObject : value;
            switch (raw)
            {
                case null:
                    return string.Empty;
                case string text:
                    return text;
                case DateTime time:
                    return SpreadsheetCsv.Time(time);
                case DateTimeOffset offset:
                    return SpreadsheetCsv.Time(offset);
                case IDictionary:
                    return LanguagePrimitives.ConvertTo<string>(raw);
                case IEnumerable items:
                    return string.Join(SpreadsheetCsv.ListSeparator, items.Cast<object?>().Select(CellText));
                default:
                    return LanguagePrimitives.ConvertTo<string>(raw) ?? string.Empty;
            }
        }
    }
}

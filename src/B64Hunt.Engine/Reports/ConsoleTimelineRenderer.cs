using System;
using B64Hunt.Model;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace B64Hunt.Reports
{
    /// <summary>Options of the console timeline.</summary>
    public sealed class ConsoleTimelineOptions
    {
        /// <summary>Columns of the time axis.</summary>
        public int Width { get; set; } = 60;
        /// <summary>ANSI colours on the marks (off for runbooks and redirected output).</summary>
        public bool Color { get; set; }
        /// <summary>Longest decoded command shown in the list of marked commands.</summary>
        public int CommandWidth { get; set; } = 100;

        /// <summary>
        /// Fits every line in this many columns (the console's width): the axis takes what the host labels leave,
        /// the command list drops its last-seen column under 120 and gives the decoded command the rest.
        /// Null: Width and CommandWidth as given.
        /// </summary>
        public int? TotalWidth { get; set; }
    }

    /// <summary>
    /// The plain-text behaviour timeline: one row per host, one column per slice of the hunt window, each column
    /// marked with the highest score band that ran there; a row of '!' under a host for its related alerts; a legend;
    /// then the marked commands with their times. Every line is plain text unless colour is asked for.
    /// </summary>
    public static class ConsoleTimelineRenderer
    {
        private const string Reset = "\u001b[0m";
        private const int HostWidth = 24;

        public static IEnumerable<string> Render(TimelineLayout layout, ConsoleTimelineOptions? options = null)
        {
            options ??= new ConsoleTimelineOptions();
            int width = Math.Max(10, options.TotalWidth.HasValue ? options.TotalWidth.Value - HostWidth - 3 : options.Width);
            var lines = new List<string>();
            if (layout.IsEmpty)
            {
                lines.Add("B64Hunt timeline: nothing to show (no commands and no alerts).");
                return lines;
            }

            TimeSpan slice = TimeSpan.FromTicks((layout.End - layout.Start).Ticks / width);
            if (!layout.HasWindow)
            {
                lines.Add(string.Format(CultureInfo.InvariantCulture,
                    "B64Hunt timeline: {0} command(s); no event has a time, so there is nothing to plot.", layout.Commands.Count));
                AppendList(lines, layout, options);
                return lines;
            }
            AddFitted(lines, options.TotalWidth, " ",
                string.Format(CultureInfo.InvariantCulture, "B64Hunt timeline: {0} on {1} host(s),", layout.Summary(), layout.Hosts.Count),
                string.Format(CultureInfo.InvariantCulture, "{0:yyyy-MM-dd HH:mm} to {1:yyyy-MM-dd HH:mm} UTC", layout.Start, layout.End),
                "(1 column = " + Describe(slice) + ")");
            lines.Add(string.Empty);

            string pad = new string(' ', HostWidth + 1);
            lines.AddRange(Axis(layout, width, pad));

            foreach (var host in layout.Hosts)
            {
                var cells = new ScoreBand?[width];
                foreach (var mark in host.Marks)
                {
                    int col = Column(layout, mark.Time, width);
                    if (!cells[col].HasValue || mark.Band > cells[col]!.Value) cells[col] = mark.Band;
                }
                var row = new StringBuilder();
                row.Append(Label(host.Name)).Append(' ').Append('|');
                foreach (var cell in cells)
                {
                    if (!cell.HasValue) row.Append(' ');
                    else Paint(row, ScoreBands.Mark(cell.Value), BandColor(cell.Value), options.Color);
                }
                row.Append('|');
                lines.Add(row.ToString());

                if (host.Alerts.Count > 0)
                {
                    var alertCells = new bool[width];
                    foreach (var alert in host.Alerts)
                    {
                        var t = TimelineLayout.AlertTime(alert);
                        if (t.HasValue) alertCells[Column(layout, t.Value, width)] = true;
                    }
                    var alertRow = new StringBuilder();
                    alertRow.Append(Label("  alerts (" + host.Alerts.Count.ToString(CultureInfo.InvariantCulture) + ")")).Append(' ').Append('|');
                    foreach (bool on in alertCells)
                    {
                        if (on) Paint(alertRow, '!', "\u001b[95m", options.Color);
                        else alertRow.Append(' ');
                    }
                    alertRow.Append('|');
                    lines.Add(alertRow.ToString());
                }
            }
            lines.Add(string.Empty);
            var legend = new List<string> { "Legend:" };
            foreach (ScoreBand band in new[] { ScoreBand.Low, ScoreBand.Medium, ScoreBand.High, ScoreBand.Critical })
            {
                var entry = new StringBuilder();
                Paint(entry, ScoreBands.Mark(band), BandColor(band), options.Color);
                legend.Add(entry.Append(' ').Append(ScoreBands.Describe(band, layout.Model)).Append("  ").ToString());
            }
            var alertEntry = new StringBuilder();
            Paint(alertEntry, '!', "\u001b[95m", options.Color);
            legend.Add(alertEntry.Append(" related alert  ").ToString());
            legend.Add("(a column shows the highest score that ran in it)");
            AddFitted(lines, options.TotalWidth, " ", legend.ToArray());
            if (layout.UntimedEvents > 0)
            {
                lines.Add(string.Format(CultureInfo.InvariantCulture, "{0} execution(s) have no time and are not plotted.", layout.UntimedEvents));
            }

            AppendList(lines, layout, options);
            return lines;
        }

        // The marked commands with their times, then the related alerts.
        private static void AppendList(List<string> lines, TimelineLayout layout, ConsoleTimelineOptions options)
        {
            lines.Add(string.Empty);
            lines.Add("Marked commands (by rank):");
            // Narrow consoles: no last-seen column, a narrower host column, and the decoded command takes the rest.
            bool compact = options.TotalWidth.HasValue && options.TotalWidth.Value < 120;
            int hostsWidth = compact ? 12 : 20;
            int fixedWidth = compact ? 4 + 3 + 7 + 17 + 7 + hostsWidth + 1 : 4 + 3 + 7 + 17 + 17 + 7 + hostsWidth + 1;
            int commandWidth = options.TotalWidth.HasValue ? Math.Max(16, options.TotalWidth.Value - fixedWidth) : options.CommandWidth;
            lines.Add(compact
                ? string.Format(CultureInfo.InvariantCulture, "{0,4} {1} {2,6} {3,-16} {4,6} {5,-12} {6}",
                    "Rank", "B", "Score", "First seen (UTC)", "Count", "Hosts", "Decoded command")
                : string.Format(CultureInfo.InvariantCulture, "{0,4} {1} {2,6} {3,-16} {4,-16} {5,6} {6,-20} {7}",
                    "Rank", "B", "Score", "First seen (UTC)", "Last seen (UTC)", "Count", "Hosts", "Decoded command"));
            foreach (var score in layout.Commands)
            {
                var band = ScoreBands.Of(score);
                var line = new StringBuilder();
                line.Append(score.Rank.ToString(CultureInfo.InvariantCulture).PadLeft(4)).Append(' ');
                Paint(line, ScoreBands.Mark(band), BandColor(band), options.Color);
                line.Append(' ').Append(score.TotalScore.ToString("0.00", CultureInfo.InvariantCulture).PadLeft(6)).Append(' ');
                line.Append(Time(score.FirstSeen).PadRight(16)).Append(' ');
                if (!compact) line.Append(Time(score.LastSeen).PadRight(16)).Append(' ');
                line.Append(score.CommandCount.ToString(CultureInfo.InvariantCulture).PadLeft(6)).Append(' ');
                line.Append(DisplayText.TrimMiddle(DisplayText.OneLine(string.Join(",", score.Hostnames)), hostsWidth).PadRight(hostsWidth)).Append(' ');
                line.Append(DisplayText.OneLine(score.DecodedCommand, commandWidth));
                lines.Add(line.ToString());
                // Why it ranks there, in the analyst's words (the default model's ScoreReasons).
                if (ScoreBands.IsDefaultModel(score.Model) && score.ScoreReasons.Count > 0)
                {
                    lines.Add("       why: " + DisplayText.OneLine(string.Join("; ", score.ScoreReasons), Math.Max(40, (options.TotalWidth ?? options.CommandWidth + 67) - 12)));
                }
            }
            if (layout.Alerts.Count > 0)
            {
                lines.Add(string.Empty);
                lines.Add("Related alerts:");
                foreach (var alert in layout.Alerts)
                {
                    lines.Add(string.Format(CultureInfo.InvariantCulture, "  {0,-16} {1,-13} {2,-20} {3}",
                        Time(TimelineLayout.AlertTime(alert)), DisplayText.OneLine(AlertSeverities.Describe(alert.Severity, alert.SeverityText), 13),
                        DisplayText.TrimMiddle(DisplayText.OneLine(alert.Computer), 20),
                        DisplayText.OneLine(alert.AlertName, options.TotalWidth.HasValue ? Math.Max(16, options.TotalWidth.Value - 55) : 80)));
                }
            }
        }

        /// <summary>Appends the parts on one line, or wraps between parts where a line would not fit the console.</summary>
        private static void AddFitted(List<string> lines, int? totalWidth, string separator, params string[] parts)
        {
            var line = new StringBuilder();
            foreach (string part in parts)
            {
                if (line.Length > 0 && totalWidth.HasValue
                    && VisibleLength(line.ToString()) + separator.Length + VisibleLength(part.TrimEnd()) > totalWidth.Value)
                {
                    lines.Add(line.ToString().TrimEnd());
                    line.Clear();
                }
                if (line.Length > 0) line.Append(separator);
                line.Append(part);
            }
            lines.Add(line.ToString().TrimEnd());
        }

        /// <summary>Columns a line takes on screen: ANSI colour sequences take none.</summary>
        internal static int VisibleLength(string line)
        {
            int n = 0;
            for (int i = 0; i < line.Length; i++)
            {
                if (line[i] == '\u001b')
                {
                    while (i < line.Length && line[i] != 'm') i++;
                    continue;
                }
                n++;
            }
            return n;
        }

        private static IEnumerable<string> Axis(TimelineLayout layout, int width, string pad)
        {
            bool multiDay = (layout.End - layout.Start) > TimeSpan.FromDays(1) || layout.Start.Date != layout.End.Date;
            string format = multiDay ? "MM-dd HH:mm" : "HH:mm";
            int ticks = Math.Max(1, Math.Min(6, width / 14));
            var labels = new char[width + 2];
            var axis = new char[width + 2];
            for (int i = 0; i < labels.Length; i++) { labels[i] = ' '; axis[i] = '-'; }
            axis[0] = '+';
            axis[width + 1] = '+';
            for (int k = 0; k <= ticks; k++)
            {
                int col = (int)Math.Round((double)k * width / ticks);
                var t = layout.TickTime(k, ticks);
                string text = t.ToString(format, CultureInfo.InvariantCulture);
                int at = Math.Min(col, labels.Length - text.Length);
                bool free = true;
                for (int i = Math.Max(0, at - 1); i < at + text.Length && i < labels.Length; i++)
                {
                    if (labels[i] != ' ') free = false;
                }
                if (free)
                {
                    for (int i = 0; i < text.Length; i++) labels[at + i] = text[i];
                }
                axis[col + (col == width ? 1 : 0)] = '+';
            }
            return new[] { pad + new string(labels).TrimEnd(), pad + new string(axis) };
        }

        private static int Column(TimelineLayout layout, DateTime t, int width)
        {
            int col = (int)(layout.Position(t) * width);
            return col >= width ? width - 1 : col;
        }

        private static string Label(string host) => DisplayText.TrimMiddle(DisplayText.OneLine(host), HostWidth).PadRight(HostWidth);

        private static void Paint(StringBuilder sb, char c, string color, bool enabled)
        {
            if (enabled) sb.Append(color).Append(c).Append(Reset);
            else sb.Append(c);
        }

        private static string BandColor(ScoreBand band) => band switch
        {
            ScoreBand.Critical => "\u001b[1;91m",
            ScoreBand.High => "\u001b[93m",
            ScoreBand.Medium => "\u001b[33m",
            _ => "\u001b[90m",
        };

        private static string Time(DateTime? t) =>
            t.HasValue ? TimelineLayout.Utc(t.Value).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-";

        private static string Describe(TimeSpan slice)
        {
            if (slice.TotalDays >= 1) return slice.TotalDays.ToString("0.#", CultureInfo.InvariantCulture) + "d";
            if (slice.TotalHours >= 1) return slice.TotalHours.ToString("0.#", CultureInfo.InvariantCulture) + "h";
            if (slice.TotalMinutes >= 1) return slice.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + "m";
            return slice.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + "s";
        }
    }
}

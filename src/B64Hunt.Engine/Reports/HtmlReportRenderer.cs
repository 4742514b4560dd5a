using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using B64Hunt.Model;
using B64Hunt.Scoring;

namespace B64Hunt.Reports
{
    /// <summary>Options of the HTML report.</summary>
    public sealed class HtmlReportOptions
    {
        public string Title { get; set; } = "B64Hunt report";
        /// <summary>Shown in the header; UTC.</summary>
        public DateTime GeneratedAt { get; set; } = DateTime.UtcNow;
        /// <summary>Longest decoded command shown in the table (the rest is cut with a note).</summary>
        public int MaxCommandLength { get; set; } = 4000;
        /// <summary>The alert rule and weights the report's cmdlet scored with; null when every command came in already scored.</summary>
        public string? Scoring { get; set; }
        /// <summary>Also true when some commands came in already scored, keeping the scoring they came with.</summary>
        public bool HasPrescored { get; set; }
    }

    /// <summary>
    /// The offline HTML report: one self-contained file (inline CSS and SVG, no script, no external resource) with the
    /// ranked table and its score-composition bars, the stacked FreqScore/SevScore/AlertScore chart, the behaviour
    /// timeline by host with the related alerts on the same time axis, and the alert list. Hover text uses SVG
    /// &lt;title&gt; elements, which need no script. All attacker-controlled text goes through <see cref="HtmlText"/>;
    /// a Content-Security-Policy forbids every script and allows only the report's own stylesheet (by hash).
    /// The output is well-formed XML as well as HTML5.
    /// </summary>
    public static class HtmlReportRenderer
    {
        private const string Css = @"
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
header{background:#1d2430;color:#fff;padding:16px 24px}
header h1{margin:0 0 4px 0;font-size:22px}
header p{margin:2px 0;color:#c9d1dc;font-size:13px}
nav{padding:8px 24px;background:#e9edf2;font-size:13px}
nav a{margin-right:16px;color:#1d4e89}
section{margin:16px 24px;padding:12px 16px;background:#fff;border:1px solid #dde2e8;border-radius:6px;overflow-x:auto}
h2{font-size:17px;margin:4px 0 10px 0}
#ranking .scroll{max-height:85vh;overflow:auto}
table{border-collapse:collapse;font-size:12px;width:100%}
th,td{border-bottom:1px solid #e4e8ee;padding:4px 5px;text-align:left;vertical-align:top}
th{background:#f0f3f7;position:sticky;top:0}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.time{white-space:nowrap}
td.hosts,td.accounts{min-width:70px;max-width:160px;overflow-wrap:anywhere}
pre.cmd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;min-width:240px}
ul.items{margin:0;padding-left:14px;min-width:70px;max-width:240px;overflow-wrap:anywhere}
tr.score-row:has(+tr.detail-row) td{border-bottom:0}
tr.detail-row td{padding:0 6px 6px 24px}
.details{display:flex;flex-wrap:wrap;gap:4px 20px;font-size:12px}
.details>div{flex:1 1 200px;max-width:420px;min-width:0;overflow-wrap:anywhere}
.details b{display:block;color:#4a5565;font-weight:600}
.details ul.items{max-width:none;min-width:0;padding:0;list-style:none}
.details li{display:inline}
.details li+li::before{content:' \00b7  ';color:#9aa5b1}
.details>div.reasons{flex:2 1 300px;max-width:none}
.h0{background:#fff}.h1{background:#fde8e6}.h2{background:#fbcfca}.h3{background:#f7a9a1}.h4{background:#f07f74}.h5{background:#e35245;color:#fff}
.legend span{display:inline-block;margin-right:14px;font-size:12px}
.sw{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:middle}
.sw-f{background:#4e79a7}.sw-s{background:#f28e2b}.sw-a{background:#e15759}
.sw-low{background:#9aa5b1}.sw-medium{background:#edc948}.sw-high{background:#f28e2b}.sw-critical{background:#d62728}.sw-alert{background:#8e44ad}
.sev-High{color:#b71c1c;font-weight:600}.sev-Medium{color:#c25700}.sev-Low{color:#6b6b00}
svg text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif}
.bar-freq{fill:#4e79a7}.bar-sev{fill:#f28e2b}.bar-alert{fill:#e15759}
.band-low{fill:#9aa5b1}.band-medium{fill:#edc948}.band-high{fill:#f28e2b}.band-critical{fill:#d62728}
.mark{stroke:#1d2430;stroke-width:0.6}
.alert-mark{fill:#8e44ad;stroke:#3d1a4d;stroke-width:0.6}
.grid{stroke:#e4e8ee;stroke-width:1}
.axis{stroke:#6b7685;stroke-width:1}
.row-even{fill:#f7f9fb}
.tick{font-size:11px;fill:#4a5565}
.host{font-size:12px;fill:#1d2430}
.muted{color:#6b7685;font-size:12px}
footer{margin:8px 24px 24px 24px}
";

        /// <summary>Renders the report for the laid-out timeline (its commands are the table and chart rows).</summary>
        public static string Render(TimelineLayout layout, HtmlReportOptions? options = null)
        {
            options ??= new HtmlReportOptions();
            var sb = new StringBuilder(64 * 1024);
            string styleHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css)));

            sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
            sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'none'; style-src 'sha256-")
              .Append(styleHash).Append("'; img-src 'none'; base-uri 'none'; form-action 'none'\"/>\n");
            sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
            sb.Append("<meta name=\"generator\" content=\"B64Hunt\"/>\n");
            sb.Append("<title>").Append(HtmlText.Encode(options.Title)).Append("</title>\n");
            sb.Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n");

            Header(sb, layout, options);
            sb.Append("<nav><a href=\"#ranking\">Ranked commands</a><a href=\"#composition\">Score composition</a><a href=\"#timeline\">Behaviour timeline</a><a href=\"#alerts\">Related alerts</a></nav>\n");
            RankingTable(sb, layout, options);
            CompositionChart(sb, layout);
            Timeline(sb, layout);
            AlertTable(sb, layout);
            sb.Append("<footer class=\"muted\"><p>Scores: FreqScore = (1/count)/2 + (1/hosts)/2; SevScore = worst TI verdict per unique indicator, summed; AlertScore = distinct alert names per host, by severity. Decoded commands are attacker-controlled text, shown escaped.</p></footer>\n");
            sb.Append("</body>\n</html>\n");
            return sb.ToString();
        }

        private static void Header(StringBuilder sb, TimelineLayout layout, HtmlReportOptions options)
        {
            var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var c in layout.Commands)
            {
                foreach (var h in c.Hostnames) hosts.Add(h);
            }
            sb.Append("<header><h1>").Append(HtmlText.Encode(options.Title)).Append("</h1>\n<p>");
            sb.Append(HtmlText.Encode(layout.Summary())).Append(Inv(", {0} host(s), {1} related alert(s)", hosts.Count, layout.Alerts.Count));
            sb.Append("</p>\n<p>");
            // -Top and the model in use, so a reader knows the table is a cut of the ranking and how it was scored.
            sb.Append(layout.Top > 0 ? Inv("Show-B64Timeline -Top {0}", layout.Top) : "Show-B64Timeline -Top 0 (every command)");
            if (!string.IsNullOrEmpty(layout.Model)) sb.Append(" · scoring model ").Append(HtmlText.Encode(layout.Model));
            sb.Append("</p>\n<p class=\"settings\">");
            // The settings a reader needs to trust or reproduce the ranking: the alert rule, weights and TI sources.
            if (options.Scoring != null) sb.Append("Scored here: ").Append(HtmlText.Encode(options.Scoring)).Append(options.HasPrescored ? " (piped CommandScores keep the scoring they came with)" : "");
            else sb.Append("Scored before the report (CommandScores in): the alert window and weights are those given to Measure-B64Score");
            var providers = layout.Commands.SelectMany(c => c.TiResults).Select(t => t.Provider).Where(p => !string.IsNullOrWhiteSpace(p))
                .Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(p => p, StringComparer.OrdinalIgnoreCase).ToList();
            sb.Append(" · threat intelligence: ").Append(providers.Count > 0 ? HtmlText.Encode(string.Join(", ", providers)) : "none in these commands");
            sb.Append("</p>\n<p>");
            if (layout.HasWindow) sb.Append("Window ").Append(Time(layout.Start)).Append(" to ").Append(Time(layout.End)).Append(" · ");
            sb.Append("generated ").Append(Time(options.GeneratedAt)).Append("</p></header>\n");
        }

        private static void RankingTable(StringBuilder sb, TimelineLayout layout, HtmlReportOptions options)
        {
            double maxTotal = Math.Max(1e-9, layout.Commands.Count == 0 ? 1 : layout.Commands.Max(c => c.TotalScore));
            double maxF = Math.Max(1e-9, layout.Commands.Count == 0 ? 1 : layout.Commands.Max(c => c.FreqScore));
            double maxS = Math.Max(1e-9, layout.Commands.Count == 0 ? 1 : layout.Commands.Max(c => c.SevScore));
            double maxA = Math.Max(1e-9, layout.Commands.Count == 0 ? 1 : layout.Commands.Max(c => c.AlertScore));

            sb.Append("<section id=\"ranking\"><h2>Ranked commands</h2>\n");
            sb.Append("<p class=\"legend\"><span><i class=\"sw sw-f\"></i>FreqScore (rarity)</span><span><i class=\"sw sw-s\"></i>SevScore (threat intelligence)</span><span><i class=\"sw sw-a\"></i>AlertScore (related alerts)</span><span class=\"muted\">Cell shading: share of the column's highest value.</span></p>\n");
            // The account a command ran as is the analyst's next pivot; shown when some event names one.
            bool accounts = layout.Commands.Any(c => Accounts(c).Count > 0);
            sb.Append("<div class=\"scroll\"><table id=\"ranking-table\">\n<thead><tr><th>Rank</th><th>Total</th><th>Freq</th><th>Sev</th><th>Alert</th><th>Count</th><th>Hosts</th>");
            if (accounts) sb.Append("<th>Accounts</th>");
            sb.Append("<th>First seen<br/>Last seen</th><th>Decoded command</th>");
            int columns = accounts ? 10 : 9;
            sb.Append("</tr></thead>\n<tbody>\n");
            foreach (var c in layout.Commands)
            {
                sb.Append("<tr class=\"score-row\" id=\"cmd-").Append(c.Rank.ToString(CultureInfo.InvariantCulture)).Append("\">");
                sb.Append("<td class=\"num\">").Append(c.Rank.ToString(CultureInfo.InvariantCulture)).Append("</td>");
                // The total over its composition bar: one column, not two, so the decoded command keeps the width.
                sb.Append("<td class=\"num\"><strong>").Append(Num(c.TotalScore)).Append("</strong><br/>");
                CompositionBar(sb, c, maxTotal);
                sb.Append("</td>");
                sb.Append("<td class=\"num ").Append(Heat(c.FreqScore, maxF)).Append("\">").Append(Num(c.FreqScore)).Append("</td>");
                sb.Append("<td class=\"num ").Append(Heat(c.SevScore, maxS)).Append("\">").Append(Num(c.SevScore)).Append("</td>");
                sb.Append("<td class=\"num ").Append(Heat(c.AlertScore, maxA)).Append("\">").Append(Num(c.AlertScore)).Append("</td>");
                sb.Append("<td class=\"num\">").Append(c.CommandCount.ToString(CultureInfo.InvariantCulture)).Append("</td>");
                NamesCell(sb, c.Hostnames, "hosts");
                if (accounts) NamesCell(sb, Accounts(c), "accounts");
                sb.Append("<td class=\"time\">").Append(Time(c.FirstSeen)).Append("<br/>").Append(Time(c.LastSeen)).Append("</td>");
                sb.Append("<td><pre class=\"cmd\">");
                string command = c.DecodedCommand ?? string.Empty;
                if (command.Length > options.MaxCommandLength)
                {
                    HtmlText.Append(sb, command.Substring(0, options.MaxCommandLength));
                    sb.Append("</pre><span class=\"muted\">").Append(Inv("(cut: {0} of {1} characters shown)", options.MaxCommandLength, command.Length)).Append("</span></td>");
                }
                else
                {
                    HtmlText.Append(sb, command);
                    sb.Append("</pre></td>");
                }
                sb.Append("</tr>\n");
                DetailRow(sb, c, columns);
            }
            sb.Append("</tbody></table></div>\n");
            if (layout.Commands.Count == 0) sb.Append("<p class=\"muted\">No commands.</p>\n");
            sb.Append("</section>\n");
        }

        // The enrichment as labelled blocks in a full-width row under the command's row: as columns they made the
        // table 1,336 px wide at 1024x800 and squeezed the decoded command; here they wrap and the command keeps the width.
        private static void DetailRow(StringBuilder sb, CommandScore c, int columns)
        {
            var blocks = new List<(string Label, List<(string Text, string? Url)> Items, int Max, string? Css)>
            {
                ("Categories / ATT&amp;CK", c.Categories.Concat(c.Techniques).Select(i => (i, (string?)null)).ToList(), 10, null),
                ("GTFOBins", GtfoBinsEntries(c), 8, null),
                ("Indicators and TI", IndicatorEntries(c), 10, null),
                ("Why (ScoreReasons)", c.ScoreReasons.Select(i => (i, (string?)null)).ToList(), 12, "reasons"),
            };
            if (blocks.All(b => b.Items.Count == 0)) return;
            sb.Append("<tr class=\"detail-row\"><td colspan=\"").Append(columns.ToString(CultureInfo.InvariantCulture)).Append("\"><div class=\"details\">");
            foreach (var block in blocks.Where(b => b.Items.Count > 0))
            {
                sb.Append(block.Css == null ? "<div>" : "<div class=\"" + block.Css + "\">").Append("<b>").Append(block.Label).Append("</b>");
                HtmlLinks.Items(sb, block.Items, block.Max);
                sb.Append("</div>");
            }
            sb.Append("</div></td></tr>\n");
        }

        // The notebook's coloured columns as one bar: the parts of the total, scaled to the highest total.
        private static void CompositionBar(StringBuilder sb, CommandScore c, double maxTotal)
        {
            const double width = 80;
            sb.Append("<svg class=\"score-bar\" width=\"82\" height=\"14\" viewBox=\"0 0 82 14\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">");
            sb.Append("<title>").Append(Inv("FreqScore {0} + SevScore {1} + AlertScore {2} = {3}", Num(c.FreqScore), Num(c.SevScore), Num(c.AlertScore), Num(c.TotalScore))).Append("</title>");
            double x = 1;
            foreach (var (value, cls) in new[] { (c.FreqScore, "bar-freq"), (c.SevScore, "bar-sev"), (c.AlertScore, "bar-alert") })
            {
                double w = value / maxTotal * width;
                if (w <= 0) continue;
                sb.Append("<rect class=\"").Append(cls).Append("\" x=\"").Append(F(x)).Append("\" y=\"1\" width=\"").Append(F(w)).Append("\" height=\"12\"/>");
                x += w;
            }
            sb.Append("</svg>");
        }

        private static void CompositionChart(StringBuilder sb, TimelineLayout layout)
        {
            var commands = layout.Commands;
            const double left = 50, top = 16, plotHeight = 240, bottom = 44, slot = 30, barWidth = 20;
            double plotWidth = Math.Max(360, commands.Count * slot);
            double width = left + plotWidth + 20, height = top + plotHeight + bottom;
            double max = commands.Count == 0 ? 1 : Math.Max(0.5, commands.Max(c => c.TotalScore));
            double step = NiceStep(max);
            double yMax = Math.Ceiling(max / step) * step;

            sb.Append("<section id=\"composition\"><h2>Score composition</h2>\n");
            sb.Append("<p class=\"legend\"><span><i class=\"sw sw-f\"></i>FreqScore</span><span><i class=\"sw sw-s\"></i>SevScore</span><span><i class=\"sw sw-a\"></i>AlertScore</span><span class=\"muted\">One bar per command, by rank; hover a segment for its value and command.</span></p>\n");
            sb.Append("<svg id=\"score-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(F(width)).Append("\" height=\"").Append(F(height))
              .Append("\" viewBox=\"0 0 ").Append(F(width)).Append(' ').Append(F(height)).Append("\" role=\"img\" aria-label=\"Stacked score composition per command\">\n");
            for (double v = 0; v <= yMax + 1e-9; v += step)
            {
                double y = top + plotHeight - v / yMax * plotHeight;
                sb.Append("<line class=\"grid\" x1=\"").Append(F(left)).Append("\" x2=\"").Append(F(left + plotWidth)).Append("\" y1=\"").Append(F(y)).Append("\" y2=\"").Append(F(y)).Append("\"/>");
                sb.Append("<text class=\"tick\" x=\"").Append(F(left - 6)).Append("\" y=\"").Append(F(y + 4)).Append("\" text-anchor=\"end\">").Append(Num(v)).Append("</text>\n");
            }
            sb.Append("<line class=\"axis\" x1=\"").Append(F(left)).Append("\" x2=\"").Append(F(left)).Append("\" y1=\"").Append(F(top)).Append("\" y2=\"").Append(F(top + plotHeight)).Append("\"/>\n");
            for (int i = 0; i < commands.Count; i++)
            {
                var c = commands[i];
                double x = left + i * slot + (slot - barWidth) / 2;
                double y = top + plotHeight;
                sb.Append("<g class=\"command-bar\">");
                foreach (var (value, cls, name) in new[] { (c.FreqScore, "bar-freq", "FreqScore"), (c.SevScore, "bar-sev", "SevScore"), (c.AlertScore, "bar-alert", "AlertScore") })
                {
                    if (value <= 0) continue;
                    double h = value / yMax * plotHeight;
                    y -= h;
                    sb.Append("<rect class=\"bar ").Append(cls).Append("\" x=\"").Append(F(x)).Append("\" y=\"").Append(F(y)).Append("\" width=\"").Append(F(barWidth)).Append("\" height=\"").Append(F(h)).Append("\"><title>");
                    sb.Append(Inv("#{0} {1} {2} (total {3})", c.Rank, name, Num(value), Num(c.TotalScore))).Append('\n');
                    HtmlText.Append(sb, DisplayText.Trim(DisplayText.MultiLine(c.DecodedCommand), 300));
                    sb.Append("</title></rect>");
                }
                sb.Append("<text class=\"tick\" x=\"").Append(F(x + barWidth / 2)).Append("\" y=\"").Append(F(top + plotHeight + 16)).Append("\" text-anchor=\"middle\">#")
                  .Append(c.Rank.ToString(CultureInfo.InvariantCulture)).Append("</text></g>\n");
            }
            sb.Append("<text class=\"tick\" x=\"").Append(F(left + plotWidth / 2)).Append("\" y=\"").Append(F(height - 6)).Append("\" text-anchor=\"middle\">command rank</text>\n");
            sb.Append("</svg>\n</section>\n");
        }

        private static void Timeline(StringBuilder sb, TimelineLayout layout)
        {
            const double labelWidth = 200, plotWidth = 900, top = 34, rowHeight = 36, bottom = 12, inset = 12;
            double width = labelWidth + plotWidth + 24;
            // Marks at the window's ends stay clear of the axis: times map into [inset, plotWidth - inset].
            double X(double position) => labelWidth + inset + position * (plotWidth - 2 * inset);
            double height = top + Math.Max(1, layout.Hosts.Count) * rowHeight + bottom;

            sb.Append("<section id=\"timeline\"><h2>Behaviour timeline</h2>\n");
            if (!layout.HasWindow)
            {
                sb.Append("<p class=\"muted\">No event or alert has a time, so there is nothing to plot.</p>\n</section>\n");
                return;
            }
            sb.Append("<p class=\"legend\">");
            foreach (ScoreBand band in new[] { ScoreBand.Low, ScoreBand.Medium, ScoreBand.High, ScoreBand.Critical })
            {
                sb.Append("<span><i class=\"sw sw-").Append(band.ToString().ToLowerInvariant()).Append("\"></i>").Append(HtmlText.Encode(ScoreBands.Describe(band, layout.Model))).Append("</span>");
            }
            sb.Append("<span><i class=\"sw sw-alert\"></i>related alert (lower lane)</span><span class=\"muted\">Hover a mark for the command, host and time (UTC).</span></p>\n");
            sb.Append("<svg id=\"timeline-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(F(width)).Append("\" height=\"").Append(F(height))
              .Append("\" viewBox=\"0 0 ").Append(F(width)).Append(' ').Append(F(height)).Append("\" role=\"img\" aria-label=\"Commands and alerts by host over time\">\n");

            for (int r = 0; r < layout.Hosts.Count; r++)
            {
                if (r % 2 == 0)
                {
                    sb.Append("<rect class=\"row-even\" x=\"0\" y=\"").Append(F(top + r * rowHeight)).Append("\" width=\"").Append(F(width)).Append("\" height=\"").Append(F(rowHeight)).Append("\"/>\n");
                }
            }
            const int ticks = 6;
            bool multiDay = layout.Start.Date != layout.End.Date;
            for (int k = 0; k <= ticks; k++)
            {
                double x = X((double)k / ticks);
                var t = layout.TickTime(k, ticks);
                sb.Append("<line class=\"grid\" x1=\"").Append(F(x)).Append("\" x2=\"").Append(F(x)).Append("\" y1=\"").Append(F(top - 4)).Append("\" y2=\"").Append(F(height - bottom)).Append("\"/>");
                sb.Append("<text class=\"tick\" x=\"").Append(F(x)).Append("\" y=\"").Append(F(top - 10)).Append("\" text-anchor=\"middle\">")
                  .Append(t.ToString(multiDay ? "MM-dd HH:mm" : "HH:mm", CultureInfo.InvariantCulture)).Append("</text>\n");
            }

            for (int r = 0; r < layout.Hosts.Count; r++)
            {
                var host = layout.Hosts[r];
                double rowTop = top + r * rowHeight;
                sb.Append("<g class=\"host-row\">");
                sb.Append("<text class=\"host\" x=\"8\" y=\"").Append(F(rowTop + 15)).Append("\"><title>");
                HtmlText.Append(sb, host.Name);
                sb.Append("</title>");
                HtmlText.Append(sb, DisplayText.Trim(DisplayText.OneLine(host.Name), 28));
                sb.Append("</text>\n");

                // One mark per 3-pixel slot: the best-ranked command there, with a count of the others.
                var slots = new SortedDictionary<int, (TimelineMark Best, int Count)>();
                foreach (var mark in host.Marks)
                {
                    int slot = (int)(layout.Position(mark.Time) * plotWidth / 3);
                    if (slots.TryGetValue(slot, out var s))
                    {
                        slots[slot] = (mark.Score.Rank < s.Best.Score.Rank ? mark : s.Best, s.Count + 1);
                    }
                    else
                    {
                        slots[slot] = (mark, 1);
                    }
                }
                foreach (var pair in slots)
                {
                    var mark = pair.Value.Best;
                    double x = X(layout.Position(mark.Time));
                    var band = mark.Band;
                    double radius = band switch { ScoreBand.Critical => 7, ScoreBand.High => 6, ScoreBand.Medium => 5, _ => 4 };
                    sb.Append("<circle class=\"mark band-").Append(band.ToString().ToLowerInvariant()).Append("\" cx=\"").Append(F(x)).Append("\" cy=\"").Append(F(rowTop + 12))
                      .Append("\" r=\"").Append(F(radius)).Append("\"><title>");
                    sb.Append(Inv("#{0} score {1} (F {2} + S {3} + A {4})", mark.Score.Rank, Num(mark.Score.TotalScore), Num(mark.Score.FreqScore), Num(mark.Score.SevScore), Num(mark.Score.AlertScore)));
                    sb.Append("\nhost: ");
                    HtmlText.Append(sb, mark.Host);
                    sb.Append("\ntime: ").Append(Time(mark.Time));
                    if (pair.Value.Count > 1) sb.Append(Inv(" (+{0} more execution(s) here)", pair.Value.Count - 1));
                    sb.Append('\n');
                    HtmlText.Append(sb, DisplayText.Trim(DisplayText.MultiLine(mark.Score.DecodedCommand), 500));
                    sb.Append("</title></circle>\n");
                }
                foreach (var alert in host.Alerts)
                {
                    var t = TimelineLayout.AlertTime(alert);
                    if (!t.HasValue) continue;
                    double x = X(layout.Position(t.Value));
                    double y = rowTop + 28;
                    sb.Append("<polygon class=\"alert-mark\" points=\"").Append(F(x)).Append(',').Append(F(y - 6)).Append(' ')
                      .Append(F(x - 5)).Append(',').Append(F(y + 3)).Append(' ').Append(F(x + 5)).Append(',').Append(F(y + 3)).Append("\"><title>alert: ");
                    HtmlText.Append(sb, alert.AlertName);
                    sb.Append(" (");
                    HtmlText.Append(sb, AlertSeverities.Describe(alert.Severity, alert.SeverityText));
                    sb.Append(")\nhost: ");
                    HtmlText.Append(sb, alert.Computer);
                    sb.Append("\ntime: ").Append(Time(t));
                    sb.Append("</title></polygon>\n");
                }
                sb.Append("</g>\n");
            }
            sb.Append("<line class=\"axis\" x1=\"").Append(F(labelWidth)).Append("\" x2=\"").Append(F(labelWidth)).Append("\" y1=\"").Append(F(top - 4)).Append("\" y2=\"").Append(F(height - bottom)).Append("\"/>\n");
            sb.Append("</svg>\n");
            if (layout.UntimedEvents > 0)
            {
                sb.Append("<p class=\"muted\">").Append(Inv("{0} execution(s) have no time and are not plotted.", layout.UntimedEvents)).Append("</p>\n");
            }
            sb.Append("</section>\n");
        }

        private static void AlertTable(StringBuilder sb, TimelineLayout layout)
        {
            sb.Append("<section id=\"alerts\"><h2>Related alerts</h2>\n");
            if (layout.Alerts.Count == 0)
            {
                sb.Append("<p class=\"muted\">No related alerts were given.</p>\n</section>\n");
                return;
            }
            sb.Append("<table id=\"alerts-table\">\n<thead><tr><th>Time</th><th>Host</th><th>Severity</th><th>Alert</th><th>Tactics</th><th>Commands on this host</th><th>Description</th></tr></thead>\n<tbody>\n");
            foreach (var alert in layout.Alerts)
            {
                var ranks = layout.Commands.Where(c => c.Hostnames.Any(h => HostNames.Match(h, alert.Computer))).Select(c => "#" + c.Rank.ToString(CultureInfo.InvariantCulture)).ToList();
                sb.Append("<tr class=\"alert-row\"><td class=\"time\">").Append(Time(TimelineLayout.AlertTime(alert))).Append("</td><td>");
                HtmlText.Append(sb, alert.Computer);
                sb.Append("</td><td class=\"sev-").Append(SeverityClass(alert.Severity)).Append("\">");
                HtmlText.Append(sb, AlertSeverities.Describe(alert.Severity, alert.SeverityText));
                sb.Append("</td><td>");
                HtmlLinks.Append(sb, alert.AlertName, alert.AlertLink);
                sb.Append("</td><td>");
                HtmlText.Append(sb, alert.Tactics);
                sb.Append("</td><td>").Append(HtmlText.Encode(string.Join(" ", ranks.Take(20)))).Append(ranks.Count > 20 ? " …" : string.Empty).Append("</td><td>");
                HtmlText.Append(sb, DisplayText.Trim(alert.Description ?? string.Empty, 400));
                sb.Append("</td></tr>\n");
            }
            sb.Append("</tbody></table>\n</section>\n");
        }

        /// <summary>The indicators, then each TI verdict linked to its reference.</summary>
        private static List<(string Text, string? Url)> IndicatorEntries(CommandScore c)
        {
            var lines = new List<(string, string?)>();
            foreach (var ioc in c.Iocs)
            {
                lines.Add((ioc.Type + ": " + ioc.Normalized + (ioc.IsPrivate ? " (private)" : string.Empty), null));
            }
            foreach (var ti in c.TiResults)
            {
                if (ti.Status == TiStatus.Unsupported || ti.Status == TiStatus.SkippedPrivate) continue;
                string verdict = ti.Status == TiStatus.Ok ? ti.Severity.ToString() : ti.Status.ToString();
                lines.Add(("TI " + ti.Provider + ": " + ti.Ioc + " → " + verdict, ti.Reference));
            }
            return lines;
        }

        /// <summary>Each GTFOBins binary with its functions, linked to its GTFOBins page.</summary>
        private static List<(string Text, string? Url)> GtfoBinsEntries(CommandScore c) =>
            c.GtfoBins.Select(b => (b.Functions.Count > 0 ? b.Name + " (" + string.Join(", ", b.Functions) + ")" : b.Name, (string?)b.Url)).ToList();

        // A few host names inline; the full list on hover (a title attribute, no script).
        private static IList<string> Accounts(CommandScore c) =>
            c.Events.Select(e => e.Account).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!.Trim())
                .Distinct(StringComparer.Ordinal).ToList();

        private static void NamesCell(StringBuilder sb, IList<string> hosts, string cssClass)
        {
            const int shown = 4;
            sb.Append("<td class=\"").Append(cssClass).Append("\" title=\"");
            HtmlText.Append(sb, DisplayText.Trim(string.Join(", ", hosts), 2000));
            sb.Append("\">");
            HtmlText.Append(sb, DisplayText.OneLine(string.Join(", ", hosts.Take(shown)), 200));
            if (hosts.Count > shown) sb.Append(" <span class=\"muted\">").Append(Inv("+{0} more", hosts.Count - shown)).Append("</span>");
            sb.Append("</td>");
        }

        private static string SeverityClass(AlertSeverity severity) => severity switch
        {
            AlertSeverity.High => "High",
            AlertSeverity.Medium => "Medium",
            AlertSeverity.Low => "Low",
            _ => "Other",
        };

        private static string Heat(double value, double max)
        {
            if (value <= 0) return "h0";
            int level = (int)Math.Ceiling(value / max * 5);
            return "h" + Math.Max(1, Math.Min(5, level)).ToString(CultureInfo.InvariantCulture);
        }

        private static double NiceStep(double max)
        {
            double raw = max / 5;
            double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            foreach (double m in new[] { 1.0, 2.0, 2.5, 5.0, 10.0 })
            {
                if (m * magnitude >= raw) return m * magnitude;
            }
            return 10 * magnitude;
        }


        private static string Num(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        private static string Inv(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
        private static string Time(DateTime? t) =>
            t.HasValue ? TimelineLayout.Utc(t.Value).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";
    }
}

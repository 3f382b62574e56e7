using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Landscape.Experiments;

namespace Landscape.Reporting;

/// <summary>
/// Renders the one-page report of a run: title and summary, run facts (status, settings, seed, profile, threads,
/// versions, wall time), the claims table with ✓/✗, the measurements, every figure with its title and caption, and
/// each result table with its first rows inline and links to its CSV and JSON files. The page is self-contained (figures are embedded as SVG data URIs, the style sheet is
/// inline, nothing is fetched) and is written as polyglot XHTML5, so it opens in any browser and parses as XML.
/// </summary>
public static class HtmlReport
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #222; }
        h1 { margin-bottom: 0.2em; }
        .summary { font-size: 1.1em; color: #444; margin-top: 0; }
        table { border-collapse: collapse; margin: 0.5em 0 1.5em 0; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
        th { background: #f3f3f3; }
        td.number { text-align: right; font-variant-numeric: tabular-nums; }
        .holds { color: #176f2c; font-weight: bold; }
        .fails { color: #b00020; font-weight: bold; }
        .status-passed { color: #176f2c; }
        .status-failed { color: #b00020; }
        figure { margin: 1.5em 0; }
        figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
        .figure-row { display: flex; gap: 1em; align-items: flex-start; }
        .figure-row figure { flex: 1 1 0; min-width: 0; }
        figcaption { color: #444; margin-top: 0.3em; }
        code { font-size: 0.95em; }
        .table-preview { overflow-x: auto; }
        table.data { font-size: 0.9em; margin-bottom: 0.3em; }
        table.data td { white-space: nowrap; }
        p.more { color: #666; font-size: 0.9em; margin-top: 0; }
        """;

    /// <summary>How many rows of each table the report shows inline (the CSV holds them all).</summary>
    public const int InlineRows = 8;

    /// <summary>The report of a run as XHTML5 text.</summary>
    /// <param name="manifest">The run's manifest (facts, settings used, claims, measurements, files).</param>
    /// <param name="tables">The result tables written, in order (their first rows are shown inline).</param>
    /// <param name="figures">The figures, in order, with their SVG.</param>
    public static string Render(Manifest manifest, IReadOnlyList<ResultTable> tables, IReadOnlyList<ReportFigure> figures)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(figures);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n");
        html.Append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" xml:lang=\"en\">\n<head>\n");
        html.Append("<meta charset=\"utf-8\" />\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
        html.Append("<title>").Append(Escape(manifest.Experiment)).Append(" — Landscape report</title>\n");
        html.Append("<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n");

        html.Append("<h1>").Append(Escape(manifest.Experiment)).Append("</h1>\n");
        if (manifest.Summary.Length > 0) html.Append("<p class=\"summary\">").Append(Escape(manifest.Summary)).Append("</p>\n");

        AppendFacts(html, manifest);
        AppendClaims(html, manifest.Claims);
        AppendMeasurements(html, manifest.Measurements);
        AppendFigures(html, figures);
        AppendTables(html, tables);

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes the report to <paramref name="path"/>, atomically.</summary>
    public static void Write(string path, Manifest manifest, IReadOnlyList<ResultTable> tables, IReadOnlyList<ReportFigure> figures) =>
        AtomicFile.WriteAllText(path, Render(manifest, tables, figures));

    /// <summary>Escapes text for XHTML element content and attribute values.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                // Control characters other than tab and line breaks are not allowed in XML at all.
                case < ' ' when c is not ('\t' or '\n' or '\r'): builder.Append('\uFFFD'); break;
                default: builder.Append(c); break;
            }
        }
        return builder.ToString();
    }

    private static void AppendFacts(StringBuilder html, Manifest manifest)
    {
        html.Append("<h2>Run</h2>\n<table class=\"facts\">\n");
        string statusClass = manifest.Status == ExperimentStatus.Passed ? "status-passed" : "status-failed";
        html.Append("<tr><th>Status</th><td class=\"").Append(statusClass).Append("\">").Append(Escape(StatusText(manifest))).Append("</td></tr>\n");
        if (manifest.Error is { } error)
            html.Append("<tr><th>Error</th><td><code>").Append(Escape(error)).Append("</code></td></tr>\n");
        Fact(html, "Profile", manifest.Profile.ToString());
        Fact(html, "Seed", manifest.Seed.ToString(CultureInfo.InvariantCulture));
        Fact(html, "Threads", manifest.Threads.ToString(CultureInfo.InvariantCulture));
        if (manifest.Resumed) Fact(html, "Resumed", "yes, from checkpoints");
        Fact(html, "Started (UTC)", manifest.Started.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        Fact(html, "Wall time", manifest.WallTimeSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s");
        var v = manifest.Versions;
        Fact(html, "Landscape", v.Landscape);
        Fact(html, ".NET", v.Runtime);
        Fact(html, "OS", v.Os);
        Fact(html, "CPU", $"{v.Cpu} ({v.ProcessorCount.ToString(CultureInfo.InvariantCulture)} logical processors)");
        Fact(html, "SIMD", $"Vector256 {YesNo(v.Vector256)}, Vector512 {YesNo(v.Vector512)}, AVX-512F {YesNo(v.Avx512F)}");
        html.Append("</table>\n");

        html.Append("<h2>Settings</h2>\n");
        if (manifest.Settings.Count == 0)
        {
            html.Append("<p>This experiment has no settings.</p>\n");
            return;
        }
        html.Append("<table class=\"settings\">\n<tr><th>Setting</th><th>Value</th></tr>\n");
        foreach (var (name, value) in manifest.Settings)
            html.Append("<tr><td><code>--").Append(Escape(name)).Append("</code></td><td><code>").Append(Escape(value)).Append("</code></td></tr>\n");
        html.Append("</table>\n");
    }

    private static void AppendClaims(StringBuilder html, IReadOnlyList<Claim> claims)
    {
        html.Append("<h2>Claims</h2>\n");
        if (claims.Count == 0)
        {
            html.Append("<p>No claims were made.</p>\n");
            return;
        }
        int holding = claims.Count(c => c.Holds);
        html.Append("<p>").Append(holding.ToString(CultureInfo.InvariantCulture)).Append(" of ")
            .Append(claims.Count.ToString(CultureInfo.InvariantCulture)).Append(" claims hold.</p>\n");
        html.Append("<table class=\"claims\">\n<tr><th></th><th>Claim</th><th>Measured</th><th>Expected</th></tr>\n");
        foreach (var claim in claims)
        {
            html.Append("<tr class=\"claim\"><td class=\"").Append(claim.Holds ? "holds\">✓" : "fails\">✗").Append("</td><td>")
                .Append(Escape(claim.Text)).Append("</td><td class=\"number\">").Append(Escape(ExperimentContext.Format(claim.Measured)))
                .Append("</td><td>").Append(Escape(claim.Expected)).Append("</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void AppendMeasurements(StringBuilder html, IReadOnlyList<Measurement> measurements)
    {
        if (measurements.Count == 0) return;
        html.Append("<h2>Measurements</h2>\n<p>Reported without a pass/fail verdict.</p>\n");
        html.Append("<table class=\"measurements\">\n<tr><th>Quantity</th><th>Value</th><th>Unit</th></tr>\n");
        foreach (var m in measurements)
        {
            html.Append("<tr><td>").Append(Escape(m.Name)).Append("</td><td class=\"number\">").Append(Escape(ExperimentContext.Format(m.Value)))
                .Append("</td><td>").Append(Escape(m.Unit)).Append("</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    /// <remarks>Consecutive figures with the same non-empty <see cref="Figure.Row"/> share one flex row (side by side).</remarks>
    private static void AppendFigures(StringBuilder html, IReadOnlyList<ReportFigure> figures)
    {
        if (figures.Count == 0) return;
        html.Append("<h2>Figures</h2>\n");
        for (int k = 0; k < figures.Count; k++)
        {
            string row = figures[k].Figure.Row;
            bool opens = row.Length > 0 && (k == 0 || figures[k - 1].Figure.Row != row);
            bool closes = row.Length > 0 && (k == figures.Count - 1 || figures[k + 1].Figure.Row != row);
            if (opens) html.Append("<div class=\"figure-row\">\n");
            AppendFigure(html, figures[k]);
            if (closes) html.Append("</div>\n");
        }
    }

    private static void AppendFigure(StringBuilder html, ReportFigure reportFigure)
    {
        (Figure figure, string svg) = reportFigure;
        string data = Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
        html.Append("<figure id=\"figure-").Append(Escape(figure.Name)).Append("\">\n<h3>").Append(Escape(figure.Title)).Append("</h3>\n");
        html.Append("<img alt=\"").Append(Escape(figure.Title)).Append("\" src=\"data:image/svg+xml;base64,").Append(data).Append("\" />\n");
        html.Append("<figcaption>");
        if (figure.Caption.Length > 0) html.Append(Escape(figure.Caption)).Append(' ');
        html.Append("Files: <a href=\"").Append(Escape(figure.Name)).Append(".png\">").Append(Escape(figure.Name)).Append(".png</a>, <a href=\"")
            .Append(Escape(figure.Name)).Append(".svg\">").Append(Escape(figure.Name)).Append(".svg</a>.</figcaption>\n</figure>\n");
    }

    /// <summary>Each table: its name, size and files, then its header and first <see cref="InlineRows"/> rows.</summary>
    private static void AppendTables(StringBuilder html, IReadOnlyList<ResultTable> tables)
    {
        if (tables.Count == 0) return;
        html.Append("<h2>Tables</h2>\n<p>The data of record: every table is written as CSV (round-trip numbers) with a JSON copy. ")
            .Append("The first rows of each are shown here.</p>\n");
        foreach (var table in tables)
        {
            string csv = table.Name + ".csv", json = table.Name + ".json";
            html.Append("<h3 id=\"table-").Append(Escape(table.Name)).Append("\">").Append(Escape(table.Name)).Append("</h3>\n<p>")
                .Append(table.RowCount.ToString(CultureInfo.InvariantCulture)).Append(table.RowCount == 1 ? " row" : " rows")
                .Append(" × ").Append(table.Columns.Count.ToString(CultureInfo.InvariantCulture)).Append(table.Columns.Count == 1 ? " column" : " columns")
                .Append(": <a href=\"").Append(Escape(Uri.EscapeDataString(csv))).Append("\">").Append(Escape(csv)).Append("</a>, <a href=\"")
                .Append(Escape(Uri.EscapeDataString(json))).Append("\">").Append(Escape(json)).Append("</a>.</p>\n");
            if (table.RowCount == 0) continue;
            html.Append("<div class=\"table-preview\"><table class=\"data\">\n<tr>");
            foreach (string column in table.Columns) html.Append("<th>").Append(Escape(column)).Append("</th>");
            html.Append("</tr>\n");
            int shown = Math.Min(InlineRows, table.RowCount);
            for (int row = 0; row < shown; row++)
            {
                html.Append("<tr>");
                for (int column = 0; column < table.Columns.Count; column++)
                {
                    Cell cell = table[row, column];
                    html.Append(cell.IsNumber ? "<td class=\"number\">" : "<td>").Append(Escape(CellText(cell))).Append("</td>");
                }
                html.Append("</tr>\n");
            }
            html.Append("</table></div>\n");
            if (shown < table.RowCount)
                html.Append("<p class=\"more\">… ").Append((table.RowCount - shown).ToString(CultureInfo.InvariantCulture))
                    .Append(" more rows in <a href=\"").Append(Escape(Uri.EscapeDataString(csv))).Append("\">").Append(Escape(csv)).Append("</a>.</p>\n");
        }
    }

    /// <summary>A cell as shown in the report: numbers with 6 significant digits (the files keep every digit), text as is.</summary>
    private static string CellText(Cell cell) =>
        cell.IsNumber && double.IsFinite(cell.Number) && cell.Text.Length > 10
            ? cell.Number.ToString("G6", CultureInfo.InvariantCulture)
            : cell.Text;

    private static void Fact(StringBuilder html, string name, string value) =>
        html.Append("<tr><th>").Append(Escape(name)).Append("</th><td>").Append(Escape(value)).Append("</td></tr>\n");

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string StatusText(Manifest manifest) => manifest.Status switch
    {
        ExperimentStatus.Passed => "passed: every claim holds",
        ExperimentStatus.ClaimsFailed => "claims failed: " + manifest.Claims.Count(c => !c.Holds).ToString(CultureInfo.InvariantCulture) + " claim(s) do not hold",
        ExperimentStatus.Cancelled => "cancelled before the end (no tables or figures)",
        _ => "failed with an error (no tables or figures)",
    };
}

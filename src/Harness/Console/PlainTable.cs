using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Landscape.Experiments.Display;

/// <summary>Aligned plain-text tables for redirected output: a header line, then one line per row, columns two spaces apart.</summary>
internal static class PlainTable
{
    /// <summary>
    /// The table as text: each column as wide as its widest cell, left-aligned unless listed in
    /// <paramref name="rightAligned"/>; the last column is not padded, so lines carry no trailing blanks.
    /// </summary>
    public static string Format(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, params int[] rightAligned)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var widths = new int[headers.Count];
        for (int c = 0; c < widths.Length; c++)
            widths[c] = Math.Max(headers[c].Length, rows.Count == 0 ? 0 : rows.Max(r => r[c].Length));
        var text = new StringBuilder();
        AppendLine(text, headers, widths, rightAligned);
        foreach (var row in rows) AppendLine(text, row, widths, rightAligned);
        return text.ToString();
    }

    private static void AppendLine(StringBuilder text, IReadOnlyList<string> cells, int[] widths, int[] rightAligned)
    {
        for (int c = 0; c < cells.Count; c++)
        {
            if (c > 0) text.Append("  ");
            if (rightAligned.Contains(c)) text.Append(cells[c].PadLeft(widths[c]));
            else text.Append(c == cells.Count - 1 ? cells[c] : cells[c].PadRight(widths[c]));
        }
        text.Append('\n');
    }
}

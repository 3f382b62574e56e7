using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Landscape.Benchmarking;
using Landscape.Experiments.Bench;
using Spectre.Console;

namespace Landscape.Experiments.Display;

/// <summary>
/// Prints one network's <c>bench</c> results: per operation the median time per call and the blocks' spread, the FLOPs
/// per call, GFLOP/s, % of the run's FMA peak and the bytes allocated per call.
/// </summary>
internal static class BenchTable
{
    private static readonly string[] Headers = ["OPERATION", "MEDIAN", "SPREAD", "BLOCKS", "FLOPS/CALL", "GFLOP/S", "% OF PEAK", "ALLOCATED/CALL"];

    /// <summary>The numeric columns (right-aligned).</summary>
    private static readonly int[] Numeric = [1, 2, 3, 4, 5, 6, 7];

    /// <summary>The line above a network's table: name, architecture, parameters, input and examples.</summary>
    public static string Title(NetworkDescriptor network, int examples) => string.Create(CultureInfo.InvariantCulture,
        $"{network.Name}: {network.Architecture}; {network.ParameterCount:N0} parameters, input {network.InputShapeText}, {examples:N0} examples per call");

    /// <summary>Prints the table of <paramref name="rows"/> (one network): a Spectre table on an interactive terminal, aligned plain text otherwise.</summary>
    public static void Print(Terminal terminal, IReadOnlyList<BenchRow> rows, double peakGflops)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) return;
        string title = Title(rows[0].Network, rows[0].Examples);
        var cells = rows.Select(r => Cells(r, peakGflops)).ToList();
        if (!terminal.Interactive)
        {
            terminal.Output.WriteLine(title);
            terminal.Output.Write(PlainTable.Format(Headers, cells, Numeric));
            return;
        }
        var table = new Table().RoundedBorder().Title(Markup.Escape(title));
        for (int c = 0; c < Headers.Length; c++)
        {
            var column = new TableColumn(Headers[c]);
            table.AddColumn(Numeric.Contains(c) ? column.RightAligned() : column);
        }
        foreach (string[] row in cells) table.AddRow(row.Select(Markup.Escape).ToArray());
        terminal.Console.Write(table);
    }

    /// <summary>
    /// One row: "loss", "4.21 ms", "±0.8%" (the blocks' median absolute deviation over their median; "*" when the time cap
    /// ended the timing before the spread reached its target), "5×12" (blocks × calls), "397.6 M", "94.4", "41.2", "0 B".
    /// </summary>
    public static string[] Cells(BenchRow row, double peakGflops)
    {
        ArgumentNullException.ThrowIfNull(row);
        return
        [
            row.Operation,
            BlockTimer.Format(row.Timing.MedianSecondsPerCall),
            string.Create(CultureInfo.InvariantCulture, $"±{100 * row.Timing.Spread:F1}%{(row.SpreadReached ? "" : "*")}"),
            string.Create(CultureInfo.InvariantCulture, $"{row.Timing.Blocks.Count}×{row.Timing.CallsPerBlock}"),
            Si(row.Flops),
            string.Create(CultureInfo.InvariantCulture, $"{row.Gflops:F1}"),
            string.Create(CultureInfo.InvariantCulture, $"{row.PercentOfPeak(peakGflops):F1}"),
            Bytes(row.AllocatedBytesPerCall),
        ];
    }

    /// <summary>"397.6 M", "1.61 G", "7,200".</summary>
    private static string Si(long flops) => flops switch
    {
        >= 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{flops / 1e9:F2} G"),
        >= 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{flops / 1e6:F1} M"),
        _ => flops.ToString("N0", CultureInfo.InvariantCulture),
    };

    /// <summary>"0 B", "1,234 B", "45.6 KB", "1.2 MB".</summary>
    private static string Bytes(double bytes) => bytes switch
    {
        >= 1 << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1 << 20):F1} MB"),
        >= 1 << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1 << 10):F1} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes:F0} B"),
    };
}

using System;
using System.Collections.Generic;
using System.Linq;
using Spectre.Console;

namespace Landscape.Experiments.Display;

/// <summary>Prints the claims of one or more runs: experiment, claim, measured, expected, ✓/✗.</summary>
internal static class ClaimsTable
{
    private static readonly string[] Headers = ["EXPERIMENT", "CLAIM", "MEASURED", "EXPECTED", "HOLDS"];

    /// <summary>Prints the table: a Spectre table on an interactive terminal, aligned plain text otherwise.</summary>
    public static void Print(Terminal terminal, IReadOnlyList<ClaimRow> rows)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            terminal.Output.WriteLine("No claims were made.");
            return;
        }
        if (terminal.Interactive) PrintRich(terminal.Console, rows);
        else terminal.Output.Write(Plain(rows));
    }

    /// <summary>The table as aligned plain text, one line per claim under a header.</summary>
    public static string Plain(IReadOnlyList<ClaimRow> rows)
    {
        int holding = rows.Count(r => r.Claim.Holds);
        return PlainTable.Format(Headers, rows.Select(Cells).ToList()) + $"{holding} of {rows.Count} claims hold.\n";
    }

    private static void PrintRich(IAnsiConsole console, IReadOnlyList<ClaimRow> rows)
    {
        var table = new Table().RoundedBorder();
        table.AddColumn("Experiment");
        table.AddColumn("Claim");
        table.AddColumn(new TableColumn("Measured").RightAligned());
        table.AddColumn("Expected");
        table.AddColumn(new TableColumn("").Centered());
        foreach (var row in rows)
        {
            var c = Cells(row);
            string verdict = row.Claim.Holds ? "[green]✓[/]" : "[red bold]✗[/]";
            table.AddRow(new Markup(Markup.Escape(c[0])), new Markup(Markup.Escape(c[1])), new Markup(Markup.Escape(c[2])),
                new Markup(Markup.Escape(c[3])), new Markup(verdict));
        }
        int holding = rows.Count(r => r.Claim.Holds);
        table.Caption($"{holding} of {rows.Count} claims hold");
        console.Write(table);
    }

    private static string[] Cells(ClaimRow row) =>
    [
        row.Experiment,
        row.Claim.Text,
        ExperimentContext.Format(row.Claim.Measured),
        row.Claim.Expected,
        row.Claim.Holds ? "✓" : "✗",
    ];
}

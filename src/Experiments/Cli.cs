using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Landscape.Experiments.CommandLine;
using Landscape.Experiments.Display;

namespace Landscape.Experiments;

/// <summary>
/// The <c>landscape</c> command line: <c>list</c>, <c>describe &lt;name&gt;</c>, <c>run &lt;name|all&gt; …</c> and
/// <c>--version</c>, built over a catalog of <see cref="ExperimentDescriptor"/>s (the generated
/// <c>ExperimentCatalog.All</c> in the program; hand-made descriptors in tests).
/// </summary>
internal static class Cli
{
    /// <summary>The column header printed by <c>landscape list</c> (names padded to 26 columns, wider if a name needs it).</summary>
    public const string ListHeader = "NAME                      SUMMARY";

    private const int NameColumnWidth = 26;

    /// <summary>What <c>landscape --help</c> says first.</summary>
    public const string Description = "Landscape: loss-landscape studies beyond the quadratic approximation.\n\n"
        + "Start with 'landscape run all --quick': every study runs, a claims table is printed, and each run writes\n"
        + "results/<experiment>/<run>/ with CSV tables, PNG and SVG figures, manifest.json and report.html.\n\n"
        + ExitCodes.Help;

    /// <summary>Runs the command line with plain output to <paramref name="output"/> and <paramref name="error"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, IReadOnlyList<ExperimentDescriptor> catalog,
        CancellationToken cancellation = default) =>
        Run(args, Terminal.Plain(output, error), catalog, cancellation);

    /// <summary>Runs the command line on <paramref name="terminal"/>; returns the exit code.</summary>
    public static int Run(string[] args, Terminal terminal, IReadOnlyList<ExperimentDescriptor> catalog, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(terminal);
        ArgumentNullException.ThrowIfNull(catalog);
        var runCommand = new RunCommand(terminal, catalog, cancellation);
        var root = new RootCommand(Description);
        foreach (var version in root.Options.OfType<VersionOption>()) version.Action = new PrintVersion();
        root.Subcommands.Add(ListCommand(terminal, catalog));
        root.Subcommands.Add(DescribeCommand(terminal, catalog));
        root.Subcommands.Add(runCommand.Command);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
            return UsageError(terminal, parse.Errors.Select(e => e.Message).ToList(), HelpHint(parse), runCommand.Explain(parse) ?? ExplainRoot(parse, root));
        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = terminal.Output,
                Error = terminal.Error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (UsageException e)
        {
            return UsageError(terminal, [e.Message], HelpHint(parse), null);
        }
        catch (SettingBindingException e)
        {
            return UsageError(terminal, [e.Message], HelpHint(parse), null);
        }
    }

    /// <summary>Landscape's version (the informational version of this assembly).</summary>
    public static string Version =>
        typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The <c>list</c> lines: a header, then one aligned line per experiment.</summary>
    public static IEnumerable<string> ListLines(IReadOnlyList<ExperimentDescriptor> catalog)
    {
        int width = Math.Max(NameColumnWidth, catalog.Count == 0 ? 0 : catalog.Max(d => d.Name.Length) + 2);
        yield return "NAME".PadRight(width) + "SUMMARY";
        foreach (var descriptor in catalog) yield return descriptor.Name.PadRight(width) + descriptor.Summary;
    }

    /// <summary>The <c>describe</c> text of one experiment.</summary>
    public static string DescribeText(ExperimentDescriptor descriptor)
    {
        var lines = new List<string> { descriptor.Name, "  " + descriptor.Summary, "" };
        if (descriptor.Settings.Count == 0)
        {
            lines.Add("No settings.");
        }
        else
        {
            var rows = descriptor.Settings
                .Select(s => new[] { "--" + s.Name, s.TypeDisplay, s.Default.Length == 0 ? "(empty)" : s.Default, s.Description + EnumHint(s) })
                .ToList();
            string[] header = ["SETTING", "TYPE", "DEFAULT", "DESCRIPTION"];
            var widths = Enumerable.Range(0, 3).Select(c => Math.Max(header[c].Length, rows.Max(r => r[c].Length))).ToArray();
            string Line(string[] cells) => string.Join("  ", cells.Take(3).Select((c, i) => c.PadRight(widths[i]))) + "  " + cells[3];
            lines.Add(Line(header));
            lines.AddRange(rows.Select(Line));
        }
        lines.Add("");
        lines.Add($"Run it: landscape run {descriptor.Name} [--quick] [--seed N] [--<setting> value …]");
        return string.Join("\n", lines) + "\n";
    }

    private static string EnumHint(SettingDescriptor setting) =>
        setting.Kind == SettingKind.Enum && setting.EnumValues.Count > 0 ? $" (one of: {string.Join(", ", setting.EnumValues)})" : "";

    private static Command ListCommand(Terminal terminal, IReadOnlyList<ExperimentDescriptor> catalog)
    {
        var command = new Command("list", "List the available experiments.");
        command.SetAction(_ =>
        {
            foreach (var line in ListLines(catalog)) terminal.Output.WriteLine(line);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command DescribeCommand(Terminal terminal, IReadOnlyList<ExperimentDescriptor> catalog)
    {
        var name = new Argument<string>("name") { Description = "The experiment (see 'landscape list')." };
        var command = new Command("describe", "Show an experiment's summary and settings (name, type, default, description).");
        command.Arguments.Add(name);
        command.SetAction(parse =>
        {
            string wanted = parse.GetValue(name) ?? "";
            var descriptor = catalog.FirstOrDefault(d => d.Name == wanted) ?? throw new UsageException(UnknownExperiment(wanted, catalog));
            terminal.Output.Write(DescribeText(descriptor));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The message for an unknown experiment name, listing the known ones and the closest.</summary>
    public static string UnknownExperiment(string name, IReadOnlyList<ExperimentDescriptor> catalog)
    {
        string known = catalog.Count == 0 ? "there are no experiments" : "the experiments are " + string.Join(", ", catalog.Select(d => d.Name));
        string? closest = Suggestions.Closest(name, catalog.Select(d => d.Name));
        return $"Unknown experiment '{name}'; {known}.{(closest is null ? "" : $" Did you mean '{closest}'?")}";
    }

    private static string HelpHint(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            if (result.Command is not RootCommand) names.Insert(0, result.Command.Name);
        return $"Run 'landscape {string.Join(" ", names.Append("--help")).Trim()}' for usage.";
    }

    /// <summary>At the top level: the missing or unknown verb, with the verbs there are.</summary>
    private static string? ExplainRoot(ParseResult parse, RootCommand root)
    {
        if (parse.CommandResult.Command != root) return null;
        string verbs = string.Join(", ", root.Subcommands.Select(c => c.Name));
        string? given = parse.UnmatchedTokens.FirstOrDefault();
        return given is null
            ? $"'landscape' needs a command: {verbs} (or --help, --version)."
            : $"Unknown command '{given}'; the commands are {verbs}.";
    }

    private static int UsageError(Terminal terminal, IReadOnlyList<string> messages, string hint, string? explanation)
    {
        if (explanation is not null) terminal.Error.WriteLine("error: " + explanation);
        else foreach (var message in messages) terminal.Error.WriteLine("error: " + message);
        terminal.Error.WriteLine(hint);
        return ExitCodes.Usage;
    }

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return ExitCodes.Success;
        }
    }
}

using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.IO;
using System.Linq;
using System.Threading;
using Landscape.Benchmarking;
using Landscape.Experiments.CommandLine;
using Landscape.Experiments.Display;
using Landscape.Reporting;

namespace Landscape.Experiments;

/// <summary>
/// The Landscape command line over a catalog of experiments and one of networks: <c>list</c>, <c>describe &lt;name&gt;</c>,
/// <c>run &lt;name|all&gt; …</c>, <c>bench [names…] …</c> and <c>--version</c>, with progress bars on a terminal (plain
/// lines otherwise), a claims table, a run directory per experiment (tables, figures, manifest.json, report.html), a
/// timing table per network (bench.csv, bench.json) and documented exit codes. The <c>landscape</c> tool is this host
/// over its studies and networks; any program can be the same over its own:
/// <code>return Landscape.Experiments.LandscapeCli.Run(args, ExperimentCatalog.All, NetworkCatalog.All);</code>
/// </summary>
public static class LandscapeCli
{
    /// <summary>The column header printed by <c>list</c> (names padded to 26 columns, wider if a name needs it).</summary>
    public const string ListHeader = "NAME                      SUMMARY";

    private const int NameColumnWidth = 26;

    /// <summary>
    /// Runs the command line of this process over <paramref name="catalog"/> (usually the generated
    /// <c>ExperimentCatalog.All</c>) and returns the exit code to return from <c>Main</c>: 0 every claim holds, 1 a claim
    /// failed, 2 usage error, 3 data error, 4 unexpected failure, 130 cancelled.
    /// </summary>
    /// <remarks>
    /// The first Ctrl+C cancels the running experiment cleanly (its manifest and report say so); a second one ends the
    /// process at once. Progress bars and a rich claims table are drawn when standard output is an interactive terminal
    /// (and <c>TERM</c> is not <c>dumb</c>), plain lines otherwise; <c>NO_COLOR</c> turns colours off. Help texts and
    /// <c>--version</c> use the program's name and version (its entry assembly) next to Landscape's. Under
    /// <c>mpirun -np N</c> the experiments run data-parallel on N ranks (DESIGN §10, docs/distributed.md): rank 0 prints
    /// and writes, and a failure on any rank ends the job.
    /// </remarks>
    public static int Run(string[] args, IReadOnlyList<ExperimentDescriptor> catalog) => Run(args, catalog, []);

    /// <summary>
    /// Runs the command line of this process over the experiments of <paramref name="catalog"/> and the networks of
    /// <paramref name="networks"/> (usually the generated <c>ExperimentCatalog.All</c> and <c>Landscape.NetworkCatalog.All</c>;
    /// either may be empty, <c>[]</c>): everything <see cref="Run(string[], IReadOnlyList{ExperimentDescriptor})"/> does, plus
    /// <c>bench</c> over the networks and their lines in <c>list</c>. Returns the exit code to return from <c>Main</c>.
    /// </summary>
    public static int Run(string[] args, IReadOnlyList<ExperimentDescriptor> catalog, IReadOnlyList<NetworkDescriptor> networks)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(networks);
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler handler = (_, e) =>
        {
            if (cancellation.IsCancellationRequested) return; // the second Ctrl+C ends the process
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += handler;
        try
        {
            Console.OutputEncoding = System.Text.Encoding.UTF8;
            // Under mpirun every rank runs this; rank 0 alone prints (the others fail loudly through MPI_Abort instead).
            Terminal terminal = Distributed.Communicator.World.IsRoot ? Terminal.ForProcess() : Terminal.Plain(TextWriter.Null, TextWriter.Null);
            return Run(args, terminal, catalog, networks, cancellation.Token, ProgramInfo.ForProcess(), BenchCommand.DefaultTiming);
        }
        finally
        {
            Console.CancelKeyPress -= handler;
        }
    }

    /// <summary>Runs the command line with plain output to <paramref name="output"/> and <paramref name="error"/>; returns the exit code.</summary>
    internal static int Run(string[] args, TextWriter output, TextWriter error, IReadOnlyList<ExperimentDescriptor> catalog,
        CancellationToken cancellation = default, ProgramInfo? program = null) =>
        Run(args, Terminal.Plain(output, error), catalog, [], cancellation, program ?? ProgramInfo.Landscape, BenchCommand.DefaultTiming);

    /// <summary>Runs the command line over experiments and networks with plain output, <c>bench</c> timing as <paramref name="timing"/> says; returns the exit code.</summary>
    internal static int Run(string[] args, TextWriter output, TextWriter error, IReadOnlyList<ExperimentDescriptor> catalog,
        IReadOnlyList<NetworkDescriptor> networks, BlockTimer.Settings timing, CancellationToken cancellation = default) =>
        Run(args, Terminal.Plain(output, error), catalog, networks, cancellation, ProgramInfo.Landscape, timing);

    /// <summary>Runs the command line on <paramref name="terminal"/>; returns the exit code.</summary>
    internal static int Run(string[] args, Terminal terminal, IReadOnlyList<ExperimentDescriptor> catalog, IReadOnlyList<NetworkDescriptor> networks,
        CancellationToken cancellation, ProgramInfo program, BlockTimer.Settings timing)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(terminal);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(networks);
        ArgumentNullException.ThrowIfNull(program);
        var runCommand = new RunCommand(terminal, catalog, program.Name, cancellation);
        var root = new RootCommand(Description(program.Name));
        foreach (var version in root.Options.OfType<VersionOption>()) version.Action = new PrintVersion(program);
        root.Subcommands.Add(ListCommand(terminal, catalog, networks));
        root.Subcommands.Add(DescribeCommand(terminal, catalog, program.Name));
        root.Subcommands.Add(runCommand.Command);
        root.Subcommands.Add(new BenchCommand(terminal, networks, program.Name, cancellation, timing).Command);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
            return UsageError(terminal, parse.Errors.Select(e => e.Message).ToList(), HelpHint(parse, program.Name), runCommand.Explain(parse) ?? ExplainRoot(parse, root, program.Name));
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
            return UsageError(terminal, [e.Message], HelpHint(parse, program.Name), null);
        }
        catch (SettingBindingException e)
        {
            return UsageError(terminal, [e.Message], HelpHint(parse, program.Name), null);
        }
    }

    /// <summary>What <c>--help</c> says first.</summary>
    internal static string Description(string program) => "Landscape: loss-landscape studies beyond the quadratic approximation.\n\n"
        + $"Start with '{program} run all --quick': every study runs, a claims table is printed, and each run writes\n"
        + "results/<experiment>/<run>/ with CSV tables, PNG and SVG figures, manifest.json and report.html.\n"
        + $"'{program} bench' times the declared networks' loss, gradient and HVP against the machine's FMA peak.\n\n"
        + ExitCodes.Help;

    /// <summary>Landscape's version (the informational version of the harness, which versions in lockstep with the runtime).</summary>
    public static string Version => MachineFacts.LandscapeVersion;

    /// <summary>The <c>list</c> lines: a header, then one aligned line per experiment.</summary>
    public static IEnumerable<string> ListLines(IReadOnlyList<ExperimentDescriptor> catalog)
    {
        int width = Math.Max(NameColumnWidth, catalog.Count == 0 ? 0 : catalog.Max(d => d.Name.Length) + 2);
        yield return "NAME".PadRight(width) + "SUMMARY";
        foreach (var descriptor in catalog) yield return descriptor.Name.PadRight(width) + descriptor.Summary;
    }

    /// <summary>
    /// The <c>list</c> lines of a program with experiments and networks: the experiment lines (when there are experiments,
    /// or no networks either), then, after a blank line, a header and one aligned line per network (name, parameters,
    /// architecture).
    /// </summary>
    public static IEnumerable<string> ListLines(IReadOnlyList<ExperimentDescriptor> catalog, IReadOnlyList<NetworkDescriptor> networks)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(networks);
        bool experiments = catalog.Count > 0 || networks.Count == 0;
        if (experiments)
            foreach (string line in ListLines(catalog)) yield return line;
        if (networks.Count == 0) yield break;
        if (experiments) yield return "";
        int width = Math.Max(NameColumnWidth, networks.Max(d => d.Name.Length) + 2);
        var parameters = networks.Select(d => d.ParameterCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        int parameterWidth = Math.Max("PARAMETERS".Length, parameters.Max(p => p.Length));
        yield return "NETWORK".PadRight(width) + "PARAMETERS".PadLeft(parameterWidth) + "  ARCHITECTURE";
        for (int i = 0; i < networks.Count; i++)
            yield return networks[i].Name.PadRight(width) + parameters[i].PadLeft(parameterWidth) + "  " + networks[i].Architecture;
    }

    /// <summary>The <c>describe</c> text of one experiment.</summary>
    public static string DescribeText(ExperimentDescriptor descriptor) => DescribeText(descriptor, ProgramInfo.Landscape.Name);

    /// <summary>The <c>describe</c> text of one experiment, for the program named <paramref name="program"/>.</summary>
    internal static string DescribeText(ExperimentDescriptor descriptor, string program)
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
        lines.Add($"Run it: {program} run {descriptor.Name} [--quick] [--seed N] [--<setting> value …]");
        return string.Join("\n", lines) + "\n";
    }

    private static string EnumHint(SettingDescriptor setting) =>
        setting.Kind == SettingKind.Enum && setting.EnumValues.Count > 0 ? $" (one of: {string.Join(", ", setting.EnumValues)})" : "";

    private static Command ListCommand(Terminal terminal, IReadOnlyList<ExperimentDescriptor> catalog, IReadOnlyList<NetworkDescriptor> networks)
    {
        var command = new Command("list", "List the available experiments and networks.");
        command.SetAction(_ =>
        {
            foreach (var line in ListLines(catalog, networks)) terminal.Output.WriteLine(line);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command DescribeCommand(Terminal terminal, IReadOnlyList<ExperimentDescriptor> catalog, string program)
    {
        var name = new Argument<string>("name") { Description = $"The experiment (see '{program} list')." };
        var command = new Command("describe", "Show an experiment's summary and settings (name, type, default, description).");
        command.Arguments.Add(name);
        command.SetAction(parse =>
        {
            string wanted = parse.GetValue(name) ?? "";
            var descriptor = catalog.FirstOrDefault(d => d.Name == wanted) ?? throw new UsageException(UnknownExperiment(wanted, catalog));
            terminal.Output.Write(DescribeText(descriptor, program));
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

    private static string HelpHint(ParseResult parse, string program)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            if (result.Command is not RootCommand) names.Insert(0, result.Command.Name);
        return $"Run '{program} {string.Join(" ", names.Append("--help")).Trim()}' for usage.";
    }

    /// <summary>At the top level: the missing or unknown verb, with the verbs there are.</summary>
    private static string? ExplainRoot(ParseResult parse, RootCommand root, string program)
    {
        if (parse.CommandResult.Command != root) return null;
        string verbs = string.Join(", ", root.Subcommands.Select(c => c.Name));
        string? given = parse.UnmatchedTokens.FirstOrDefault();
        return given is null
            ? $"'{program}' needs a command: {verbs} (or --help, --version)."
            : $"Unknown command '{given}'; the commands are {verbs}.";
    }

    private static int UsageError(Terminal terminal, IReadOnlyList<string> messages, string hint, string? explanation)
    {
        if (explanation is not null) terminal.Error.WriteLine("error: " + explanation);
        else foreach (var message in messages) terminal.Error.WriteLine("error: " + message);
        terminal.Error.WriteLine(hint);
        return ExitCodes.Usage;
    }

    /// <summary><c>--version</c>: the program's name and version, then Landscape's.</summary>
    private sealed class PrintVersion(ProgramInfo program) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(program.VersionLine);
            return ExitCodes.Success;
        }
    }
}

using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Landscape.Distributed;
using Landscape.Experiments.Display;

namespace Landscape.Experiments.CommandLine;

/// <summary>
/// <c>landscape run &lt;name|all&gt;</c>: one subcommand per experiment (its settings as options, so
/// <c>run &lt;name&gt; --help</c> lists them) plus <c>all</c>, sharing the run options (profile, seed, output, run
/// name, threads, resume). Runs go through <see cref="ExperimentRunner"/>; a combined claims table is printed at the
/// end, and each failing claim is named on standard error.
/// </summary>
internal sealed class RunCommand
{
    private const string AllName = "all";

    private readonly Terminal _terminal;
    private readonly IReadOnlyList<ExperimentDescriptor> _catalog;
    private readonly CancellationToken _cancellation;
    private readonly string _program;
    private readonly Dictionary<Command, SettingOptions> _settings = [];

    private readonly Option<bool> _quick = new("--quick") { Description = "Use the quick profile (same as --profile quick): every claim, smaller problems.", Recursive = true };
    private readonly Option<string> _profile = new("--profile") { Description = "Problem sizes: full (as reported), quick, or test (seconds) [default: full].", HelpName = "full|quick|test", Recursive = true };
    private readonly Option<int> _seed = new("--seed") { Description = "Master seed; same seed, same tables [default: 0].", HelpName = "N", Recursive = true };
    private readonly Option<string> _out = new("--out") { Description = "Results root; runs go to <root>/<experiment>/<run> [default: results].", HelpName = "DIR", Recursive = true };
    private readonly Option<string> _run = new("--run") { Description = "Run directory name [default: UTC timestamp yyyyMMdd-HHmmss].", HelpName = "NAME", Recursive = true };
    private readonly Option<int?> _threads = new("--threads") { Description = "Thread limit (results do not depend on it) [default: all processors].", HelpName = "N", Recursive = true };
    private readonly Option<bool> _resume = new("--resume") { Description = "Continue the run given by --run (default: the most recent run) from its checkpoints.", Recursive = true };

    public RunCommand(Terminal terminal, IReadOnlyList<ExperimentDescriptor> catalog, string program, CancellationToken cancellation)
    {
        _terminal = terminal;
        _program = program;
        _catalog = catalog;
        _cancellation = cancellation;
        Command = new Command("run", "Run one experiment, or all of them, and write tables, figures, manifest.json and report.html.\n\n" + ExitCodes.Help);
        foreach (var option in new Option[] { _quick, _profile, _seed, _out, _run, _threads, _resume }) Command.Options.Add(option);

        var all = new Command(AllName, "Run every experiment with its default settings and print one combined claims table.");
        all.SetAction(parse => Execute(parse, _catalog.Select(d => (d, d.Create())).ToList()));
        Command.Subcommands.Add(all);

        var reserved = new HashSet<string>(StringComparer.Ordinal) { "quick", "profile", "seed", "out", "run", "threads", "resume", "help", "version" };
        foreach (var descriptor in catalog)
        {
            if (descriptor.Name == AllName)
                throw new InvalidOperationException($"An experiment may not be named '{AllName}': 'run all' runs every experiment.");
            foreach (var setting in descriptor.Settings)
            {
                if (reserved.Contains(setting.Name))
                    throw new InvalidOperationException($"Experiment '{descriptor.Name}' has a setting --{setting.Name}, which clashes with the run option of the same name; rename the setting.");
            }
            var settings = new SettingOptions(descriptor);
            var command = new Command(descriptor.Name, descriptor.Summary);
            _settings[command] = settings;
            foreach (var option in settings.Options) command.Options.Add(option);
            command.SetAction(parse =>
            {
                var experiment = descriptor.Create(settings.Pairs(parse));
                return Execute(parse, [(descriptor, experiment)]);
            });
            Command.Subcommands.Add(command);
        }
    }

    /// <summary>The <c>run</c> command.</summary>
    public Command Command { get; }

    /// <summary>
    /// A better message than the parser's: for an experiment, the catalog's binding error for the unrecognized tokens
    /// (unknown setting with the closest name, bad value); after <c>run</c>, the missing or unknown experiment name.
    /// </summary>
    public string? Explain(ParseResult parse)
    {
        if (_settings.TryGetValue(parse.CommandResult.Command, out var settings))
        {
            if (parse.UnmatchedTokens.Count == 0) return null;
            try
            {
                settings.Descriptor.Create(settings.Pairs(parse));
                return null;
            }
            catch (SettingBindingException e)
            {
                return e.Message;
            }
            catch (UsageException e)
            {
                return e.Message;
            }
        }
        if (parse.CommandResult.Command != Command) return null;
        string? given = parse.UnmatchedTokens.FirstOrDefault(t => !t.StartsWith('-'))
            ?? parse.Errors.Select(e => e.SymbolResult).OfType<CommandResult>().SelectMany(r => r.Tokens).Select(t => t.Value).FirstOrDefault(v => !v.StartsWith('-'));
        if (given is null)
        {
            var tokens = parse.Tokens.Select(t => t.Value).SkipWhile(v => v != "run").Skip(1).Where(v => !v.StartsWith('-')).ToList();
            given = tokens.FirstOrDefault();
        }
        return given is null
            ? $"'{_program} run' needs an experiment name or '{AllName}'; the experiments are {string.Join(", ", _catalog.Select(d => d.Name))}."
            : LandscapeCli.UnknownExperiment(given, _catalog) + $" Use '{_program} run {AllName}' to run every experiment.";
    }

    private int Execute(ParseResult parse, IReadOnlyList<(ExperimentDescriptor Descriptor, IExperiment Experiment)> runs)
    {
        var request = Request(parse);
        var rows = new List<ClaimRow>();
        int worst = ExitCodes.Success;
        DateTime now = DateTime.UtcNow;
        foreach (var (descriptor, experiment) in runs)
        {
            if (_cancellation.IsCancellationRequested) return Cancelled(rows);
            int code = RunOne(descriptor, experiment, request, now, rows);
            if (code == ExitCodes.Cancelled) return Cancelled(rows);
            worst = Worse(worst, code);
        }

        _terminal.Output.WriteLine();
        ClaimsTable.Print(_terminal, rows);
        foreach (var row in rows.Where(r => !r.Claim.Holds))
        {
            _terminal.Error.WriteLine($"✗ claim failed: {row.Experiment}: {row.Claim.Text} (measured {ExperimentContext.Format(row.Claim.Measured)}, expected {row.Claim.Expected})");
        }
        return worst;
    }

    private int Cancelled(List<ClaimRow> rows)
    {
        if (rows.Count > 0) ClaimsTable.Print(_terminal, rows);
        _terminal.Error.WriteLine("Cancelled.");
        return ExitCodes.Cancelled;
    }

    /// <summary>Errors outrank failed claims; failed claims outrank success.</summary>
    private static int Worse(int a, int b)
    {
        static int Rank(int code) => code switch
        {
            ExitCodes.Success => 0,
            ExitCodes.ClaimFailed => 1,
            ExitCodes.DataError => 2,
            _ => 3,
        };
        return Rank(b) > Rank(a) ? b : a;
    }

    private int RunOne(ExperimentDescriptor descriptor, IExperiment experiment, RunRequest request, DateTime now, List<ClaimRow> rows)
    {
        // Rank 0 picks the run directory (a timestamp, or the most recent run to resume) and tells the others, so every
        // rank agrees without a shared filesystem.
        Communicator communicator = Communicator.World;
        string? directory = null, failure = null;
        if (communicator.IsRoot)
        {
            try
            {
                directory = Directory(descriptor.Name, request, now);
            }
            catch (IOException e)
            {
                failure = e.Message;
            }
        }
        if (communicator.Size > 1)
        {
            directory = communicator.Broadcast(directory);
            failure = communicator.Broadcast(failure);
        }
        if (failure is not null || directory is null)
        {
            _terminal.Error.WriteLine($"error: {descriptor.Name}: {failure}");
            return ExitCodes.DataError;
        }

        string threads = request.Threads is int t ? t.ToString(CultureInfo.InvariantCulture) : Parallelism.MaxThreads.ToString(CultureInfo.InvariantCulture);
        string ranks = communicator.Size > 1 ? $", ranks {communicator.Size.ToString(CultureInfo.InvariantCulture)}" : "";
        _terminal.Output.WriteLine($"▶ {descriptor.Name}: profile {request.Profile}, seed {request.Seed.ToString(CultureInfo.InvariantCulture)}, threads {threads}{ranks}{(request.Resume ? ", resuming" : "")}");
        _terminal.Output.WriteLine($"  {directory}");
        try
        {
            var run = ConsoleProgress.Show(_terminal, (sink, log) => ExperimentRunner.Run(descriptor, experiment, new ExperimentRunOptions
            {
                OutputDirectory = directory,
                Profile = request.Profile,
                Seed = request.Seed,
                Resume = request.Resume,
                Threads = request.Threads,
                Log = log,
                ProgressSink = sink,
                Cancellation = _cancellation,
                Communicator = communicator,
            }));
            rows.AddRange(run.Result.Claims.Select(c => new ClaimRow(descriptor.Name, c)));
            string seconds = run.WallTime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            if (run.Status == ExperimentStatus.Cancelled)
            {
                _terminal.Output.WriteLine($"  cancelled after {seconds} s; report: {run.ReportPath}");
                return ExitCodes.Cancelled;
            }
            _terminal.Output.WriteLine($"  {run.Result.Claims.Count(c => c.Holds)}/{run.Result.Claims.Count} claims hold, {seconds} s; report: {run.ReportPath}");
            return run.Status == ExperimentStatus.Passed ? ExitCodes.Success : ExitCodes.ClaimFailed;
        }
        catch (ExperimentRunFailedException e)
        {
            var inner = e.InnerException ?? e;
            if (IsDataError(inner))
            {
                _terminal.Error.WriteLine($"error: {descriptor.Name}: {inner.Message}");
                _terminal.Error.WriteLine($"  the failure is recorded in {e.ReportPath}");
                return ExitCodes.DataError;
            }
            _terminal.Error.WriteLine($"error: {descriptor.Name} failed unexpectedly: {inner}");
            _terminal.Error.WriteLine($"  the failure is recorded in {e.ReportPath}");
            return ExitCodes.Failed;
        }
        catch (Exception e) when (IsDataError(e))
        {
            _terminal.Error.WriteLine($"error: {descriptor.Name}: {e.Message}");
            return ExitCodes.DataError;
        }
    }

    private static bool IsDataError(Exception e) =>
        e is InvalidDataException or FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException;

    private string Directory(string experiment, RunRequest request, DateTime now)
    {
        if (!request.Resume) return RunDirectories.New(request.Root, experiment, request.Run, now);
        if (request.Run is string run)
        {
            string given = Path.Combine(request.Root, experiment, run);
            if (!System.IO.Directory.Exists(given))
                _terminal.Error.WriteLine($"note: {given} does not exist; nothing to resume, starting a new run there.");
            return given;
        }
        if (RunDirectories.MostRecent(request.Root, experiment) is string recent) return recent;
        string fresh = RunDirectories.New(request.Root, experiment, null, now);
        _terminal.Error.WriteLine($"note: no earlier run of {experiment} under {request.Root}; nothing to resume, starting a new run.");
        return fresh;
    }

    private RunRequest Request(ParseResult parse)
    {
        var profile = Profile.Full;
        string? profileText = parse.GetValue(_profile);
        if (profileText is not null)
        {
            profile = profileText.ToLowerInvariant() switch
            {
                "full" => Profile.Full,
                "quick" => Profile.Quick,
                "test" => Profile.Test,
                _ => throw new UsageException($"--profile '{profileText}' is not a profile; expected full, quick or test."),
            };
        }
        if (parse.GetValue(_quick))
        {
            if (profileText is not null && profile != Profile.Quick)
                throw new UsageException($"--quick contradicts --profile {profileText}; give one of them.");
            profile = Profile.Quick;
        }
        int? threads = parse.GetValue(_threads);
        if (threads is < 1) throw new UsageException($"--threads {threads} is not valid; expected a thread count of at least 1.");
        string? run = parse.GetValue(_run);
        if (run is not null) RunDirectories.CheckRunName(run);
        string root = parse.GetValue(_out) ?? "results";
        if (string.IsNullOrWhiteSpace(root)) throw new UsageException("--out needs a directory.");
        return new RunRequest(profile, parse.GetValue(_seed), Path.GetFullPath(root), run, threads, parse.GetValue(_resume));
    }

    private sealed record RunRequest(Profile Profile, int Seed, string Root, string? Run, int? Threads, bool Resume);
}

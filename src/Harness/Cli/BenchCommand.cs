using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using System.Threading;
using Landscape.Benchmarking;
using Landscape.Experiments.Bench;
using Landscape.Experiments.Display;

namespace Landscape.Experiments.CommandLine;

/// <summary>
/// <c>landscape bench [names…]</c>: times the generated loss, gradient and HVP of catalog networks on seeded synthetic
/// data, measures the machine's FMA peak in the same run (before and after the networks; the larger is the reference),
/// prints a table per network and writes <c>bench.csv</c> and <c>bench.json</c> to <c>&lt;out&gt;/bench/&lt;run&gt;/</c>
/// (DESIGN.md §11).
/// </summary>
internal sealed class BenchCommand
{
    /// <summary>Examples per call when <c>--examples</c> is not given.</summary>
    public const int DefaultExamples = 1000;

    /// <summary>
    /// How operations and the peak are timed: a warm-up of at least 0.5 s (so the JIT's tiering has settled), blocks of at
    /// least 200 ms, at least 5 blocks and then more until the blocks' spread is at most 2%, at most 5 s per operation.
    /// </summary>
    public static BlockTimer.Settings DefaultTiming { get; } = new(Rounds: 5, Pause: TimeSpan.FromMilliseconds(20),
        BlockTarget: TimeSpan.FromMilliseconds(200), Warmup: TimeSpan.FromMilliseconds(500))
    {
        TargetSpread = 0.02,
        TimeCap = TimeSpan.FromSeconds(5),
        MaxRounds = 50,
    };

    private readonly Terminal _terminal;
    private readonly IReadOnlyList<NetworkDescriptor> _networks;
    private readonly string _program;
    private readonly CancellationToken _cancellation;
    private readonly BlockTimer.Settings _timing;

    private readonly Argument<string[]> _names = new("names") { Arity = ArgumentArity.ZeroOrMore, Description = "Networks to time (default: every network; see 'list')." };
    private readonly Option<int?> _examples = new("--examples") { Description = $"Examples per call (seeded synthetic data of the network's input shape) [default: {DefaultExamples}].", HelpName = "N" };
    private readonly Option<int?> _threads = new("--threads") { Description = "Threads of every call and of the FMA peak [default: all processors].", HelpName = "N" };
    private readonly Option<string[]> _operations = new("--operations") { Description = $"Operations to time, by name or comma-separated [default: {string.Join(",", BenchOperation.All.Select(o => o.Name))}].", HelpName = "OPS", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };
    private readonly Option<int> _seed = new("--seed") { Description = "Seed of the synthetic data, θ and v [default: 0].", HelpName = "N" };
    private readonly Option<string> _out = new("--out") { Description = "Results root; files go to <root>/bench/<run> [default: results].", HelpName = "DIR" };
    private readonly Option<string> _run = new("--run") { Description = "Run directory name [default: UTC timestamp yyyyMMdd-HHmmss].", HelpName = "NAME" };

    public BenchCommand(Terminal terminal, IReadOnlyList<NetworkDescriptor> networks, string program, CancellationToken cancellation, BlockTimer.Settings timing)
    {
        _terminal = terminal;
        _networks = networks;
        _program = program;
        _cancellation = cancellation;
        _timing = timing;
        Command = new Command("bench", "Time the generated loss, gradient and HVP of declared networks against the machine's FMA peak, and write bench.csv and bench.json.\n\n" + ExitCodes.Help);
        Command.Arguments.Add(_names);
        foreach (var option in new Option[] { _examples, _threads, _operations, _seed, _out, _run }) Command.Options.Add(option);
        Command.SetAction(Execute);
    }

    /// <summary>The <c>bench</c> command.</summary>
    public Command Command { get; }

    /// <summary>The message for an unknown network name, listing the known ones and the closest.</summary>
    public static string UnknownNetwork(string name, IReadOnlyList<NetworkDescriptor> networks)
    {
        string known = "the networks are " + string.Join(", ", networks.Select(d => d.Name));
        string? closest = Suggestions.Closest(name, networks.Select(d => d.Name));
        return $"Unknown network '{name}'; {known}.{(closest is null ? "" : $" Did you mean '{closest}'?")}";
    }

    /// <summary>The message for an unknown option (the parser takes it for a network name), listing the options and the closest.</summary>
    private string UnknownOption(string given)
    {
        string[] options = Command.Options.Select(o => o.Name).Where(n => n.StartsWith("--", StringComparison.Ordinal) && n != "--help").ToArray();
        string? closest = Suggestions.Closest(given, options);
        return $"bench has no option {given}; its options are {string.Join(", ", options)}.{(closest is null ? "" : $" Did you mean {closest}?")}";
    }

    /// <summary>The operations named by <c>--operations</c> (names or comma-separated lists), in table order; all of them when none are given.</summary>
    public static IReadOnlyList<BenchOperation> Operations(IReadOnlyList<string>? given)
    {
        string[] names = (given ?? []).SelectMany(g => g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        if (names.Length == 0) return BenchOperation.All;
        string known = string.Join(", ", BenchOperation.All.Select(o => o.Name));
        foreach (string name in names)
        {
            if (BenchOperation.Find(name) is not null) continue;
            string? closest = Suggestions.Closest(name, BenchOperation.All.Select(o => o.Name));
            throw new UsageException($"Unknown operation '{name}'; the operations are {known}.{(closest is null ? "" : $" Did you mean '{closest}'?")}");
        }
        return BenchOperation.All.Where(o => names.Contains(o.Name)).ToList();
    }

    private int Execute(ParseResult parse)
    {
        BenchRequest request = Request(parse);
        int previousThreads = Parallelism.MaxThreads;
        Parallelism.MaxThreads = request.Threads;
        try
        {
            return Run(request);
        }
        finally
        {
            Parallelism.MaxThreads = previousThreads;
        }
    }

    private int Run(BenchRequest request)
    {
        string directory = RunDirectories.New(request.Root, "bench", request.Run, DateTime.UtcNow);
        var output = _terminal.Output;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"▶ bench: {request.Networks.Count} network{(request.Networks.Count == 1 ? "" : "s")} × {string.Join(", ", request.Operations.Select(o => o.Name))}; {request.Examples:N0} examples per call, threads {request.Threads}, seed {request.Seed}"));
        output.WriteLine($"  {directory}");

        var probe = new FmaPeak(request.Threads);
        output.WriteLine("  FMA peak (before the networks)…");
        SideTiming peakBefore = NetworkBench.Peak(probe, _timing);
        var rows = new List<BenchRow>();
        foreach (NetworkDescriptor network in request.Networks)
        {
            BenchSubject subject = NetworkBench.Subject(network, request.Examples, request.Seed);
            foreach (BenchOperation operation in request.Operations)
            {
                if (_cancellation.IsCancellationRequested)
                {
                    _terminal.Error.WriteLine("Cancelled.");
                    return ExitCodes.Cancelled;
                }
                output.WriteLine($"  {network.Name}: {operation.Name} ({operation.Computes})…");
                rows.AddRange(NetworkBench.Measure(network, subject, [operation], _timing));
            }
        }
        output.WriteLine("  FMA peak (after the networks)…");
        SideTiming peakAfter = NetworkBench.Peak(probe, _timing);
        var run = new BenchRun(request.Examples, request.Threads, request.Seed, _timing, new PeakMeasurement(request.Threads, probe.Flops, peakBefore, peakAfter), rows);

        Report(run);
        (string csv, string json) = BenchFiles.Write(directory, run);
        output.WriteLine($"wrote {csv}");
        output.WriteLine($"wrote {json}");
        return ExitCodes.Success;
    }

    /// <summary>The peak, one table per network, and what the marks mean.</summary>
    private void Report(BenchRun run)
    {
        var output = _terminal.Output;
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"FMA peak: {run.Peak.Gflops:F1} GFLOP/s on {run.Threads} thread{(run.Threads == 1 ? "" : "s")} (measured before the networks {run.Peak.BeforeGflops:F1}, after {run.Peak.AfterGflops:F1}; % of peak is against the larger)"));
        foreach (var network in run.Rows.GroupBy(r => r.Network))
        {
            output.WriteLine();
            BenchTable.Print(_terminal, network.ToList(), run.Peak.Gflops);
        }
        output.WriteLine();
        output.WriteLine("FLOPs count 2 per multiply-add of the GEMMs (convolutions as their im2col GEMMs); activations, pooling and the loss head are not counted.");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SPREAD is the blocks' median absolute deviation over their median; * marks an operation whose spread stayed above {100 * run.Settings.TargetSpread:F0}% until the time cap ({run.Settings.TimeCap.TotalSeconds:F0} s)."));
        foreach (BenchRow row in run.Rows.Where(r => r.PercentOfPeak(run.Peak.Gflops) > 100))
        {
            _terminal.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warning: {row.Network.Name} {row.Operation} measured {row.PercentOfPeak(run.Peak.Gflops):F1}% of the FMA peak: the peak measurements were disturbed (a busy machine?); rerun for a sound ratio."));
        }
    }

    private BenchRequest Request(ParseResult parse)
    {
        if (_networks.Count == 0)
            throw new UsageException($"'{_program}' has no networks to time: declare [Network] classes and pass the generated catalog, LandscapeCli.Run(args, experiments, NetworkCatalog.All).");
        string[] names = parse.GetValue(_names) ?? [];
        var networks = new List<NetworkDescriptor>();
        foreach (string name in names)
        {
            if (name.StartsWith('-')) throw new UsageException(UnknownOption(name));
            NetworkDescriptor network = _networks.FirstOrDefault(n => n.Name == name) ?? throw new UsageException(UnknownNetwork(name, _networks));
            if (!networks.Contains(network)) networks.Add(network);
        }
        if (networks.Count == 0) networks.AddRange(_networks);
        IReadOnlyList<BenchOperation> operations = Operations(parse.GetValue(_operations));
        int examples = parse.GetValue(_examples) ?? DefaultExamples;
        if (examples < 1) throw new UsageException($"--examples {examples} is not valid; expected at least 1 example per call.");
        int threads = parse.GetValue(_threads) ?? Parallelism.MaxThreads;
        if (threads < 1) throw new UsageException($"--threads {threads} is not valid; expected a thread count of at least 1.");
        if (!FmaPeak.IsSupported) throw new UsageException("bench measures the FMA peak, which needs an x86 processor with FMA3; this one has none.");
        string? run = parse.GetValue(_run);
        if (run is not null) RunDirectories.CheckRunName(run);
        string root = parse.GetValue(_out) ?? "results";
        if (string.IsNullOrWhiteSpace(root)) throw new UsageException("--out needs a directory.");
        return new BenchRequest(networks, operations, examples, threads, parse.GetValue(_seed), System.IO.Path.GetFullPath(root), run);
    }

    private sealed record BenchRequest(IReadOnlyList<NetworkDescriptor> Networks, IReadOnlyList<BenchOperation> Operations, int Examples, int Threads,
        int Seed, string Root, string? Run);
}

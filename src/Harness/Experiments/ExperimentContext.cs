using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Landscape.Distributed;

namespace Landscape.Experiments;

/// <summary>
/// What a running experiment works with: its profile and seed, progress, a log, checkpoints, and the named result
/// tables, figures, claims and measurements it collects. The context writes nothing but checkpoints:
/// <see cref="Result"/> hands what was collected to <see cref="ExperimentRunner"/>, which writes the tables (CSV + JSON),
/// the figures (PNG + SVG), the manifest and the HTML report.
/// </summary>
/// <remarks>
/// Determinism: everything written through the context depends only on the settings, the profile and the seed — never on
/// the thread count, the culture or the clock. Wall times belong in the manifest, not in tables or claims.
/// </remarks>
public sealed class ExperimentContext
{
    private readonly List<ResultTable> _tables = [];
    private readonly List<Figure> _figures = [];
    private readonly List<Claim> _claims = [];
    private readonly List<Measurement> _measurements = [];

    /// <summary>Creates a context writing into <paramref name="outputDirectory"/> (created if missing).</summary>
    public ExperimentContext(string experimentName, string outputDirectory, Profile profile = Profile.Full, int seed = 0)
        : this(experimentName, outputDirectory, profile, seed, Communicator.Local)
    {
    }

    /// <summary>
    /// Creates a context for one rank of a job over <paramref name="communicator"/>: rank 0 writes into
    /// <paramref name="outputDirectory"/> (created if missing); the other ranks compute alike and write nothing.
    /// </summary>
    public ExperimentContext(string experimentName, string outputDirectory, Profile profile, int seed, Communicator communicator)
    {
        ArgumentException.ThrowIfNullOrEmpty(experimentName);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        ArgumentNullException.ThrowIfNull(communicator);
        ExperimentName = experimentName;
        OutputDirectory = Path.GetFullPath(outputDirectory);
        Profile = profile;
        Seed = seed;
        Communicator = communicator;
        if (communicator.IsRoot) Directory.CreateDirectory(OutputDirectory);
    }

    /// <summary>The ranks running this experiment together (<see cref="Communicator.Local"/> in one process).</summary>
    public Communicator Communicator { get; }

    /// <summary>
    /// The model and data an experiment should use for <paramref name="model"/> on the whole dataset
    /// <paramref name="data"/>: in one process, the two themselves; under MPI (more than one rank), the model wrapped in a
    /// <see cref="DataParallelModel"/> and this rank's shard of the data, whose loss, gradient and H·v are the
    /// one-process bits on every rank. Objectives are returned as they are (they ignore the data).
    /// </summary>
    /// <exception cref="ArgumentException">Under MPI, <paramref name="model"/> is neither a generated network nor an objective.</exception>
    public (IModel Model, Dataset Data) Distribute(IModel model, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (Communicator.Size == 1 || model is Models.IDataFreeModel) return (model, data);
        var dataParallel = new DataParallelModel(model, Communicator);
        return (dataParallel, dataParallel.Shard(data));
    }

    /// <summary>
    /// Whether to resume from the checkpoint at <paramref name="path"/>: <see cref="Resume"/> is set and the file exists on
    /// rank 0 (which reads it and sends its contents to the other ranks; no shared filesystem is assumed). The same
    /// answer on every rank.
    /// </summary>
    public bool CanResumeFrom(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!Resume) return false;
        if (Communicator.Size == 1) return File.Exists(path);
        Span<byte> exists = [(byte)(Communicator.IsRoot && File.Exists(path) ? 1 : 0)];
        Communicator.Broadcast(exists);
        return exists[0] == 1;
    }

    /// <summary>The experiment's name.</summary>
    public string ExperimentName { get; }

    /// <summary>The directory the run writes into.</summary>
    public string OutputDirectory { get; }

    /// <summary>The profile (<see cref="Profile.Full"/>, <see cref="Profile.Quick"/> or <see cref="Profile.Test"/>).</summary>
    public Profile Profile { get; }

    /// <summary>The master seed; derive every random stream from it.</summary>
    public int Seed { get; }

    /// <summary>Whether to continue from the checkpoints in <see cref="OutputDirectory"/> (<c>--resume</c>).</summary>
    public bool Resume { get; init; }

    /// <summary>Human-readable log lines (not part of the deterministic outputs).</summary>
    public TextWriter Log { get; init; } = TextWriter.Null;

    /// <summary>Where progress goes.</summary>
    public IProgressSink ProgressSink { get; init; } = NullProgressSink.Instance;

    /// <summary>Cancels long runs (Ctrl+C); experiments check it between steps.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>The tables created so far.</summary>
    public IReadOnlyList<ResultTable> Tables => _tables;

    /// <summary>The figures created so far.</summary>
    public IReadOnlyList<Figure> Figures => _figures;

    /// <summary>The claims made so far.</summary>
    public IReadOnlyList<Claim> Claims => _claims;

    /// <summary>The measurements reported so far.</summary>
    public IReadOnlyList<Measurement> Measurements => _measurements;

    /// <summary>Picks the value for the current profile.</summary>
    public T ByProfile<T>(T test, T quick, T full) => Profile switch
    {
        Profile.Test => test,
        Profile.Quick => quick,
        _ => full,
    };

    /// <summary>Starts a progress task of <paramref name="total"/> units.</summary>
    public IProgressTask Progress(string description, double total) => ProgressSink.Start(description, total);

    /// <summary>Creates a result table written as <c>&lt;name&gt;.csv</c> and <c>.json</c>.</summary>
    /// <exception cref="ArgumentException">The name is not a file stem of letters, digits, '-' and '_', or is taken.</exception>
    public ResultTable Table(string name, params string[] columns)
    {
        CheckName(name, "table");
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0) throw new ArgumentException($"Table '{name}' needs at least one column.", nameof(columns));
        foreach (var column in columns)
        {
            if (string.IsNullOrEmpty(column) || column.AsSpan().IndexOfAny(",\"\r\n") >= 0)
                throw new ArgumentException($"Column name '{column}' of table '{name}' is empty or contains a comma, quote or line break.", nameof(columns));
        }
        if (_tables.Exists(t => t.Name == name)) throw new ArgumentException($"A table named '{name}' already exists.", nameof(name));
        var table = new ResultTable(name, columns);
        _tables.Add(table);
        return table;
    }

    /// <summary>Creates a figure written as <c>&lt;name&gt;.png</c> and <c>.svg</c> and embedded in the report.</summary>
    /// <exception cref="ArgumentException">The name is not a file stem of letters, digits, '-' and '_', or is taken.</exception>
    public Figure Plot(string name, string title)
    {
        CheckName(name, "figure");
        ArgumentNullException.ThrowIfNull(title);
        if (_figures.Exists(f => f.Name == name)) throw new ArgumentException($"A figure named '{name}' already exists.", nameof(name));
        var figure = new Figure(name, title);
        _figures.Add(figure);
        return figure;
    }

    /// <summary>States a claim as a measured quantity with its expectation and verdict; returns it.</summary>
    public Claim Claim(string text, double measured, string expected, bool holds)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        ArgumentNullException.ThrowIfNull(expected);
        var claim = new Claim(text, measured, expected, holds);
        _claims.Add(claim);
        Log.WriteLine($"{(holds ? "✓" : "✗")} {text}: measured {Format(measured)}, expected {expected}");
        return claim;
    }

    /// <summary>States the claim that <paramref name="measured"/> lies in [<paramref name="lower"/>, <paramref name="upper"/>].</summary>
    public Claim ClaimWithin(string text, double measured, double lower, double upper) =>
        Claim(text, measured, $"∈ [{Format(lower)}, {Format(upper)}]", measured >= lower && measured <= upper);

    /// <summary>Reports a quantity without a verdict.</summary>
    public Measurement Measure(string name, double value, string unit = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var measurement = new Measurement(name, value, unit ?? "");
        _measurements.Add(measurement);
        Log.WriteLine($"  {name}: {Format(value)}{(string.IsNullOrEmpty(unit) ? "" : " " + unit)}");
        return measurement;
    }

    /// <summary>The path of a checkpoint file named <paramref name="name"/> in the run's <c>checkpoints</c> folder (rank 0 writes it).</summary>
    public string CheckpointPath(string name)
    {
        CheckName(name, "checkpoint");
        string directory = Path.Combine(OutputDirectory, "checkpoints");
        if (Communicator.IsRoot) Directory.CreateDirectory(directory); // only rank 0 writes checkpoints
        return Path.Combine(directory, name + ".ckpt");
    }

    /// <summary>
    /// Ends the run: what was collected, with the status (<see cref="ExperimentStatus.Passed"/> when every claim holds,
    /// else <see cref="ExperimentStatus.ClaimsFailed"/>). When cancellation was requested, the result holds the claims and
    /// measurements made so far but no tables or figures (they would be partial), with status
    /// <see cref="ExperimentStatus.Cancelled"/>.
    /// </summary>
    public ExperimentResult Result()
    {
        if (Cancellation.IsCancellationRequested)
            return new ExperimentResult(_claims.ToArray(), _measurements.ToArray(), [], [], ExperimentStatus.Cancelled);
        var status = _claims.TrueForAll(c => c.Holds) ? ExperimentStatus.Passed : ExperimentStatus.ClaimsFailed;
        return new ExperimentResult(_claims.ToArray(), _measurements.ToArray(), _tables.ToArray(), _figures.ToArray(), status);
    }

    /// <summary>Formats a number for logs and expectations: 4 significant digits, invariant culture.</summary>
    public static string Format(double value) => value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);

    private static void CheckName(string name, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
                throw new ArgumentException($"The {what} name '{name}' may contain only ASCII letters, digits, '-' and '_'.", nameof(name));
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Landscape.Distributed;
using Landscape.Reporting;

namespace Landscape.Experiments;

/// <summary>
/// Runs one experiment into a run directory and writes everything a researcher reads afterwards: the tables (CSV and
/// JSON), every figure as PNG and SVG, <c>manifest.json</c> and <c>report.html</c>, each file atomically. The experiment
/// only collects (through its <see cref="ExperimentContext"/>); the runner is the one place that writes results.
/// </summary>
/// <remarks>
/// <para>Settings. The manifest and the report record the settings the run used: the experiment's properties as they
/// are when <see cref="IExperiment.Run"/> returns (or throws). An experiment that resolves a profile-dependent default
/// (0 or empty meaning "the profile's value") writes the resolved value back to its property, so the record shows the
/// value used, not the placeholder.</para>
/// <para>Outcomes. A run that ends (claims holding or not) writes tables, figures, manifest and report. A cancelled
/// run (the token fires, or the experiment throws <see cref="OperationCanceledException"/> for it) writes no tables or
/// figures, but a manifest and report with status <see cref="ExperimentStatus.Cancelled"/>, and returns normally.</para>
/// <para>Failures. When the experiment throws, no half report is left: the runner writes a complete manifest with
/// status <see cref="ExperimentStatus.Failed"/> and the error (type and message), and a report saying so with the claims
/// made before the failure, then throws <see cref="ExperimentRunFailedException"/> wrapping the original exception so
/// callers can still tell a data error from a bug. Tables and figures are not written for failed or cancelled runs: they
/// would show partial data. A figure that cannot be drawn (e.g. a heat map with non-positive coordinates on a log axis)
/// fails the run the same way, after the tables are written; the manifest lists the files written so far and names the
/// figure in its error.</para>
/// </remarks>
public static class ExperimentRunner
{
    /// <summary>The manifest's file name in the run directory.</summary>
    public const string ManifestFileName = "manifest.json";

    /// <summary>The report's file name in the run directory.</summary>
    public const string ReportFileName = "report.html";

    /// <summary>Runs <paramref name="experiment"/> (configured from <paramref name="descriptor"/>) as <paramref name="options"/> say.</summary>
    /// <exception cref="ExperimentRunFailedException">The experiment threw; the manifest and report record the failure.</exception>
    public static ExperimentRun Run(ExperimentDescriptor descriptor, IExperiment experiment, ExperimentRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.OutputDirectory);
        if (options.Threads is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), $"Threads must be at least 1; it is {options.Threads}.");

        int previousThreads = Parallelism.MaxThreads;
        if (options.Threads is int threads) Parallelism.MaxThreads = threads;
        try
        {
            Communicator communicator = options.Communicator ?? Communicator.World;
            var context = new ExperimentContext(descriptor.Name, options.OutputDirectory, options.Profile, options.Seed, communicator)
            {
                Resume = options.Resume,
                Log = options.Log,
                ProgressSink = options.ProgressSink,
                Cancellation = options.Cancellation,
            };
            var clock = Stopwatch.StartNew();
            var draft = new Manifest
            {
                Experiment = descriptor.Name,
                Summary = descriptor.Summary,
                Seed = options.Seed,
                Profile = options.Profile,
                Threads = Parallelism.MaxThreads,
                Resumed = options.Resume,
                Versions = MachineFacts.Current(),
                Started = DateTimeOffset.UtcNow,
            };
            var run = new Writer(descriptor, experiment, context, draft, clock);

            ExperimentResult result;
            try
            {
                result = experiment.Run(context);
            }
            catch (OperationCanceledException) when (options.Cancellation.IsCancellationRequested)
            {
                result = new ExperimentResult(context.Claims.ToArray(), context.Measurements.ToArray(), [], [], ExperimentStatus.Cancelled);
            }
            catch (Exception e)
            {
                run.Finish(ExperimentStatus.Failed, context.Claims, context.Measurements, [], [], [], e.GetType().Name + ": " + e.Message);
                if (communicator.Size > 1) AbortJob(communicator, descriptor.Name, e);
                throw new ExperimentRunFailedException(descriptor.Name, context.OutputDirectory, e);
            }
            if (result is null)
            {
                var error = new InvalidOperationException($"{descriptor.TypeName}.Run returned null; it must return context.Result().");
                run.Finish(ExperimentStatus.Failed, context.Claims, context.Measurements, [], [], [], error.GetType().Name + ": " + error.Message);
                throw new ExperimentRunFailedException(descriptor.Name, context.OutputDirectory, error);
            }
            if (result.Status is ExperimentStatus.Cancelled or ExperimentStatus.Failed)
                return run.Finish(result, result.Status, [], [], [], null);

            // Under MPI every rank computed the same result; rank 0 alone writes it.
            if (!communicator.IsRoot) return run.Finish(result, result.Status, [], [], [], null);

            // Tables first: they are the data of record, and stay on disk even if a figure cannot be drawn.
            var files = new List<string>();
            foreach (var table in result.Tables)
            {
                try
                {
                    table.Write(context.OutputDirectory);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A full disk or a read-only directory: record how far the run got rather than leave no manifest.
                    run.Finish(ExperimentStatus.Failed, result.Claims, result.Measurements, files, [], [],
                        $"Table '{table.Name}': {e.GetType().Name}: {e.Message}");
                    throw new ExperimentRunFailedException(descriptor.Name, context.OutputDirectory, e);
                }
                files.Add(table.Name + ".csv");
                files.Add(table.Name + ".json");
            }
            var figures = new List<ReportFigure>();
            foreach (var figure in result.Figures)
            {
                try
                {
                    string svg = FigureRenderer.RenderSvg(figure);
                    AtomicFile.WriteAllBytes(Path.Combine(context.OutputDirectory, figure.Name + ".png"), FigureRenderer.RenderPng(figure));
                    AtomicFile.WriteAllText(Path.Combine(context.OutputDirectory, figure.Name + ".svg"), svg);
                    files.Add(figure.Name + ".png");
                    files.Add(figure.Name + ".svg");
                    figures.Add(new ReportFigure(figure, svg));
                }
                catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or InvalidOperationException)
                {
                    // The tables are written; record the figure that could not be drawn rather than leave no manifest.
                    run.Finish(ExperimentStatus.Failed, result.Claims, result.Measurements, files, result.Tables, figures,
                        $"Figure '{figure.Name}': {e.GetType().Name}: {e.Message}");
                    throw new ExperimentRunFailedException(descriptor.Name, context.OutputDirectory, e);
                }
            }
            return run.Finish(result, result.Status, files, result.Tables, figures, null);
        }
        finally
        {
            Parallelism.MaxThreads = previousThreads;
        }
    }

    /// <summary>
    /// Ends the MPI job after <paramref name="error"/> on this rank (rank 0 has recorded it in the manifest): the other
    /// ranks may be waiting in a collective call and would wait forever, and the runner must not go on to the next
    /// experiment on one rank alone. The error goes to standard error, then MPI_Abort.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void AbortJob(Communicator communicator, string experiment, Exception error)
    {
        Console.Error.WriteLine($"error: {experiment} failed on rank {communicator.Rank} of {communicator.Size}; ending the MPI job: {error}");
        Console.Error.Flush();
        communicator.Abort(AbortExitCode);
    }

    /// <summary>The exit code of an MPI job ended by a failure on one of its ranks (the CLI's "unexpected failure").</summary>
    public const int AbortExitCode = 4;

    /// <summary>Completes a run's manifest and writes the report and the manifest.</summary>
    private sealed class Writer(ExperimentDescriptor descriptor, IExperiment experiment, ExperimentContext context, Manifest draft, Stopwatch clock)
    {
        /// <summary>Finishes a run that returned a result.</summary>
        public ExperimentRun Finish(ExperimentResult result, ExperimentStatus status, IReadOnlyList<string> files,
            IReadOnlyList<ResultTable> tables, IReadOnlyList<ReportFigure> figures, string? error)
        {
            Manifest manifest = Finish(status, result.Claims, result.Measurements, files, tables, figures, error, out TimeSpan wall);
            return new ExperimentRun(context.OutputDirectory, result, manifest, wall,
                Path.Combine(context.OutputDirectory, ManifestFileName), Path.Combine(context.OutputDirectory, ReportFileName));
        }

        /// <summary>Finishes a failed run.</summary>
        public void Finish(ExperimentStatus status, IReadOnlyList<Claim> claims, IReadOnlyList<Measurement> measurements,
            IReadOnlyList<string> files, IReadOnlyList<ResultTable> tables, IReadOnlyList<ReportFigure> figures, string? error) =>
            Finish(status, claims, measurements, files, tables, figures, error, out _);

        /// <summary>
        /// Completes the manifest (settings as the experiment holds them now, status, claims, files), writes the report and
        /// then the manifest (the manifest lists the report). <paramref name="wallTime"/> is the elapsed time whose
        /// <see cref="TimeSpan.TotalSeconds"/> the manifest keeps (rebuilding a TimeSpan from those seconds can land one
        /// 100 ns tick lower).
        /// </summary>
        private Manifest Finish(ExperimentStatus status, IReadOnlyList<Claim> claims, IReadOnlyList<Measurement> measurements,
            IReadOnlyList<string> files, IReadOnlyList<ResultTable> tables, IReadOnlyList<ReportFigure> figures, string? error,
            out TimeSpan wallTime)
        {
            var manifest = draft with
            {
                Settings = descriptor.Describe(experiment).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
                Status = status,
                Error = error,
                Claims = claims.ToArray(),
                Measurements = measurements.ToArray(),
                Files = [.. files, ReportFileName],
            };
            // The wall time covers everything up to the report; the report shows the same number the manifest keeps.
            wallTime = clock.Elapsed;
            manifest = manifest with { WallTimeSeconds = wallTime.TotalSeconds };
            if (!context.Communicator.IsRoot) return manifest; // rank 0 writes the report and the manifest
            HtmlReport.Write(Path.Combine(context.OutputDirectory, ReportFileName), manifest, tables, figures);
            manifest.Write(Path.Combine(context.OutputDirectory, ManifestFileName));
            return manifest;
        }
    }
}

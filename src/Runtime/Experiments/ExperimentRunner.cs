using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Landscape.Reporting;

namespace Landscape.Experiments;

/// <summary>
/// Runs one experiment into a run directory and writes everything a researcher reads afterwards: the tables (through
/// <see cref="ExperimentContext.Result"/>), every figure as PNG and SVG, <c>manifest.json</c> and <c>report.html</c>,
/// each file atomically.
/// </summary>
/// <remarks>
/// <para>Outcomes. A run that ends (claims holding or not) writes tables, figures, manifest and report. A cancelled
/// run (the token fires, or the experiment throws <see cref="OperationCanceledException"/> for it) writes no tables or
/// figures, but a manifest and report with status <see cref="RunOutcome.Cancelled"/>, and returns normally.</para>
/// <para>Failures. When the experiment throws, no half report is left: the runner writes a complete manifest with
/// status <see cref="RunOutcome.Failed"/> and the error (type and message), and a report saying so with the claims
/// made before the failure, then throws <see cref="ExperimentRunFailedException"/> wrapping the original exception so
/// callers can still tell a data error from a bug. Figures are not rendered for failed or cancelled runs: they would
/// show partial data with no table behind them. A figure that cannot be drawn (e.g. a heat map with non-positive
/// coordinates on a log axis) fails the run the same way, after the tables are written; the manifest lists the files
/// written so far and names the figure in its error.</para>
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

        var settings = descriptor.Describe(experiment);
        int previousThreads = Parallelism.MaxThreads;
        if (options.Threads is int threads) Parallelism.MaxThreads = threads;
        try
        {
            var context = new ExperimentContext(descriptor.Name, options.OutputDirectory, options.Profile, options.Seed)
            {
                Resume = options.Resume,
                Log = options.Log,
                ProgressSink = options.ProgressSink,
                Cancellation = options.Cancellation,
            };
            var started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var draft = new Manifest
            {
                Experiment = descriptor.Name,
                Summary = descriptor.Summary,
                Settings = settings.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
                Seed = options.Seed,
                Profile = options.Profile,
                Threads = Parallelism.MaxThreads,
                Resumed = options.Resume,
                Versions = MachineFacts.Current(),
                Started = started,
            };

            ExperimentResult result;
            try
            {
                result = experiment.Run(context);
            }
            catch (OperationCanceledException) when (options.Cancellation.IsCancellationRequested)
            {
                result = new ExperimentResult(context.Claims.ToArray(), context.Measurements.ToArray(), [], ExperimentStatus.Cancelled);
            }
            catch (Exception e)
            {
                Finish(draft, context, clock, RunOutcome.Failed, context.Claims, context.Measurements, [], [], e.GetType().Name + ": " + e.Message, out _);
                throw new ExperimentRunFailedException(descriptor.Name, context.OutputDirectory, e);
            }

            if (result.Status == ExperimentStatus.Cancelled)
            {
                var cancelled = Finish(draft, context, clock, RunOutcome.Cancelled, result.Claims, result.Measurements, [], [], null, out TimeSpan cancelledWall);
                return new ExperimentRun(context.OutputDirectory, result, cancelled, cancelledWall,
                    Path.Combine(context.OutputDirectory, ManifestFileName), Path.Combine(context.OutputDirectory, ReportFileName));
            }

            var files = new List<string>(result.Files);
            var figures = new List<ReportFigure>();
            foreach (var figure in context.Figures)
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
                    Finish(draft, context, clock, RunOutcome.Failed, result.Claims, result.Measurements, files, figures,
                        $"Figure '{figure.Name}': {e.GetType().Name}: {e.Message}", out _);
                    throw new ExperimentRunFailedException(descriptor.Name, context.OutputDirectory, e);
                }
            }
            var outcome = result.Status == ExperimentStatus.Passed ? RunOutcome.Passed : RunOutcome.ClaimsFailed;
            var manifest = Finish(draft, context, clock, outcome, result.Claims, result.Measurements, files, figures, null, out TimeSpan wall);
            return new ExperimentRun(context.OutputDirectory, result, manifest, wall,
                Path.Combine(context.OutputDirectory, ManifestFileName), Path.Combine(context.OutputDirectory, ReportFileName));
        }
        finally
        {
            Parallelism.MaxThreads = previousThreads;
        }
    }

    /// <summary>
    /// Completes the manifest, writes the report and then the manifest (the manifest lists the report).
    /// <paramref name="wallTime"/> is the elapsed time whose <see cref="TimeSpan.TotalSeconds"/> the manifest keeps
    /// (rebuilding a TimeSpan from those seconds can land one 100 ns tick lower).
    /// </summary>
    private static Manifest Finish(Manifest draft, ExperimentContext context, Stopwatch clock, RunOutcome outcome,
        IReadOnlyList<Claim> claims, IReadOnlyList<Measurement> measurements, IReadOnlyList<string> files,
        IReadOnlyList<ReportFigure> figures, string? error, out TimeSpan wallTime)
    {
        var manifest = draft with
        {
            Status = outcome,
            Error = error,
            Claims = claims.Select(c => new ManifestClaim(c.Text, c.Measured, c.Expected, c.Holds)).ToArray(),
            Measurements = measurements.Select(m => new ManifestMeasurement(m.Name, m.Value, m.Unit)).ToArray(),
            Files = [.. files, ReportFileName],
        };
        // The wall time covers everything up to the report; the report shows the same number the manifest keeps.
        wallTime = clock.Elapsed;
        manifest = manifest with { WallTimeSeconds = wallTime.TotalSeconds };
        HtmlReport.Write(Path.Combine(context.OutputDirectory, ReportFileName), manifest, figures);
        manifest.Write(Path.Combine(context.OutputDirectory, ManifestFileName));
        return manifest;
    }
}

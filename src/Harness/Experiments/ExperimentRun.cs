using System;
using Landscape.Reporting;

namespace Landscape.Experiments;

/// <summary>A finished run: where it is, what it found, how long it took.</summary>
/// <param name="Directory">The run directory.</param>
/// <param name="Result">The experiment's result (claims, measurements, tables, figures).</param>
/// <param name="Manifest">The manifest written for the run (settings used, status, files, versions, wall time).</param>
/// <param name="WallTime">Wall time of the whole run (experiment, tables, figures, report).</param>
/// <param name="ManifestPath">The path of <c>manifest.json</c>.</param>
/// <param name="ReportPath">The path of <c>report.html</c>.</param>
public sealed record ExperimentRun(string Directory, ExperimentResult Result, Manifest Manifest, TimeSpan WallTime,
    string ManifestPath, string ReportPath)
{
    /// <summary>How the run ended.</summary>
    public ExperimentStatus Status => Manifest.Status;
}

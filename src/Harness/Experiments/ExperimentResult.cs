using System;
using System.Collections.Generic;
using System.Linq;

namespace Landscape.Experiments;

/// <summary>
/// What an experiment produced, as collected by its <see cref="ExperimentContext"/>: claims, measurements, tables,
/// figures and the status. <see cref="ExperimentRunner"/> writes the tables and figures into the run directory.
/// </summary>
public sealed class ExperimentResult
{
    /// <summary>Creates a result.</summary>
    public ExperimentResult(IReadOnlyList<Claim> claims, IReadOnlyList<Measurement> measurements, IReadOnlyList<ResultTable> tables,
        IReadOnlyList<Figure> figures, ExperimentStatus status)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(measurements);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(figures);
        Claims = claims;
        Measurements = measurements;
        Tables = tables;
        Figures = figures;
        Status = status;
    }

    /// <summary>The claims in the order they were made.</summary>
    public IReadOnlyList<Claim> Claims { get; }

    /// <summary>Quantities reported without a verdict.</summary>
    public IReadOnlyList<Measurement> Measurements { get; }

    /// <summary>The result tables, in the order they were created (none for a cancelled run).</summary>
    public IReadOnlyList<ResultTable> Tables { get; }

    /// <summary>The figures, in the order they were created (none for a cancelled run).</summary>
    public IReadOnlyList<Figure> Figures { get; }

    /// <summary>How the run ended.</summary>
    public ExperimentStatus Status { get; }

    /// <summary>
    /// The files the runner writes for this result, relative to the run directory, in the order written: each table as
    /// <c>.csv</c> and <c>.json</c>, then each figure as <c>.png</c> and <c>.svg</c>.
    /// </summary>
    public IReadOnlyList<string> Files =>
        [.. Tables.SelectMany(t => new[] { t.Name + ".csv", t.Name + ".json" }), .. Figures.SelectMany(f => new[] { f.Name + ".png", f.Name + ".svg" })];

    /// <summary>The claims that do not hold.</summary>
    public IEnumerable<Claim> FailedClaims => Claims.Where(c => !c.Holds);
}

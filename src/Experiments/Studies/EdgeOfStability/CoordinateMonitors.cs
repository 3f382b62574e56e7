using System;
using System.Collections.Generic;
using Landscape.Optimization;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

/// <summary>Records the coordinates of the iterate of a low-dimensional objective as trajectory columns (x, y, …).</summary>
internal sealed class CoordinateMonitor(params string[] names) : ITrainingMonitor
{
    /// <inheritdoc/>
    public IReadOnlyList<string> Columns { get; } = names;

    /// <inheritdoc/>
    public void Observe(TrainingContext context, Span<double> values)
    {
        if (context.Parameters.Length != Columns.Count)
            throw new ArgumentException($"The iterate has {context.Parameters.Length} coordinates; the monitor names {Columns.Count}.", nameof(context));
        context.Parameters.CopyTo(values);
    }
}

/// <summary>Computes a dense row-major Hessian at a point (the generated <c>Hessian</c> of an <c>[Objective]</c>).</summary>
internal delegate void DenseHessian(ReadOnlySpan<double> point, Span<double> hessian);

/// <summary>
/// The exact sharpness (largest eigenvalue of the dense Hessian) of a low-dimensional objective at every iterate,
/// column <c>sharpness</c>: the reference value that Lanczos estimates for networks.
/// </summary>
internal sealed class DenseSharpnessMonitor(int dimension, DenseHessian hessian) : ITrainingMonitor
{
    /// <summary>The column name.</summary>
    public const string Column = "sharpness";

    /// <inheritdoc/>
    public IReadOnlyList<string> Columns { get; } = [Column];

    /// <inheritdoc/>
    public void Observe(TrainingContext context, Span<double> values) => values[0] = Sharpness(context.Parameters);

    /// <summary>λ_max of the Hessian at <paramref name="point"/>.</summary>
    public double Sharpness(ReadOnlySpan<double> point)
    {
        var flat = new double[dimension * dimension];
        hessian(point, flat);
        var matrix = new double[dimension, dimension];
        for (int i = 0; i < dimension; i++)
            for (int j = 0; j < dimension; j++) matrix[i, j] = flat[i * dimension + j];
        (double[] eigenvalues, _) = SymmetricEigen.Decompose(matrix);
        double largest = double.NegativeInfinity;
        foreach (double value in eigenvalues) largest = Math.Max(largest, value);
        return largest;
    }
}

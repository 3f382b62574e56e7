using System;
using System.IO;
using Landscape.Reporting;

namespace Landscape.Probes;

/// <summary>
/// Extreme eigenpairs of a Hessian computed by <see cref="Hessian.TopEigenpairs(IModel, System.ReadOnlySpan{double}, Dataset, int, LanczosOptions?)"/>: Ritz values and unit Ritz
/// vectors from Lanczos with full reorthogonalization.
/// </summary>
/// <remarks>
/// <see cref="Values"/> are ordered from the most extreme wanted eigenvalue: descending for
/// <see cref="EigenvalueSelection.Largest"/>, ascending (most negative first) for
/// <see cref="EigenvalueSelection.Smallest"/>, descending |λ| for <see cref="EigenvalueSelection.LargestMagnitude"/>.
/// </remarks>
public sealed class Eigenpairs
{
    internal Eigenpairs(double[] values, double[][] vectors, double[] residuals, int hvpCount, int iterations, bool converged,
                        int seed, EigenvalueSelection which)
    {
        Values = values;
        Vectors = vectors;
        Residuals = residuals;
        HvpCount = hvpCount;
        Iterations = iterations;
        Converged = converged;
        Seed = seed;
        Which = which;
    }

    /// <summary>The Ritz values λᵢ (Rayleigh quotients vᵢᵀHvᵢ of the Ritz vectors), most extreme first.</summary>
    public double[] Values { get; }

    /// <summary>The Ritz vectors vᵢ: unit length, mutually orthogonal to working precision; Vectors[i] belongs to Values[i].</summary>
    public double[][] Vectors { get; }

    /// <summary>
    /// The true residual norms ‖Hvᵢ − λᵢvᵢ‖, each computed with one extra HVP after Lanczos stops (not the Lanczos
    /// estimate |β·sᵢ| that decides convergence).
    /// </summary>
    public double[] Residuals { get; }

    /// <summary>The total number of Hessian-vector products, including the one per pair used for <see cref="Residuals"/>.</summary>
    public int HvpCount { get; }

    /// <summary>The number of Lanczos steps taken (the Krylov basis size).</summary>
    public int Iterations { get; }

    /// <summary>True when every wanted pair met the tolerance by the Lanczos estimate before MaxIterations was reached.</summary>
    public bool Converged { get; }

    /// <summary>The seed of the start vector.</summary>
    public int Seed { get; }

    /// <summary>Which end of the spectrum was computed.</summary>
    public EigenvalueSelection Which { get; }

    /// <summary>Writes one row per pair: <c>index,value,residual</c> (invariant culture, round-trip doubles); vectors are not written.</summary>
    public void ToCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("index,value,residual");
        for (int i = 0; i < Values.Length; i++)
            writer.WriteLine(CsvWriter.Format(i) + "," + CsvWriter.Format(Values[i]) + "," + CsvWriter.Format(Residuals[i]));
    }
}

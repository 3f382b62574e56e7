using System;
using System.IO;
using Landscape.Reporting;

namespace Landscape.Probes;

/// <summary>
/// The spectral density of a Hessian estimated by stochastic Lanczos quadrature (<see cref="Hessian.Density(IModel, System.ReadOnlySpan{double}, Dataset, DensityOptions?)"/>): per
/// probe v (unit norm), the m-step Lanczos tridiagonal T = SΘSᵀ gives nodes θⱼ and weights τⱼ = S₀ⱼ² with
/// Σⱼ τⱼ f(θⱼ) ≈ vᵀf(H)v, exact for polynomials of degree ≤ 2m − 1; averaging over probes estimates tr f(H) / n.
/// </summary>
public sealed class SpectralDensity
{
    internal SpectralDensity(double[][] nodes, double[][] weights, double[] grid, double[] density, double sigma, bool logScale,
                             double negativeWeight, int hvpCount)
    {
        Nodes = nodes;
        Weights = weights;
        Grid = grid;
        Density = density;
        Sigma = sigma;
        LogScale = logScale;
        NegativeWeight = negativeWeight;
        HvpCount = hvpCount;
    }

    /// <summary>Nodes[p][j]: the eigenvalues θⱼ of probe p's Lanczos tridiagonal (ascending; fewer than Steps if the Krylov space was exhausted).</summary>
    public double[][] Nodes { get; }

    /// <summary>Weights[p][j]: the squared first components τⱼ of the tridiagonal's eigenvectors; each probe's weights sum to 1.</summary>
    public double[][] Weights { get; }

    /// <summary>The evenly spaced grid of the smoothed density: λ values, or u = log₁₀|λ| when <see cref="LogScale"/> is true.</summary>
    public double[] Grid { get; }

    /// <summary>
    /// The smoothed density on <see cref="Grid"/>: φ(x) = (1/P) Σₚ Σⱼ τₚⱼ 𝒩(x; xₚⱼ, σ²), where xₚⱼ = θₚⱼ or log₁₀|θₚⱼ|.
    /// The grid extends six σ beyond the outermost node, so its trapezoidal integral is 1 up to the grid resolution.
    /// </summary>
    public double[] Density { get; }

    /// <summary>The Gaussian kernel width σ used, in grid units.</summary>
    public double Sigma { get; }

    /// <summary>Whether the grid is in log₁₀|λ| (negative nodes folded onto their magnitude).</summary>
    public bool LogScale { get; }

    /// <summary>The quadrature weight (1/P) Σₚ Σ_{θₚⱼ &lt; 0} τₚⱼ: the estimated fraction of negative eigenvalues.</summary>
    public double NegativeWeight { get; }

    /// <summary>The number of Hessian-vector products computed.</summary>
    public int HvpCount { get; }

    /// <summary>
    /// The quadrature estimate of the normalized spectral moment tr(Hᵏ)/n = (1/P) Σₚ Σⱼ τₚⱼ θₚⱼᵏ for k = <paramref name="order"/>
    /// (order 0 gives 1). Exact for each probe's vᵀHᵏv when k ≤ 2·Steps − 1, so the error is the Hutchinson sampling error.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> is negative.</exception>
    public double Moments(int order)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        double total = 0.0;
        for (int p = 0; p < Nodes.Length; p++)
        {
            double sum = 0.0;
            for (int j = 0; j < Nodes[p].Length; j++) sum += Weights[p][j] * Math.Pow(Nodes[p][j], order);
            total += sum;
        }
        return total / Nodes.Length;
    }

    /// <summary>Writes the smoothed curve: a header <c>x,density</c> (x is λ or log₁₀|λ|) and one row per grid point (invariant culture, round-trip doubles).</summary>
    public void ToCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(LogScale ? "log10_abs_lambda,density" : "lambda,density");
        for (int i = 0; i < Grid.Length; i++)
            writer.WriteLine(CsvWriter.Format(Grid[i]) + "," + CsvWriter.Format(Density[i]));
    }

    /// <summary>Writes the quadrature: a header <c>probe,node,weight</c> and one row per node (invariant culture, round-trip doubles).</summary>
    public void QuadratureToCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("probe,node,weight");
        for (int p = 0; p < Nodes.Length; p++)
        {
            for (int j = 0; j < Nodes[p].Length; j++)
                writer.WriteLine(CsvWriter.Format(p) + "," + CsvWriter.Format(Nodes[p][j]) + "," + CsvWriter.Format(Weights[p][j]));
        }
    }
}
